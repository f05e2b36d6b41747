import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUnit, createUser } from '../../testing/factories.ts';
import { createTestApp, fixedClock, isPostgres, type Session, type TestApp } from '../../testing/harness.ts';

type Detail = {
  supervision: {
    id: number;
    status: string;
    type: string;
    actions: string[];
    report: string | null;
    target: { name: string; kind: string };
    resultNotifiedOn: string | null;
    resultText: string | null;
    rectificationDeadline: string | null;
  };
  team: { personId: number; role: string }[];
  visits: { id: number; method: string; isSealed: boolean; targetRegionCode: string | null; targetDescription: string; recordId: number | null; canRecord: boolean }[];
  records: { id: number; methodLabel: string; checklistItem: { code: string } | null }[];
  findings: { id: number; category: string; categoryLabel: string; status: string; deadline: string | null; notifiedOn: string | null }[];
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
    expect((await admin.post(`/api/supervision-plans/${planId}/approve`, {})).statusCode).toBe(200);
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
      // Once approved, the office proposes the year's supervisions under it (督6); a city leader only reads it.
      expect(approvedPlan.json()).toMatchObject({ status: 'approved', actions: ['propose'] });
      expect(((await leader.get('/api/supervision-plans?year=2018')).json().items as { actions: string[] }[])[0]!.actions).toEqual([]);
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
    it('refuses to approve an item of a plan that is still a draft, citing 第六条; allowed once the plan is approved', async () => {
      const draftPlan = await staff.post('/api/supervision-plans', { year: 2020, title: '2020年度督查计划' });
      expect(draftPlan.statusCode).toBe(201);
      const id = await propose({ targetAssessmentUnitCode: 'LM' }, 'comprehensive', draftPlan.json().id as number);
      const refused = await admin.post(`/api/supervisions/${id}/approve`, {});
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({ code: 'RULE_VIOLATION', details: { rule: '督6' } });
      expect(refused.json().error.message).toContain('根据《督查巡查办法》第六条');
      expect(refused.json().error.message).toContain('2020 年度督查计划尚未批准');
      expect((await eventsFor('supervision', id)).map((event) => event.action)).toEqual(['supervision.propose']);
      expect((await admin.post(`/api/supervision-plans/${draftPlan.json().id}/approve`, {})).statusCode).toBe(200);
      expect((await admin.post(`/api/supervisions/${id}/approve`, {})).statusCode).toBe(200);
    });

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
      expect(((await teamLeader.get(`/api/supervisions/${id}`)).json() as Detail).supervision.actions).toEqual(['startFieldWork', 'planVisit']);
      expect(((await teamMember.get(`/api/supervisions/${id}`)).json() as Detail).supervision.actions).toEqual(['planVisit']);
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

    it('close: only after the result is notified (409 before); the office may, the city leader may not; audited', async () => {
      const { id, teamLeader } = await inField();
      expect((await staff.post(`/api/supervisions/${id}/close`, {})).statusCode).toBe(409);
      expect((await teamLeader.post(`/api/supervisions/${id}/submit-report`, { report: '报告' })).statusCode).toBe(200);
      const early = await staff.post(`/api/supervisions/${id}/close`, {});
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toContain('督查报告已提交');
      expect((await staff.post(`/api/supervisions/${id}/notify-result`, { notifiedOn: '2017-04-10', resultText: '未发现问题' })).statusCode).toBe(200);
      expect((await leader.post(`/api/supervisions/${id}/close`, {})).statusCode).toBe(403);
      const closed = await staff.post(`/api/supervisions/${id}/close`, {});
      expect(closed.statusCode).toBe(200);
      expect((closed.json() as Detail).supervision.status).toBe('closed');
      expect((await staff.post(`/api/supervisions/${id}/close`, {})).statusCode).toBe(409);
      expect((await eventsFor('supervision', id)).at(-1)).toMatchObject({ action: 'supervision.close', after: { status: 'closed' } });
    });
  });

  async function checklistItemId(code: string): Promise<number> {
    const areas = (await staff.get('/api/supervision-checklist-items?year=2017')).json().areas as { id: number; code: string; items: { id: number; code: string }[] }[];
    const all = areas.flatMap((area) => [{ id: area.id, code: area.code }, ...area.items]);
    return all.find((item) => item.code === code)!.id;
  }

  const record = (overrides: Record<string, unknown> = {}) => ({
    method: 'symposium',
    recordDate: '2017-04-06',
    place: '龙门县扶贫办会议室',
    participants: '县扶贫办、县财政局',
    notes: '听取县扶贫办关于责任落实情况的汇报',
    ...overrides,
  });

  describe('field records (R-S6, 第四条)', () => {
    it('team members and the office add records in the field only; others are refused; the county never reads them; audited', async () => {
      const { id, teamMember } = await inField();
      const added = await teamMember.post(`/api/supervisions/${id}/records`, record({ checklistItemId: await checklistItemId('9.1.1') }));
      expect(added.statusCode).toBe(201);
      const detail = added.json() as Detail;
      expect(detail.records).toHaveLength(1);
      expect(detail.records[0]).toMatchObject({ methodLabel: '召开座谈会', checklistItem: { code: '9.1.1' } });
      expect((await eventsFor('supervision_record', detail.records[0]!.id)).map((event) => event.action)).toEqual(['supervision_record.add']);
      expect((await staff.post(`/api/supervisions/${id}/records`, record({ method: 'document_review' }))).statusCode).toBe(201);
      expect((await leader.post(`/api/supervisions/${id}/records`, record())).statusCode).toBe(403);
      expect((await longmen.post(`/api/supervisions/${id}/records`, record())).statusCode).toBe(403);
      const outsider = await teamPeople();
      expect((await outsider.teamMember.post(`/api/supervisions/${id}/records`, record())).statusCode).toBe(404);
      expect(((await longmen.get(`/api/supervisions/${id}`)).json() as Detail).records).toEqual([]);
      expect(((await leader.get(`/api/supervisions/${id}`)).json() as Detail).records).toHaveLength(2);
    });

    it('refuses a record before or after field work (409), bad input (400) naming the field', async () => {
      const { id, teamLeader } = await withTeam();
      const early = await teamLeader.post(`/api/supervisions/${id}/records`, record());
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toContain('只有在实地督查期间才能填写督查工作记录');
      expect((await teamLeader.post(`/api/supervisions/${id}/start-field-work`, {})).statusCode).toBe(200);
      const badMethod = await teamLeader.post(`/api/supervisions/${id}/records`, record({ method: 'gossip' }));
      expect(badMethod.statusCode).toBe(400);
      expect(badMethod.json().error.message).toContain('method');
      const badItem = await teamLeader.post(`/api/supervisions/${id}/records`, record({ checklistItemId: 2147480000 }));
      expect(badItem.statusCode).toBe(400);
      expect(badItem.json().error.message).toContain('字段「checklistItemId」无效');
      const badDate = await teamLeader.post(`/api/supervisions/${id}/records`, record({ recordDate: '2017-02-30' }));
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json().error.message).toContain('recordDate');
      expect((await teamLeader.post(`/api/supervisions/${id}/submit-report`, { report: '报告' })).statusCode).toBe(200);
      expect((await teamLeader.post(`/api/supervisions/${id}/records`, record())).statusCode).toBe(409);
    });
  });

  describe('visit schedule with sealed unannounced visits (R-S6)', () => {
    const visit = (overrides: Record<string, unknown> = {}) => ({
      method: 'symposium',
      plannedOn: '2017-04-12',
      targetRegionCode: '441324116',
      targetDescription: '龙潭镇座谈会（镇村干部）',
      ...overrides,
    });

    it('the county sees announced visits but neither the existence nor the target of a sealed one until it is recorded; nor its audit trail', async () => {
      const { id, teamLeader, teamMember } = await withTeam();
      const announced = await staff.post(`/api/supervisions/${id}/visits`, visit());
      expect(announced.statusCode).toBe(201);
      const sealedTarget = '龙潭镇暗访对象：某村三户贫困户';
      const sealed = await teamMember.post(`/api/supervisions/${id}/visits`, visit({ method: 'unannounced_visit', plannedOn: '2017-04-14', targetRegionCode: '441324101', targetDescription: sealedTarget }));
      expect(sealed.statusCode).toBe(201);
      const forTeam = sealed.json() as Detail;
      expect(forTeam.visits.map((entry) => [entry.method, entry.isSealed])).toEqual([
        ['symposium', false],
        ['unannounced_visit', true],
      ]);
      const sealedId = forTeam.visits[1]!.id;
      expect((await eventsFor('supervision_visit', sealedId)).map((event) => event.action)).toEqual(['supervision_visit.plan']);

      const forCounty = await longmen.get(`/api/supervisions/${id}`);
      expect(forCounty.statusCode).toBe(200);
      expect((forCounty.json() as Detail).visits.map((entry) => entry.targetDescription)).toEqual(['龙潭镇座谈会（镇村干部）']);
      expect(forCounty.body).not.toContain(sealedTarget);
      expect(forCounty.body).not.toContain('unannounced_visit');
      expect(forCounty.body).not.toContain('441324101');
      const countyList = await longmen.get('/api/supervisions?year=2017');
      expect(countyList.body).not.toContain(sealedTarget);
      expect(countyList.body).not.toContain('unannounced_visit');
      expect((await longmen.get('/api/audit/events')).statusCode).toBe(403);
      expect((await longmen.post(`/api/supervisions/${id}/visits/${sealedId}/record`, record())).statusCode).toBe(403);
      expect((await longmen.post(`/api/supervisions/${id}/visits`, visit())).statusCode).toBe(403);

      // Recording the visit needs field work; then the county sees it, target and all.
      expect((await teamMember.post(`/api/supervisions/${id}/visits/${sealedId}/record`, record())).statusCode).toBe(409);
      expect((await teamLeader.post(`/api/supervisions/${id}/start-field-work`, {})).statusCode).toBe(200);
      const recorded = await teamMember.post(`/api/supervisions/${id}/visits/${sealedId}/record`, {
        recordDate: '2017-04-14',
        place: '龙门县永汉镇',
        notes: '暗访 3 户，1 户住房安全未保障',
      });
      expect(recorded.statusCode).toBe(201);
      const afterVisit = recorded.json() as Detail;
      const madeVisit = afterVisit.visits.find((entry) => entry.id === sealedId)!;
      expect(madeVisit).toMatchObject({ isSealed: false, canRecord: false });
      expect(afterVisit.records.find((entry) => entry.id === madeVisit.recordId)).toMatchObject({ methodLabel: '随机访或暗访' });
      expect((await eventsFor('supervision_visit', sealedId)).map((event) => event.action)).toEqual(['supervision_visit.plan', 'supervision_visit.record']);
      const again = await teamMember.post(`/api/supervisions/${id}/visits/${sealedId}/record`, record());
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('CONFLICT');
      const unsealed = (await longmen.get(`/api/supervisions/${id}`)).json() as Detail;
      expect(unsealed.visits.find((entry) => entry.id === sealedId)).toMatchObject({ targetDescription: sealedTarget, targetRegionCode: '441324101' });
      expect(unsealed.records).toEqual([]);
    });

    it('refuses a target outside the supervised county (400), a visit before approval (409) and a visit by a city leader (403)', async () => {
      const { id } = await withTeam();
      const outside = await staff.post(`/api/supervisions/${id}/visits`, visit({ targetRegionCode: '441323118' }));
      expect(outside.statusCode).toBe(400);
      expect(outside.json().error.message).toContain('字段「targetRegionCode」无效');
      expect(outside.json().error.message).toContain('不是被督查的龙门县的镇（街道）或村（社区）');
      expect((await leader.post(`/api/supervisions/${id}/visits`, visit())).statusCode).toBe(403);
      const proposedOnly = await propose();
      expect((await staff.post(`/api/supervisions/${proposedOnly}/visits`, visit())).statusCode).toBe(409);
      const missing = await staff.post(`/api/supervisions/${id}/visits`, visit({ targetDescription: '' }));
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.message).toContain('targetDescription');
    });
  });

  describe('findings (R-S7, 第九条) and result notification (R-S10, 第十二条)', () => {
    async function withFinding(target?: Target) {
      const id = await approved(target);
      const people = await teamPeople();
      expect((await staff.post(`/api/supervisions/${id}/form-team`, { leaderId: people.leaderPerson.id, memberIds: [people.memberPerson.id] })).statusCode).toBe(200);
      expect((await people.teamLeader.post(`/api/supervisions/${id}/start-field-work`, {})).statusCode).toBe(200);
      const found = await people.teamMember.post(`/api/supervisions/${id}/findings`, {
        checklistItemId: await checklistItemId('9.4.2'),
        description: '永汉镇 2 户已脱贫户住房安全未保障',
        evidence: '入户照片、村委会台账',
        severity: 'serious',
        requirement: '逐户核查住房安全，未达标的退回未脱贫',
      });
      expect(found.statusCode).toBe(201);
      return { id, ...people, problemId: (found.json() as Detail).findings[0]!.id };
    }

    it('a finding goes into the ledger with the 督9 area as its category, for the team; not the county before notification; audited', async () => {
      const { id, teamMember, problemId } = await withFinding();
      const detail = (await teamMember.get(`/api/supervisions/${id}`)).json() as Detail;
      expect(detail.findings[0]).toMatchObject({ category: '9.4', categoryLabel: '精准识别、精准退出情况', status: 'open', deadline: null });
      const row = await harness.ctx.db.selectFrom('problems').selectAll().where('id', '=', problemId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ source: 'supervision', source_id: id, supervision_id: id, responsible_unit_code: 'LM', responsible_unit_id: null, category: '9.4' });
      expect((await eventsFor('problem', problemId)).map((event) => event.action)).toEqual(['problem.record']);
      const ledgerForTeam = await teamMember.get(`/api/rectifications/${problemId}`);
      expect(ledgerForTeam.statusCode).toBe(200);
      expect(ledgerForTeam.json().problem).toMatchObject({ categoryLabel: '精准识别、精准退出情况', responsibleUnitName: '龙门县', sourceLabel: '督查' });
      expect((await longmen.get(`/api/rectifications/${problemId}`)).statusCode).toBe(404);
      expect(((await longmen.get(`/api/supervisions/${id}`)).json() as Detail).findings).toEqual([]);
    });

    it('refuses a key area instead of a sub-item, an item of another checklist, other roles and the wrong state', async () => {
      const { id, teamMember, teamLeader } = await withFinding();
      const area = await teamMember.post(`/api/supervisions/${id}/findings`, { checklistItemId: await checklistItemId('9.4'), description: '问题' });
      expect(area.statusCode).toBe(400);
      expect(area.json().error.message).toContain('请选择该方面下的具体子项');
      const unknown = await teamMember.post(`/api/supervisions/${id}/findings`, { checklistItemId: 2147480000, description: '问题' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.message).toContain('字段「checklistItemId」无效');
      expect((await leader.post(`/api/supervisions/${id}/findings`, { checklistItemId: await checklistItemId('9.4.1'), description: '问题' })).statusCode).toBe(403);
      expect((await teamLeader.post(`/api/supervisions/${id}/submit-report`, { report: '报告' })).statusCode).toBe(200);
      expect((await teamMember.post(`/api/supervisions/${id}/findings`, { checklistItemId: await checklistItemId('9.4.1'), description: '问题' })).statusCode).toBe(409);
    });

    it('the leader generates the report draft from records and findings; the county may not', async () => {
      const { id, teamLeader, teamMember } = await withFinding();
      expect((await teamMember.post(`/api/supervisions/${id}/records`, record({ method: 'field_survey', place: '龙门县永汉镇', notes: '入户核查 20 户' }))).statusCode).toBe(201);
      const response = await teamLeader.get(`/api/supervisions/${id}/report-draft`);
      expect(response.statusCode).toBe(200);
      const draft = response.json().draft as string;
      expect(draft).toContain('关于对龙门县脱贫攻坚工作开展综合督查情况的报告');
      expect(draft).toContain('一、基本情况');
      expect(draft).toContain('实地调查');
      expect(draft).toContain('入户核查 20 户');
      expect(draft).toContain('二、存在问题');
      expect(draft).toContain('（一）精准识别、精准退出情况');
      expect(draft).toContain('永汉镇 2 户已脱贫户住房安全未保障（依据：入户照片、村委会台账）');
      expect(draft).toContain('三、意见建议');
      expect(draft).toContain('逐户核查住房安全，未达标的退回未脱贫');
      expect((await longmen.get(`/api/supervisions/${id}/report-draft`)).statusCode).toBe(404);
    });

    it('notify: the office sets the deadline (default 1 month, months or a date); every finding is notified; the county sees result, deadline and its problem; audited', async () => {
      const context = await withFinding();
      const notify = (session: Session, body: Record<string, unknown>) => session.post(`/api/supervisions/${context.id}/notify-result`, body);
      expect((await notify(staff, { notifiedOn: '2017-04-08', resultText: '通报' })).statusCode).toBe(409);
      expect((await context.teamLeader.post(`/api/supervisions/${context.id}/submit-report`, { report: '一、基本情况' })).statusCode).toBe(200);
      expect((await notify(leader, { notifiedOn: '2017-04-08', resultText: '通报' })).statusCode).toBe(403);
      expect((await notify(context.teamLeader, { notifiedOn: '2017-04-08', resultText: '通报' })).statusCode).toBe(403);
      const future = await notify(staff, { notifiedOn: '2017-04-11', resultText: '通报' });
      expect(future.statusCode).toBe(400);
      expect(future.json().error.message).toContain('字段「notifiedOn」无效');
      const early = await notify(staff, { notifiedOn: '2017-04-08', resultText: '通报', deadline: '2017-04-01' });
      expect(early.statusCode).toBe(400);
      expect(early.json().error.message).toContain('整改期限不能早于通报日期');
      const both = await notify(staff, { notifiedOn: '2017-04-08', resultText: '通报', deadline: '2017-06-01', rectificationMonths: 2 });
      expect(both.statusCode).toBe(400);
      expect(both.json().error.message).toContain('只能填写一项');
      expect((await notify(staff, { notifiedOn: '2017-04-08', resultText: ' ' })).statusCode).toBe(400);

      const notified = await notify(staff, { notifiedOn: '2017-04-08', resultText: '龙门县脱贫攻坚责任基本落实，存在精准识别问题，请限期整改。' });
      expect(notified.statusCode).toBe(200);
      const detail = notified.json() as Detail;
      expect(detail.supervision).toMatchObject({ status: 'result_notified', resultNotifiedOn: '2017-04-08', rectificationDeadline: '2017-05-08' });
      expect(detail.findings.map((finding) => [finding.notifiedOn, finding.deadline])).toEqual([['2017-04-08', '2017-05-08']]);
      expect((await eventsFor('supervision', context.id)).at(-1)).toMatchObject({ action: 'supervision.notifyResult', after: { status: 'result_notified', rectification_deadline: '2017-05-08' } });
      expect((await eventsFor('problem', context.problemId)).map((event) => event.action)).toEqual(['problem.record', 'problem.notify']);
      expect((await notify(staff, { notifiedOn: '2017-04-08', resultText: '再次通报' })).statusCode).toBe(409);

      const forCounty = (await longmen.get(`/api/supervisions/${context.id}`)).json() as Detail;
      expect(forCounty.supervision).toMatchObject({ resultText: '龙门县脱贫攻坚责任基本落实，存在精准识别问题，请限期整改。', rectificationDeadline: '2017-05-08', report: null });
      expect(forCounty.findings.map((finding) => finding.id)).toEqual([context.problemId]);
      const ledger = (await longmen.get(`/api/rectifications?source=supervision`)).json().items as { id: number; deadline: string; categoryLabel: string; actions: string[] }[];
      expect(ledger.find((item) => item.id === context.problemId)).toMatchObject({ deadline: '2017-05-08', categoryLabel: '精准识别、精准退出情况', actions: ['start', 'submit', 'requestExtension'] });
      expect((await huidong.get(`/api/rectifications/${context.problemId}`)).statusCode).toBe(404);

      const byMonths = await withFinding({ targetAssessmentUnitCode: 'BL' });
      expect((await byMonths.teamLeader.post(`/api/supervisions/${byMonths.id}/submit-report`, { report: '报告' })).statusCode).toBe(200);
      const twoMonths = await staff.post(`/api/supervisions/${byMonths.id}/notify-result`, { notifiedOn: '2017-03-31', resultText: '通报', rectificationMonths: 2 });
      expect((twoMonths.json() as Detail).supervision.rectificationDeadline).toBe('2017-05-31');
      const byDate = await withFinding({ targetAssessmentUnitCode: 'BL' });
      expect((await byDate.teamLeader.post(`/api/supervisions/${byDate.id}/submit-report`, { report: '报告' })).statusCode).toBe(200);
      const fixed = await staff.post(`/api/supervisions/${byDate.id}/notify-result`, { notifiedOn: '2017-04-01', resultText: '通报', deadline: '2017-06-30' });
      expect((fixed.json() as Detail).findings[0]!.deadline).toBe('2017-06-30');
    });

    it('close is refused while a finding is not verified (422) and allowed once it is', async () => {
      const context = await withFinding();
      expect((await context.teamLeader.post(`/api/supervisions/${context.id}/submit-report`, { report: '报告' })).statusCode).toBe(200);
      expect((await staff.post(`/api/supervisions/${context.id}/notify-result`, { notifiedOn: '2017-04-09', resultText: '通报' })).statusCode).toBe(200);
      // No 办结 button while a finding waits; the route refuses it all the same.
      expect((await staff.get(`/api/supervisions/${context.id}`)).json().supervision.actions).not.toContain('close');
      const early = await staff.post(`/api/supervisions/${context.id}/close`, {});
      expect(early.statusCode).toBe(422);
      expect(early.json().error.message).toContain('尚有 1 个问题的整改未经市扶贫办核验通过，不能办结该督查');
      expect((await longmen.post(`/api/rectifications/${context.problemId}/submit`, { measures: '已逐户核查', evidence: '核查表' })).statusCode).toBe(200);
      expect((await staff.post(`/api/rectifications/${context.problemId}/verify`, {})).statusCode).toBe(200);
      expect((await staff.get(`/api/supervisions/${context.id}`)).json().supervision.actions).toContain('close');
      expect((await staff.post(`/api/supervisions/${context.id}/close`, {})).statusCode).toBe(200);
    });

    it('an assistance unit: its problem is the unit’s; its user sees and rectifies it once notified; the county does not see it', async () => {
      const powerSupply = await unitIdByName(powerSupplyBureau);
      const context = await withFinding({ targetUnitId: powerSupply });
      const row = await harness.ctx.db.selectFrom('problems').select(['responsible_unit_code', 'responsible_unit_id']).where('id', '=', context.problemId).executeTakeFirstOrThrow();
      expect(row).toEqual({ responsible_unit_code: null, responsible_unit_id: powerSupply });
      expect((await assist.get(`/api/rectifications/${context.problemId}`)).statusCode).toBe(404);
      expect((await context.teamLeader.post(`/api/supervisions/${context.id}/submit-report`, { report: '报告' })).statusCode).toBe(200);
      expect((await staff.post(`/api/supervisions/${context.id}/notify-result`, { notifiedOn: '2017-04-09', resultText: '请整改' })).statusCode).toBe(200);
      const forUnit = await assist.get(`/api/rectifications/${context.problemId}`);
      expect(forUnit.statusCode).toBe(200);
      expect(forUnit.json().problem).toMatchObject({ responsibleUnitName: powerSupplyBureau, responsibleUnitCode: null, deadline: '2017-05-09', actions: ['start', 'submit', 'requestExtension'] });
      expect((await assist.get('/api/rectifications')).json().items.map((item: { id: number }) => item.id)).toContain(context.problemId);
      expect((await assist.post(`/api/rectifications/${context.problemId}/start`, {})).statusCode).toBe(200);
      expect((await assist.post(`/api/rectifications/${context.problemId}/submit`, { measures: '已整改', evidence: '台账' })).statusCode).toBe(200);
      expect((await longmen.get(`/api/rectifications/${context.problemId}`)).statusCode).toBe(404);
      expect((await longmen.post(`/api/rectifications/${context.problemId}/start`, {})).statusCode).toBe(404);
      expect((await staff.get('/api/rectifications')).json().items.find((item: { id: number }) => item.id === context.problemId)).toMatchObject({ responsibleUnitName: powerSupplyBureau });
      // The city's summary lists the assistance unit after the counties, and the ledger filters by it.
      const summary = (await staff.get('/api/rectifications/summary')).json().items as { kind: string; unitId: number | null; unitName: string; awaitingVerification: number }[];
      const unitRow = summary.find((item) => item.unitId === powerSupply);
      expect(unitRow).toMatchObject({ kind: 'assistance_unit', unitName: powerSupplyBureau });
      expect(unitRow!.awaitingVerification).toBeGreaterThanOrEqual(1);
      expect(summary.findIndex((item) => item.kind === 'assistance_unit')).toBe(summary.filter((item) => item.kind === 'assessment_unit').length);
      const filtered = (await staff.get(`/api/rectifications?unitId=${powerSupply}`)).json().items as { id: number; responsibleUnitName: string }[];
      expect(filtered.map((item) => item.id)).toContain(context.problemId);
      expect(new Set(filtered.map((item) => item.responsibleUnitName))).toEqual(new Set([powerSupplyBureau]));
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
      expect((await admin.post(`/api/supervision-plans/${yearPlanId}/approve`, {})).statusCode).toBe(200);
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

  it.runIf(isPostgres)('two concurrent result notifications of one supervision: exactly one wins, each finding notified once (PostgreSQL)', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { id, teamLeader, teamMember } = await inField();
      expect((await teamMember.post(`/api/supervisions/${id}/findings`, { checklistItemId: await checklistItemId('9.7.3'), description: '资金监管薄弱' })).statusCode).toBe(201);
      expect((await teamLeader.post(`/api/supervisions/${id}/submit-report`, { report: '报告' })).statusCode).toBe(200);
      const responses = await Promise.all([
        staff.post(`/api/supervisions/${id}/notify-result`, { notifiedOn: '2017-04-09', resultText: '通报一' }),
        admin.post(`/api/supervisions/${id}/notify-result`, { notifiedOn: '2017-04-10', resultText: '通报二', rectificationMonths: 2 }),
      ]);
      expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
      expect((await eventsFor('supervision', id)).filter((event) => event.action === 'supervision.notifyResult')).toHaveLength(1);
      const problems = await harness.ctx.db.selectFrom('problems').select('id').where('supervision_id', '=', id).execute();
      expect((await eventsFor('problem', problems[0]!.id)).filter((event) => event.action === 'problem.notify')).toHaveLength(1);
    }
  });

  it.runIf(isPostgres)('a record racing the report: either the record is refused or it was in before the report (PostgreSQL)', async () => {
    const { id, teamLeader, teamMember } = await inField();
    const [recorded, submitted] = await Promise.all([
      teamMember.post(`/api/supervisions/${id}/records`, record()),
      teamLeader.post(`/api/supervisions/${id}/submit-report`, { report: '报告' }),
    ]);
    expect(submitted.statusCode).toBe(200);
    expect([201, 409]).toContain(recorded.statusCode);
    const records = await harness.ctx.db.selectFrom('supervision_records').select('id').where('supervision_id', '=', id).execute();
    expect(records).toHaveLength(recorded.statusCode === 201 ? 1 : 0);
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
