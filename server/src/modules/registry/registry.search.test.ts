import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../kernel/privacy.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { defaultExitLineOf } from './registry.exit-criteria.ts';
import { loadGeneratedHouseholds } from './registry.generated-output.ts';
import { generateHouseholds, type GeneratedHousehold } from './registry.generate.ts';
import { huizhouVillages } from './registry.villages.ts';

type Match = { id: number; householdNo: string; headName: string; headIdMasked: string; villageCode: string; place: string; status: string; statusLabel: string };

const HUIDONG_COUNTY = '441323';

// A registry of its own, so that the matches below are exactly the households loaded here.
describe('GET /api/households/search — the household picker', () => {
  let harness: TestApp;
  let staff: Session;
  let huidong: Session;
  let households: GeneratedHousehold[];
  let inHuidong: GeneratedHousehold;
  let elsewhere: GeneratedHousehold;

  beforeAll(async () => {
    harness = await createTestApp({ isolated: true });
    const villages = await huizhouVillages();
    households = [...generateHouseholds({ households: 300, seed: 18, year: 2017, withAnomalies: false, isForFile: false, villages, exitLineOf: defaultExitLineOf })];
    await harness.ctx.withRawSession(async (session) => {
      await session.query('BEGIN');
      await loadGeneratedHouseholds(session, harness.ctx.personalData, households);
      await session.query('COMMIT');
    });
    inHuidong = households.find((household) => household.villageCode.startsWith(HUIDONG_COUNTY))!;
    elsewhere = households.find((household) => household.villageCode.startsWith('441324'))!;
    [staff, huidong] = await Promise.all([harness.login('staff'), harness.login('huidong')]);
  });
  afterAll(() => harness.close());

  async function search(session: Session, q: string): Promise<Match[]> {
    const response = await session.get(`/api/households/search?q=${encodeURIComponent(q)}`);
    expect(response.statusCode).toBe(200);
    return response.json().items as Match[];
  }

  const headOf = (household: GeneratedHousehold) => household.members.find((member) => member.relation === 'head')!;

  it('finds a household by its number, with the head, the place and the masked ID number', async () => {
    const [match, ...others] = await search(staff, inHuidong.householdNo);
    expect(others).toEqual([]);
    expect(match).toMatchObject({
      householdNo: inHuidong.householdNo,
      headName: inHuidong.headName,
      headIdMasked: maskIdNumber(headOf(inHuidong).idNumber),
      villageCode: inHuidong.villageCode,
    });
    expect(match!.place).toContain('惠东县');
    expect(match!.headIdMasked).not.toContain(headOf(inHuidong).idNumber.slice(6, 14));
  });

  it("finds a household by a member's full 身份证号: whole (by its hash, audited) for the office administrator, by its visible part for everyone else", async () => {
    const member = inHuidong.members.at(-1)!;
    const admin = await harness.login('admin');
    const exact = await admin.get(`/api/households/search?q=${member.idNumber}`);
    expect(exact.statusCode).toBe(200);
    expect((exact.json().items as Match[]).map((item) => item.householdNo)).toEqual([inHuidong.householdNo]);
    expect(exact.body).not.toContain(member.idNumber);
    const audited = await harness.ctx.db.selectFrom('audit_events').select(['entity_id', 'after']).where('action', '=', 'household_member.look_up_id').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(audited.entity_id).toBe(maskIdNumber(member.idNumber));
    expect(JSON.stringify(audited)).not.toContain(member.idNumber);

    // The staff member sees only the first six and last four characters, so that is all the search can match on:
    // every household returned has a member whose masked number is the typed one's, whatever the hidden middle.
    const visible = await staff.get(`/api/households/search?q=${member.idNumber}`);
    const items = visible.json().items as Match[];
    expect(items.map((item) => item.householdNo)).toContain(inHuidong.householdNo);
    const maskedOfEach = items.map((item) => households.find((household) => household.householdNo === item.householdNo)!.members.map((one) => maskIdNumber(one.idNumber)));
    for (const masked of maskedOfEach) expect(masked).toContain(maskIdNumber(member.idNumber));
    expect(visible.body).not.toContain(member.idNumber);
    expect(visible.body).not.toContain(headOf(inHuidong).idNumber);
  });

  it('finds households by name and by the last digits of a masked ID number; at most 20, exact matches first', async () => {
    const byName = await search(staff, inHuidong.headName);
    expect(byName[0]).toMatchObject({ householdNo: inHuidong.householdNo, headName: inHuidong.headName });
    const idTail = headOf(inHuidong).idNumber.slice(-4);
    const byTail = await search(staff, idTail);
    expect(byTail.map((item) => item.householdNo)).toContain(inHuidong.householdNo);
    const bySurname = await search(staff, inHuidong.headName.slice(0, 1));
    expect(bySurname.length).toBeGreaterThan(0);
    expect(bySurname.length).toBeLessThanOrEqual(20);
    const broad = await search(staff, '4413');
    expect(broad).toHaveLength(20);
  });

  it("keeps to the actor's scope: 惠东县 finds its own households, not 龙门县's", async () => {
    expect((await search(huidong, inHuidong.householdNo)).map((item) => item.householdNo)).toEqual([inHuidong.householdNo]);
    expect(await search(huidong, elsewhere.householdNo)).toEqual([]);
    expect(await search(huidong, headOf(elsewhere).idNumber)).toEqual([]);
    expect((await search(staff, elsewhere.householdNo)).map((item) => item.householdNo)).toEqual([elsewhere.householdNo]);
  });

  it('an empty or overlong search is 400 in Chinese naming the field', async () => {
    const empty = await staff.get('/api/households/search?q=%20');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('q');
    expect((await staff.get('/api/households/search')).statusCode).toBe(400);
    expect((await staff.get(`/api/households/search?q=${'张'.repeat(41)}`)).statusCode).toBe(400);
    expect((await harness.app.inject({ method: 'GET', url: '/api/households/search?q=张' })).statusCode).toBe(401);
  });
});
