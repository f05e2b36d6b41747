import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../db/database.ts';
import { createContext } from '../../kernel/context.ts';
import { addCalendarMonths } from '../../kernel/time.ts';
import { seedIfEmpty } from '../../seed/huizhou.ts';
import { dukao } from '../../testing/cli.ts';
import { createPerson, createUser } from '../../testing/factories.ts';
import { createTestApp, fixedClock, isPostgres, testConfig, type Session, type TestApp } from '../../testing/harness.ts';
import { parameterDefaults } from '../parameters/parameters.definitions.ts';
import { escalateOverdueProblems, ESCALATION_SYSTEM_ACTOR } from './rectifications.escalation.ts';

type Problem = {
  id: number;
  status: string;
  deadline: string | null;
  isOverdue: boolean;
  overdueDays: number;
  escalationLevel: number;
  escalationLabel: string | null;
  escalatedAt: string | null;
};
type SummaryRow = { unitCode: string; escalated: number; reportedToCity: number };
type EscalatedItem = { id: number; responsibleUnitCode: string; responsibleUnitName: string; deadline: string; overdueDays: number; escalationLabel: string; status: string };

/** 10:00 Beijing time on the given calendar day. */
const beijingMorning = (day: string) => new Date(`${day}T02:00:00Z`);

const clock = fixedClock(beijingMorning('2017-03-10'));

// Escalation is one UPDATE over the whole ledger, so on PostgreSQL it gets a database of its own: the counts
// below are exact, and the other test files' problems are never touched.
describe('overdue escalation of the problem ledger (督18, R-I7)', () => {
  let harness: TestApp;
  let staff: Session;
  let leader: Session;
  let longmen: Session;

  async function signIn() {
    [staff, leader, longmen] = await Promise.all([harness.login('staff'), harness.login('leader'), harness.login('longmen')]);
  }

  async function moveTo(day: string) {
    clock.set(beijingMorning(day));
    await signIn();
  }

  beforeAll(async () => {
    harness = await createTestApp({ clock, isolated: true });
    await signIn();
  });
  afterAll(() => harness.close());

  async function escalationEvents(id: number) {
    return harness.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id', 'actor_name', 'before', 'after'])
      .where('entity_type', '=', 'problem')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'problem.escalate')
      .orderBy('seq')
      .execute();
  }

  async function problem(id: number): Promise<Problem> {
    const response = await staff.get(`/api/rectifications/${id}`);
    expect(response.statusCode).toBe(200);
    return response.json().problem as Problem;
  }

  async function ledgerIds(query: string): Promise<number[]> {
    const response = await staff.get(`/api/rectifications?${query}`);
    expect(response.statusCode).toBe(200);
    return (response.json().items as Problem[]).map((item) => item.id);
  }

  async function longmenSummary(): Promise<SummaryRow> {
    return ((await staff.get('/api/rectifications/summary')).json().items as SummaryRow[]).find((row) => row.unitCode === 'LM')!;
  }

  /** An inspection of 龙门县 taken through to feedback on `feedbackDate` (deadline two months later), with one problem found. */
  async function notifiedProblem(feedbackDate: string): Promise<number> {
    const proposed = await staff.post('/api/inspections', { year: 2017, title: '逾期督办测试巡查', assessmentUnitCode: 'LM', reason: '测试' });
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

  it('escalates by the deadline: 逾期督办 the day after, 报市委市政府 a month and a day after; reported and extended problems wait', async () => {
    // Three problems fed back on 3 March 2017, so all due on 3 May: one left open, one reported in time,
    // one whose deadline the office extends to 30 June.
    const late = await notifiedProblem('2017-03-03');
    const reported = await notifiedProblem('2017-03-03');
    const extended = await notifiedProblem('2017-03-03');
    expect((await longmen.post(`/api/rectifications/${reported}/submit`, { measures: '已逐户核查', evidence: '核查表' })).statusCode).toBe(200);
    expect((await longmen.post(`/api/rectifications/${extended}/request-extension`, { reason: '涉及户数多', requestedDeadline: '2017-06-30' })).statusCode).toBe(200);
    expect((await staff.post(`/api/rectifications/${extended}/grant-extension`, {})).statusCode).toBe(200);
    expect((await problem(extended)).deadline).toBe('2017-06-30');

    // On the deadline itself nothing is overdue.
    await moveTo('2017-05-03');
    expect(await escalateOverdueProblems(harness.ctx)).toMatchObject({ today: '2017-05-03', escalated: { level1: 0, level2: 0 } });
    expect(await problem(late)).toMatchObject({ isOverdue: false, escalationLevel: 0, escalationLabel: null, overdueDays: 0 });

    // The day after: the open problem is supervised (督办) by the office; the reported one is not, nor the extended one.
    await moveTo('2017-05-04');
    const firstRun = await escalateOverdueProblems(harness.ctx);
    expect(firstRun).toMatchObject({ today: '2017-05-04', escalated: { level1: 1, level2: 0 }, problemIds: [late] });
    expect(await problem(late)).toMatchObject({ isOverdue: true, overdueDays: 1, escalationLevel: 1, escalationLabel: '逾期督办' });
    expect((await problem(late)).escalatedAt).toBe(beijingMorning('2017-05-04').toISOString());
    expect(await problem(reported)).toMatchObject({ status: 'reported', escalationLevel: 0, escalationLabel: null });
    expect(await problem(extended)).toMatchObject({ status: 'extension_granted', isOverdue: false, escalationLevel: 0 });
    expect(await escalationEvents(late)).toEqual([
      {
        action: 'problem.escalate',
        actor_id: null,
        actor_name: ESCALATION_SYSTEM_ACTOR.name,
        before: { escalationLevel: 0 },
        after: { escalationLevel: 1, escalationLabel: '逾期督办', deadline: '2017-05-03', checkedOn: '2017-05-04' },
      },
    ]);
    expect(await ledgerIds('escalated=1')).toEqual([late]);
    expect(await ledgerIds('escalated=2')).toEqual([]);
    expect(await longmenSummary()).toMatchObject({ escalated: 1, reportedToCity: 0 });

    // Running again the same day escalates nothing new and writes no event.
    expect((await escalateOverdueProblems(harness.ctx)).escalated).toEqual({ level1: 0, level2: 0 });
    expect(await escalationEvents(late)).toHaveLength(1);

    // One calendar month after the deadline it is not yet reported upward; a month and a day after, it is.
    await moveTo('2017-06-03');
    expect((await escalateOverdueProblems(harness.ctx)).escalated).toEqual({ level1: 0, level2: 0 });
    await moveTo('2017-06-04');
    expect((await escalateOverdueProblems(harness.ctx)).escalated).toEqual({ level1: 0, level2: 1 });
    expect(await problem(late)).toMatchObject({ overdueDays: 32, escalationLevel: 2, escalationLabel: '已报市委市政府' });
    expect((await escalationEvents(late)).at(-1)).toMatchObject({ before: { escalationLevel: 1 }, after: { escalationLevel: 2, escalationLabel: '已报市委市政府' } });
    expect(await ledgerIds('escalated=2')).toEqual([late]);
    expect(await ledgerIds('escalated=1')).toEqual([]);
    expect(await longmenSummary()).toMatchObject({ escalated: 1, reportedToCity: 1 });
    expect((await escalateOverdueProblems(harness.ctx)).escalated).toEqual({ level1: 0, level2: 0 });

    // The extension moved the deadline to 30 June: the problem escalates only once that date has passed.
    await moveTo('2017-06-30');
    expect((await escalateOverdueProblems(harness.ctx)).escalated).toEqual({ level1: 0, level2: 0 });
    await moveTo('2017-07-01');
    expect(await escalateOverdueProblems(harness.ctx)).toMatchObject({ escalated: { level1: 1, level2: 0 }, problemIds: [extended] });
    expect(await problem(extended)).toMatchObject({ escalationLevel: 1, escalationLabel: '逾期督办', overdueDays: 1 });
    expect(await problem(reported)).toMatchObject({ escalationLevel: 0 });

    // 市委、市政府 see the problems reported to them, with county, deadline and days overdue.
    const escalated = await leader.get('/api/problems/escalated');
    expect(escalated.statusCode).toBe(200);
    expect(escalated.json().today).toBe('2017-07-01');
    expect(escalated.json().items as EscalatedItem[]).toEqual([
      expect.objectContaining({ id: late, responsibleUnitCode: 'LM', responsibleUnitName: '龙门县', deadline: '2017-05-03', overdueDays: 59, escalationLabel: '已报市委市政府', status: 'open' }),
    ]);
    expect((await longmen.get('/api/problems/escalated')).statusCode).toBe(403);

    // Rectified and verified: the level stays as history, but it is no longer shown or listed as escalated.
    expect((await longmen.post(`/api/rectifications/${late}/submit`, { measures: '已重新认定', evidence: '认定材料' })).statusCode).toBe(200);
    expect(await problem(late)).toMatchObject({ status: 'reported', escalationLevel: 2, escalationLabel: '已报市委市政府' });
    expect((await staff.post(`/api/rectifications/${late}/verify`, {})).statusCode).toBe(200);
    expect(await problem(late)).toMatchObject({ status: 'verified', escalationLevel: 2, escalationLabel: null, isOverdue: false, overdueDays: 0 });
    expect((await leader.get('/api/problems/escalated')).json().items).toEqual([]);
    expect(await ledgerIds('escalated=2')).toEqual([]);
    expect(await longmenSummary()).toMatchObject({ escalated: 1, reportedToCity: 0 });

    // The extended problem is rectified too, so that the tests below start from a ledger with nothing pending.
    expect((await longmen.post(`/api/rectifications/${extended}/submit`, { measures: '已完成', evidence: '材料' })).statusCode).toBe(200);
    expect((await staff.post(`/api/rectifications/${extended}/verify`, {})).statusCode).toBe(200);
    expect(await longmenSummary()).toMatchObject({ escalated: 0, reportedToCity: 0 });
  });

  it('a problem found long overdue goes 逾期督办 then 报市委市政府 in one run, each step audited', async () => {
    await moveTo('2017-09-01');
    const forgotten = await notifiedProblem('2017-05-02');
    expect((await problem(forgotten)).deadline).toBe('2017-07-02');
    expect(await escalateOverdueProblems(harness.ctx)).toMatchObject({ escalated: { level1: 1, level2: 1 }, problemIds: [forgotten] });
    expect((await escalationEvents(forgotten)).map((event) => [event.before, event.after])).toEqual([
      [{ escalationLevel: 0 }, expect.objectContaining({ escalationLevel: 1 })],
      [{ escalationLevel: 1 }, expect.objectContaining({ escalationLevel: 2 })],
    ]);
  });

  it('POST /api/problems/escalate: the office runs the check now, in its own name; others are refused', async () => {
    await moveTo('2017-10-09');
    const due = await notifiedProblem('2017-08-08');
    expect((await problem(due)).deadline).toBe('2017-10-08');

    const county = await longmen.post('/api/problems/escalate', {});
    expect(county.statusCode).toBe(403);
    expect(county.json().error.code).toBe('FORBIDDEN');
    expect(county.json().error.message).toContain('市扶贫办');
    expect((await leader.post('/api/problems/escalate', {})).statusCode).toBe(403);
    expect((await staff.post('/api/problems/escalate', { level: 3 })).statusCode).toBe(400);
    expect((await problem(due)).escalationLevel).toBe(0);

    const run = await staff.post('/api/problems/escalate', {});
    expect(run.statusCode).toBe(200);
    expect(run.json()).toEqual({ today: '2017-10-09', escalated: { level1: 1, level2: 0 } });
    const [event] = await escalationEvents(due);
    expect(event).toMatchObject({ actor_name: '市扶贫办工作人员（演示）', before: { escalationLevel: 0 }, after: { escalationLevel: 1 } });
    expect(event!.actor_id).not.toBeNull();
    expect((await staff.post('/api/problems/escalate', {})).json().escalated).toEqual({ level1: 0, level2: 0 });
  });

  it("the month step is counted in SQL exactly as addCalendarMonths counts it (R-X5), month ends included", async () => {
    for (const deadline of ['2017-05-03', '2017-01-31', '2016-01-31', '2017-03-31', '2017-08-31', '2017-12-31']) {
      const result = await sql<{ due: string }>`SELECT (${deadline}::date + make_interval(months => ${parameterDefaults.overdueCityReportMonths}))::date::text AS due`.execute(harness.ctx.db);
      expect(result.rows[0]!.due, deadline).toBe(addCalendarMonths(deadline, parameterDefaults.overdueCityReportMonths));
    }
  });

  it('a bad escalation filter is 400 in Chinese naming the field', async () => {
    const response = await staff.get('/api/rectifications?escalated=3');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('escalated');
  });

  it.runIf(isPostgres)('two escalation runs at once escalate each problem once (PostgreSQL)', async () => {
    await moveTo('2017-11-20');
    const due = await notifiedProblem('2017-09-19');
    const admin = await harness.login('admin');
    const [first, second] = await Promise.all([staff.post('/api/problems/escalate', {}), admin.post('/api/problems/escalate', {})]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const total = [first, second].map((response) => response.json().escalated.level1 as number).reduce((a, b) => a + b, 0);
    expect(total).toBe(1);
    expect(await escalationEvents(due)).toHaveLength(1);
  });
});


// The CLI on an embedded data directory; PGlite only, so this runs once, not once per database.
describe.skipIf(isPostgres)('npx dukao problems escalate', () => {
  let dataDir: string;
  let problemId: number;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-escalate-'));
    const database = await openDatabase({ dataDir });
    try {
      await migrateToLatest(database.db);
      const ctx = createContext(database, testConfig({ dataDir }), fixedClock(beijingMorning('2017-03-10')));
      await seedIfEmpty(ctx, { demoAccounts: true });
      const staffUser = await ctx.db.selectFrom('users').select('id').where('username', '=', 'staff').executeTakeFirstOrThrow();
      // A complaint taken into the ledger and fed back to 龙门县 in March 2017: long overdue by the real clock.
      const inserted = await ctx.db
        .insertInto('problems')
        .values({
          source: 'complaint',
          source_id: 1,
          category: 'work_style',
          responsible_unit_code: 'LM',
          description: '群众反映帮扶干部走访不实',
          notified_on: '2017-03-03',
          deadline: '2017-05-03',
          recorded_by: staffUser.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      problemId = inserted.id;
    } finally {
      await database.close();
    }
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const cli = (...args: string[]) => dukao(dataDir, ...args);


  it('prints how many problems reached each level, and nothing new the second time', async () => {
    const first = await cli('problems', 'escalate');
    expect(first.code).toBe(0);
    expect(first.output).toContain('升为「逾期督办」1 个，「已报市委市政府」1 个');
    const second = await cli('problems', 'escalate');
    expect(second.code).toBe(0);
    expect(second.output).toContain('升为「逾期督办」0 个，「已报市委市政府」0 个');

    const database = await openDatabase({ dataDir });
    try {
      const row = await database.db.selectFrom('problems').select(['escalation_level', 'escalated_at']).where('id', '=', problemId).executeTakeFirstOrThrow();
      expect(row.escalation_level).toBe(2);
      expect(row.escalated_at).not.toBeNull();
      const events = await database.db
        .selectFrom('audit_events')
        .select(['actor_name', 'after'])
        .where('action', '=', 'problem.escalate')
        .where('entity_id', '=', String(problemId))
        .orderBy('seq')
        .execute();
      expect(events.map((event) => [event.actor_name, (event.after as { escalationLevel: number }).escalationLevel])).toEqual([
        ['命令行', 1],
        ['命令行', 2],
      ]);
    } finally {
      await database.close();
    }
  });
});
