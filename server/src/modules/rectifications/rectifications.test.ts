import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createUser } from '../../testing/factories.ts';
import { createTestApp, fixedClock, isPostgres, type Session, type TestApp } from '../../testing/harness.ts';

type Problem = {
  id: number;
  status: string;
  statusLabel: string;
  deadline: string | null;
  daysLeft: number | null;
  isOverdue: boolean;
  isFixed: boolean;
  measures: string | null;
  returnReason: string | null;
  responsibleUnitName: string;
  actions: string[];
};

type SummaryRow = { unitCode: string; unresolved: number; overdue: number; verified: number; awaitingVerification: number; total: number };

// 10:00 Beijing time, 10 March 2017.
const clock = fixedClock(new Date('2017-03-10T02:00:00Z'));

describe('the problem ledger and rectification 整改 (SPEC §6, 督18)', () => {
  let harness: TestApp;
  let staff: Session;
  let leader: Session;
  let longmen: Session;
  let huidong: Session;

  async function signIn() {
    [staff, leader, longmen, huidong] = await Promise.all([harness.login('staff'), harness.login('leader'), harness.login('longmen'), harness.login('huidong')]);
  }

  beforeAll(async () => {
    harness = await createTestApp({ clock });
    await signIn();
  });
  afterAll(() => harness.close());

  async function eventsFor(id: number) {
    return harness.ctx.db.selectFrom('audit_events').select(['action', 'before', 'after']).where('entity_type', '=', 'problem').where('entity_id', '=', String(id)).orderBy('seq').execute();
  }

  /** An inspection of 龙门县 taken through to feedback on `feedbackDate`, with one problem found; returns the problem id. */
  async function notifiedProblem(feedbackDate = '2017-03-03', unit = 'LM'): Promise<number> {
    const proposed = await staff.post('/api/inspections', { year: 2017, title: `整改测试巡查-${unit}`, assessmentUnitCode: unit, reason: '测试' });
    const id = proposed.json().inspection.id as number;
    expect((await leader.post(`/api/inspections/${id}/approve`, {})).statusCode).toBe(200);
    const leaderPerson = await createPerson(harness.ctx, { rank: 'division', homeRegionCode: '441302' });
    const memberPerson = await createPerson(harness.ctx, { homeRegionCode: '441302' });
    expect((await staff.post(`/api/inspections/${id}/form-team`, { leaderId: leaderPerson.id, memberIds: [memberPerson.id] })).statusCode).toBe(200);
    expect((await staff.post(`/api/inspections/${id}/start-field-work`, {})).statusCode).toBe(200);
    const items = (await staff.get('/api/checklist-items?year=2017')).json().items as { id: number; code: string }[];
    const finding = await staff.post(`/api/inspections/${id}/findings`, {
      checklistItemId: items.find((item) => item.code === '15.3.4')!.id,
      description: '部分相对贫困户“被脱贫”',
      requirement: '逐户核查，重新认定',
    });
    expect(finding.statusCode).toBe(201);
    const problemId = finding.json().findings[0].id as number;
    const leaderUser = await createUser(harness.ctx, { role: 'team_leader', personId: leaderPerson.id });
    const teamLeader = await harness.login(leaderUser.username);
    expect((await teamLeader.post(`/api/inspections/${id}/submit-report`, { report: '报告' })).statusCode).toBe(200);
    expect((await staff.post(`/api/inspections/${id}/issue-feedback`, { feedbackDate, feedbackText: '反馈' })).statusCode).toBe(200);
    return problemId;
  }

  it('the county sees its notified problem with the deadline and the days left', async () => {
    const id = await notifiedProblem('2017-03-03');
    const response = await longmen.get(`/api/rectifications/${id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().problem).toMatchObject({
      status: 'open',
      statusLabel: '待整改',
      deadline: '2017-05-03',
      daysLeft: 54,
      isOverdue: false,
      isFixed: false,
      responsibleUnitName: '龙门县',
      actions: ['start', 'submit', 'requestExtension'],
    });
    const list = (await longmen.get('/api/rectifications')).json().items as Problem[];
    expect(list.map((problem) => problem.id)).toContain(id);
    expect(list.every((problem) => problem.responsibleUnitName === '龙门县')).toBe(true);
    expect((await huidong.get(`/api/rectifications/${id}`)).statusCode).toBe(404);
    expect((await huidong.get('/api/rectifications')).json().items.map((problem: Problem) => problem.id)).not.toContain(id);
  });

  it('start: the county may, the office may not, twice is 409; audited', async () => {
    const id = await notifiedProblem();
    expect((await staff.post(`/api/rectifications/${id}/start`, {})).statusCode).toBe(403);
    const started = await longmen.post(`/api/rectifications/${id}/start`, {});
    expect(started.statusCode).toBe(200);
    expect(started.json().problem).toMatchObject({ status: 'in_progress', actions: ['submit', 'requestExtension'] });
    expect((await longmen.post(`/api/rectifications/${id}/start`, {})).statusCode).toBe(409);
    expect((await eventsFor(id)).at(-1)).toMatchObject({ action: 'problem.start', before: { status: 'open' }, after: { status: 'in_progress' } });
  });

  it('submit → return → resubmit → verify: county reports, the office checks; only verified counts as fixed', async () => {
    const id = await notifiedProblem();
    const noEvidence = await longmen.post(`/api/rectifications/${id}/submit`, { measures: '逐户核查' });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().error.message).toContain('evidence');
    expect((await staff.post(`/api/rectifications/${id}/submit`, { measures: '代报', evidence: '无' })).statusCode).toBe(403);
    expect((await huidong.post(`/api/rectifications/${id}/submit`, { measures: '越界', evidence: '无' })).statusCode).toBe(404);
    expect((await staff.post(`/api/rectifications/${id}/verify`, {})).statusCode).toBe(409);

    const submitted = await longmen.post(`/api/rectifications/${id}/submit`, { measures: '已逐户核查 37 户', evidence: '核查表、公示照片' });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().problem).toMatchObject({ status: 'reported', isFixed: false, measures: '已逐户核查 37 户', actions: [] });
    expect((await eventsFor(id)).at(-1)).toMatchObject({ action: 'problem.submit', after: { status: 'reported', measures: '已逐户核查 37 户' } });
    expect((await longmen.post(`/api/rectifications/${id}/submit`, { measures: '再报', evidence: '再报' })).statusCode).toBe(409);

    expect((await staff.get(`/api/rectifications/${id}`)).json().problem.actions).toEqual(['verify', 'return']);
    expect((await longmen.post(`/api/rectifications/${id}/verify`, {})).statusCode).toBe(403);
    const noReason = await staff.post(`/api/rectifications/${id}/return`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('reason');
    const returned = await staff.post(`/api/rectifications/${id}/return`, { reason: '缺少村民代表签字认可材料' });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().problem).toMatchObject({ status: 'returned', returnReason: '缺少村民代表签字认可材料' });
    expect((await eventsFor(id)).at(-1)).toMatchObject({ action: 'problem.return', before: { status: 'reported' }, after: { status: 'returned' } });

    expect((await longmen.post(`/api/rectifications/${id}/submit`, { measures: '补充签字材料', evidence: '签字认可表' })).statusCode).toBe(200);
    const verified = await staff.post(`/api/rectifications/${id}/verify`, { note: '整改到位' });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().problem).toMatchObject({ status: 'verified', isFixed: true, actions: [] });
    expect((await staff.post(`/api/rectifications/${id}/return`, { reason: '晚了' })).statusCode).toBe(409);
    expect((await eventsFor(id)).map((event) => event.action)).toEqual([
      'problem.record',
      'problem.notify',
      'problem.submit',
      'problem.return',
      'problem.submit',
      'problem.verify',
    ]);
  });

  it('extension: the county asks for a later deadline, the office grants or refuses; audited', async () => {
    const id = await notifiedProblem();
    const tooEarly = await longmen.post(`/api/rectifications/${id}/request-extension`, { reason: '涉及户数多', requestedDeadline: '2017-05-01' });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().error.message).toContain('requestedDeadline');
    expect((await staff.post(`/api/rectifications/${id}/request-extension`, { reason: '代申请', requestedDeadline: '2017-06-30' })).statusCode).toBe(403);
    expect((await longmen.post(`/api/rectifications/${id}/request-extension`, { reason: '涉及户数多', requestedDeadline: '2017-06-30' })).statusCode).toBe(200);
    expect((await longmen.post(`/api/rectifications/${id}/grant-extension`, {})).statusCode).toBe(403);
    const granted = await staff.post(`/api/rectifications/${id}/grant-extension`, {});
    expect(granted.statusCode).toBe(200);
    expect(granted.json().problem).toMatchObject({ status: 'extension_granted', deadline: '2017-06-30' });
    expect((await staff.post(`/api/rectifications/${id}/grant-extension`, {})).statusCode).toBe(409);
    expect((await eventsFor(id)).at(-1)).toMatchObject({ action: 'problem.grantExtension', after: { deadline: '2017-06-30' } });

    const other = await notifiedProblem();
    expect((await longmen.post(`/api/rectifications/${other}/request-extension`, { reason: '理由', requestedDeadline: '2017-07-01' })).statusCode).toBe(200);
    const refused = await staff.post(`/api/rectifications/${other}/refuse-extension`, { reason: '按期完成' });
    expect(refused.statusCode).toBe(200);
    expect(refused.json().problem).toMatchObject({ status: 'in_progress', deadline: '2017-05-03' });
  });

  it('overdue is computed from the clock: deadline passed and not verified; the office sees it per county', async () => {
    const late = await notifiedProblem('2017-03-03');
    const done = await notifiedProblem('2017-03-03');
    const waiting = await notifiedProblem('2017-03-03');
    expect((await longmen.post(`/api/rectifications/${done}/submit`, { measures: '完成', evidence: '凭证' })).statusCode).toBe(200);
    expect((await staff.post(`/api/rectifications/${done}/verify`, {})).statusCode).toBe(200);
    // Reported on time (10 March); the office has not verified it by the deadline.
    expect((await longmen.post(`/api/rectifications/${waiting}/submit`, { measures: '已整改', evidence: '凭证' })).statusCode).toBe(200);
    const before = ((await staff.get('/api/rectifications/summary')).json().items as SummaryRow[]).find((row) => row.unitCode === 'LM')!;

    // The day after the deadline, in Beijing time.
    clock.set(new Date('2017-05-03T16:00:00Z'));
    await signIn();
    try {
      const lateNow = (await longmen.get(`/api/rectifications/${late}`)).json().problem as Problem;
      expect(lateNow).toMatchObject({ isOverdue: true, daysLeft: -1 });
      expect(((await longmen.get(`/api/rectifications/${done}`)).json().problem as Problem).isOverdue).toBe(false);
      // Overdue means the unit has not reported by the deadline: a reported problem waits on the office, with its age.
      expect((await staff.get(`/api/rectifications/${waiting}`)).json().problem).toMatchObject({ status: 'reported', isOverdue: false, overdueDays: 0, awaitingVerificationDays: 55 });
      expect((await staff.get(`/api/rectifications/${late}`)).json().problem).toMatchObject({ awaitingVerificationDays: null });
      const overdue = (await staff.get('/api/rectifications?overdue=true&unitCode=LM')).json().items as Problem[];
      expect(overdue.map((problem) => problem.id)).toContain(late);
      expect(overdue.map((problem) => problem.id)).not.toContain(done);
      expect(overdue.map((problem) => problem.id)).not.toContain(waiting);
      expect(overdue.every((problem) => problem.isOverdue)).toBe(true);
      const after = ((await staff.get('/api/rectifications/summary')).json().items as SummaryRow[]).find((row) => row.unitCode === 'LM')!;
      expect(after.overdue).toBeGreaterThanOrEqual(1);
      expect(after.overdue).toBeGreaterThan(before.overdue);
      expect(after.verified).toBe(before.verified);
      expect((await longmen.get('/api/rectifications/summary')).statusCode).toBe(403);
    } finally {
      clock.set(new Date('2017-03-10T02:00:00Z'));
      await signIn();
    }
  });

  it('bad filters are 400 in Chinese', async () => {
    const response = await staff.get('/api/rectifications?status=done');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('status');
  });

  it.runIf(isPostgres)('verify and return racing on one problem: exactly one wins (PostgreSQL)', async () => {
    for (let round = 0; round < 3; round += 1) {
      const id = await notifiedProblem();
      expect((await longmen.post(`/api/rectifications/${id}/submit`, { measures: '完成', evidence: '凭证' })).statusCode).toBe(200);
      const admin = await harness.login('admin');
      const responses = await Promise.all([
        staff.post(`/api/rectifications/${id}/verify`, {}),
        admin.post(`/api/rectifications/${id}/return`, { reason: '并发退回' }),
        staff.post(`/api/rectifications/${id}/verify`, {}),
      ]);
      expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409, 409]);
      const decisions = (await eventsFor(id)).filter((event) => event.action === 'problem.verify' || event.action === 'problem.return');
      expect(decisions).toHaveLength(1);
    }
  });
});
