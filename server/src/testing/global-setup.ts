import type { TestProject } from 'vitest/node';
import { testConfig } from './config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { systemClock } from '../kernel/clock.ts';
import { createContext } from '../kernel/context.ts';
import { seedIfEmpty } from '../seed/huizhou.ts';
import { createIsolatedPostgresDatabase } from './postgres.ts';

/**
 * On PostgreSQL, one migrated and seeded database serves the whole run; test files add their
 * own records to it. TEST_DATABASE_URL being set but unreachable fails the run — it never skips.
 */
export default async function setup(project: TestProject) {
  if (process.env.DUKAO_TEST_DB !== 'postgres') {
    project.provide('postgresUrl', null);
    project.provide('postgresAdminUrl', null);
    return;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('DUKAO_TEST_DB=postgres needs TEST_DATABASE_URL');
  const isolated = await createIsolatedPostgresDatabase(adminUrl);
  const database = await openDatabase({ databaseUrl: isolated.url });
  try {
    await migrateToLatest(database.db);
    const config = testConfig();
    await seedIfEmpty(createContext(database, config, systemClock), { demoAccounts: true });
  } finally {
    await database.close();
  }
  project.provide('postgresUrl', isolated.url);
  project.provide('postgresAdminUrl', adminUrl);
  return () => isolated.drop();
}
