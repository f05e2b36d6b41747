import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject as injectProvided } from 'vitest';
import { buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import { testConfig } from './config.ts';
import { migrateToLatest, openDatabase, openMemoryDatabase, type Database } from '../db/database.ts';
import { fixedClock, systemClock, type Clock } from '../kernel/clock.ts';
import { createContext, type AppContext } from '../kernel/context.ts';
import { DEMO_PASSWORD } from '../seed/huizhou.data.ts';
import { seedIfEmpty } from '../seed/huizhou.ts';
import { createIsolatedPostgresDatabase } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by the global set-up when the suite runs on PostgreSQL: a migrated, seeded database for this run. */
    postgresUrl: string | null;
    /** The server URL TEST_DATABASE_URL pointed at, for tests that need a database of their own. */
    postgresAdminUrl: string | null;
  }
}

export const isPostgres = process.env.DUKAO_TEST_DB === 'postgres';

export type TestApp = {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  clock: Clock;
  login(username: string, password?: string): Promise<Session>;
  close(): Promise<void>;
};

export type Session = {
  username: string;
  csrfToken: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
};


/**
 * A real application on a real database: a fresh in-memory PGlite seeded with the Huizhou data,
 * or — when the suite runs on PostgreSQL — the run's shared seeded database (or, with
 * `isolated`, a database of its own, for tests that damage what they touch).
 */
export async function createTestApp(options: { isolated?: boolean; config?: Partial<Config>; clock?: Clock } = {}): Promise<TestApp> {
  const clock = options.clock ?? systemClock;
  const config = testConfig(options.config);
  let database: Database;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (isPostgres) {
    if (options.isolated) {
      const isolated = await createIsolatedPostgresDatabase(requireProvided('postgresAdminUrl'));
      database = await openDatabase({ databaseUrl: isolated.url });
      dropDatabase = isolated.drop;
    } else {
      database = await openDatabase({ databaseUrl: requireProvided('postgresUrl') });
    }
  } else {
    database = await openMemoryDatabase();
  }
  const ctx = createContext(database, config, clock);
  await migrateToLatest(database.db);
  await seedIfEmpty(ctx, { demoAccounts: true });
  const app = await buildApp(config, database, clock);

  async function login(username: string, password = DEMO_PASSWORD): Promise<Session> {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
    const sessionCookie = response.cookies.find((cookie) => cookie.name === 'dukao_session');
    const { csrfToken } = response.json() as { csrfToken: string };
    const cookies = { dukao_session: sessionCookie?.value ?? '' };
    const request = (requestOptions: InjectOptions) =>
      app.inject({ ...requestOptions, cookies: { ...cookies, ...(requestOptions.cookies ?? {}) }, headers: { 'x-csrf-token': csrfToken, ...(requestOptions.headers ?? {}) } });
    return {
      username,
      csrfToken,
      request,
      get: (url) => request({ method: 'GET', url }),
      post: (url, body) => request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as Record<string, unknown> }) }),
    };
  }

  return {
    app,
    ctx,
    database,
    clock,
    login,
    async close() {
      await app.close();
      await database.close();
      await dropDatabase?.();
    },
  };
}

function requireProvided(key: 'postgresUrl' | 'postgresAdminUrl'): string {
  const value = injectProvided(key);
  if (!value) throw new Error(`the PostgreSQL global set-up did not provide ${key}`);
  return value;
}

export { fixedClock };
export { testConfig };
