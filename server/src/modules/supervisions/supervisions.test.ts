import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUnit, createUser } from '../../testing/factories.ts';
import { createTestApp, fixedClock, isPostgres, type Session, type TestApp } from '../../testing/harness.ts';

type Detail = {
  supervision: { id: number; status: string; type: string; actions: string[]; report: string | null; target: { name: string; kind: string } };
  team: { personId: number; role: string }[];
};
type CoverageItem = { kind: string; assessmentUnitCode: string | null; unitId: number | null; name: string; isCovered: boolean; comprehensiveCount: number };
type Coverage = { year: number; total: number; coveredCount: number; items: CoverageItem[]; notCovered: CoverageItem[] };

const clock = fixedClock(new Date('2017-04-10T02:00:00Z'));
const powerSupplyBureau = '广东电网有限责任公司惠州供电局';

describe('supervisions 督查 (督6–10)', () => {
  let harness: TestApp;
  let admin: Session;
  let staff: Session;
  let leader: Session;
  let longmen: Session;
  let huidong: Session;
  let assist: Session;
  let planId: number;

  beforeAll(async () => {
    harness = await createTestApp({ clock });
    [admin, staff, leader, longmen, huidong, assist] = await Promise.all([
      harness.login('admin'),
      harness.login('staff'),
      harness.login('leader'),
      harness.login('longmen'),
      harness.login('huidong'),
      harness.login('assist'),
    ]);
    const plan = await staff.post('/api/supervision-plans', { year: 2017, title: '2017年度脱贫攻坚督查计划' });
    expect(plan.statusCode).toBe(201);
    planId = plan.json().id as number;
  });
  afterAll(() => harness.close());

  async function eventsFor(entityType: string, id: number) {
    return harness.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'before', 'after'])
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', String(id))
      .orderBy('seq')
      .execute();
  }

  async function unitIdByName(name: string): Promise<number> {
    return (await harness.ctx.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  }

  type Target = { targetAssessmentUnitCode: string } | { targetUnitId: number };

  async function propose(target: Target = { targetAssessmentUnitCode: 'LM' }, type = 'comprehensive', plan = planId): Promise<number> {
    const response = await staff.post('/api/supervisions', { planId: plan, type, ...target, topic: '脱贫攻坚责任落实情况综合督查', plannedStart: '2017-05-01', plannedEnd: '2017-05-20' });
    expect(response.statusCode).toBe(201);
    return (response.json() as Detail).supervision.id;
  }

  async function approved(target?: Target, type?: string, plan?: number): Promise<number> {
    const id = await propose(target, type, plan);
    expect((await admin.post(`/api/supervisions/${id}/approve`, {})).statusCode).toBe(200);
    return id;
  }

  /** A leader and a member from leading-group member units outside 龙门县, each with an account. */
  async function teamPeople() {
    const leaderPerson = await createPerson(harness.ctx, { rank: 'division', homeRegionCode: '441323' });
    const memberPerson = await createPerson(harness.ctx, { homeRegionCode: '441302' });
    const leaderUser = await createUser(harness.ctx, { role: 'team_leader', personId: leaderPerson.id });
    const memberUser = await createUser(harness.ctx, { role: 'team_member', personId: memberPerson.id });
    return { leaderPerson, memberPerson, teamLeader: await harness.login(leaderUser.username), teamMember: await harness.login(memberUser.username) };
  }

  async function withTeam() {
    const id = await approved();
    const people = await teamPeople();
    expect((await staff.post(`/api/supervisions/${id}/form-team`, { leaderId: people.leaderPerson.id, memberIds: [people.memberPerson.id] })).statusCode).toBe(200);
    return { id, ...people };
  }

  async function inField() {
    const context = await withTeam();
    expect((await context.teamLeader.post(`/api/supervisions/${context.id}/start-field-work`, {})).statusCode).toBe(200);
    return context;
  }

  it('seeds the 2017 责任清单 of 第九条: eight key areas with the sub-items the article lists', async () => {
    const areas = (await staff.get('/api/supervision-checklist-items?year=2017')).json().areas as { code: string; title: string; items: { code: string; title: string }[] }[];
    expect(areas.map((area) => area.code)).toEqual(['9.1', '9.2', '9.3', '9.4', '9.5', '9.6', '9.7', '9.8']);
    expect(areas[0]!.title).toBe('脱贫攻坚责任落实情况');
    expect(areas.map((area) => area.items.length)).toEqual([4, 3, 4, 2, 4, 2, 4, 4]);
    expect(areas[6]!.items.map((item) => item.title)).toContain('确保专款专用及资金使用效益情况');
  });

  describe('the annual plan (第六条)', () => {
    it('the office drafts one plan a year; the office head approves it; others are refused; a second approval is 409; audited', async () => {
      const created = await staff.post('/api/supervision-plans', { year: 2018, title: '2018年度督查计划' });
      expect(created.statusCode).toBe(201);
      const plan = created.json() as { id: number; status: string; actions: string[] };
      expect(plan).toMatchObject({ status: 'draft', actions: [] });
      const duplicate = await admin.post('/api/supervision-plans', { year: 2018, title: '重复' });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json().error.message).toContain('year');
      expect((await leader.post('/api/supervision-plans', { year: 2019, title: '越权' })).statusCode).toBe(403);
      expect((await staff.post(`/api/supervision-plans/${plan.id}/approve`, {})).statusCode).toBe(403);
      expect((await longmen.post(`/api/supervision-plans/${plan.id}/approve`, {})).statusCode).toBe(404);
      const approvedPlan = await admin.post(`/api/supervision-plans/${plan.id}/approve`, {});
      expect(approvedPlan.statusCode).toBe(200);
      expect(approvedPlan.json()).toMatchObject({ status: 'approved', actions: [] });
      expect((await admin.post(`/api/supervision-plans/${plan.id}/approve`, {})).statusCode).toBe(409);
      const events = await eventsFor('supervision_plan', plan.id);
      expect(events.map((event) => event.action)).toEqual(['supervision_plan.create', 'supervision_plan.approve']);
      expect(events[1]).toMatchObject({ before: { status: 'draft' }, after: { status: 'approved' } });
    });
  });

  describe('propose (office, 第八条)', () => {
    it('office staff may propose a 综合督查 of a county or an assistance unit; audited; awaits the office head', async () => {
      const id = await propose();
      const forStaff = (await staff.get(`/api/supervisions/${id}`)).json() as Detail;
      expect(forStaff.supervision).toMatchObject({ status: 'proposed', type: 'comprehensive', actions: [], target: { name: '龙门县', kind: 'assessment_unit' } });
      expect(((await admin.get(`/api/supervisions/${id}`)).json() as Detail).supervision.actions).toEqual(['approve']);
      expect((await eventsFor('supervision', id)).map((event) => event.action)).toEqual(['supervision.propose']);
      const unitSupervision = await propose({ targetUnitId: await unitIdByName(powerSupplyBureau) }, 'special');
      expect(((await staff.get(`/api/supervisions/${unitSupervision}`)).json() as Detail).supervision.target).toMatchObject({ kind: 'assistance_unit', name: powerSupplyBureau });
    });

    it('a county user or a city leader may not propose', async () => {
      const body = { planId, type: 'comprehensive', targetAssessmentUnitCode: 'LM', topic: '越权' };
      expect((await longmen.post('/api/supervisions', body)).statusCode).toBe(403);
      expect((await leader.post('/api/supervisions', body)).statusCode).toBe(403);
    });

    it('bad input is a 400 naming the field in Chinese', async () => {
      const both = await staff.post('/api/supervisions', { planId, type: 'comprehensive', targetAssessmentUnitCode: 'LM', targetUnitId: 1, topic: '督查' });
      expect(both.statusCode).toBe(400);
      expect(both.json().error.message).toContain('须且只能选择一个督查对象');
      const badType = await staff.post('/api/supervisions', { planId, type: 'routine', targetAssessmentUnitCode: 'LM', topic: '督查' });
      expect(badType.statusCode).toBe(400);
      expect(badType.json().error.message).toContain('type');
      const unknownUnit = await staff.post('/api/supervisions', { planId, type: 'comprehensive', targetAssessmentUnitCode: 'XX', topic: '督查' });
      expect(unknownUnit.statusCode).toBe(400);
      expect(unknownUnit.json().error.message).toContain('targetAssessmentUnitCode');
      const office = await unitIdByName('惠州市扶贫开发领导小组办公室');
      const notAssisting = await staff.post('/api/supervisions', { planId, type: 'comprehensive', targetUnitId: office, topic: '督查' });
      expect(notAssisting.statusCode).toBe(400);
      expect(notAssisting.json().error.message).toContain('不是帮扶单位');
      const unknownPlan = await staff.post('/api/supervisions', { planId: 2147480000, type: 'comprehensive', targetAssessmentUnitCode: 'LM', topic: '督查' });
      expect(unknownPlan.statusCode).toBe(400);
      expect(unknownPlan.json().error.message).toContain('planId');
    });
  });

  describe('approve (the office head, 第六条)', () => {
    it('office_admin approves; office staff may not; a second approval is 409; audited', async () => {
      const id = await propose();
      expect((await staff.post(`/api/supervisions/${id}/approve`, {})).statusCode).toBe(403);
      const ok = await admin.post(`/api/supervisions/${id}/approve`, {});
      expect(ok.statusCode).toBe(200);
      expect((ok.json() as Detail).supervision.status).toBe('approved');
      const again = await admin.post(`/api/supervisions/${id}/approve`, {});
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('INVALID_STATE');
      const events = await eventsFor('supervision', id);
      expect(events.map((event) => event.action)).toEqual(['supervision.propose', 'supervision.approve']);
      expect(events[1]).toMatchObject({ before: { status: 'proposed' }, after: { status: 'approved' } });
    });
  });

  describe('form the team (第七条, 第五条)', () => {
    it('refuses before approval (409) and other roles (403)', async () => {
      const id = await propose();
      const { leaderPerson, memberPerson } = await teamPeople();
      const early = await staff.post(`/api/supervisions/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [memberPerson.id] });
      expect(early.statusCode).toBe(409);
      expect((await admin.post(`/api/supervisions/${id}/approve`, {})).statusCode).toBe(200);
      expect((await leader.post(`/api/supervisions/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [memberPerson.id] })).statusCode).toBe(403);
    });

    it('refuses a person from a unit outside the leading group, citing 第七条; nothing of the attempt remains', async () => {
      const id = await approved();
      const { leaderPerson } = await teamPeople();
      const outsider = await createPerson(harness.ctx, { unitId: await unitIdByName(powerSupplyBureau), name: `供电局干部${Date.now()}` });
      const refused = await staff.post(`/api/supervisions/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [outsider.id] });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({ code: 'RULE_VIOLATION', details: { rule: '督7', personId: outsider.id } });
      expect(refused.json().error.message).toContain('根据《督查巡查办法》第七条，督查组组长和工作人员从市扶贫开发领导小组成员单位抽调');
      expect(refused.json().error.message).toContain(`${outsider.name}所在的${powerSupplyBureau}不是领导小组成员单位`);
      const detail = (await staff.get(`/api/supervisions/${id}`)).json() as Detail;
      expect(detail.supervision.status).toBe('approved');
      expect(detail.team).toEqual([]);
      expect((await eventsFor('supervision', id)).map((event) => event.action)).toEqual(['supervision.propose', 'supervision.approve']);
    });

    it('refuses a member from the supervised county (交叉督查, 第五条)', async () => {
      const id = await approved({ targetAssessmentUnitCode: 'LM' });
      const { leaderPerson } = await teamPeople();
      const local = await createPerson(harness.ctx, { homeRegionCode: '441324100', name: `龙门籍干部${Date.now()}` });
      const refused = await staff.post(`/api/supervisions/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [local.id] });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({ code: 'RULE_VIOLATION', details: { rule: '督5', personId: local.id } });
      expect(refused.json().error.message).toContain('根据《督查巡查办法》第五条（交叉督查）');
      expect(refused.json().error.message).toContain('籍贯地/户籍地（龙门县麻榨镇）位于被督查的龙门县，不得参加对龙门县的督查');
    });

    it('forms a team with one leader (组长负责制); audited; a second team is 409; bad input 400', async () => {
      const id = await approved();
      const { leaderPerson, memberPerson } = await teamPeople();
      const twice = await staff.post(`/api/supervisions/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [leaderPerson.id] });
      expect(twice.statusCode).toBe(400);
      expect(twice.json().error.message).toContain('组长不能同时列为成员');
      const unknown = await staff.post(`/api/supervisions/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [2147480000] });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.message).toContain('memberIds');
      const formed = await staff.post(`/api/supervisions/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [memberPerson.id] });
      expect(formed.statusCode).toBe(200);
      const detail = formed.json() as Detail;
      expect(detail.supervision.status).toBe('team_formed');
      expect(detail.team.map((member) => [member.personId, member.role])).toEqual([
        [leaderPerson.id, 'leader'],
        [memberPerson.id, 'member'],
      ]);
      expect((await eventsFor('supervision', id)).map((event) => event.action)).toEqual([
        'supervision.propose',
        'supervision.approve',
        'supervision.formTeam',
        'supervision_team.form',
      ]);
      expect((await staff.post(`/api/supervisions/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [memberPerson.id] })).statusCode).toBe(409);
    });

    it('a supervision of an assistance unit takes people from any county, but still only from leading-group member units', async () => {
      const id = await approved({ targetUnitId: await unitIdByName(powerSupplyBureau) });
      const longmenUnit = await createUnit(harness.ctx, { regionCode: '441324' });
      const longmenCadre = await createPerson(harness.ctx, { rank: 'division', unitId: longmenUnit.id, homeRegionCode: '441324' });
      expect((await staff.post(`/api/supervisions/${id}/form-team`, { leaderId: longmenCadre.id })).statusCode).toBe(200);
    });
  });

  describe('field work, report and close', () => {
    it('start: the team’s own leader may, a member may not, another team’s leader does not see it; wrong state 409; audited', async () => {
      const { id, teamLeader, teamMember } = await withTeam();
      const other = await teamPeople();
      expect(((await teamLeader.get(`/api/supervisions/${id}`)).json() as Detail).supervision.actions).toEqual(['startFieldWork']);
      expect((await teamMember.post(`/api/supervisions/${id}/start-field-work`, {})).statusCode).toBe(403);
      expect((await other.teamLeader.post(`/api/supervisions/${id}/start-field-work`, {})).statusCode).toBe(404);
      expect((await teamLeader.post(`/api/supervisions/${id}/start-field-work`, {})).statusCode).toBe(200);
      expect((await teamLeader.post(`/api/supervisions/${id}/start-field-work`, {})).statusCode).toBe(409);
      expect((await eventsFor('supervision', id)).at(-1)).toMatchObject({ action: 'supervision.startFieldWork', after: { status: 'in_field' } });
    });

    it('submit the report: the team leader may, the office and members may not; wrong state 409; audited', async () => {
      const { id, teamLeader, teamMember } = await inField();
      expect((await staff.post(`/api/supervisions/${id}/submit-report`, { report: '报告' })).statusCode).toBe(403);
      expect((await teamMember.post(`/api/supervisions/${id}/submit-report`, { report: '报告' })).statusCode).toBe(403);
      const empty = await teamLeader.post(`/api/supervisions/${id}/submit-report`, { report: ' ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.message).toContain('report');
      const submitted = await teamLeader.post(`/api/supervisions/${id}/submit-report`, { report: '一、督查基本情况……' });
      expect(submitted.statusCode).toBe(200);
      expect((submitted.json() as Detail).supervision).toMatchObject({ status: 'report_submitted', report: '一、督查基本情况……' });
      expect((await teamLeader.post(`/api/supervisions/${id}/submit-report`, { report: '再交' })).statusCode).toBe(409);
      expect((await eventsFor('supervision', id)).at(-1)).toMatchObject({ action: 'supervision.submitReport', after: { status: 'report_submitted' } });
    });

    it('close: the office may, the city leader may not; before the report 409; audited', async () => {
      const { id, teamLeader } = await inField();
      expect((await staff.post(`/api/supervisions/${id}/close`, {})).statusCode).toBe(409);
      expect((await teamLeader.post(`/api/supervisions/${id}/submit-report`, { report: '报告' })).statusCode).toBe(200);
      expect((await leader.post(`/api/supervisions/${id}/close`, {})).statusCode).toBe(403);
      const closed = await staff.post(`/api/supervisions/${id}/close`, {});
      expect(closed.statusCode).toBe(200);
      expect((closed.json() as Detail).supervision.status).toBe('closed');
      expect((await staff.post(`/api/supervisions/${id}/close`, {})).statusCode).toBe(409);
      expect((await eventsFor('supervision', id)).at(-1)).toMatchObject({ action: 'supervision.close', after: { status: 'closed' } });
    });
  });

  describe('who sees a supervision', () => {
    it('the county and the assistance unit see their own only once approved, never others’, and never the report', async () => {
      const id = await propose({ targetAssessmentUnitCode: 'LM' });
      expect((await longmen.get(`/api/supervisions/${id}`)).statusCode).toBe(404);
      expect((await admin.post(`/api/supervisions/${id}/approve`, {})).statusCode).toBe(200);
      expect((await longmen.get(`/api/supervisions/${id}`)).statusCode).toBe(200);
      expect(((await longmen.get('/api/supervisions')).json().items as { id: number }[]).map((item) => item.id)).toContain(id);
      expect((await huidong.get(`/api/supervisions/${id}`)).statusCode).toBe(404);
      expect((await huidong.post(`/api/supervisions/${id}/approve`, {})).statusCode).toBe(404);
      expect((await assist.get(`/api/supervisions/${id}`)).statusCode).toBe(404);

      const unitSupervision = await propose({ targetUnitId: await unitIdByName(powerSupplyBureau) });
      expect((await assist.get(`/api/supervisions/${unitSupervision}`)).statusCode).toBe(404);
      expect((await admin.post(`/api/supervisions/${unitSupervision}/approve`, {})).statusCode).toBe(200);
      const forUnit = await assist.get(`/api/supervisions/${unitSupervision}`);
      expect(forUnit.statusCode).toBe(200);
      expect((forUnit.json() as Detail).supervision.report).toBeNull();
      const thirdParty = await harness.login('thirdparty');
      expect((await thirdParty.get('/api/supervisions')).json().items).toEqual([]);
    });
  });

  describe('coverage (R-S2, 第八条: every county and assistance unit at least one 综合督查 a year)', () => {
    it('lists every assessment unit and assistance unit; a 综合督查 covers its target only once approved; a 专项督查 never', async () => {
      const year = 2019;
      const plan = await staff.post('/api/supervision-plans', { year, title: '2019年度督查计划' });
      expect(plan.statusCode).toBe(201);
      const yearPlanId = plan.json().id as number;
      const newUnit = await createUnit(harness.ctx);
      const coverage = async () => {
        const response = await staff.get(`/api/supervisions/coverage?year=${year}`);
        expect(response.statusCode).toBe(200);
        return response.json() as Coverage;
      };
      const uncovered = (result: Coverage) => new Set(result.notCovered.map((item) => item.assessmentUnitCode ?? `unit:${item.unitId}`));

      const before = await coverage();
      expect(new Set(before.items.filter((item) => item.kind === 'assessment_unit').map((item) => item.assessmentUnitCode))).toEqual(
        new Set(['HD', 'BL', 'LM', 'HC', 'HY', 'DYW', 'ZK']),
      );
      expect(before.items.some((item) => item.kind === 'assistance_unit' && item.name === powerSupplyBureau)).toBe(true);
      expect(before.items.some((item) => item.name === '惠州市扶贫开发领导小组办公室')).toBe(false);
      expect(uncovered(before)).toEqual(new Set(before.items.map((item) => item.assessmentUnitCode ?? `unit:${item.unitId}`)));
      expect(before.coveredCount).toBe(0);

      const longmenComprehensive = await propose({ targetAssessmentUnitCode: 'LM' }, 'comprehensive', yearPlanId);
      await approved({ targetAssessmentUnitCode: 'HD' }, 'special', yearPlanId);
      await approved({ targetUnitId: newUnit.id }, 'comprehensive', yearPlanId);
      // A 2017 综合督查 does not count for 2019.
      await approved({ targetAssessmentUnitCode: 'BL' }, 'comprehensive', planId);
      const proposedOnly = await coverage();
      expect(uncovered(proposedOnly).has('LM')).toBe(true);
      expect(uncovered(proposedOnly).has('HD')).toBe(true);
      expect(uncovered(proposedOnly).has('BL')).toBe(true);
      expect(uncovered(proposedOnly).has(`unit:${newUnit.id}`)).toBe(false);

      expect((await admin.post(`/api/supervisions/${longmenComprehensive}/approve`, {})).statusCode).toBe(200);
      const after = await coverage();
      expect(after.items.find((item) => item.assessmentUnitCode === 'LM')).toMatchObject({ isCovered: true, comprehensiveCount: 1 });
      expect(uncovered(after).has('LM')).toBe(false);
      expect(uncovered(after).has('HD')).toBe(true);
      expect(after.coveredCount).toBe(2);
      expect(after.notCovered).toHaveLength(after.total - 2);
    });

    it('is for the office and city-wide readers only; a bad year is 400', async () => {
      expect((await longmen.get('/api/supervisions/coverage?year=2017')).statusCode).toBe(403);
      expect((await leader.get('/api/supervisions/coverage?year=2017')).statusCode).toBe(200);
      const bad = await staff.get('/api/supervisions/coverage?year=abc');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('year');
    });
  });

  it.runIf(isPostgres)('two concurrent approvals of one supervision: exactly one wins (PostgreSQL)', async () => {
    const secondAdmin = await harness.login((await createUser(harness.ctx, { role: 'office_admin' })).username);
    for (let round = 0; round < 5; round += 1) {
      const id = await propose();
      const responses = await Promise.all([admin.post(`/api/supervisions/${id}/approve`, {}), secondAdmin.post(`/api/supervisions/${id}/approve`, {})]);
      expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
      expect((await eventsFor('supervision', id)).filter((event) => event.action === 'supervision.approve')).toHaveLength(1);
    }
  });
});
