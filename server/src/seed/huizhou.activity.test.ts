import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../kernel/audit.ts';
import { auditActionLabels, auditEntityLabels } from '../modules/audit/audit.labels.ts';
import { currentYear } from '../kernel/time.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';
import { describeDemoActivity, seedDemoActivityIfEmpty, type DemoActivityResult } from './huizhou.activity.ts';

type Supervision = { id: number; type: string; status: string; target: { name: string; assessmentUnitCode: string | null } };
type Problem = { id: number; source: string; status: string; escalationLevel: number; escalationLabel: string | null; responsibleUnitName: string };

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('demo activity of 2017, played through the API', () => {
  let harness: TestApp;
  let result: DemoActivityResult | null;
  let admin: Session;

  beforeAll(async () => {
    // It needs a database without supervision plans: on PostgreSQL one of its own.
    harness = await createTestApp({ isolated: true });
    result = await seedDemoActivityIfEmpty(harness.ctx, harness.app);
    admin = await harness.login('admin');
  });
  afterAll(() => harness?.close());

  it('names every action and record type it wrote to the audit log in Chinese (审计日志 shows no raw code)', async () => {
    const written = await harness.ctx.db.selectFrom('audit_events').select(['action', 'entity_type']).distinct().execute();
    expect(written.length).toBeGreaterThan(30);
    expect(written.filter((event) => !(event.action in auditActionLabels)).map((event) => event.action)).toEqual([]);
    expect(written.filter((event) => !(event.entity_type in auditEntityLabels)).map((event) => event.entity_type)).toEqual([]);
    const page = (await admin.get('/api/audit/events?action=problem.verify&limit=5')).json().items as { action: string; actionLabel: string; entityTypeLabel: string }[];
    expect(page.length).toBeGreaterThan(0);
    expect(page.every((event) => event.action === 'problem.verify')).toBe(true);
    expect(page[0]).toMatchObject({ actionLabel: '核验通过', entityTypeLabel: '问题整改' });
    const vocabulary = (await admin.get('/api/audit/vocabulary')).json() as { actions: { code: string; label: string }[] };
    expect(vocabulary.actions).toContainEqual({ code: 'auth.login', label: '登录' });
  });

  it('reports what it created, with a tracking code a visitor can follow', async () => {
    expect(result).toMatchObject({ plans: 1, supervisions: 7, inspections: 1, problems: 11, complaints: 3, transfers: 1, commendations: 3, summaries: 1 });
    expect(result!.escalated).toEqual({ overdue: 0, reportedToCity: 2 });
    expect(result!.trackingCode).toMatch(/^[A-Z2-9]{12}$/);
    expect(describeDemoActivity(result!, 'http://localhost:3000')).toContain(`/public/complaints/track?code=${result!.trackingCode}`);
    const tracked = await harness.app.inject({ method: 'GET', url: `/api/public/complaints/${result!.trackingCode}` });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json().complaint).toMatchObject({ status: 'answered' });
  });

  it('fills the supervision pages: an approved plan, items at every stage, coverage with gaps', async () => {
    const plans = (await admin.get('/api/supervision-plans?year=2017')).json().items;
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ status: 'approved', supervisionCount: 7 });

    const items = (await admin.get('/api/supervisions?year=2017')).json().items as Supervision[];
    expect(countBy(items, (item) => item.status)).toEqual({ proposed: 1, approved: 1, in_field: 1, report_submitted: 1, result_notified: 2, closed: 1 });
    expect(countBy(items, (item) => item.type)).toEqual({ comprehensive: 5, special: 2 });

    const coverage = (await admin.get('/api/supervisions/coverage?year=2017')).json();
    expect(coverage.coveredCount).toBe(5);
    const uncovered = (coverage.notCovered as { name: string }[]).map((item) => item.name);
    expect(uncovered).toEqual(expect.arrayContaining(['惠阳区', '大亚湾区', '仲恺高新区']));
    expect(uncovered).not.toContain('龙门县');
    expect(uncovered).not.toContain('广东电网有限责任公司惠州供电局');

    const boluo = items.find((item) => item.target.assessmentUnitCode === 'BL')!;
    const detail = (await admin.get(`/api/supervisions/${boluo.id}`)).json();
    expect(detail.visits.filter((visit: { isSealed: boolean }) => visit.isSealed)).toHaveLength(1);
    expect(detail.records.length).toBeGreaterThanOrEqual(2);
    expect(detail.findings).toHaveLength(1);
    expect(detail.team.length).toBeGreaterThanOrEqual(3);
  });

  it('fills the inspection page: 龙门县 approved, a team, records, a recommendation, findings in two 督15 categories, report, feedback', async () => {
    const items = (await admin.get('/api/inspections?year=2017')).json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ assessmentUnitCode: 'LM', status: 'closed', feedbackDate: '2017-07-28', rectificationDeadline: '2017-09-28' });
    const detail = (await admin.get(`/api/inspections/${items[0].id}`)).json();
    expect(detail.inspection.decidedByName).toBe('市领导（演示）');
    expect(detail.inspection.report).toContain('组长审定');
    expect(detail.team.members.find((member: { role: string }) => member.role === 'leader').rank).toBe('division');
    expect(detail.records).toHaveLength(4);
    expect(detail.recommendations).toHaveLength(1);
    expect(new Set(detail.findings.map((finding: { category: string }) => finding.category))).toEqual(new Set(['project_funds', 'identification_exit']));
  });

  it('fills the ledger: verified, awaiting verification, extended, overdue and escalated, transferred; one disclosed with the names masked', async () => {
    const { items } = (await admin.get('/api/rectifications')).json() as { items: Problem[] };
    expect(items).toHaveLength(11);
    expect(countBy(items, (item) => item.status)).toEqual({ verified: 5, reported: 1, extension_granted: 1, in_progress: 1, open: 2, transferred: 1 });
    expect(countBy(items, (item) => item.source)).toEqual({ supervision: 7, inspection: 3, complaint: 1 });
    const escalated = items.filter((item) => item.escalationLabel !== null);
    expect(escalated.map((item) => item.status).sort()).toEqual(['extension_granted', 'in_progress']);
    expect(escalated.every((item) => item.escalationLabel === '已报市委市政府')).toBe(true);
    expect((await admin.get('/api/problems/escalated')).json().items).toHaveLength(2);

    const published = (await harness.app.inject({ method: 'GET', url: '/api/public/rectifications' })).json().items;
    expect(published).toHaveLength(1);
    const text = JSON.stringify(published[0]);
    expect(text).toContain('贫困户李**');
    expect(text).not.toContain('李国强');
    expect(text).not.toContain('7861234');
    const decisions = (await admin.get('/api/disclosures')).json().items as { decision: string }[];
    expect(countBy(decisions, (decision) => decision.decision)).toEqual({ disclose: 1, withhold: 1 });
  });

  it('fills the referral, complaint, commendation and summary pages', async () => {
    const jiwei = await harness.login('jiwei');
    const transfers = (await jiwei.get('/api/transfers')).json().items;
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ status: 'filed', recipientBody: 'discipline_inspection' });
    expect(transfers[0].receivedAt).not.toBeNull();

    const complaints = (await admin.get('/api/complaints')).json().items as { status: string; channel: string; problemId: number | null }[];
    expect(countBy(complaints, (complaint) => `${complaint.channel}:${complaint.status}`)).toEqual({ 'web:answered': 1, 'hotline:assigned': 1, 'letter:submitted': 1 });

    const commendations = (await admin.get('/api/commendations?year=2017')).json().items as { kind: string; status: string }[];
    expect(countBy(commendations, (item) => `${item.kind}:${item.status}`)).toEqual({ 'commendation:approved': 2, 'model_case:approved': 1 });

    const summaries = (await admin.get('/api/supervision-summaries?year=2017')).json().items;
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ status: 'submitted', title: '关于2017年全市脱贫攻坚督查工作情况的报告' });
    const { summary } = (await admin.get(`/api/supervision-summaries/${summaries[0].id}`)).json();
    expect(summary.body).toContain('截至2017年12月底');
    expect(summary.body).toContain('综合督查 5 项、专项督查 2 项');
  });

  it('fills the register of issued documents: every notice, the summary and the letter numbered, no number twice', async () => {
    type Issued = { kind: string; registerCode: string | null; documentNumber: string | null; sha256: string };
    // The demo's steps are dated 2017; what the clock dates falls in the year it runs.
    const years = [...new Set([2017, currentYear(harness.clock)])];
    const items = (await Promise.all(years.map(async (year) => (await admin.get(`/api/documents/register?year=${year}`)).json().items as Issued[]))).flat();
    expect(countBy(items, (item) => item.kind)).toEqual({
      rectification_notice: 1,
      inspection_report: 1,
      supervision_result_notice: 3,
      supervision_report: 4,
      supervision_summary: 1,
      referral_letter: 1,
    });
    const numbers = items.flatMap((item) => (item.documentNumber ? [item.documentNumber] : []));
    expect(numbers).toHaveLength(6);
    expect(new Set(numbers).size).toBe(6);
    expect(numbers.filter((number) => number.startsWith('惠扶办函'))).toHaveLength(1);
    expect(new Set(items.map((item) => item.sha256)).size).toBe(items.length);
  });

  it('shows each role its own part: the team its work, 龙门县 its results, 博罗县 no sealed visit, the power-supply bureau its problem', async () => {
    const teamLeader = await harness.login('teamleader');
    const ownSupervisions = (await teamLeader.get('/api/supervisions')).json().items as Supervision[];
    expect(ownSupervisions).toHaveLength(5);
    expect((await teamLeader.get('/api/inspections')).json().items).toHaveLength(1);

    const longmen = await harness.login('longmen');
    const longmenSupervisions = (await longmen.get('/api/supervisions')).json().items as Supervision[];
    expect(longmenSupervisions.map((item) => item.status)).toEqual(['closed']);
    expect(((await longmen.get('/api/rectifications')).json().items as Problem[]).length).toBe(6);

    const boluo = await harness.login('boluo');
    const [boluoSupervision] = (await boluo.get('/api/supervisions')).json().items as Supervision[];
    const boluoDetail = (await boluo.get(`/api/supervisions/${boluoSupervision!.id}`)).json();
    expect(boluoDetail.visits).toHaveLength(2);
    expect(boluoDetail.findings).toHaveLength(0);

    const assist = await harness.login('assist');
    const assistProblems = (await assist.get('/api/rectifications')).json().items as Problem[];
    expect(assistProblems.map((problem) => problem.status)).toEqual(['reported']);
  });

  it('runs once: a second run creates nothing, and the audit chain stays intact', async () => {
    const before = await harness.ctx.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(await seedDemoActivityIfEmpty(harness.ctx, harness.app)).toBeNull();
    const after = await harness.ctx.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const chain = await verifyAuditChain(harness.ctx.db);
    expect(chain).toMatchObject({ ok: true, firstBroken: null });
  });
});

describe('demo activity that cannot run', () => {
  let harness: TestApp;
  beforeAll(async () => {
    harness = await createTestApp({ isolated: true });
  });
  afterAll(() => harness?.close());

  it('names the account and the refusal in Chinese, and creates nothing', async () => {
    await harness.ctx.db.updateTable('users').set({ is_active: false }).where('username', '=', 'staff').execute();
    await expect(seedDemoActivityIfEmpty(harness.ctx, harness.app)).rejects.toThrow(/^演示账户 staff 登录被拒绝（HTTP 4\d\d）：/);
    const plans = await harness.ctx.db.selectFrom('supervision_plans').select('id').execute();
    expect(plans).toHaveLength(0);
  });
});
