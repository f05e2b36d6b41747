import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultExitLineOf } from './registry.exit-criteria.ts';
import { createTestApp, isPostgres, type Session, type TestApp } from '../../testing/harness.ts';
import { loadGeneratedHouseholds } from './registry.generated-output.ts';
import { generateHouseholds } from './registry.generate.ts';
import { recomputeSnapshotHash } from './registry.snapshot.ts';
import { huizhouVillages } from './registry.villages.ts';

const evidence = [
  { kind: 'democratic_review', reference: '村民代表大会决议（2017）第 3 号' },
  { kind: 'public_notice', reference: '村务公开栏公示 7 天' },
  { kind: 'signed_acknowledgement', reference: '户主签字确认书' },
];

// Snapshots hash the whole registry, so this file needs a registry of its own.
describe('registry snapshots, status changes and signals over HTTP', () => {
  let harness: TestApp;
  let admin: Session;
  let huidong: Session;

  beforeAll(async () => {
    harness = await createTestApp({ isolated: true });
    const villages = await huizhouVillages();
    const households = generateHouseholds({ households: 1500, seed: 99, year: 2017, withAnomalies: true, isForFile: false, villages, exitLineOf: defaultExitLineOf });
    await harness.ctx.withRawSession(async (session) => {
      await session.query('BEGIN');
      await loadGeneratedHouseholds(session, harness.ctx.personalData, households);
      await session.query('COMMIT');
    });
    [admin, huidong] = await Promise.all([harness.login('admin'), harness.login('huidong')]);
  });
  afterAll(() => harness.close());

  it('freezes a cut-off snapshot whose hash is stable and which later edits never change (R-R4)', async () => {
    const first = await admin.post('/api/registry/snapshots', { asOf: '2017-12-31' });
    expect(first.statusCode).toBe(201);
    const second = await admin.post('/api/registry/snapshots', { asOf: '2017-12-31' });
    expect(second.json().snapshot.contentHash).toBe(first.json().snapshot.contentHash);
    expect(first.json().snapshot.householdCount).toBeGreaterThan(1000);

    const { id } = first.json().snapshot as { id: number };
    await sql`UPDATE household_incomes SET per_capita_income = per_capita_income + 1000 WHERE household_id = (SELECT min(id) FROM households) AND year = 2017`.execute(harness.ctx.db);
    expect(await recomputeSnapshotHash(harness.ctx.db, id)).toBe(first.json().snapshot.contentHash);
    const third = await admin.post('/api/registry/snapshots', { asOf: '2017-12-31' });
    expect(third.json().snapshot.contentHash).not.toBe(first.json().snapshot.contentHash);
    await expect(sql`UPDATE registry_snapshot_households SET status = 'exited' WHERE snapshot_id = ${id}`.execute(harness.ctx.db)).rejects.toThrow(/immutable/);

    const earlier = await admin.post('/api/registry/snapshots', { asOf: '2016-12-31' });
    const diff = await admin.get(`/api/registry/snapshots/diff?from=${earlier.json().snapshot.id}&to=${id}`);
    expect(diff.statusCode).toBe(200);
    const exitedIn2017 = (diff.json().transitions as { from_status: string; to_status: string; households: number }[]).filter((row) => row.from_status === 'not_exited' && row.to_status === 'exited');
    expect(exitedIn2017.reduce((sum, row) => sum + row.households, 0)).toBeGreaterThan(0);

    expect((await huidong.post('/api/registry/snapshots', { asOf: '2017-12-31' })).statusCode).toBe(403);
    const badDate = await admin.post('/api/registry/snapshots', { asOf: '2017-13-45' });
    expect(badDate.statusCode).toBe(400);
  });

  it('exits a household only with the three pieces of evidence and the criteria met; audited; other counties 404', async () => {
    const candidate = (
      await sql<{ id: number }>`
        SELECT h.id FROM households h JOIN household_incomes i ON i.household_id = h.id AND i.year = 2017
        WHERE h.status = 'not_exited' AND h.county_code = '441323' ORDER BY h.id LIMIT 1`.execute(harness.ctx.db)
    ).rows[0]!;
    const url = `/api/registry/households/${candidate.id}/exit`;
    const noEvidence = await huidong.post(url, { effectiveOn: '2017-11-20', evidence: evidence.slice(0, 2), note: '' });
    expect(noEvidence.statusCode).toBe(422);
    expect(noEvidence.json().error.message).toContain('签字认可');
    const belowLine = await huidong.post(url, { effectiveOn: '2017-11-20', evidence, note: '' });
    expect(belowLine.statusCode).toBe(422);
    expect(belowLine.json().error.message).toMatch(/未达到当年脱贫线|两不愁三保障/);

    await sql`UPDATE household_incomes SET per_capita_income = 9000 WHERE household_id = ${candidate.id} AND year = 2017`.execute(harness.ctx.db);
    await sql`UPDATE households SET food_clothing_secure = true, education_secured = true, medical_secured = true, housing_secured = true WHERE id = ${candidate.id}`.execute(harness.ctx.db);
    const exited = await huidong.post(url, { effectiveOn: '2017-11-20', evidence, note: '经核实达标' });
    expect(exited.statusCode).toBe(200);
    expect(exited.json().household).toMatchObject({ status: 'exited', exitYear: 2017, exitDate: '2017-11-20' });
    expect(exited.json().history.at(-1)).toMatchObject({ toLabel: '已脱贫', effectiveOn: '2017-11-20' });
    const again = await huidong.post(url, { effectiveOn: '2017-11-21', evidence, note: '' });
    expect(again.statusCode).toBe(409);
    const event = await harness.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'household.exit').where('entity_id', '=', String(candidate.id)).executeTakeFirst();
    expect(event?.after).toMatchObject({ status: 'exited', exit_year: 2017 });

    const boluoHousehold = (await sql<{ id: number }>`SELECT id FROM households WHERE county_code = '441322' LIMIT 1`.execute(harness.ctx.db)).rows[0]!;
    expect((await huidong.post(`/api/registry/households/${boluoHousehold.id}/exit`, { effectiveOn: '2017-11-20', evidence, note: '' })).statusCode).toBe(404);
    const thirdParty = await harness.login('thirdparty');
    expect((await thirdParty.post(url.replace('/exit', '/return'), { effectiveOn: '2017-12-01', evidence, note: '' })).statusCode).toBe(403);
  });

  it('lists 数字脱贫 signals with their evidence, within the caller’s scope', async () => {
    const all = (await admin.get('/api/registry/signals?year=2017')).json() as { detectors: { kind: string; total: number; items: { countyName: string }[] }[] };
    expect(all.detectors).toHaveLength(6);
    expect(all.detectors.filter((detector) => detector.total === 0).map((detector) => detector.kind)).toEqual([]);
    const own = (await huidong.get('/api/registry/signals?year=2017')).json() as typeof all;
    expect(own.detectors.flatMap((detector) => detector.items).every((item) => item.countyName === '惠东县')).toBe(true);
    const summary = (await huidong.get('/api/registry/summary?year=2017')).json() as { items: { unitName: string; exits: number; incomeGrowth: number }[] };
    expect(summary.items.map((item) => item.unitName)).toEqual(['惠东县']);
    expect(summary.items[0]!.exits).toBeGreaterThan(0);
    expect(summary.items[0]!.incomeGrowth).toBeGreaterThan(0.04);
    expect(summary.items[0]!.incomeGrowth).toBeLessThan(0.17);

    // 考2: the city's figures by the 7 assessment units, not the 5 administrative counties; a town's by its own name.
    const city = (await admin.get('/api/registry/summary?year=2017')).json() as { items: { unitCode: string; unitName: string; poorHouseholds: number }[] };
    expect(city.items.map((item) => item.unitName)).toEqual(['惠东县', '博罗县', '龙门县', '惠城区', '惠阳区', '大亚湾区', '仲恺高新区']);
    const town = (await (await harness.login('gaotan')).get('/api/registry/summary?year=2017')).json() as typeof city;
    expect(town.items.map((item) => item.unitName)).toEqual(['惠东县高潭镇']);
    expect(town.items[0]!.poorHouseholds).toBeLessThan(city.items[0]!.poorHouseholds);
    // 惠阳区 (the county 441303) is the units 惠阳区 and 大亚湾区 together.
    const totalOf = async (query: string) => ((await admin.get(`/api/registry/households?${query}&pageSize=1`)).json() as { total: number }).total;
    const [dayawan, huiyang, county] = await Promise.all([totalOf('unitCode=DYW'), totalOf('unitCode=HY'), totalOf('countyCode=441303')]);
    expect(dayawan).toBeGreaterThan(0);
    expect(dayawan + huiyang).toBe(county);
  });

  it('gives each detector its total and pages through its cases; bad paging parameters are refused with the field named', async () => {
    type Page = { detectors: { kind: string; total: number; offset: number; limit: number; items: { householdId: number; householdNo: string; countyName: string }[] }[] };
    const overview = (await admin.get('/api/registry/signals?year=2017&limit=0')).json() as Page;
    expect(overview.detectors).toHaveLength(6);
    expect(overview.detectors.every((detector) => detector.items.length === 0 && detector.total > 0)).toBe(true);
    const firstPages = (await admin.get('/api/registry/signals?year=2017&limit=3')).json() as Page;
    expect(firstPages.detectors.map((detector) => detector.total)).toEqual(overview.detectors.map((detector) => detector.total));
    expect(firstPages.detectors.every((detector) => detector.items.length === Math.min(3, detector.total))).toBe(true);

    const kind = 'exit_without_guarantees';
    const total = overview.detectors.find((detector) => detector.kind === kind)!.total;
    expect(total).toBeGreaterThan(7);
    const paged: Page['detectors'][number]['items'] = [];
    for (let offset = 0; offset < total; offset += 7) {
      const page = (await admin.get(`/api/registry/signals?year=2017&kind=${kind}&offset=${offset}&limit=7`)).json() as Page;
      expect(page.detectors).toHaveLength(1);
      expect(page.detectors[0]).toMatchObject({ kind, total, offset, limit: 7 });
      paged.push(...page.detectors[0]!.items);
    }
    expect(paged).toHaveLength(total);
    expect(new Set(paged.map((item) => item.householdId)).size).toBe(total);
    const whole = (await admin.get(`/api/registry/signals?year=2017&kind=${kind}&limit=500`)).json() as Page;
    expect(paged).toEqual(whole.detectors[0]!.items);
    const beyond = (await admin.get(`/api/registry/signals?year=2017&kind=${kind}&offset=${total + 10}&limit=5`)).json() as Page;
    expect(beyond.detectors[0]).toMatchObject({ total, items: [] });

    const own = (await huidong.get(`/api/registry/signals?year=2017&kind=${kind}&limit=500`)).json() as Page;
    expect(own.detectors[0]!.total).toBe(whole.detectors[0]!.items.filter((item) => item.countyName === '惠东县').length);

    for (const [query, field] of [
      ['limit=501', 'limit'],
      ['limit=abc', 'limit'],
      ['offset=-1', 'offset'],
      ['kind=nonsense', 'kind'],
      ['countyCode=4413', 'countyCode'],
    ] as const) {
      const refused = await admin.get(`/api/registry/signals?year=2017&${query}`);
      expect(refused.statusCode, query).toBe(400);
      expect(refused.json().error.code).toBe('VALIDATION_FAILED');
      expect(refused.json().error.message, query).toContain(field);
    }
  });

  it('exports all of a detector’s cases as CSV with the 身份证号 masked, within the caller’s scope', async () => {
    const kind = 'exits_bunched_before_cutoff';
    const listed = (await admin.get(`/api/registry/signals?year=2017&kind=${kind}&limit=500`)).json() as { detectors: { total: number; items: { householdNo: string }[] }[] };
    const response = await admin.get(`/api/registry/signals/export.csv?year=2017&kind=${kind}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('年底突击脱贫'));
    expect(response.body.startsWith('\uFEFF信号,户编号,户主姓名,户主身份证号（脱敏）')).toBe(true);
    const lines = response.body.trim().split('\r\n').slice(1);
    expect(lines).toHaveLength(listed.detectors[0]!.total);
    expect(lines.map((line) => line.split(',')[1])).toEqual(listed.detectors[0]!.items.map((item) => item.householdNo));
    const cells = lines[0]!.split(',');
    expect(cells[0]).toBe('年底突击脱贫');
    expect(cells[3]).toMatch(/^\d{6}\*+[\dX]{4}$/);
    expect(cells[8]).toMatch(/脱贫；本村当年脱贫 \d+ 户，其中 \d+ 户集中在截止日前 14 天内/);
    // No unmasked 身份证号 anywhere in the file.
    expect(response.body).not.toMatch(/\d{17}[\dX]/);

    // A county user's file: its own county's cases only, as many as its list shows.
    const ownOverview = (await huidong.get('/api/registry/signals?year=2017&limit=0')).json() as { detectors: { kind: string; total: number }[] };
    const ownKind = ownOverview.detectors.find((detector) => detector.total > 0)!;
    const everywhere = await admin.get(`/api/registry/signals/export.csv?year=2017&kind=${ownKind.kind}`);
    const own = await huidong.get(`/api/registry/signals/export.csv?year=2017&kind=${ownKind.kind}`);
    const ownLines = own.body.trim().split('\r\n').slice(1);
    expect(ownLines).toHaveLength(ownKind.total);
    expect(ownLines.every((line) => line.split(',')[4] === '惠东县')).toBe(true);
    expect(ownLines.length).toBeLessThan(everywhere.body.trim().split('\r\n').length - 1);

    const thirdParty = await harness.login('thirdparty');
    const minimal = await thirdParty.get(`/api/registry/signals/export.csv?year=2017&kind=${kind}`);
    expect(minimal.statusCode).toBe(200);
    expect(minimal.body.trim().split('\r\n').slice(1).every((line) => /^.\*+$/.test(line.split(',')[2]!))).toBe(true);

    const noKind = await admin.get('/api/registry/signals/export.csv?year=2017');
    expect(noKind.statusCode).toBe(400);
    expect(noKind.json().error.message).toContain('kind');
    const noCriteria = await admin.get(`/api/registry/signals/export.csv?year=2030&kind=${kind}`);
    expect(noCriteria.statusCode).toBe(404);
    expect(noCriteria.json().error.message).toContain('2030');
  });

  it('shows a household’s flags on its page, computed for that household alone', async () => {
    const flagged = (await admin.get('/api/registry/signals?year=2017&kind=exit_then_return&limit=2')).json() as { detectors: { items: { householdId: number; evidence: unknown }[] }[] };
    for (const item of flagged.detectors[0]!.items) {
      const detail = (await admin.get(`/api/registry/households/${item.householdId}`)).json() as { flags: { kind: string; evidence: unknown }[] };
      expect(detail.flags.find((flag) => flag.kind === 'exit_then_return')?.evidence).toEqual(item.evidence);
    }
  });

  it.runIf(isPostgres)('two concurrent status changes of one household: exactly one wins (PostgreSQL)', async () => {
    const exitedHousehold = (await sql<{ id: number }>`SELECT id FROM households WHERE status = 'exited' AND county_code = '441323' ORDER BY id LIMIT 1`.execute(harness.ctx.db)).rows[0]!;
    const url = `/api/registry/households/${exitedHousehold.id}`;
    const responses = await Promise.all([
      admin.post(`${url}/return`, { effectiveOn: '2017-12-20', evidence, note: '' }),
      admin.post(`${url}/return`, { effectiveOn: '2017-12-21', evidence, note: '' }),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
  });
});
