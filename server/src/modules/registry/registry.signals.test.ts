import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultExitLineOf } from './registry.exit-criteria.ts';
import { createTestApp, isPostgres, type TestApp } from '../../testing/harness.ts';
import { loadGeneratedHouseholds } from './registry.generated-output.ts';
import { anomalyKinds, generateHouseholds, type AnomalyKind } from './registry.generate.ts';
import { runDetectors, runDetectorsForHousehold, signalParametersFor } from './registry.signals.ts';
import { sql } from 'kysely';
import { huizhouVillages } from './registry.villages.ts';


// Generated data with planted 数字脱贫 cases, loaded straight into an empty registry; each detector is
// measured against what was planted. PGlite only: the registry must be empty, and one run is enough.
describe.skipIf(isPostgres)('数字脱贫 detectors on generated data (R-R7)', () => {
  let harness: TestApp;
  const planted = new Map<AnomalyKind, Set<string>>(anomalyKinds.map((kind) => [kind, new Set<string>()]));
  let householdCount = 0;

  beforeAll(async () => {
    harness = await createTestApp();
    const villages = await huizhouVillages();
    const households = [...generateHouseholds({ households: 12_000, seed: 20171231, year: 2017, withAnomalies: true, isForFile: false, villages, exitLineOf: defaultExitLineOf })];
    for (const household of households) if (household.planted) planted.get(household.planted)!.add(household.householdNo);
    householdCount = households.length;
    await harness.ctx.withRawSession(async (session) => {
      await session.query('BEGIN');
      await loadGeneratedHouseholds(session, harness.ctx.personalData, households);
      await session.query('COMMIT');
    });
  });
  afterAll(() => harness.close());

  it('finds each planted pattern with recall ≥ 0.95 at a false-positive rate ≤ 5 %', async () => {
    const results = await runDetectors(harness.ctx.db, await signalParametersFor(harness.ctx.db, 2017));
    const lines: string[] = [];
    for (const kind of anomalyKinds) {
      const flagged = new Set((results.get(kind) ?? []).map((row) => row.household_no));
      const expected = planted.get(kind)!;
      const found = [...expected].filter((householdNo) => flagged.has(householdNo)).length;
      const falsePositives = [...flagged].filter((householdNo) => !expected.has(householdNo)).length;
      const recall = found / expected.size;
      const falsePositiveRate = falsePositives / (householdCount - expected.size);
      lines.push(`${kind.padEnd(28)} planted ${String(expected.size).padStart(4)}  flagged ${String(flagged.size).padStart(4)}  recall ${recall.toFixed(3)}  false-positive rate ${(falsePositiveRate * 100).toFixed(2)} %`);
      expect(expected.size, kind).toBeGreaterThan(20);
      expect(recall, kind).toBeGreaterThanOrEqual(0.95);
      expect(falsePositiveRate, kind).toBeLessThanOrEqual(0.05);
    }
    console.log(`\n数字脱贫 detectors on ${householdCount} generated households:\n${lines.join('\n')}`);
  });

  it('gives one household the same flags, with the same evidence, as the whole-registry run', async () => {
    const parameters = await signalParametersFor(harness.ctx.db, 2017);
    const whole = await runDetectors(harness.ctx.db, parameters);
    const flagsOf = new Map<number, Map<AnomalyKind, unknown>>();
    for (const [kind, rows] of whole) {
      for (const row of rows) {
        const id = Number(row.household_id);
        if (!flagsOf.has(id)) flagsOf.set(id, new Map());
        flagsOf.get(id)!.set(kind, row.evidence);
      }
    }
    // Every 97th household, plus the first 12 flagged by each detector, plus unflagged neighbours in the villages
    // of bunched exits (flagged by village, so the per-household statement must see the whole village).
    const sample = new Set<number>(
      (await sql<{ id: number }>`SELECT id FROM households WHERE id % 97 = 0 ORDER BY id`.execute(harness.ctx.db)).rows.map((row) => Number(row.id)),
    );
    for (const rows of whole.values()) for (const row of rows.slice(0, 12)) sample.add(Number(row.household_id));
    const bunched = (whole.get('exits_bunched_before_cutoff') ?? []).map((row) => Number(row.household_id));
    const neighbours = await sql<{ id: number }>`
      SELECT n.id FROM households n JOIN households b ON b.village_code = n.village_code AND b.id = ANY(${bunched.slice(0, 20)}::bigint[])
      WHERE n.exit_year = 2017 AND n.id <> ALL(${bunched}::bigint[]) ORDER BY n.id LIMIT 20`.execute(harness.ctx.db);
    for (const row of neighbours.rows) sample.add(Number(row.id));
    expect(neighbours.rows.length).toBeGreaterThan(0);
    expect(sample.size).toBeGreaterThan(150);

    let flaggedInSample = 0;
    for (const id of sample) {
      const own = await runDetectorsForHousehold(harness.ctx.db, parameters, id);
      const expected = flagsOf.get(id) ?? new Map<AnomalyKind, unknown>();
      expect([...own.keys()].sort(), `household ${id}`).toEqual([...expected.keys()].sort());
      for (const [kind, row] of own) expect(row.evidence, `household ${id} ${kind}`).toEqual(expected.get(kind));
      if (own.size > 0) flaggedInSample += 1;
    }
    expect(flaggedInSample).toBeGreaterThanOrEqual(anomalyKinds.length * 12);
  });

  it('gives realistic data: mean household size about 2.3, illness the leading cause', async () => {
    const stats = await harness.ctx.db
      .selectFrom('households')
      .select((eb) => [eb.fn.avg<string>('member_count').as('mean_size'), eb.fn.countAll<string>().as('households')])
      .executeTakeFirstOrThrow();
    expect(Number(stats.mean_size)).toBeGreaterThan(2.1);
    expect(Number(stats.mean_size)).toBeLessThan(2.5);
    const causes = await harness.ctx.db.selectFrom('households').select(['main_cause', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('main_cause').orderBy('n', 'desc').execute();
    expect(causes[0]?.main_cause).toBe('illness');
    const illnessShare = Number(causes[0]!.n) / Number(stats.households);
    expect(illnessShare).toBeGreaterThan(0.3);
    expect(illnessShare).toBeLessThan(0.4);
    const counties = await harness.ctx.db.selectFrom('households').select(['county_code', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('county_code').execute();
    const inPovertyTaskCounties = counties.filter((row) => ['441322', '441323', '441324'].includes(row.county_code)).reduce((sum, row) => sum + Number(row.n), 0);
    expect(inPovertyTaskCounties / Number(stats.households)).toBeGreaterThan(0.9);
  });
});
