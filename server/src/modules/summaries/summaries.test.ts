import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUser } from '../../testing/factories.ts';
import { createTestApp, fixedClock, isPostgres, type Session, type TestApp } from '../../testing/harness.ts';
import { readThroughLibreOffice } from '../../testing/libreoffice.ts';

type Commendation = {
  id: number;
  year: number;
  kind: string;
  status: string;
  subject: { kind: string; assessmentUnitCode: string | null; unitId: number | null; name: string };
  supervisionId: number | null;
  title: string;
  decisionNote: string | null;
  decidedByName: string | null;
  actions: string[];
};
type Summary = { id: number; year: number; title: string; body: string; status: string; isEditable: boolean; actions: string[]; submittedByName: string | null };
type AreaFigure = { code: string; title: string; total: number; verified: number; reported: number; overdue: number; transferred: number };
type Figures = {
  supervisions: { total: number; comprehensive: number; special: number };
  coverage: { assessmentUnits: { total: number; covered: number }; notCovered: { name: string }[] };
  problemsByArea: AreaFigure[];
  rectification: { total: number; verified: number; reported: number; overdue: number; transferred: number; inProgress: number };
  commendations: { kind: string; subjectName: string; title: string }[];
  inspections: { inspections: number; problems: number; transferred: number };
};


// 20 November 2017 in Shanghai: late enough in the year for deadlines to have passed.
const clock = fixedClock(new Date('2017-11-20T02:00:00Z'));
const powerSupplyBureau = '广东电网有限责任公司惠州供电局';

describe('office summary, commendations and model cases (督11)', () => {
  let harness: TestApp;
  let admin: Session;
  let staff: Session;
  let leader: Session;
  let lgroup: Session;
  let boluo: Session;
  let longmen: Session;
  let assist: Session;
  const planIds = new Map<number, number>();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-summaries-'));

  beforeAll(async () => {
    // The draft's figures are year-wide aggregates: on PostgreSQL this file gets a database of its
    // own, so that other files' supervisions of the same year do not change them.
    harness = await createTestApp({ clock, isolated: true });
    [admin, staff, leader, lgroup, boluo, longmen, assist] = await Promise.all([
      harness.login('admin'),
      harness.login('staff'),
      harness.login('leader'),
      harness.login('lgroup'),
      harness.login('boluo'),
      harness.login('longmen'),
      harness.login('assist'),
    ]);
    for (const year of [2017, 2018]) {
      const plan = await staff.post('/api/supervision-plans', { year, title: `${year}年度脱贫攻坚督查计划` });
      expect(plan.statusCode).toBe(201);
      planIds.set(year, plan.json().id as number);
      expect((await admin.post(`/api/supervision-plans/${plan.json().id}/approve`, {})).statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await harness.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  async function eventsFor(entityType: string, id: number) {
    return harness.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'before', 'after'])
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', String(id))
      .orderBy('seq')
      .execute();
  }

  async function userId(username: string): Promise<number> {
    return (await harness.ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  }

  async function unitIdByName(name: string): Promise<number> {
    return (await harness.ctx.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  }

  type Target = { targetAssessmentUnitCode: string } | { targetUnitId: number };

  async function approvedSupervision(year: number, target: Target, type = 'comprehensive'): Promise<number> {
    const proposed = await staff.post('/api/supervisions', { planId: planIds.get(year), type, ...target, topic: '脱贫攻坚责任落实情况督查' });
    expect(proposed.statusCode).toBe(201);
    const id = proposed.json().supervision.id as number;
    expect((await admin.post(`/api/supervisions/${id}/approve`, {})).statusCode).toBe(200);
    return id;
  }

  /** A supervision whose team leader has submitted the written report (督10(3)): its results are in. */
  async function reportedSupervision(year: number, target: Target): Promise<number> {
    const id = await approvedSupervision(year, target);
    const chief = await createPerson(harness.ctx, { rank: 'division', homeRegionCode: '441302' });
    const teamLeader = await harness.login((await createUser(harness.ctx, { role: 'team_leader', personId: chief.id })).username);
    expect((await staff.post(`/api/supervisions/${id}/form-team`, { leaderId: chief.id, memberIds: [] })).statusCode).toBe(200);
    expect((await staff.post(`/api/supervisions/${id}/start-field-work`, {})).statusCode).toBe(200);
    expect((await teamLeader.post(`/api/supervisions/${id}/submit-report`, { report: '一、基本情况\n责任落实到位。' })).statusCode).toBe(200);
    return id;
  }

  async function propose(body: Record<string, unknown>): Promise<Commendation> {
    const response = await staff.post('/api/commendations', { year: 2018, kind: 'commendation', title: '脱贫攻坚责任落实到位', description: '县委县政府主要负责同志亲自部署，责任层层压实。', ...body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().commendation as Commendation;
  }

  describe('commendations and model cases: propose and decide', () => {
    it('the office proposes; only the office head approves, with a note; a second decision is 409; audited', async () => {
      const proposed = await propose({ assessmentUnitCode: 'BL' });
      expect(proposed).toMatchObject({ status: 'proposed', kind: 'commendation', subject: { kind: 'assessment_unit', name: '博罗县' }, actions: [] });
      expect(((await admin.get(`/api/commendations/${proposed.id}`)).json().commendation as Commendation).actions).toEqual(['approve', 'reject']);
      expect((await staff.post(`/api/commendations/${proposed.id}/approve`, {})).statusCode).toBe(403);
      expect((await leader.post(`/api/commendations/${proposed.id}/approve`, {})).statusCode).toBe(403);
      expect((await boluo.post(`/api/commendations/${proposed.id}/approve`, {})).statusCode).toBe(404);
      const approved = await admin.post(`/api/commendations/${proposed.id}/approve`, { note: '同意通报表扬' });
      expect(approved.statusCode).toBe(200);
      expect(approved.json().commendation).toMatchObject({ status: 'approved', decisionNote: '同意通报表扬', actions: [] });
      const again = await admin.post(`/api/commendations/${proposed.id}/approve`, {});
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('INVALID_STATE');
      expect((await admin.post(`/api/commendations/${proposed.id}/reject`, { note: '改变主意' })).statusCode).toBe(409);
      const events = await eventsFor('commendation', proposed.id);
      expect(events.map((event) => event.action)).toEqual(['commendation.propose', 'commendation.approve']);
      expect(events[1]).toMatchObject({ before: { status: 'proposed' }, after: { status: 'approved', decision_note: '同意通报表扬' } });
    });

    it('a rejection needs its reason; rejected proposals are audited and cannot be approved afterwards', async () => {
      const proposed = await propose({ kind: 'model_case', unitId: await unitIdByName(powerSupplyBureau), title: '电力扶贫“光伏+”模式' });
      const noReason = await admin.post(`/api/commendations/${proposed.id}/reject`, {});
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error.message).toContain('note');
      const rejected = await admin.post(`/api/commendations/${proposed.id}/reject`, { note: '事迹材料不充分' });
      expect(rejected.statusCode).toBe(200);
      expect(rejected.json().commendation).toMatchObject({ status: 'rejected', decisionNote: '事迹材料不充分' });
      expect((await admin.post(`/api/commendations/${proposed.id}/approve`, {})).statusCode).toBe(409);
      expect((await eventsFor('commendation', proposed.id)).at(-1)).toMatchObject({ action: 'commendation.reject', after: { status: 'rejected' } });
    });

    it('only the city office proposes', async () => {
      const body = { year: 2018, kind: 'commendation', assessmentUnitCode: 'BL', title: '越权', description: '越权' };
      for (const session of [leader, lgroup, boluo]) expect((await session.post('/api/commendations', body)).statusCode).toBe(403);
      expect((await admin.post('/api/commendations', body)).statusCode).toBe(201);
    });

    it('bad input is a 400 naming the field in Chinese', async () => {
      const base = { year: 2018, kind: 'commendation', title: '标题', description: '事迹' };
      const cases: [Record<string, unknown>, string][] = [
        [{ ...base, assessmentUnitCode: 'XX' }, 'assessmentUnitCode'],
        [{ ...base, unitId: 2147480000 }, 'unitId'],
        [{ ...base, assessmentUnitCode: 'BL', unitId: await unitIdByName(powerSupplyBureau) }, '须且只能选择一个对象'],
        [{ ...base }, '须且只能选择一个对象'],
        [{ ...base, year: 1999, assessmentUnitCode: 'BL' }, 'year'],
        [{ ...base, kind: 'praise', assessmentUnitCode: 'BL' }, 'kind'],
        [{ ...base, title: ' ', assessmentUnitCode: 'BL' }, 'title'],
        [{ ...base, assessmentUnitCode: 'BL', supervisionId: 2147480000 }, 'supervisionId'],
      ];
      for (const [body, expected] of cases) {
        const response = await staff.post('/api/commendations', body);
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.json().error.message).toContain(expected);
      }
      const notAssisting = await staff.post('/api/commendations', { ...base, unitId: await unitIdByName('惠州市扶贫开发领导小组办公室') });
      expect(notAssisting.statusCode).toBe(400);
      expect(notAssisting.json().error.message).toContain('不是帮扶单位');
    });

    it('from a supervision: only of its target, of its year, and once its report is in', async () => {
      const inField = await approvedSupervision(2018, { targetAssessmentUnitCode: 'LM' });
      const early = await staff.post('/api/commendations', { year: 2018, kind: 'commendation', assessmentUnitCode: 'LM', supervisionId: inField, title: '标题', description: '事迹' });
      expect(early.statusCode).toBe(400);
      expect(early.json().error.message).toContain('字段「supervisionId」无效');
      expect(early.json().error.message).toContain('尚未提交督查报告');
      const reported = await reportedSupervision(2018, { targetAssessmentUnitCode: 'LM' });
      const wrongSubject = await staff.post('/api/commendations', { year: 2018, kind: 'commendation', assessmentUnitCode: 'BL', supervisionId: reported, title: '标题', description: '事迹' });
      expect(wrongSubject.statusCode).toBe(400);
      expect(wrongSubject.json().error.message).toContain('字段「assessmentUnitCode」无效');
      expect(wrongSubject.json().error.message).toContain('龙门县');
      const wrongYear = await staff.post('/api/commendations', { year: 2017, kind: 'commendation', assessmentUnitCode: 'LM', supervisionId: reported, title: '标题', description: '事迹' });
      expect(wrongYear.statusCode).toBe(400);
      expect(wrongYear.json().error.message).toContain('字段「year」无效');
      const fromResults = await propose({ assessmentUnitCode: 'LM', supervisionId: reported, kind: 'model_case', title: '龙门县“党建+扶贫”做法' });
      expect(fromResults).toMatchObject({ supervisionId: reported, subject: { name: '龙门县' }, kind: 'model_case' });
    });
  });

  describe('who sees commendations', () => {
    it('city-wide readers list all with filters; a county or unit sees only the approved ones about itself', async () => {
      const boluoApproved = await propose({ assessmentUnitCode: 'BL', title: `博罗县表扬${Date.now()}` });
      expect((await admin.post(`/api/commendations/${boluoApproved.id}/approve`, {})).statusCode).toBe(200);
      const boluoProposed = await propose({ assessmentUnitCode: 'BL', kind: 'model_case', title: '博罗县待审定典型' });
      const unitApproved = await propose({ unitId: await unitIdByName(powerSupplyBureau), kind: 'model_case', title: '供电局先进典型' });
      expect((await admin.post(`/api/commendations/${unitApproved.id}/approve`, {})).statusCode).toBe(200);

      const forLeader = (await leader.get('/api/commendations?year=2018')).json().items as Commendation[];
      expect(forLeader.map((item) => item.id)).toEqual(expect.arrayContaining([boluoApproved.id, boluoProposed.id, unitApproved.id]));
      const approvedModels = (await staff.get('/api/commendations?year=2018&kind=model_case&status=approved')).json().items as Commendation[];
      expect(approvedModels.every((item) => item.kind === 'model_case' && item.status === 'approved')).toBe(true);
      expect(approvedModels.map((item) => item.id)).toContain(unitApproved.id);
      expect(approvedModels.map((item) => item.id)).not.toContain(boluoProposed.id);
      expect((await staff.get('/api/commendations?year=2019')).json().items).toEqual([]);
      expect((await staff.get('/api/commendations?status=pending')).statusCode).toBe(400);

      const forBoluo = (await boluo.get('/api/commendations')).json().items as Commendation[];
      expect(forBoluo.map((item) => item.id)).toContain(boluoApproved.id);
      expect(forBoluo.every((item) => item.subject.assessmentUnitCode === 'BL' && item.status === 'approved')).toBe(true);
      expect((await boluo.get(`/api/commendations/${boluoProposed.id}`)).statusCode).toBe(404);
      expect((await boluo.get(`/api/commendations/${boluoApproved.id}`)).statusCode).toBe(200);
      expect((await longmen.get(`/api/commendations/${boluoApproved.id}`)).statusCode).toBe(404);
      expect(((await longmen.get('/api/commendations')).json().items as Commendation[]).some((item) => item.subject.assessmentUnitCode === 'BL')).toBe(false);
      const forUnit = (await assist.get('/api/commendations')).json().items as Commendation[];
      expect(forUnit.map((item) => item.id)).toEqual([unitApproved.id]);
      const thirdParty = await harness.login('thirdparty');
      expect((await thirdParty.get('/api/commendations')).json().items).toEqual([]);
    });
  });

  describe('the summary to 市委、市政府', () => {
    async function createDraft(year = 2018): Promise<Summary> {
      const response = await staff.post('/api/supervision-summaries', { year, title: `关于${year}年全市脱贫攻坚督查工作情况的报告`, body: '一、督查工作开展情况\n全年开展督查。' });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().summary as Summary;
    }

    it('the office writes and edits a draft; 市委、市政府 do not see it until the office head submits it; audited', async () => {
      const draft = await createDraft();
      expect(draft).toMatchObject({ status: 'draft', isEditable: true, actions: [] });
      expect(((await admin.get(`/api/supervision-summaries/${draft.id}`)).json().summary as Summary).actions).toEqual(['submit']);
      expect((await leader.get(`/api/supervision-summaries/${draft.id}`)).statusCode).toBe(404);
      expect(((await leader.get('/api/supervision-summaries')).json().items as Summary[]).map((item) => item.id)).not.toContain(draft.id);

      const edited = await staff.request({ method: 'PATCH', url: `/api/supervision-summaries/${draft.id}`, payload: { body: '一、督查工作开展情况\n全年开展督查 2 项。' } });
      expect(edited.statusCode, edited.body).toBe(200);
      expect((edited.json().summary as Summary).body).toBe('一、督查工作开展情况\n全年开展督查 2 项。');
      const emptyEdit = await staff.request({ method: 'PATCH', url: `/api/supervision-summaries/${draft.id}`, payload: {} });
      expect(emptyEdit.statusCode).toBe(400);
      expect((await leader.request({ method: 'PATCH', url: `/api/supervision-summaries/${draft.id}`, payload: { title: '越权' } })).statusCode).toBe(404);

      expect((await staff.post(`/api/supervision-summaries/${draft.id}/submit`, {})).statusCode).toBe(403);
      const submitted = await admin.post(`/api/supervision-summaries/${draft.id}/submit`, {});
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json().summary).toMatchObject({ status: 'submitted', isEditable: false, actions: [], submittedByName: expect.any(String) });
      const again = await admin.post(`/api/supervision-summaries/${draft.id}/submit`, {});
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('INVALID_STATE');
      const late = await staff.request({ method: 'PATCH', url: `/api/supervision-summaries/${draft.id}`, payload: { title: '再改' } });
      expect(late.statusCode).toBe(409);
      expect(late.json().error.message).toContain('已报送的总结不能再修改');

      for (const reader of [leader, lgroup]) {
        expect((await reader.get(`/api/supervision-summaries/${draft.id}`)).statusCode).toBe(200);
        expect(((await reader.get('/api/supervision-summaries?year=2018')).json().items as Summary[]).map((item) => item.id)).toContain(draft.id);
      }
      expect((await longmen.get(`/api/supervision-summaries/${draft.id}`)).statusCode).toBe(404);
      expect((await longmen.get('/api/supervision-summaries')).statusCode).toBe(403);

      const events = await eventsFor('supervision_summary', draft.id);
      expect(events.map((event) => event.action)).toEqual(['supervision_summary.create', 'supervision_summary.update', 'supervision_summary.submit']);
      expect(events[1]).toMatchObject({ before: { body: '一、督查工作开展情况\n全年开展督查。' }, after: { body: '一、督查工作开展情况\n全年开展督查 2 项。' } });
      expect(events[2]).toMatchObject({ before: { status: 'draft' }, after: { status: 'submitted' } });
    });

    it('only the office writes a summary; bad input is 400 naming the field', async () => {
      const body = { year: 2018, title: '总结', body: '正文' };
      for (const session of [leader, lgroup, longmen]) expect((await session.post('/api/supervision-summaries', body)).statusCode).toBe(403);
      const noBody = await staff.post('/api/supervision-summaries', { ...body, body: '' });
      expect(noBody.statusCode).toBe(400);
      expect(noBody.json().error.message).toContain('body');
      const badYear = await staff.post('/api/supervision-summaries', { ...body, year: 2101 });
      expect(badYear.statusCode).toBe(400);
      expect(badYear.json().error.message).toContain('year');
    });
  });

  describe('the generated draft (督11)', () => {
    it('states the year’s supervisions, coverage, problems by 督9 area, rectification, commendations and inspections from the data', async () => {
      const year = 2017;
      const areas = (await staff.get(`/api/supervision-checklist-items?year=${year}`)).json().areas as { code: string; title: string }[];
      const areaTitle = (code: string) => areas.find((area) => area.code === code)!.title;

      // Two supervisions: a 综合督查 of 龙门县 with its report in, and a 专项督查 of 惠东县.
      const longmenSupervision = await reportedSupervision(year, { targetAssessmentUnitCode: 'LM' });
      await approvedSupervision(year, { targetAssessmentUnitCode: 'HD' }, 'special');

      // Three findings in two areas: one verified, one reported, one overdue.
      const staffId = await userId('staff');
      const finding = { source: 'supervision' as const, source_id: longmenSupervision, supervision_id: longmenSupervision, responsible_unit_code: 'LM', recorded_by: staffId };
      await harness.ctx.db
        .insertInto('problems')
        .values([
          { ...finding, category: '9.1', description: '镇级脱贫攻坚责任书未签订', status: 'verified', notified_on: '2017-06-01', deadline: '2017-08-01', measures: '已补签', reported_at: new Date('2017-07-20T02:00:00Z'), verified_at: new Date('2017-07-25T02:00:00Z'), verified_by: staffId },
          { ...finding, category: '9.1', description: '村级工作台账不完整', status: 'reported', notified_on: '2017-10-01', deadline: '2017-12-01', measures: '已完善台账', reported_at: new Date('2017-11-10T02:00:00Z') },
          { ...finding, category: '9.3', description: '产业帮扶项目进度滞后', status: 'in_progress', notified_on: '2017-08-01', deadline: '2017-10-01' },
        ])
        .execute();

      // Approved: a commendation of 龙门县 from its supervision and a model case of the power supply bureau; a rejected one is left out.
      const praised = await staff.post('/api/commendations', { year, kind: 'commendation', assessmentUnitCode: 'LM', supervisionId: longmenSupervision, title: '责任落实到位', description: '县镇村三级责任书全部签订。' });
      const model = await staff.post('/api/commendations', { year, kind: 'model_case', unitId: await unitIdByName(powerSupplyBureau), title: '光伏扶贫电站', description: '建成村级光伏电站，村集体年增收 3 万元。' });
      const refused = await staff.post('/api/commendations', { year, kind: 'commendation', assessmentUnitCode: 'HD', title: '被驳回的表扬', description: '材料不足。' });
      expect((await admin.post(`/api/commendations/${praised.json().commendation.id}/approve`, {})).statusCode).toBe(200);
      expect((await admin.post(`/api/commendations/${model.json().commendation.id}/approve`, {})).statusCode).toBe(200);
      expect((await admin.post(`/api/commendations/${refused.json().commendation.id}/reject`, { note: '不予采纳' })).statusCode).toBe(200);

      // One approved inspection of the year with one problem, transferred to 纪检监察.
      const inspection = await staff.post('/api/inspections', { year, title: '2017年龙门县脱贫攻坚巡查', assessmentUnitCode: 'LM', reason: '群众反映资金拨付迟缓' });
      expect(inspection.statusCode).toBe(201);
      const inspectionId = inspection.json().inspection.id as number;
      expect((await leader.post(`/api/inspections/${inspectionId}/approve`, {})).statusCode).toBe(200);
      const problem = await harness.ctx.db
        .insertInto('problems')
        .values({ source: 'inspection', source_id: inspectionId, inspection_id: inspectionId, category: 'project_funds', responsible_unit_code: 'LM', description: '截留扶贫资金', status: 'transferred', recorded_by: staffId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await harness.ctx.db
        .insertInto('transfers')
        .values({ problem_id: problem.id, recipient_body: 'discipline_inspection', recipient_user_id: await userId('jiwei'), summary: '涉嫌截留', evidence: '{}', status: 'sent', transferred_by: staffId, transferred_at: new Date('2017-09-01T02:00:00Z') })
        .execute();

      const response = await staff.get(`/api/supervision-summaries/draft?year=${year}`);
      expect(response.statusCode, response.body).toBe(200);
      const draft = response.json() as { title: string; body: string; figures: Figures };
      expect(draft.title).toBe('关于2017年全市脱贫攻坚督查工作情况的报告');
      expect(draft.figures.supervisions).toMatchObject({ total: 2, comprehensive: 1, special: 1 });
      expect(draft.figures.coverage.assessmentUnits).toEqual({ total: 7, covered: 1 });
      expect(draft.figures.problemsByArea.map((area) => area.code)).toEqual(['9.1', '9.2', '9.3', '9.4', '9.5', '9.6', '9.7', '9.8']);
      expect(draft.figures.problemsByArea.find((area) => area.code === '9.1')).toMatchObject({ title: areaTitle('9.1'), total: 2, verified: 1, reported: 1, overdue: 0 });
      expect(draft.figures.problemsByArea.find((area) => area.code === '9.3')).toMatchObject({ total: 1, verified: 0, overdue: 1 });
      expect(draft.figures.rectification).toEqual({ total: 3, verified: 1, reported: 1, overdue: 1, transferred: 0, inProgress: 1 });
      expect(draft.figures.inspections).toMatchObject({ inspections: 1, problems: 1, transferred: 1 });
      expect(draft.figures.commendations.map((entry) => [entry.kind, entry.subjectName, entry.title])).toEqual([
        ['commendation', '龙门县', '责任落实到位'],
        ['model_case', powerSupplyBureau, '光伏扶贫电站'],
      ]);

      const body = draft.body;
      expect(body).toContain('第十一条');
      expect(body).toContain('共安排督查 2 项，其中综合督查 1 项、专项督查 1 项');
      expect(body).toContain('全市 7 个县（区）中已有 1 个开展了综合督查');
      expect(body).toContain('尚未开展综合督查的有惠东县');
      expect(body).toContain('各督查组共发现问题 3 个');
      expect(body).toContain(`“${areaTitle('9.1')}”方面 2 个，“${areaTitle('9.3')}”方面 1 个`);
      expect(body).toContain('已整改并经市扶贫办核查确认 1 个，已报送整改情况、待核查 1 个，正在整改 1 个');
      expect(body).toContain('逾期）的 1 个');
      expect(body).toContain('予以通报表扬：龙门县（责任落实到位）');
      expect(body).toContain(`先进典型 1 个：${powerSupplyBureau}“光伏扶贫电站”`);
      expect(body).not.toContain('被驳回的表扬');
      expect(body).toContain('开展巡查 1 次，巡查发现问题 1 个，其中涉嫌违纪违法、移交纪检监察机关或检察机关 1 个');
      expect(body).toContain('五、意见建议');
      expect(body).toContain('对逾期未完成整改的 1 个问题由市扶贫办挂牌督办');
      expect(body.split('\n').filter((line) => /^[一二三四五]、/.test(line))).toHaveLength(5);
    });

    it('a year without supervision gives a draft that says so', async () => {
      const draft = (await staff.get('/api/supervision-summaries/draft?year=2030')).json() as { body: string; figures: Figures };
      expect(draft.figures.supervisions.total).toBe(0);
      expect(draft.figures.problemsByArea).toHaveLength(8);
      expect(draft.body).toContain('2030年度督查计划尚未安排督查事项');
      expect(draft.body).toContain('本年度暂无经审定的通报表扬和先进典型');
    });

    it('only the office generates a draft; leaders read the figures; a bad year is 400', async () => {
      expect((await leader.get('/api/supervision-summaries/draft?year=2017')).statusCode).toBe(403);
      expect((await longmen.get('/api/supervision-summaries/draft?year=2017')).statusCode).toBe(403);
      const figures = await leader.get('/api/supervision-summaries/figures?year=2017');
      expect(figures.statusCode).toBe(200);
      expect((figures.json().figures as Figures).problemsByArea).toHaveLength(8);
      expect((await longmen.get('/api/supervision-summaries/figures?year=2017')).statusCode).toBe(403);
      const bad = await staff.get('/api/supervision-summaries/draft?year=abc');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('year');
      expect((await staff.get('/api/supervision-summaries/draft')).statusCode).toBe(400);
    });
  });

  it('writes the submitted summary as an official DOCX with the annex of commendations and model cases (R-X3)', async () => {
    const draft = (await staff.get('/api/supervision-summaries/draft?year=2017')).json() as { title: string; body: string };
    const created = await staff.post('/api/supervision-summaries', { year: 2017, title: draft.title, body: draft.body });
    expect(created.statusCode).toBe(201);
    const id = created.json().summary.id as number;
    const url = `/api/documents/supervision-summaries/${id}/summary.docx`;
    expect((await leader.get(url)).statusCode).toBe(404);
    const submitted = await admin.post(`/api/supervision-summaries/${id}/submit`, {});
    expect(submitted.statusCode).toBe(200);
    const documentNumber = submitted.json().summary.documents[0].documentNumber as string;
    expect(documentNumber).toMatch(/^惠扶办〔2017〕\d+号$/);
    expect((await longmen.get(url)).statusCode).toBe(404);
    const response = await leader.get(url);
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    expect(response.headers['content-disposition']).toContain(encodeURIComponent('督查工作总结-2017'));
    expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const file = path.join(workDir, 'summary.docx');
    fs.writeFileSync(file, response.rawPayload);

    // Open it in LibreOffice, as 市委、市政府 would, and read back the text of the PDF it renders.
    const rendered = await readThroughLibreOffice([file]);
    if (!rendered) return;
    const text = rendered.get('summary');
    expect(text).toContain('惠州市扶贫开发领导小组办公室文件');
    expect(text).toContain(documentNumber);
    expect(text).toContain('关于2017年全市脱贫攻坚督查工作情况的报告');
    expect(text).toContain('中共惠州市委、惠州市人民政府：');
    expect(text).toContain('四、通报表扬和先进典型');
    expect(text).toContain('附件：2017年度通报表扬和先进典型名单');
    expect(text).toContain('事迹/做法');
    expect(text).toContain('建成村级光伏电站，村集体年增收3万元。');
    expect(text).toContain('2017年11月20日');
  }, 240_000);

  describe.runIf(isPostgres)('concurrent decisions (PostgreSQL)', () => {
    it('approve and reject of one commendation at once: exactly one wins', async () => {
      const secondAdmin = await harness.login((await createUser(harness.ctx, { role: 'office_admin' })).username);
      for (let round = 0; round < 5; round += 1) {
        const proposed = await propose({ assessmentUnitCode: 'HC', title: `并发审定${round}` });
        const responses = await Promise.all([
          admin.post(`/api/commendations/${proposed.id}/approve`, {}),
          secondAdmin.post(`/api/commendations/${proposed.id}/reject`, { note: '不予采纳' }),
        ]);
        expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
        const decisions = (await eventsFor('commendation', proposed.id)).filter((event) => event.action !== 'commendation.propose');
        expect(decisions).toHaveLength(1);
      }
    });

    it('two submissions of one summary at once: exactly one wins', async () => {
      const secondAdmin = await harness.login((await createUser(harness.ctx, { role: 'office_admin' })).username);
      for (let round = 0; round < 5; round += 1) {
        const created = await staff.post('/api/supervision-summaries', { year: 2018, title: `并发报送${round}`, body: '正文' });
        const id = created.json().summary.id as number;
        const responses = await Promise.all([admin.post(`/api/supervision-summaries/${id}/submit`, {}), secondAdmin.post(`/api/supervision-summaries/${id}/submit`, {})]);
        expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
        expect((await eventsFor('supervision_summary', id)).filter((event) => event.action === 'supervision_summary.submit')).toHaveLength(1);
      }
    });
  });
});
