import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJob } from '../kernel/jobs.ts';
import { defaultExitLineOf } from '../modules/registry/registry.exit-criteria.ts';
import { loadGeneratedHouseholds } from '../modules/registry/registry.generated-output.ts';
import { generateHouseholds } from '../modules/registry/registry.generate.ts';
import { huizhouVillages } from '../modules/registry/registry.villages.ts';
import { createTestApp, type TestApp } from '../testing/harness.ts';
import { seedDemoData } from './demo.ts';
import { DEMO_REGISTRY, DemoRegistryIncomplete, seedDemoRegistry } from './huizhou.ts';

class SimulatedCrash extends Error {}

async function registryCounts(harness: TestApp) {
  const result = await sql<{ households: number; distinctNumbers: number; members: number; distinctIds: number }>`
    SELECT (SELECT count(*) FROM households)::int AS households, (SELECT count(DISTINCT household_no) FROM households)::int AS "distinctNumbers",
      (SELECT count(*) FROM household_members)::int AS members, (SELECT count(DISTINCT id_hash) FROM household_members)::int AS "distinctIds"`.execute(harness.ctx.db);
  return result.rows[0]!;
}

const countOf = async (harness: TestApp, table: 'supervision_plans' | 'inspections') =>
  Number((await harness.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

// The demo generation needs an empty registry and no supervision work: on PostgreSQL a database of its own.
describe('the demo registry is a job that resumes after an interruption; the demo activity waits for it', () => {
  let harness: TestApp;
  beforeAll(async () => {
    harness = await createTestApp({ isolated: true });
  });
  afterAll(() => harness?.close());

  it('stops after its first batch, says what is there and what is missing, and plays no demo activity on the partial registry', async () => {
    const attempt = seedDemoData(harness.ctx, harness.app, {
      onBatch: () => {
        throw new SimulatedCrash('进程在第一批之后被终止');
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(DemoRegistryIncomplete);
    await expect(attempt).rejects.toThrow(/已载入 2,500 \/ 15,188 户，尚缺 12,688 户；下次启动服务器或运行 npx dukao demo seed 时从中断处继续/u);
    expect(await registryCounts(harness)).toMatchObject({ households: 2500, distinctNumbers: 2500 });
    const job = await findJob(harness.ctx.db, 'demo_registry', 'demo-registry-2017');
    expect(job).toMatchObject({ status: 'failed', progress: { households: 2500, target: DEMO_REGISTRY.households } });
    expect(await countOf(harness, 'supervision_plans')).toBe(0);
    expect(await findJob(harness.ctx.db, 'demo_activity', 'demo-activity-2017')).toBeUndefined();
  });

  it('after a kill (the job left running), the next start loads the rest exactly once, then plays the demo activity', async () => {
    // What kill -9 leaves behind: the job still marked running, its committed batches in place.
    await harness.ctx.db.updateTable('jobs').set({ status: 'running', finished_at: null, failure: null }).where('id', '=', 'demo-registry-2017').execute();

    const { registry, activity } = await seedDemoData(harness.ctx, harness.app);
    expect(registry).toMatchObject({ state: 'generated', households: DEMO_REGISTRY.households, resumedFrom: 2500 });
    const counts = await registryCounts(harness);
    expect(counts).toMatchObject({ households: 15_188, distinctNumbers: 15_188 });
    expect(counts.distinctIds).toBe(counts.members);
    expect(registry.state === 'generated' && registry.members).toBe(counts.members);
    expect(activity.state).toBe('played');
    expect(await countOf(harness, 'supervision_plans')).toBe(1);
    const seeded = await harness.ctx.db.selectFrom('audit_events').select('after').where('action', '=', 'seed.demo_registry').execute();
    expect(seeded).toHaveLength(1);
    expect(seeded[0]!.after).toMatchObject({ households: 15_188, resumedFrom: 2500 });
  });

  it('a later start finds both complete and adds nothing', async () => {
    const before = await registryCounts(harness);
    const { registry, activity } = await seedDemoData(harness.ctx, harness.app);
    expect(registry).toMatchObject({ state: 'complete', households: 15_188 });
    expect(activity).toEqual({ state: 'complete' });
    expect(await registryCounts(harness)).toEqual(before);
    expect(await countOf(harness, 'supervision_plans')).toBe(1);
    expect(await countOf(harness, 'inspections')).toBe(1);
  });
});

describe('a registry the demo generation did not write', () => {
  let harness: TestApp;
  beforeAll(async () => {
    harness = await createTestApp({ isolated: true });
  });
  afterAll(() => harness?.close());

  it('is left alone, and the demo activity is not played on it', async () => {
    // A real office's first household, loaded the way the generator's own households are.
    const villages = await huizhouVillages();
    const [household] = [...generateHouseholds({ households: 1, seed: 99, year: 2017, withAnomalies: false, isForFile: false, villages, exitLineOf: defaultExitLineOf })];
    await harness.ctx.withRawSession(async (session) => {
      await session.query('BEGIN');
      await loadGeneratedHouseholds(session, harness.ctx.personalData, [household!]);
      await session.query('COMMIT');
    });
    const { registry, activity } = await seedDemoData(harness.ctx, harness.app);
    expect(registry).toEqual({ state: 'not_generated', households: 1 });
    expect(activity.state).toBe('not_played');
    expect(await seedDemoRegistry(harness.ctx)).toEqual({ state: 'not_generated', households: 1 });
    expect(await countOf(harness, 'supervision_plans')).toBe(0);
  });
});
