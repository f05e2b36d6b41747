import { loadConfig, type Config } from '../config.ts';

// A fixed personal-data key, so that every test process (and the shared PostgreSQL database) agrees.
const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

/** Configuration for tests: quiet, no login rate limit to trip over, no web app, a fixed data key. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '100000', DATA_KEY: TEST_DATA_KEY },
    { webDistDir: '/nonexistent', ...overrides },
  );
}
