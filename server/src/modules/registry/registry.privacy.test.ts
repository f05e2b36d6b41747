import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, maskName } from '../../kernel/privacy.ts';
import { demoAccounts } from '../../seed/huizhou.data.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { defaultExitLineOf } from './registry.exit-criteria.ts';
import { loadGeneratedHouseholds } from './registry.generated-output.ts';
import { generateHouseholds, type GeneratedHousehold } from './registry.generate.ts';
import { huizhouVillages } from './registry.villages.ts';

type Member = { id: number; name: string; idNumber: string | null; birthYear: number | null; phone?: unknown };

// One masking policy (R-R6): what any role is shown of a person never combines into what is withheld.
describe('personal data in the registry: shown parts never rebuild the hidden ones', () => {
  let harness: TestApp;
  let households: GeneratedHousehold[];
  let household: GeneratedHousehold;
  let householdId: number;
  const sessions = new Map<string, Session>();

  beforeAll(async () => {
    harness = await createTestApp({ isolated: true });
    const villages = await huizhouVillages();
    households = [...generateHouseholds({ households: 200, seed: 31, year: 2017, withAnomalies: false, isForFile: false, villages, exitLineOf: defaultExitLineOf })];
    await harness.ctx.withRawSession(async (session) => {
      await session.query('BEGIN');
      await loadGeneratedHouseholds(session, harness.ctx.personalData, households);
      await session.query('COMMIT');
    });
    // A household of 高潭镇, 惠东县: visible to the city, to 惠东县 and to the town.
    household = households.find((candidate) => candidate.villageCode.startsWith('441323118') && candidate.members.length >= 2)!;
    const row = await harness.ctx.db.selectFrom('households').select('id').where('household_no', '=', household.householdNo).executeTakeFirstOrThrow();
    householdId = Number(row.id);
    for (const account of demoAccounts) sessions.set(account.username, await harness.login(account.username));
  });
  afterAll(() => harness.close());

  it('finding 1: no role gets a birth date beside the masked 身份证号 — the reply never holds the hidden digits 7–14', async () => {
    let seen = 0;
    for (const [username, session] of sessions) {
      const response = await session.get(`/api/registry/households/${householdId}`);
      if (response.statusCode === 404) continue;
      expect(response.statusCode, username).toBe(200);
      seen += 1;
      const members = response.json().members as Member[];
      for (const generated of household.members) {
        const hidden = generated.idNumber.slice(6, 14);
        const birthDate = `${hidden.slice(0, 4)}-${hidden.slice(4, 6)}-${hidden.slice(6, 8)}`;
        expect(response.body, username).not.toContain(generated.idNumber);
        expect(response.body, username).not.toContain(hidden);
        expect(response.body, username).not.toContain(birthDate);
        const shown = members.find((member) => member.name === generated.name || member.name === maskName(generated.name))!;
        expect(shown.birthYear).toBe(Number(hidden.slice(0, 4)));
        expect(shown).not.toHaveProperty('birthDate');
        expect(shown.idNumber).toBe(username === 'thirdparty' ? null : maskIdNumber(generated.idNumber));
      }
    }
    // The city's roles, 惠东县 and 高潭镇 at least.
    expect(seen).toBeGreaterThanOrEqual(10);
  });

  it('the office administrator alone reveals a full 身份证号, audited', async () => {
    const detail = await sessions.get('admin')!.get(`/api/registry/households/${householdId}`);
    const member = (detail.json().members as Member[])[0]!;
    const revealed = await sessions.get('admin')!.post(`/api/registry/members/${member.id}/reveal`, {});
    expect(revealed.statusCode).toBe(200);
    expect(household.members.map((one) => one.idNumber)).toContain(revealed.json().idNumber);
    const refused = await sessions.get('staff')!.post(`/api/registry/members/${member.id}/reveal`, {});
    expect(refused.statusCode).toBe(403);
  });

  it('finding 6: a third party is shown 张** and its search matches only that — a full name confirms nothing', async () => {
    const thirdParty = sessions.get('thirdparty')!;
    const byFullName = await thirdParty.get(`/api/registry/households?q=${encodeURIComponent(household.headName)}`);
    expect(byFullName.statusCode).toBe(200);
    expect(byFullName.json().total).toBe(0);
    const picker = await thirdParty.get(`/api/households/search?q=${encodeURIComponent(household.headName)}`);
    expect(picker.json().items).toEqual([]);
    const byGivenName = await thirdParty.get(`/api/households/search?q=${encodeURIComponent(household.headName.slice(1))}`);
    expect(byGivenName.json().items).toEqual([]);
    const byMemberId = await thirdParty.get(`/api/households/search?q=${household.members[0]!.idNumber}`);
    expect(byMemberId.json().items).toEqual([]);

    const byShownName = await thirdParty.get(`/api/registry/households?q=${encodeURIComponent(maskName(household.headName))}&pageSize=100`);
    const found = byShownName.json().items as { householdNo: string; headName: string }[];
    expect(found.map((item) => item.householdNo)).toContain(household.householdNo);
    for (const item of found) expect(item.headName).toMatch(/^.\*+$/u);
    const byNumber = await thirdParty.get(`/api/households/search?q=${household.householdNo}`);
    expect(byNumber.json().items).toEqual([expect.objectContaining({ householdNo: household.householdNo, headName: maskName(household.headName), headIdMasked: null })]);

    // Everyone else sees the whole name and finds the household by it.
    const county = await sessions.get('huidong')!.get(`/api/registry/households?q=${encodeURIComponent(household.headName)}`);
    expect((county.json().items as { householdNo: string }[]).map((item) => item.householdNo)).toContain(household.householdNo);
  });
});
