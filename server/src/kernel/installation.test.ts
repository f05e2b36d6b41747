import { afterEach, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.ts';
import { migrateToLatest, openDatabase, openMemoryDatabase, type Database } from '../db/database.ts';
import { seedDemoAccounts, seedIfEmpty, seedReferenceData } from '../seed/huizhou.ts';
import { isPostgres, testConfig } from '../testing/harness.ts';
import { createIsolatedPostgresDatabase } from '../testing/postgres.ts';
import { systemClock } from './clock.ts';
import { createContext, type AppContext } from './context.ts';
import { decideInstallationKind, readInstallation, settleInstallation, turnIntoDemoInstallation } from './installation.ts';

const SYSTEM = { id: null, name: '测试' };

/** A migrated database with nothing in it: in memory, or one of its own on PostgreSQL. */
async function openFreshDatabase(): Promise<{ database: Database; ctx: AppContext; close(): Promise<void> }> {
  let database: Database;
  let drop = async () => {};
  if (isPostgres) {
    const isolated = await createIsolatedPostgresDatabase(inject('postgresAdminUrl')!);
    database = await openDatabase({ databaseUrl: isolated.url });
    drop = isolated.drop;
  } else {
    database = await openMemoryDatabase();
  }
  await migrateToLatest(database.db);
  return {
    database,
    ctx: createContext(database, testConfig(), systemClock),
    async close() {
      await database.close();
      await drop();
    },
  };
}

async function demoAccountsAnswer(fresh: { database: Database }) {
  const app = await buildApp(testConfig(), fresh.database);
  try {
    const response = await app.inject({ method: 'GET', url: '/api/auth/demo-accounts' });
    expect(response.statusCode).toBe(200);
    return response.json() as { password: string | null; items: { username: string }[] };
  } finally {
    await app.close();
  }
}

const auditActions = async (ctx: AppContext) => (await ctx.db.selectFrom('audit_events').select('action').orderBy('seq').execute()).map((row) => row.action);

describe('the installation kind decides what is demo', () => {
  let fresh: Awaited<ReturnType<typeof openFreshDatabase>> | undefined;
  afterEach(async () => {
    await fresh?.close();
    fresh = undefined;
  });

  it('a production installation (db seed on a fresh database) publishes no demo accounts, and no SEED_DEMO changes it later', async () => {
    fresh = await openFreshDatabase();
    // Not set up yet: counts as production.
    expect(await readInstallation(fresh.ctx.db)).toBeNull();
    expect(await demoAccountsAnswer(fresh)).toEqual({ password: null, items: [] });

    const { reference } = await seedReferenceData(fresh.ctx);
    expect(reference?.assessmentUnits).toBe(7);
    const settled = await settleInstallation(fresh.ctx, SYSTEM, decideInstallationKind({ by: 'db seed', seedDemo: undefined }));
    expect(settled).toMatchObject({ kind: 'production', isNew: true });
    expect(await fresh.ctx.db.selectFrom('users').select('id').execute()).toEqual([]);
    expect(await fresh.ctx.db.selectFrom('households').select('id').limit(1).execute()).toEqual([]);
    // No generated roster and no demo poverty villages: those are the office's own (people import, regions poverty-villages).
    expect(await fresh.ctx.db.selectFrom('people').select('id').limit(1).execute()).toEqual([]);
    expect(await fresh.ctx.db.selectFrom('poverty_villages').select('village_code').limit(1).execute()).toEqual([]);
    expect(await demoAccountsAnswer(fresh)).toEqual({ password: null, items: [] });

    // A later start asking for the demo finds the recorded kind: it stays production, audited once.
    const again = await settleInstallation(fresh.ctx, SYSTEM, decideInstallationKind({ by: 'server', seedDemo: true, isNewDataDirectory: false }));
    expect(again).toMatchObject({ kind: 'production', isNew: false });
    expect((await auditActions(fresh.ctx)).filter((action) => action.startsWith('installation.'))).toEqual(['installation.create']);
  });

  it('a demo installation publishes the demo accounts', async () => {
    fresh = await openFreshDatabase();
    await seedIfEmpty(fresh.ctx, { demoAccounts: true });
    expect((await readInstallation(fresh.ctx.db))?.kind).toBe('demo');
    const answer = await demoAccountsAnswer(fresh);
    expect(answer.password).toBe('Demo@2017');
    expect(answer.items.map((account) => account.username)).toContain('admin');
  });

  it('demo seed turns a production installation without accounts into a demo, audited with what it was before', async () => {
    fresh = await openFreshDatabase();
    await seedReferenceData(fresh.ctx);
    await settleInstallation(fresh.ctx, SYSTEM, decideInstallationKind({ by: 'db seed', seedDemo: undefined }));
    expect(await turnIntoDemoInstallation(fresh.ctx, SYSTEM)).toEqual({ isNew: true });
    expect((await readInstallation(fresh.ctx.db))?.kind).toBe('demo');
    const event = await fresh.ctx.db.selectFrom('audit_events').select(['before', 'after']).where('action', '=', 'installation.change_kind').executeTakeFirstOrThrow();
    expect(event.before).toMatchObject({ kind: 'production' });
    expect(event.after).toMatchObject({ kind: 'demo' });
    expect(await turnIntoDemoInstallation(fresh.ctx, SYSTEM)).toEqual({ isNew: false });
  });

  it('demo seed refuses a production installation that has accounts, in Chinese, and changes nothing', async () => {
    fresh = await openFreshDatabase();
    await seedReferenceData(fresh.ctx);
    await settleInstallation(fresh.ctx, SYSTEM, decideInstallationKind({ by: 'db seed', seedDemo: undefined }));
    // Accounts of a real office (here made by the demo's own account seeder, which does not touch the kind).
    await seedDemoAccounts(fresh.ctx);
    const eventsBefore = (await auditActions(fresh.ctx)).length;
    await expect(turnIntoDemoInstallation(fresh.ctx, SYSTEM)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/正式安装.*不能载入演示数据/u) });
    expect((await readInstallation(fresh.ctx.db))?.kind).toBe('production');
    expect((await auditActions(fresh.ctx)).length).toBe(eventsBefore);
    expect(await demoAccountsAnswer(fresh)).toEqual({ password: null, items: [] });
  });
});
