import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUnit, createUser } from '../../testing/factories.ts';
import { createTestApp, fixedClock, isPostgres, type Session, type TestApp } from '../../testing/harness.ts';

type Detail = {
  inspection: { id: number; status: string; actions: string[]; feedbackDate: string | null; rectificationDeadline: string | null; report: string | null };
  team: { name: string; members: { personId: number; role: string; rankLabel: string }[] } | null;
  records: { id: number; methodLabel: string }[];
  findings: { id: number; deadline: string | null; status: string; categoryLabel: string }[];
  recommendations: { id: number }[];
};

// Beijing time 10:00 on 10 March 2017: the feedback of 3 March is in the past.
const clock = fixedClock(new Date('2017-03-10T02:00:00Z'));

describe('inspections 巡查 (督13–18)', () => {
  let harness: TestApp;
  let staff: Session;
  let admin: Session;
  let leader: Session;
  let longmen: Session;
  let huidong: Session;

  beforeAll(async () => {
    harness = await createTestApp({ clock });
    [staff, admin, leader, longmen, huidong] = await Promise.all([
      harness.login('staff'),
      harness.login('admin'),
      harness.login('leader'),
      harness.login('longmen'),
      harness.login('huidong'),
    ]);
  });
  afterAll(() => harness.close());

  async function eventsFor(entityType: string, id: number) {
    const rows = await harness.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'before', 'after', 'actor_name'])
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', String(id))
      .orderBy('seq')
      .execute();
    return rows;
  }

  async function propose(unit = 'LM'): Promise<number> {
    const response = await staff.post('/api/inspections', {
      year: 2017,
      title: `2017年第一轮脱贫攻坚巡查-${unit}-${Math.random().toString(36).slice(2, 8)}`,
      assessmentUnitCode: unit,
      reason: '群众反映部分村扶贫项目资金拨付迟缓',
      plannedStart: '2017-03-01',
      plannedEnd: '2017-03-31',
    });
    expect(response.statusCode).toBe(201);
    return (response.json() as Detail).inspection.id;
  }

  /** A team of a 处级 leader and one member from outside 龙门县, each with an account of their own. */
  async function teamPeople() {
    const leaderPerson = await createPerson(harness.ctx, { rank: 'division', homeRegionCode: '441323' });
    const memberPerson = await createPerson(harness.ctx, { rank: 'section', homeRegionCode: '441302' });
    const leaderUser = await createUser(harness.ctx, { role: 'team_leader', personId: leaderPerson.id });
    const memberUser = await createUser(harness.ctx, { role: 'team_member', personId: memberPerson.id });
    return {
      leaderPerson,
      memberPerson,
      teamLeader: await harness.login(leaderUser.username),
      teamMember: await harness.login(memberUser.username),
    };
  }

  async function approved(unit = 'LM') {
    const id = await propose(unit);
    expect((await leader.post(`/api/inspections/${id}/approve`, {})).statusCode).toBe(200);
    return id;
  }

  async function inField(unit = 'LM') {
    const id = await approved(unit);
    const people = await teamPeople();
    const formed = await staff.post(`/api/inspections/${id}/form-team`, { leaderId: people.leaderPerson.id, memberIds: [people.memberPerson.id] });
    expect(formed.statusCode).toBe(200);
    expect((await people.teamLeader.post(`/api/inspections/${id}/start-field-work`, {})).statusCode).toBe(200);
    return { id, ...people };
  }

  async function checklistItem(code: string): Promise<number> {
    const items = (await staff.get('/api/checklist-items?year=2017')).json().items as { id: number; code: string }[];
    return items.find((item) => item.code === code)!.id;
  }

  async function withFinding() {
    const context = await inField();
    const finding = await context.teamMember.post(`/api/inspections/${context.id}/findings`, {
      checklistItemId: await checklistItem('15.2.5'),
      description: '龙潭镇2016年产业帮扶资金拨付滞后半年',
      evidence: '镇财政所拨付凭证',
      severity: 'serious',
    });
    expect(finding.statusCode).toBe(201);
    const problemId = (finding.json() as Detail).findings.at(-1)!.id;
    return { ...context, problemId };
  }

  async function fedBack(feedbackDate = '2017-03-03') {
    const context = await withFinding();
    expect((await context.teamLeader.post(`/api/inspections/${context.id}/submit-report`, { report: '巡查报告正文' })).statusCode).toBe(200);
    const feedback = await staff.post(`/api/inspections/${context.id}/issue-feedback`, { feedbackDate, feedbackText: '请于两个月内完成整改' });
    expect(feedback.statusCode).toBe(200);
    return context;
  }

  it('seeds the 2017 checklist of 督15: four categories with the sub-items the article lists', async () => {
    const items = (await staff.get('/api/checklist-items?year=2017')).json().items as { category: string; code: string }[];
    expect(new Set(items.map((item) => item.category))).toEqual(new Set(['work_style', 'project_funds', 'identification_exit', 'discipline_complaints']));
    expect(items.filter((item) => item.category === 'project_funds')).toHaveLength(6);
    expect(items.map((item) => item.code)).toContain('15.3.5');
  });

  describe('propose (office)', () => {
    it('office staff may; the proposal is audited and awaits the city leader', async () => {
      const id = await propose();
      const detail = (await staff.get(`/api/inspections/${id}`)).json() as Detail;
      expect(detail.inspection).toMatchObject({ status: 'proposed', actions: [] });
      const forLeader = (await leader.get(`/api/inspections/${id}`)).json() as Detail;
      expect(forLeader.inspection.actions).toEqual(['approve', 'reject']);
      expect((await eventsFor('inspection', id)).map((event) => event.action)).toEqual(['inspection.propose']);
    });

    it('a county user or a city leader may not propose', async () => {
      const body = { year: 2017, title: '越权巡查', assessmentUnitCode: 'LM', reason: '测试' };
      expect((await longmen.post('/api/inspections', body)).statusCode).toBe(403);
      const refused = await leader.post('/api/inspections', body);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.message).toContain('无权');
    });

    it('bad input is a 400 naming the field in Chinese, never a 500', async () => {
      const unknownUnit = await staff.post('/api/inspections', { year: 2017, title: '巡查', assessmentUnitCode: 'XX', reason: '测试' });
      expect(unknownUnit.statusCode).toBe(400);
      expect(unknownUnit.json().error.message).toContain('assessmentUnitCode');
      const missing = await staff.post('/api/inspections', { year: 2017, assessmentUnitCode: 'LM', reason: '测试' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.message).toContain('title');
      const backwards = await staff.post('/api/inspections', {
        year: 2017,
        title: '巡查',
        assessmentUnitCode: 'LM',
        reason: '测试',
        plannedStart: '2017-03-10',
        plannedEnd: '2017-03-01',
      });
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().error.message).toContain('计划结束日期不能早于开始日期');
      const badDate = await staff.post('/api/inspections', { year: 2017, title: '巡查', assessmentUnitCode: 'LM', reason: '测试', plannedStart: '2017-02-30' });
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json().error.details.fields[0].field).toBe('plannedStart');
    });
  });

  describe('approve / reject (市委、市政府, 督13)', () => {
    it('the city leader approves; the office may not; a second decision is 409; audited', async () => {
      const id = await propose();
      const byOffice = await admin.post(`/api/inspections/${id}/approve`, {});
      expect(byOffice.statusCode).toBe(403);
      const approvedResponse = await leader.post(`/api/inspections/${id}/approve`, { note: '同意开展巡查' });
      expect(approvedResponse.statusCode).toBe(200);
      expect((approvedResponse.json() as Detail).inspection).toMatchObject({ status: 'approved', actions: [] });
      const again = await leader.post(`/api/inspections/${id}/reject`, { note: '改变主意' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('INVALID_STATE');
      const events = await eventsFor('inspection', id);
      expect(events.map((event) => event.action)).toEqual(['inspection.propose', 'inspection.approve']);
      expect(events[1]).toMatchObject({ before: { status: 'proposed' }, after: { status: 'approved', decision_note: '同意开展巡查' } });
    });

    it('rejection needs a reason; a rejected inspection can never get a team (第十三条)', async () => {
      const id = await propose();
      const noReason = await leader.post(`/api/inspections/${id}/reject`, {});
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.message).toContain('note');
      expect((await staff.post(`/api/inspections/${id}/reject`, { note: '不同意' })).statusCode).toBe(403);
      expect((await leader.post(`/api/inspections/${id}/reject`, { note: '时机不成熟' })).statusCode).toBe(200);
      const { leaderPerson, memberPerson } = await teamPeople();
      const refused = await staff.post(`/api/inspections/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [memberPerson.id] });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toContain('第十三条：须经市委、市政府批准后方可组建巡查组');
      expect((await eventsFor('inspection', id)).map((event) => event.action)).toEqual(['inspection.propose', 'inspection.reject']);
    });
  });

  describe('form the team (督13, 督14, 督5)', () => {
    it('refuses to form a team before approval, citing 第十三条', async () => {
      const id = await propose();
      const { leaderPerson, memberPerson } = await teamPeople();
      const refused = await staff.post(`/api/inspections/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [memberPerson.id] });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toContain('根据《督查巡查办法》第十三条：须经市委、市政府批准后方可组建巡查组');
      expect(await harness.ctx.db.selectFrom('teams').select('id').where('inspection_id', '=', id).execute()).toEqual([]);
    });

    it('refuses a leader below 处级 with the reason of 第十四条, and accepts a 处级 leader', async () => {
      const id = await approved();
      const sectionChief = await createPerson(harness.ctx, { rank: 'section', name: `王科长${Date.now()}` });
      const divisionChief = await createPerson(harness.ctx, { rank: 'division' });
      const member = await createPerson(harness.ctx, { rank: 'other' });
      const refused = await staff.post(`/api/inspections/${id}/form-team`, { leaderId: sectionChief.id, memberIds: [member.id] });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({ code: 'RULE_VIOLATION', details: { rule: '督14', field: 'leaderId' } });
      expect(refused.json().error.message).toContain('根据《督查巡查办法》第十四条，巡查组组长须由处级以上领导干部担任');
      expect(refused.json().error.message).toContain(`${sectionChief.name}的职级为科级`);
      // Nothing of the refused attempt remains: still approved, no team, no event.
      expect(((await staff.get(`/api/inspections/${id}`)).json() as Detail).inspection.status).toBe('approved');

      const formed = await staff.post(`/api/inspections/${id}/form-team`, { leaderId: divisionChief.id, memberIds: [member.id] });
      expect(formed.statusCode).toBe(200);
      const detail = formed.json() as Detail;
      expect(detail.inspection.status).toBe('team_formed');
      expect(detail.team?.members.map((person) => [person.personId, person.role])).toEqual([
        [divisionChief.id, 'leader'],
        [member.id, 'member'],
      ]);
      const events = await eventsFor('inspection', id);
      expect(events.map((event) => event.action)).toEqual(['inspection.propose', 'inspection.approve', 'inspection.formTeam']);
      const teamId = (await harness.ctx.db.selectFrom('teams').select('id').where('inspection_id', '=', id).executeTakeFirstOrThrow()).id;
      expect((await eventsFor('team', teamId)).map((event) => event.action)).toEqual(['team.form']);
    });

    it('accepts a 厅级 leader', async () => {
      const id = await approved();
      const bureauChief = await createPerson(harness.ctx, { rank: 'bureau' });
      const member = await createPerson(harness.ctx);
      expect((await staff.post(`/api/inspections/${id}/form-team`, { leaderId: bureauChief.id, memberIds: [member.id] })).statusCode).toBe(200);
    });

    it('refuses a member whose home region lies in the inspected county (交叉督查, 第五条)', async () => {
      const id = await approved('LM');
      const divisionChief = await createPerson(harness.ctx, { rank: 'division' });
      // 麻榨镇 is a town of 龙门县.
      const local = await createPerson(harness.ctx, { homeRegionCode: '441324100', name: `龙门籍成员${Date.now()}` });
      const refused = await staff.post(`/api/inspections/${id}/form-team`, { leaderId: divisionChief.id, memberIds: [local.id] });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({ code: 'RULE_VIOLATION', details: { rule: '督5', personId: local.id } });
      expect(refused.json().error.message).toContain('根据《督查巡查办法》第五条（交叉督查）');
      expect(refused.json().error.message).toContain('籍贯地/户籍地（龙门县麻榨镇）位于被巡查的龙门县');
    });

    it('refuses a leader whose unit lies in the inspected county (第五条)', async () => {
      const id = await approved('LM');
      const longmenUnit = await createUnit(harness.ctx, { regionCode: '441324' });
      const localChief = await createPerson(harness.ctx, { rank: 'division', unitId: longmenUnit.id, homeRegionCode: '441302' });
      const member = await createPerson(harness.ctx);
      const refused = await staff.post(`/api/inspections/${id}/form-team`, { leaderId: localChief.id, memberIds: [member.id] });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.message).toContain(`所在单位（${longmenUnit.name}）位于被巡查的龙门县`);
    });

    it('refuses other roles (403), a second team (409), unknown people and duplicate members (400)', async () => {
      const id = await approved();
      const { leaderPerson, memberPerson } = await teamPeople();
      expect((await leader.post(`/api/inspections/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [memberPerson.id] })).statusCode).toBe(403);
      const unknown = await staff.post(`/api/inspections/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [2147480000] });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.message).toContain('memberIds');
      const duplicate = await staff.post(`/api/inspections/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [leaderPerson.id] });
      expect(duplicate.statusCode).toBe(400);
      expect(duplicate.json().error.message).toContain('组长不能同时列为成员');
      expect((await staff.post(`/api/inspections/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [memberPerson.id] })).statusCode).toBe(200);
      const second = await staff.post(`/api/inspections/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [memberPerson.id] });
      expect(second.statusCode).toBe(409);
    });
  });

  describe('who sees an inspection', () => {
    it('team members see only their own team’s inspections; the county only after feedback; other counties never', async () => {
      const context = await withFinding();
      const otherTeam = await inField();
      const ownList = (await context.teamMember.get('/api/inspections')).json().items as { id: number }[];
      expect(ownList.map((item) => item.id)).toContain(context.id);
      expect(ownList.map((item) => item.id)).not.toContain(otherTeam.id);
      expect((await otherTeam.teamLeader.get(`/api/inspections/${context.id}`)).statusCode).toBe(404);
      // Unannounced until feedback: the inspected county does not see it, nor its problems.
      expect((await longmen.get(`/api/inspections/${context.id}`)).statusCode).toBe(404);
      expect((await longmen.get(`/api/rectifications/${context.problemId}`)).statusCode).toBe(404);
      const unlinked = await harness.login('teamleader');
      expect((await unlinked.get(`/api/inspections/${context.id}`)).statusCode).toBe(404);
      const thirdParty = await harness.login('thirdparty');
      expect((await thirdParty.get('/api/inspections')).json().items).toEqual([]);

      expect((await context.teamLeader.post(`/api/inspections/${context.id}/submit-report`, { report: '报告' })).statusCode).toBe(200);
      expect((await staff.post(`/api/inspections/${context.id}/issue-feedback`, { feedbackDate: '2017-03-08', feedbackText: '反馈意见' })).statusCode).toBe(200);
      const forCounty = await longmen.get(`/api/inspections/${context.id}`);
      expect(forCounty.statusCode).toBe(200);
      const detail = forCounty.json() as Detail;
      // The team's working papers stay with the team and the office.
      expect(detail.records).toEqual([]);
      expect(detail.inspection.report).toBeNull();
      expect(detail.findings).toHaveLength(1);
      expect((await huidong.get(`/api/inspections/${context.id}`)).statusCode).toBe(404);
      expect((await huidong.get(`/api/rectifications/${context.problemId}`)).statusCode).toBe(404);
    });
  });

  describe('field work', () => {
    it('start: the team’s own leader may, a member may not, the wrong state is 409; audited', async () => {
      const id = await approved();
      const { leaderPerson, memberPerson, teamLeader, teamMember } = await teamPeople();
      expect((await staff.post(`/api/inspections/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [memberPerson.id] })).statusCode).toBe(200);
      expect(((await teamLeader.get(`/api/inspections/${id}`)).json() as Detail).inspection.actions).toEqual(['startFieldWork']);
      expect((await teamMember.post(`/api/inspections/${id}/start-field-work`, {})).statusCode).toBe(403);
      expect((await teamLeader.post(`/api/inspections/${id}/start-field-work`, {})).statusCode).toBe(200);
      expect((await teamLeader.post(`/api/inspections/${id}/start-field-work`, {})).statusCode).toBe(409);
      expect((await eventsFor('inspection', id)).at(-1)).toMatchObject({ action: 'inspection.startFieldWork', after: { status: 'in_field' } });
    });

    it('records and findings: team members and the office add them during field work only; audited', async () => {
      const { id, teamMember, teamLeader } = await inField();
      const record = await teamMember.post(`/api/inspections/${id}/records`, {
        method: 'unannounced_visit',
        recordDate: '2017-03-06',
        place: '龙门县龙潭镇',
        participants: '巡查组全体',
        notes: '暗访 12 户，3 户反映帮扶资金未到位',
        checklistItemId: await checklistItem('15.2.5'),
      });
      expect(record.statusCode).toBe(201);
      const recordId = (record.json() as Detail).records[0]!.id;
      expect((record.json() as Detail).records[0]!.methodLabel).toBe('随机访或暗访');
      expect((await eventsFor('inspection_record', recordId)).map((event) => event.action)).toEqual(['inspection_record.add']);
      const badMethod = await teamMember.post(`/api/inspections/${id}/records`, { method: 'gossip', recordDate: '2017-03-06', place: '某地', notes: '无' });
      expect(badMethod.statusCode).toBe(400);
      expect(badMethod.json().error.message).toContain('method');
      const badItem = await teamMember.post(`/api/inspections/${id}/findings`, { checklistItemId: 2147480000, description: '问题' });
      expect(badItem.statusCode).toBe(400);
      expect(badItem.json().error.message).toContain('checklistItemId');
      expect((await leader.post(`/api/inspections/${id}/findings`, { checklistItemId: await checklistItem('15.1.3'), description: '慢作为' })).statusCode).toBe(403);

      const finding = await staff.post(`/api/inspections/${id}/findings`, { checklistItemId: await checklistItem('15.1.3'), description: '镇干部对群众诉求慢作为' });
      expect(finding.statusCode).toBe(201);
      const problem = (finding.json() as Detail).findings[0]!;
      expect(problem).toMatchObject({ status: 'open', deadline: null, categoryLabel: '干部工作作风问题' });
      expect((await eventsFor('problem', problem.id)).map((event) => event.action)).toEqual(['problem.record']);

      const recommendation = await teamLeader.post(`/api/inspections/${id}/recommendations`, { problem: '资金滞留', recommendation: '立即拨付到户' });
      expect(recommendation.statusCode).toBe(201);
      expect((await teamMember.post(`/api/inspections/${id}/recommendations`, { problem: '资金滞留', recommendation: '立即拨付' })).statusCode).toBe(403);

      const draft = (await teamLeader.get(`/api/inspections/${id}/report-draft`)).json().draft as string;
      expect(draft).toContain('镇干部对群众诉求慢作为');
      expect(draft).toContain('随机访或暗访');
      expect(draft).toContain('立即拨付到户');
    });

    it('refuses records and findings before field work (409)', async () => {
      const id = await approved();
      const finding = await staff.post(`/api/inspections/${id}/findings`, { checklistItemId: await checklistItem('15.1.3'), description: '问题' });
      expect(finding.statusCode).toBe(409);
      expect(finding.json().error.message).toContain('实地巡查期间');
    });

    it('submit the report: the team leader may, the office may not; wrong state 409; audited', async () => {
      const { id, teamLeader, teamMember } = await withFinding();
      expect((await staff.post(`/api/inspections/${id}/submit-report`, { report: '报告' })).statusCode).toBe(403);
      expect((await teamMember.post(`/api/inspections/${id}/submit-report`, { report: '报告' })).statusCode).toBe(403);
      const submitted = await teamLeader.post(`/api/inspections/${id}/submit-report`, { report: '一、基本情况……' });
      expect(submitted.statusCode).toBe(200);
      expect((submitted.json() as Detail).inspection).toMatchObject({ status: 'report_submitted', report: '一、基本情况……' });
      expect((await teamLeader.post(`/api/inspections/${id}/submit-report`, { report: '再交一次' })).statusCode).toBe(409);
      expect((await eventsFor('inspection', id)).at(-1)).toMatchObject({ action: 'inspection.submitReport', after: { status: 'report_submitted' } });
    });
  });

  describe('feedback (督18): the 2-month rectification deadline', () => {
    it('the office issues feedback; every problem gets deadline = feedback date + 2 calendar months; audited', async () => {
      const context = await withFinding();
      expect((await staff.post(`/api/inspections/${context.id}/issue-feedback`, { feedbackDate: '2017-03-03', feedbackText: '反馈' })).statusCode).toBe(409);
      expect((await context.teamLeader.post(`/api/inspections/${context.id}/submit-report`, { report: '报告' })).statusCode).toBe(200);
      expect((await leader.post(`/api/inspections/${context.id}/issue-feedback`, { feedbackDate: '2017-03-03', feedbackText: '反馈' })).statusCode).toBe(403);
      const future = await staff.post(`/api/inspections/${context.id}/issue-feedback`, { feedbackDate: '2017-03-11', feedbackText: '反馈' });
      expect(future.statusCode).toBe(400);
      expect(future.json().error.message).toContain('feedbackDate');
      const issued = await staff.post(`/api/inspections/${context.id}/issue-feedback`, { feedbackDate: '2017-03-03', feedbackText: '请认真整改' });
      expect(issued.statusCode).toBe(200);
      const detail = issued.json() as Detail;
      expect(detail.inspection).toMatchObject({ status: 'feedback_issued', feedbackDate: '2017-03-03', rectificationDeadline: '2017-05-03' });
      expect(detail.findings.map((finding) => finding.deadline)).toEqual(['2017-05-03']);
      expect((await eventsFor('inspection', context.id)).at(-1)).toMatchObject({ action: 'inspection.issueFeedback', after: { feedback_date: '2017-03-03' } });
      expect((await eventsFor('problem', context.problemId)).map((event) => event.action)).toEqual(['problem.record', 'problem.notify']);
      expect((await staff.post(`/api/inspections/${context.id}/issue-feedback`, { feedbackDate: '2017-03-03', feedbackText: '再次' })).statusCode).toBe(409);
    });

    it('close: refused while a problem is not verified (422), allowed once it is; other roles 403; audited', async () => {
      const context = await fedBack();
      expect((await leader.post(`/api/inspections/${context.id}/close`, {})).statusCode).toBe(403);
      const early = await staff.post(`/api/inspections/${context.id}/close`, {});
      expect(early.statusCode).toBe(422);
      expect(early.json().error.message).toContain('尚有 1 个问题');
      expect((await longmen.post(`/api/rectifications/${context.problemId}/submit`, { measures: '已拨付', evidence: '拨付凭证' })).statusCode).toBe(200);
      expect((await staff.post(`/api/rectifications/${context.problemId}/verify`, {})).statusCode).toBe(200);
      const closed = await staff.post(`/api/inspections/${context.id}/close`, {});
      expect(closed.statusCode).toBe(200);
      expect((closed.json() as Detail).inspection.status).toBe('closed');
      expect((await staff.post(`/api/inspections/${context.id}/close`, {})).statusCode).toBe(409);
      expect((await eventsFor('inspection', context.id)).at(-1)).toMatchObject({ action: 'inspection.close' });
    });
  });

  it.runIf(isPostgres)('two concurrent decisions on one inspection: exactly one wins (PostgreSQL)', async () => {
    for (let round = 0; round < 5; round += 1) {
      const id = await propose();
      const responses = await Promise.all([
        leader.post(`/api/inspections/${id}/approve`, {}),
        leader.post(`/api/inspections/${id}/reject`, { note: '并发' }),
        leader.post(`/api/inspections/${id}/approve`, {}),
      ]);
      expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409, 409]);
      const decisions = (await eventsFor('inspection', id)).filter((event) => event.action !== 'inspection.propose');
      expect(decisions).toHaveLength(1);
    }
  });

  it.runIf(isPostgres)('two concurrent team formations on one inspection: exactly one team (PostgreSQL)', async () => {
    const id = await approved();
    const first = await teamPeople();
    const second = await teamPeople();
    const responses = await Promise.all([
      staff.post(`/api/inspections/${id}/form-team`, { leaderId: first.leaderPerson.id, memberIds: [first.memberPerson.id] }),
      admin.post(`/api/inspections/${id}/form-team`, { leaderId: second.leaderPerson.id, memberIds: [second.memberPerson.id] }),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    expect(await harness.ctx.db.selectFrom('teams').select('id').where('inspection_id', '=', id).execute()).toHaveLength(1);
  });
});
