import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

type Status = 'not_exited' | 'exited' | 'returned' | 'removed';
type CountyRow = { unitCode: string; unitName: string; poorHouseholds: number; poorPeople: number; exits: number; exitsFailingCriteria: number; meanIncome: number | null };
type Summary = { year: number; basis: { kind: 'snapshot' | 'live'; asOf: string; hash?: string }; items: CountyRow[] };

const evidence = [
  { kind: 'democratic_review', reference: '村民代表大会决议' },
  { kind: 'public_notice', reference: '村务公开栏公示 7 天' },
];

// The 指标概览 figures of a year as of its 31 December: from the dated status history (or a household's own fields
// when it has none), and from the frozen snapshot once one is taken. Its own registry: the figures cover every household.
describe('registry indicators as of the year (R-R2, R-R4)', () => {
  let harness: TestApp;
  let admin: Session;
  let huidong: Session;
  const ids: Record<string, number> = {};

  /** A household of two people in 惠东县 (or the county given), its status history and its 2017 and 2018 incomes. */
  async function addHousehold(
    key: string,
    household: { identifiedYear: number; status: Status; exitDate?: string; history: [Status, string][]; income2017?: number; countyCode?: string },
  ) {
    const village = (
      await sql<{ code: string }>`SELECT code FROM regions WHERE level = 'village' AND county_code = ${household.countyCode ?? '441323'} ORDER BY code LIMIT 1`.execute(harness.ctx.db)
    ).rows[0]!.code;
    const exitDate = household.exitDate ?? null;
    const inserted = await harness.ctx.db
      .insertInto('households')
      .values({
        household_no: `IND-${key}`,
        village_code: village,
        town_code: village.slice(0, 9),
        county_code: village.slice(0, 6),
        head_name: `测试${key}`,
        attribute: 'general',
        identification_standard: '省定相对贫困标准',
        identified_year: household.identifiedYear,
        status: household.status,
        exit_year: exitDate ? Number(exitDate.slice(0, 4)) : null,
        exit_date: exitDate,
        main_cause: 'illness',
        other_causes: [],
        has_safe_water: true,
        has_electricity: true,
        has_sanitary_toilet: true,
        food_clothing_secure: true,
        education_secured: true,
        medical_secured: true,
        housing_secured: true,
        member_count: 2,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(inserted.id);
    ids[key] = id;
    for (const [index, relation] of (['head', 'spouse'] as const).entries()) {
      await harness.ctx.db
        .insertInto('household_members')
        .values({
          household_id: id,
          name: `测试${key}${index}`,
          id_cipher: 'not-a-real-cipher',
          id_hash: `indicators-${key}-${index}`,
          id_masked: '441323********001X',
          sex: index === 0 ? 'male' : 'female',
          birth_date: '1960-01-01',
          relation,
          ethnicity: '汉族',
          education: '小学',
          schooling: '非在校生',
          health: 'healthy',
          labour_ability: 'normal',
          migrant_months: 0,
          has_dibao: false,
          has_medical_insurance: true,
          has_pension_insurance: true,
        })
        .execute();
    }
    let from: Status | null = null;
    for (const [to, effectiveOn] of household.history) {
      await harness.ctx.db
        .insertInto('household_status_changes')
        .values({ household_id: id, from_status: from, to_status: to, effective_on: effectiveOn, recorded_at: new Date(`${effectiveOn}T10:00:00+08:00`), actor_name: '测试', evidence: '[]', note: '' })
        .execute();
      from = to;
    }
    const income = (year: number, perCapita: number) => ({
      household_id: id,
      year,
      wage_income: perCapita * 2,
      production_income: 0,
      property_income: 0,
      transfer_income: 0,
      production_costs: 0,
      per_capita_income: perCapita,
    });
    await harness.ctx.db.insertInto('household_incomes').values([income(2017, household.income2017 ?? 9000), income(2018, 9500)]).execute();
  }

  const huidongRow = (summary: Summary) => summary.items.find((row) => row.unitCode === 'HD')!;
  const summaryOf = async (session: Session, query: string) => {
    const response = await session.get(`/api/registry/summary?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Summary;
  };

  beforeAll(async () => {
    harness = await createTestApp({ isolated: true });
    // Poor at the end of 2017, exited in 2018.
    await addHousehold('exit2018', { identifiedYear: 2016, status: 'exited', exitDate: '2018-06-01', history: [['not_exited', '2016-01-01'], ['exited', '2018-06-01']] });
    // Identified in 2018: not in the 2017 registry at all.
    await addHousehold('new2018', { identifiedYear: 2018, status: 'not_exited', history: [['not_exited', '2018-01-01']] });
    // Exited in 2016, returned in 2018: not poor in 2017, poor again in 2018.
    await addHousehold('return2018', {
      identifiedYear: 2016,
      status: 'returned',
      exitDate: '2016-08-01',
      history: [['not_exited', '2016-01-01'], ['exited', '2016-08-01'], ['returned', '2018-03-01']],
    });
    // Exited and returned within 2017: poor at the end of 2017, no exit of 2017.
    await addHousehold('return2017', {
      identifiedYear: 2016,
      status: 'returned',
      exitDate: '2017-05-01',
      history: [['not_exited', '2016-01-01'], ['exited', '2017-05-01'], ['returned', '2017-09-01']],
    });
    // Removed (清退) in 2018: poor in 2017 only.
    await addHousehold('removed2018', { identifiedYear: 2016, status: 'removed', history: [['not_exited', '2016-01-01'], ['removed', '2018-04-01']] });
    // No history rows at all: its own fields stand in (identified 2016, exited 2018-02-01).
    await addHousehold('nohistory', { identifiedYear: 2016, status: 'exited', exitDate: '2018-02-01', history: [] });
    // No history, identified 2018: not in 2017.
    await addHousehold('nohistory2018', { identifiedYear: 2018, status: 'not_exited', history: [] });
    // Exited in 2017 with an income below the line: an exit of 2017 that fails the criteria.
    await addHousehold('exit2017', { identifiedYear: 2016, status: 'exited', exitDate: '2017-11-01', history: [['not_exited', '2016-01-01'], ['exited', '2017-11-01']], income2017: 5000 });
    // Another county, for the scope of a county user.
    await addHousehold('boluo', { identifiedYear: 2016, status: 'not_exited', history: [['not_exited', '2016-01-01']], countyCode: '441322' });
    [admin, huidong] = await Promise.all([harness.login('admin'), harness.login('huidong')]);
  });
  afterAll(() => harness.close());

  it('counts the households poor at the end of the chosen year, from the status history', async () => {
    const year2017 = await summaryOf(admin, 'year=2017');
    expect(year2017.basis).toEqual({ kind: 'live', asOf: '2017-12-31' });
    // Poor at the end of 2017: exit2018, return2017, removed2018, nohistory; exit2017 and return2018 were exited; the 2018 ones not yet registered.
    expect(huidongRow(year2017)).toMatchObject({ poorHouseholds: 4, poorPeople: 8, exits: 1, exitsFailingCriteria: 1 });
    // Means over the 6 households registered by then: five at 9000, exit2017 at 5000.
    expect(huidongRow(year2017).meanIncome).toBeCloseTo((5 * 9000 + 5000) / 6, 2);

    const year2018 = await summaryOf(admin, 'year=2018');
    // Poor at the end of 2018: new2018, return2018 (from its return), return2017, nohistory2018; exited in 2018: exit2018, nohistory.
    expect(huidongRow(year2018)).toMatchObject({ poorHouseholds: 4, poorPeople: 8, exits: 2, exitsFailingCriteria: 0 });
    expect(year2018.items.find((row) => row.unitCode === 'BL')).toMatchObject({ poorHouseholds: 1 });

    // Not yet identified at the end of 2015: nobody.
    const year2015 = await summaryOf(admin, 'year=2015');
    expect(year2015.items.every((row) => row.poorHouseholds === 0 && row.exits === 0)).toBe(true);

    const own = await summaryOf(huidong, 'year=2017');
    expect(own.items.map((row) => row.unitCode)).toEqual(['HD']);
  });

  it('reads a frozen 31 December snapshot once one exists, unchanged by later edits of the live registry', async () => {
    const live = await summaryOf(admin, 'year=2017');
    const taken = await admin.post('/api/registry/snapshots', { asOf: '2017-12-31' });
    expect(taken.statusCode).toBe(201);
    const snapshot = taken.json().snapshot as { contentHash: string; householdCount: number };
    // The households registered by the end of 2017, including the one without history.
    expect(snapshot.householdCount).toBe(7);

    const frozen = await summaryOf(admin, 'year=2017');
    expect(frozen.basis).toMatchObject({ kind: 'snapshot', asOf: '2017-12-31', hash: snapshot.contentHash });
    expect(frozen.items).toEqual(live.items);

    // Later edits: exit2017 returns effective 2017-12-20 (recorded now), return2017's 2017 income rises.
    const returned = await admin.post(`/api/registry/households/${ids.exit2017}/return`, { effectiveOn: '2017-12-20', evidence, note: '核查发现' });
    expect(returned.statusCode, returned.body).toBe(200);
    await sql`UPDATE household_incomes SET per_capita_income = 12000 WHERE household_id = ${ids.return2017} AND year = 2017`.execute(harness.ctx.db);

    const after = await summaryOf(admin, 'year=2017');
    expect(after.basis).toMatchObject({ kind: 'snapshot', hash: snapshot.contentHash });
    expect(after.items).toEqual(frozen.items);

    const relived = await summaryOf(admin, 'year=2017&basis=live');
    expect(relived.basis).toEqual({ kind: 'live', asOf: '2017-12-31' });
    expect(huidongRow(relived)).toMatchObject({ poorHouseholds: 5, exits: 0, exitsFailingCriteria: 0 });
    expect(huidongRow(relived).meanIncome).toBeCloseTo((4 * 9000 + 5000 + 12000) / 6, 2);

    // A county user reads the same snapshot within its own county.
    const own = await summaryOf(huidong, 'year=2017');
    expect(own.basis.kind).toBe('snapshot');
    expect(own.items).toEqual(frozen.items.filter((row) => row.unitCode === 'HD'));

    // 2018 has no snapshot: still live.
    expect((await summaryOf(admin, 'year=2018')).basis).toEqual({ kind: 'live', asOf: '2018-12-31' });
  });

  it('refuses a bad year or basis with the field named', async () => {
    const badBasis = await admin.get('/api/registry/summary?year=2017&basis=frozen');
    expect(badBasis.statusCode).toBe(400);
    expect(badBasis.json().error.message).toContain('basis');
    const badYear = await admin.get('/api/registry/summary?year=17');
    expect(badYear.statusCode).toBe(400);
    expect(badYear.json().error.message).toContain('year');
  });
});
