import { loadConfig, type Config } from '../config.ts';

// A fixed personal-data key, so that every test process (and the shared PostgreSQL database) agrees.
const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * Configuration for tests: quiet, no web app, a fixed data key, and a login back-off that only the tests of it
 * (which set their own) reach — every test file signs in from the same address.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_KEY: TEST_DATA_KEY, LOGIN_BACKOFF_AFTER: '1000' },
    { webDistDir: '/nonexistent', ...overrides },
  );
}
