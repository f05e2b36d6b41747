import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUser } from '../../testing/factories.ts';
import { createTestApp, fixedClock, isPostgres, type Session, type TestApp } from '../../testing/harness.ts';
import { escalateOverdueProblems } from '../rectifications/rectifications.escalation.ts';
import { signalParametersFor } from '../registry/registry.signals.ts';

type Parameter = {
  key: string;
  label: string;
  article: string;
  defaultValue: unknown;
  defaultText: string;
  value: unknown;
  valueText: string;
  source: 'year' | 'inherited' | 'default';
  sourceYear: number | null;
  updatedByName: string | null;
  updatedAt: string | null;
  lockReason: string | null;
  actions: string[];
};
type Listing = { year: number; isStarted: boolean; startedBy: string | null; lockReason: string | null; items: Parameter[] };

/** 10:00 Beijing time on the given calendar day. */
const beijingMorning = (day: string) => new Date(`${day}T02:00:00Z`);
const clock = fixedClock(beijingMorning('2018-02-10'));

// Every test here changes a year's rules or starts a year's work, and escalation runs over the whole ledger:
// on PostgreSQL the file gets a database of its own.
describe('参数配置: the measures’ numbers per year', () => {
  let harness: TestApp;
  let admin: Session;
  let staff: Session;
  let leader: Session;

  async function signIn() {
    [admin, staff, leader] = await Promise.all([harness.login('admin'), harness.login('staff'), harness.login('leader')]);
  }

  beforeAll(async () => {
    harness = await createTestApp({ clock, isolated: true });
    await signIn();
  });
  afterAll(() => harness.close());

  async function listing(year: number, session = admin): Promise<Listing> {
    const response = await session.get(`/api/parameters?year=${year}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Listing;
  }

  async function parameterOf(year: number, key: string): Promise<Parameter> {
    return (await listing(year)).items.find((item) => item.key === key)!;
  }

  function put(year: number, key: string, value: unknown, session = admin) {
    return session.request({ method: 'PUT', url: `/api/parameters/${year}/${key}`, payload: { value } });
  }

  /** An inspection of 龙门县 of `year` taken through to feedback on `feedbackDate`, with one problem found; returns the problem. */
  async function fedBackProblem(year: number, feedbackDate: string): Promise<{ inspectionId: number; problemId: number; deadline: string }> {
    const proposed = await staff.post('/api/inspections', { year, title: `${year}年参数测试巡查-${Math.random().toString(36).slice(2, 8)}`, assessmentUnitCode: 'LM', reason: '测试' });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const id = proposed.json().inspection.id as number;
    expect((await leader.post(`/api/inspections/${id}/approve`, {})).statusCode).toBe(200);
    const leaderPerson = await createPerson(harness.ctx, { rank: 'division', homeRegionCode: '441302' });
    const memberPerson = await createPerson(harness.ctx, { homeRegionCode: '441302' });
    expect((await staff.post(`/api/inspections/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [memberPerson.id] })).statusCode).toBe(200);
    expect((await staff.post(`/api/inspections/${id}/start-field-work`, {})).statusCode).toBe(200);
    const items = (await staff.get(`/api/checklist-items?year=${year}`)).json().items as { id: number; code: string }[];
    const finding = await staff.post(`/api/inspections/${id}/findings`, { checklistItemId: items.find((item) => item.code === '15.3.4')!.id, description: '部分相对贫困户“被脱贫”' });
    expect(finding.statusCode, finding.body).toBe(201);
    const problemId = finding.json().findings[0].id as number;
    const leaderUser = await createUser(harness.ctx, { role: 'team_leader', personId: leaderPerson.id });
    const teamLeader = await harness.login(leaderUser.username);
    expect((await teamLeader.post(`/api/inspections/${id}/submit-report`, { report: '报告' })).statusCode).toBe(200);
    const feedback = await staff.post(`/api/inspections/${id}/issue-feedback`, { feedbackDate, feedbackText: '反馈' });
    expect(feedback.statusCode, feedback.body).toBe(200);
    const detail = feedback.json() as { inspection: { rectificationDeadline: string }; findings: { id: number; deadline: string }[] };
    expect(detail.findings.find((problem) => problem.id === problemId)!.deadline).toBe(detail.inspection.rectificationDeadline);
    return { inspectionId: id, problemId, deadline: detail.inspection.rectificationDeadline };
  }

  it('lists a year’s parameters with their article, Huizhou default, value and where the value comes from', async () => {
    const year2017 = await listing(2017);
    expect(year2017).toMatchObject({ year: 2017, isStarted: false, lockReason: null });
    const period = year2017.items.find((item) => item.key === 'inspectionRectificationMonths')!;
    expect(period).toMatchObject({ label: '巡查整改期限', article: '督18', defaultValue: 2, defaultText: '2 个月', value: 2, source: 'year', sourceYear: 2017, updatedByName: '系统初始化', actions: ['edit'] });
    expect(year2017.items.find((item) => item.key === 'inspectionLeaderMinimumRank')).toMatchObject({ article: '督14', value: 'division', valueText: '处级以上' });
    expect(year2017.items.find((item) => item.key === 'supervisionRectificationMonths')).toMatchObject({ article: '督12', value: 1 });
    // A later year nobody has configured carries on with 2017's rules; an earlier one has the defaults.
    expect(await parameterOf(2019, 'inspectionRectificationMonths')).toMatchObject({ value: 2, source: 'inherited', sourceYear: 2017 });
    expect(await parameterOf(2016, 'inspectionRectificationMonths')).toMatchObject({ value: 2, source: 'default', sourceYear: null, updatedByName: null });
  });

  it('is read by the office and 市委/市政府, changed by the office administrator only', async () => {
    expect((await listing(2018, staff)).items.every((item) => item.actions.length === 0)).toBe(true);
    expect((await listing(2018, leader)).items.length).toBeGreaterThan(10);
    const county = await harness.login('longmen');
    const refusedRead = await county.get('/api/parameters?year=2018');
    expect(refusedRead.statusCode).toBe(403);
    expect(refusedRead.json().error.message).toContain('查看参数配置');
    const refusedWrite = await put(2018, 'inspectionRectificationMonths', 3, staff);
    expect(refusedWrite.statusCode).toBe(403);
    expect(refusedWrite.json().error.message).toContain('市扶贫办工作人员');
  });

  it('refuses invalid values with 400 in Chinese, naming the field and the parameter', async () => {
    for (const [key, value, words] of [
      ['inspectionRectificationMonths', 0, '须为 1 至 24 之间的整数（个月）'],
      ['inspectionRectificationMonths', 2.5, '须为 1 至 24 之间的整数（个月）'],
      ['inspectionRectificationMonths', '3', '须为 1 至 24 之间的整数（个月）'],
      ['inspectionLeaderMinimumRank', 'other', '须为以下之一'],
      ['supervisionChecklistYear', 2030, '没有 2030 年的督查责任清单'],
      ['signalLateSharePercent', 101, '须为 1 至 100 之间的整数（%）'],
    ] as const) {
      const response = await put(2018, key, value);
      expect(response.statusCode, `${key}=${String(value)}`).toBe(400);
      const error = response.json().error as { code: string; message: string; details: { fields: { field: string; message: string }[] } };
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toContain('字段「value」');
      expect(error.message).toContain(words);
      expect(error.details.fields[0]!.field).toBe('value');
    }
    const unknownKey = await put(2018, 'noSuchParameter', 1);
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().error.message).toContain('字段「key」不是已定义的参数');
    const missing = await admin.request({ method: 'PUT', url: '/api/parameters/2018/inspectionRectificationMonths', payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('字段「value」');
    const badYear = await put(1999, 'inspectionRectificationMonths', 3);
    expect(badYear.statusCode).toBe(400);
    expect(badYear.json().error.message).toContain('年度不能早于 2016 年');
    // Nothing was written.
    expect(await parameterOf(2018, 'inspectionRectificationMonths')).toMatchObject({ value: 2, source: 'inherited' });
  });

  it('changing the 督18 period for 2018 changes the deadline of a 2018 inspection’s feedback, not a 2017 one', async () => {
    const changed = await put(2018, 'inspectionRectificationMonths', 3);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().parameter).toMatchObject({ key: 'inspectionRectificationMonths', value: 3, valueText: '3 个月', source: 'year', sourceYear: 2018, updatedByName: '市扶贫办管理员（演示）' });
    // 2018's escalation to 市委市政府 waits two months instead of one.
    expect((await put(2018, 'overdueCityReportMonths', 2)).statusCode).toBe(200);

    const events = await harness.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_name', 'before', 'after'])
      .where('entity_type', '=', 'measure_parameter')
      .where('entity_id', '=', '2018/inspectionRectificationMonths')
      .execute();
    expect(events).toEqual([
      {
        action: 'measure_parameter.update',
        actor_name: '市扶贫办管理员（演示）',
        before: { value: 2, from: '2017 年' },
        after: { year: 2018, key: 'inspectionRectificationMonths', label: '巡查整改期限', article: '督18', value: 3 },
      },
    ]);
    // Later years follow 2018 now; 2017 keeps its own.
    expect(await parameterOf(2019, 'inspectionRectificationMonths')).toMatchObject({ value: 3, source: 'inherited', sourceYear: 2018 });
    expect(await parameterOf(2017, 'inspectionRectificationMonths')).toMatchObject({ value: 2, source: 'year' });

    // Both fed back on the same day: the 2017 inspection keeps two months, the 2018 one gets three.
    const of2017 = await fedBackProblem(2017, '2018-02-01');
    const of2018 = await fedBackProblem(2018, '2018-02-01');
    expect(of2017.deadline).toBe('2018-04-01');
    expect(of2018.deadline).toBe('2018-05-01');
    expect((await staff.get(`/api/inspections/${of2018.inspectionId}`)).json().inspection.rectificationMonths).toBe(3);

    // Escalation follows each problem's year: a day after 2018's deadline, 2017's problem (a month past its own) goes to
    // 市委市政府; 2018's is only supervised, and reaches them two months after its deadline.
    clock.set(beijingMorning('2018-05-02'));
    const first = await escalateOverdueProblems(harness.ctx);
    expect(first.escalated).toEqual({ level1: 2, level2: 1 });
    const levels = async () =>
      Object.fromEntries(
        (await harness.ctx.db.selectFrom('problems').select(['id', 'escalation_level']).where('id', 'in', [of2017.problemId, of2018.problemId]).execute()).map((row) => [row.id, row.escalation_level]),
      );
    expect(await levels()).toEqual({ [of2017.problemId]: 2, [of2018.problemId]: 1 });
    clock.set(beijingMorning('2018-07-01'));
    expect((await escalateOverdueProblems(harness.ctx)).escalated).toEqual({ level1: 0, level2: 0 });
    clock.set(beijingMorning('2018-07-02'));
    expect((await escalateOverdueProblems(harness.ctx)).escalated).toEqual({ level1: 0, level2: 1 });
    expect(await levels()).toEqual({ [of2017.problemId]: 2, [of2018.problemId]: 2 });
    await signIn();
  });

  it('refuses a change once the year’s work has started, naming the rule and the work', async () => {
    const listed = await listing(2018);
    expect(listed.isStarted).toBe(true);
    expect(listed.lockReason).toContain('年度工作开始后，该年度适用的参数不得修改');
    expect(listed.items.every((item) => item.actions.length === 0 && item.lockReason !== null)).toBe(true);
    const refused = await put(2018, 'inspectionRectificationMonths', 4);
    expect(refused.statusCode).toBe(409);
    const error = refused.json().error as { code: string; message: string; details: { rule: string; year: number; startedYear: number } };
    expect(error.code).toBe('INVALID_STATE');
    expect(error.message).toContain('年度工作开始后，该年度适用的参数不得修改');
    expect(error.message).toContain('2018 年度的巡查「2018年参数测试巡查');
    expect(error.details).toMatchObject({ year: 2018, startedYear: 2018 });
    expect(await parameterOf(2018, 'inspectionRectificationMonths')).toMatchObject({ value: 3 });
  });

  it('refuses a change an already started later year would read, and allows it once that year has its own', async () => {
    expect((await put(2019, 'inspectionLeaderMinimumRank', 'bureau')).statusCode).toBe(200);
    // 2020 starts with an inspection, reading 2019's values: 2019 may no longer change them …
    const proposed = await staff.post('/api/inspections', { year: 2020, title: '2020年参数测试巡查', assessmentUnitCode: 'LM', reason: '测试' });
    expect(proposed.statusCode).toBe(201);
    const refused = await put(2019, 'inspectionLeaderMinimumRank', 'division');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('2020 年度的工作已经开始');
    expect(refused.json().error.message).toContain('沿用 2019 年');
    const listed2019 = await listing(2019);
    expect(listed2019.isStarted).toBe(false);
    expect(listed2019.items.find((item) => item.key === 'inspectionLeaderMinimumRank')!.actions).toEqual([]);
    // … and 2020's inspection keeps 2019's rule: its leader must be of 厅级.
    const id = proposed.json().inspection.id as number;
    expect((await leader.post(`/api/inspections/${id}/approve`, {})).statusCode).toBe(200);
    const divisionLeader = await createPerson(harness.ctx, { rank: 'division', homeRegionCode: '441302' });
    const member = await createPerson(harness.ctx, { homeRegionCode: '441302' });
    const formed = await staff.post(`/api/inspections/${id}/form-team`, { leaderId: divisionLeader.id, memberIds: [member.id] });
    expect(formed.statusCode).toBe(422);
    expect(formed.json().error.message).toContain('巡查组组长须由厅级以上领导干部担任');
    // A year after 2020 is free.
    expect((await put(2021, 'inspectionLeaderMinimumRank', 'division')).statusCode).toBe(200);
  });

  it('gives a supervision the default period of its year', async () => {
    expect((await put(2022, 'supervisionRectificationMonths', 2)).statusCode).toBe(200);
    const plan = await staff.post('/api/supervision-plans', { year: 2022, title: '2022年度督查计划' });
    expect(plan.statusCode, plan.body).toBe(201);
    const planId = plan.json().id as number;
    expect((await admin.post(`/api/supervision-plans/${planId}/approve`, {})).statusCode).toBe(200);
    const created = await staff.post('/api/supervisions', { planId, type: 'comprehensive', targetAssessmentUnitCode: 'LM', topic: '综合督查', plannedStart: '2022-05-01', plannedEnd: '2022-05-20' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().supervision).toMatchObject({ year: 2022, defaultRectificationMonths: 2 });
    expect((await listing(2022)).isStarted).toBe(true);
    expect((await put(2022, 'supervisionRectificationMonths', 3)).statusCode).toBe(409);
  });
  it('names the 责任清单 a year’s work uses, even when the year has one of its own', async () => {
    expect((await staff.post('/api/checklists/copy', { kind: 'inspection', year: 2023 })).statusCode).toBe(201);
    const own = (await staff.get('/api/checklists?kind=inspection&year=2023')).json();
    expect(own).toMatchObject({ templateYear: 2023, isOwnTemplate: true, isFixedByParameter: false });
    const ownItems = (await staff.get('/api/checklist-items?year=2023')).json().items as { year: number }[];
    expect(new Set(ownItems.map((item) => item.year))).toEqual(new Set([2023]));

    expect((await put(2023, 'inspectionChecklistYear', 2017)).statusCode).toBe(200);
    const fixed = (await staff.get('/api/checklists?kind=inspection&year=2023')).json();
    expect(fixed).toMatchObject({ templateYear: 2017, isOwnTemplate: false, isFixedByParameter: true, actions: [] });
    const fixedItems = (await staff.get('/api/checklist-items?year=2023')).json().items as { year: number }[];
    expect(new Set(fixedItems.map((item) => item.year))).toEqual(new Set([2017]));
    expect(await parameterOf(2023, 'inspectionChecklistYear')).toMatchObject({ value: 2017, valueText: '2017 年的清单' });
    // 自动 again: back to the year's own template.
    expect((await put(2023, 'inspectionChecklistYear', null)).statusCode).toBe(200);
    expect((await staff.get('/api/checklists?kind=inspection&year=2023')).json()).toMatchObject({ templateYear: 2023, isFixedByParameter: false });
  });

  it('gives the 数字脱贫 detectors the thresholds of the year they look at', async () => {
    // 2016 has no work, and 2017 has values of its own: 2016 may change without touching 2017.
    expect((await put(2016, 'signalIncomeMarginPercent', 5)).statusCode).toBe(200);
    expect((await put(2016, 'signalLateWindowDays', 30)).statusCode).toBe(200);
    expect(await signalParametersFor(harness.ctx.db, 2016)).toMatchObject({ year: 2016, incomeMargin: 0.05, lateWindowDays: 30, lateShare: 0.5, graceDays: 15 });
    expect(await signalParametersFor(harness.ctx.db, 2017)).toMatchObject({ year: 2017, incomeMargin: 0.03, lateWindowDays: 14 });
  });
  it.runIf(isPostgres)('two changes of one parameter at once are recorded one after the other (PostgreSQL)', async () => {
    const [first, second] = await Promise.all([put(2024, 'signalGraceDays', 20), put(2024, 'signalGraceDays', 30)]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const events = await harness.ctx.db
      .selectFrom('audit_events')
      .select(['before', 'after'])
      .where('entity_type', '=', 'measure_parameter')
      .where('entity_id', '=', '2024/signalGraceDays')
      .orderBy('seq')
      .execute();
    expect(events).toHaveLength(2);
    // The later change replaced what the earlier one wrote, and says so.
    expect((events[1]!.before as { value: number }).value).toBe((events[0]!.after as { value: number }).value);
    expect((await parameterOf(2024, 'signalGraceDays')).value).toBe((events[1]!.after as { value: number }).value);
  });
});
