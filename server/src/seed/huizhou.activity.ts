import type { FastifyInstance, InjectOptions } from 'fastify';
import { appendAuditEvent } from '../kernel/audit.ts';
import type { AppContext } from '../kernel/context.ts';
import {
  ACTIVITY_YEAR,
  commendations,
  complaints,
  inspection,
  PLAN,
  SUMMARY_AS_OF,
  SUMMARY_CLOSING,
  supervisions,
  type ActivityActor,
  type FindingSpec,
  type RecordSpec,
  type RectificationStep,
  type SupervisionSpec,
  type SupervisionStage,
} from './huizhou.activity.data.ts';
import { DEMO_PASSWORD, demoAccounts } from './huizhou.data.ts';

/*
 * The demo's year of work (2017), made the way a person would make it: the demo accounts log in and
 * drive the HTTP API in-process, so every plan, supervision, inspection, problem, complaint, referral,
 * commendation and summary passes the same validation, workflow checks and audit chain as real work.
 * The one direct write is linking the demo team accounts to people on the roster (no API does that).
 */

const SEED_ACTOR = { id: null, name: '系统初始化（演示数据）' };

/** What the demo activity created, for the start-up line and the test. */
export type DemoActivityResult = {
  plans: number;
  supervisions: number;
  inspections: number;
  problems: number;
  complaints: number;
  transfers: number;
  commendations: number;
  summaries: number;
  /** Unresolved problems escalated under 督18: 逾期督办 (level 1) and 已报市委市政府 (level 2). */
  escalated: { overdue: number; reportedToCity: number };
  trackingCode: string;
};

/** A refusal while playing the demo: which account did what, and what the server answered. */
export class DemoActivityError extends Error {}

type Json = Record<string, unknown>;

type Client = {
  username: string;
  get<T = Json>(url: string): Promise<T>;
  post<T = Json>(url: string, body?: unknown): Promise<T>;
  logOut(): Promise<void>;
};

function describeFailure(what: string, statusCode: number, body: string): DemoActivityError {
  let message = body.slice(0, 300);
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } };
    if (parsed.error?.message) message = parsed.error.message;
  } catch {
    // not JSON: keep the raw text
  }
  return new DemoActivityError(`${what}被拒绝（HTTP ${statusCode}）：${message}`);
}

async function signIn(app: FastifyInstance, username: string): Promise<Client> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  if (login.statusCode !== 200) throw describeFailure(`演示账户 ${username} 登录`, login.statusCode, login.body);
  const session = login.cookies.find((cookie) => cookie.name === 'dukao_session')?.value ?? '';
  const { csrfToken } = login.json() as { csrfToken: string };
  const call = async <T>(options: InjectOptions): Promise<T> => {
    const response = await app.inject({ ...options, cookies: { dukao_session: session }, headers: { 'x-csrf-token': csrfToken } });
    if (response.statusCode >= 400) throw describeFailure(`${username}：${options.method} ${options.url}`, response.statusCode, response.body);
    return response.json() as T;
  };
  return {
    username,
    get: (url) => call({ method: 'GET', url }),
    // Actions without a body take an empty object, as the web client sends.
    post: (url, body = {}) => call({ method: 'POST', url, payload: body as Json }),
    async logOut() {
      await app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { dukao_session: session }, headers: { 'x-csrf-token': csrfToken } });
    },
  };
}

type Person = { id: number; name: string; unitId: number; unitName: string; rank: string; homeRegionCode: string | null };
type Unit = { id: number; name: string };
type SupervisionDetail = {
  supervision: { id: number; status: string; target: { countyCode: string | null } };
  visits: { id: number; targetDescription: string }[];
  findings: { id: number; description: string }[];
};
type InspectionDetail = { inspection: { id: number; status: string }; findings: { id: number; description: string }[] };

/** The county code a county-level region code or a town/village code lies in. */
const countyOf = (code: string | null) => (code ? code.slice(0, 6) : null);

/** The people of the leading-group member units (督7), who alone may sit on a team. */
async function memberUnitPeople(admin: Client): Promise<Person[]> {
  const { items: memberUnits } = await admin.get<{ items: Unit[] }>('/api/units?kind=member');
  const memberUnitIds = new Set(memberUnits.map((unit) => unit.id));
  const people: Person[] = [];
  for (let page = 1; ; page += 1) {
    const { items, total } = await admin.get<{ items: Person[]; total: number }>(`/api/people?pageSize=200&page=${page}`);
    people.push(...items);
    if (items.length === 0 || people.length >= total) break;
  }
  return people.filter((person) => memberUnitIds.has(person.unitId)).sort((a, b) => a.id - b.id);
}

/**
 * Links the demo 组长 and 组员 accounts to a 处级 and a 科级 cadre of member units whose home is in
 * none of the counties their teams visit (督5, 督7, 督14), in two different units; audited.
 */
async function linkTeamAccounts(ctx: AppContext, people: Person[], visitedCounties: Set<string>): Promise<{ leader: Person; member: Person }> {
  const eligible = people.filter((person) => !visitedCounties.has(countyOf(person.homeRegionCode) ?? ''));
  const leader = eligible.find((person) => person.rank === 'division');
  const member = eligible.find((person) => person.rank === 'section' && person.unitId !== leader?.unitId) ?? eligible.find((person) => person.rank === 'section');
  if (!leader || !member) {
    throw new DemoActivityError('名册中找不到籍贯不在被督查县（区）的处级、科级干部，无法组建演示督查组（第五条、第七条）');
  }
  await ctx.db.transaction().execute(async (trx) => {
    for (const [username, person] of [['teamleader', leader], ['teammember', member]] as const) {
      const user = await trx.selectFrom('users').select(['id', 'person_id']).where('username', '=', username).executeTakeFirst();
      if (!user) throw new DemoActivityError(`演示账户 ${username} 不存在`);
      if (user.person_id === person.id) continue;
      await trx.updateTable('users').set({ person_id: person.id, updated_at: ctx.clock.now() }).where('id', '=', user.id).execute();
      await appendAuditEvent(trx, ctx.clock, SEED_ACTOR, {
        action: 'user.link_person',
        entityType: 'user',
        entityId: user.id,
        before: { personId: user.person_id },
        after: { username, personId: person.id, personName: person.name, unitName: person.unitName },
      });
    }
  });
  return { leader, member };
}

const stageOrder: SupervisionStage[] = ['proposed', 'approved', 'in_field', 'report_submitted', 'result_notified', 'closed'];
const reaches = (stage: SupervisionStage, step: SupervisionStage) => stageOrder.indexOf(stage) >= stageOrder.indexOf(step);

/** The demo account that rectifies a problem of this county or assistance unit. */
function responsibleUsername(target: { assessmentUnitCode: string } | { unitName: string }): string {
  const account =
    'assessmentUnitCode' in target
      ? demoAccounts.find((candidate) => candidate.role === 'county_user' && candidate.assessmentUnitCode === target.assessmentUnitCode)
      : demoAccounts.find((candidate) => candidate.role === 'assist_unit_user' && candidate.unitName === target.unitName);
  if (!account) throw new DemoActivityError(`没有负责 ${JSON.stringify(target)} 的演示账户`);
  return account.username;
}

/** Everything the demo needs while it plays: the signed-in accounts, checklist ids, the team and the problems made so far. */
class Demo {
  readonly problemIds = new Map<string, number>();
  readonly supervisionIds = new Map<string, number>();
  private colleagueCursor = 0;

  constructor(
    private readonly clients: Map<string, Client>,
    readonly supervisionItems: Map<string, number>,
    readonly inspectionItems: Map<string, number>,
    readonly people: Person[],
    readonly team: { leader: Person; member: Person },
    readonly units: Unit[],
    readonly countyOfUnit: Map<string, string>,
  ) {}

  as(username: ActivityActor | string): Client {
    const client = this.clients.get(username);
    if (!client) throw new DemoActivityError(`演示账户 ${username} 未登录`);
    return client;
  }

  unitId(name: string): number {
    const unit = this.units.find((candidate) => candidate.name === name);
    if (!unit) throw new DemoActivityError(`单位「${name}」不存在`);
    return unit.id;
  }

  itemId(items: Map<string, number>, code: string): number {
    const id = items.get(code);
    if (id === undefined) throw new DemoActivityError(`${ACTIVITY_YEAR} 年度责任清单中没有事项 ${code}`);
    return id;
  }

  /** Colleagues for a team: member-unit cadres other than the demo pair, none from the county visited, taken in turn. */
  colleagues(count: number, countyCode: string | null): number[] {
    const candidates = this.people.filter(
      (person) =>
        person.id !== this.team.leader.id &&
        person.id !== this.team.member.id &&
        (person.rank === 'section' || person.rank === 'other') &&
        countyOf(person.homeRegionCode) !== countyCode,
    );
    const chosen: number[] = [];
    for (let index = 0; index < count && index < candidates.length; index += 1) {
      chosen.push(candidates[(this.colleagueCursor + index) % candidates.length]!.id);
    }
    this.colleagueCursor += count;
    return chosen;
  }

  recordBody(record: Omit<RecordSpec, 'method'> & { method?: RecordSpec['method'] }, items: Map<string, number>) {
    const { checklistCode, ...rest } = record;
    return { ...rest, ...(checklistCode ? { checklistItemId: this.itemId(items, checklistCode) } : {}) };
  }

  findingBody(finding: FindingSpec, items: Map<string, number>) {
    return {
      checklistItemId: this.itemId(items, finding.checklistCode),
      description: finding.description,
      ...(finding.evidence ? { evidence: finding.evidence } : {}),
      severity: finding.severity ?? 'general',
      ...(finding.requirement ? { requirement: finding.requirement } : {}),
    };
  }

  /** Plays a problem's rectification steps in the ledger. */
  async rectify(problemId: number, responsible: string, steps: RectificationStep[]): Promise<void> {
    for (const step of steps) {
      const client = this.as(step.by === 'responsible' ? responsible : step.by);
      await client.post(`/api/rectifications/${problemId}/${step.action}`, 'body' in step ? step.body : undefined);
    }
  }
}

/** Takes one supervision from proposal to its stage, with its team, schedule, records, findings, report, result and rectification. */
async function playSupervision(demo: Demo, planId: number, spec: SupervisionSpec): Promise<number> {
  const staff = demo.as('staff');
  const target = 'assessmentUnitCode' in spec.target ? { targetAssessmentUnitCode: spec.target.assessmentUnitCode } : { targetUnitId: demo.unitId(spec.target.unitName) };
  const proposed = await staff.post<SupervisionDetail>('/api/supervisions', {
    planId,
    type: spec.type,
    ...target,
    topic: spec.topic,
    plannedStart: spec.plannedStart,
    plannedEnd: spec.plannedEnd,
  });
  const id = proposed.supervision.id;
  demo.supervisionIds.set(spec.key, id);
  const countyCode = proposed.supervision.target.countyCode;
  if (!reaches(spec.stage, 'approved')) return id;
  await demo.as('admin').post(`/api/supervisions/${id}/approve`);
  if (!reaches(spec.stage, 'in_field')) return id;

  await staff.post(`/api/supervisions/${id}/form-team`, { leaderId: demo.team.leader.id, memberIds: [demo.team.member.id, ...demo.colleagues(spec.extraMembers ?? 0, countyCode)] });
  const leader = demo.as('teamleader');
  const member = demo.as('teammember');
  for (const visit of spec.visits ?? []) {
    const { record: _record, ...body } = visit;
    await leader.post(`/api/supervisions/${id}/visits`, body);
  }
  await leader.post(`/api/supervisions/${id}/start-field-work`);
  let detail = await leader.get<SupervisionDetail>(`/api/supervisions/${id}`);
  for (const visit of spec.visits ?? []) {
    if (!visit.record) continue;
    const planned = detail.visits.find((candidate) => candidate.targetDescription === visit.targetDescription);
    if (!planned) throw new DemoActivityError(`督查「${spec.topic}」中找不到走访安排「${visit.targetDescription}」`);
    await member.post(`/api/supervisions/${id}/visits/${planned.id}/record`, demo.recordBody(visit.record, demo.supervisionItems));
  }
  for (const record of spec.records ?? []) await member.post(`/api/supervisions/${id}/records`, demo.recordBody(record, demo.supervisionItems));
  for (const finding of spec.findings ?? []) {
    detail = await member.post<SupervisionDetail>(`/api/supervisions/${id}/findings`, demo.findingBody(finding, demo.supervisionItems));
    demo.problemIds.set(finding.key, detail.findings[detail.findings.length - 1]!.id);
  }
  if (!reaches(spec.stage, 'report_submitted')) return id;

  const { draft } = await leader.get<{ draft: string }>(`/api/supervisions/${id}/report-draft`);
  await leader.post(`/api/supervisions/${id}/submit-report`, { report: spec.reportClosing ? `${draft}\n\n${spec.reportClosing}` : draft });
  if (!reaches(spec.stage, 'result_notified') || !spec.result) return id;

  await staff.post(`/api/supervisions/${id}/notify-result`, spec.result);
  const responsible = responsibleUsername(spec.target);
  for (const finding of spec.findings ?? []) await demo.rectify(demo.problemIds.get(finding.key)!, responsible, finding.rectification ?? []);
  if (reaches(spec.stage, 'closed')) await staff.post(`/api/supervisions/${id}/close`);
  return id;
}

/** The inspection of 龙门县 from proposal to close: approval, team, field work, report, feedback, rectification, referral. */
async function playInspection(demo: Demo): Promise<number> {
  const staff = demo.as('staff');
  const leader = demo.as('teamleader');
  const member = demo.as('teammember');
  const { year, title, assessmentUnitCode, reason, plan, plannedStart, plannedEnd } = inspection;
  const proposed = await staff.post<InspectionDetail>('/api/inspections', { year, title, assessmentUnitCode, reason, plan, plannedStart, plannedEnd });
  const id = proposed.inspection.id;
  await demo.as('leader').post(`/api/inspections/${id}/approve`, { note: inspection.approvalNote });
  await staff.post(`/api/inspections/${id}/form-team`, {
    name: inspection.teamName,
    leaderId: demo.team.leader.id,
    memberIds: [demo.team.member.id, ...demo.colleagues(inspection.extraMembers, demo.countyOfUnit.get(assessmentUnitCode) ?? null)],
  });
  await leader.post(`/api/inspections/${id}/start-field-work`);
  for (const record of inspection.records) await member.post(`/api/inspections/${id}/records`, demo.recordBody(record, demo.inspectionItems));
  await leader.post(`/api/inspections/${id}/recommendations`, inspection.recommendation);
  for (const finding of inspection.findings) {
    const detail = await member.post<InspectionDetail>(`/api/inspections/${id}/findings`, demo.findingBody(finding, demo.inspectionItems));
    demo.problemIds.set(finding.key, detail.findings[detail.findings.length - 1]!.id);
  }
  const { draft } = await leader.get<{ draft: string }>(`/api/inspections/${id}/report-draft`);
  await leader.post(`/api/inspections/${id}/submit-report`, { report: `${draft}\n\n${inspection.reportClosing}` });
  await staff.post(`/api/inspections/${id}/issue-feedback`, { feedbackDate: inspection.feedbackDate, feedbackText: inspection.feedbackText });

  const responsible = responsibleUsername({ assessmentUnitCode });
  const { items: recipients } = await demo.as('admin').get<{ items: { id: number; displayName: string }[] }>('/api/transfers/recipients');
  const jiweiAccount = demoAccounts.find((account) => account.username === 'jiwei');
  const recipient = recipients.find((candidate) => candidate.displayName === jiweiAccount?.displayName) ?? recipients[0];
  if (!recipient) throw new DemoActivityError('没有可移交的纪检监察联络员账户');
  for (const finding of inspection.findings as FindingSpec[]) {
    const problemId = demo.problemIds.get(finding.key)!;
    await demo.rectify(problemId, responsible, finding.rectification ?? []);
    if (finding.disclosure) await demo.as('admin').post(`/api/rectifications/${problemId}/decide-disclosure`, finding.disclosure);
    if (finding.transfer) {
      const { transfer } = await demo.as('admin').post<{ transfer: { id: number } }>('/api/transfers', {
        problemId,
        recipientBody: 'discipline_inspection',
        recipientUserId: recipient.id,
        summary: finding.transfer.summary,
      });
      const jiwei = demo.as('jiwei');
      await jiwei.post(`/api/transfers/${transfer.id}/acknowledge`);
      if (finding.transfer.receipt.accept) await jiwei.post(`/api/transfers/${transfer.id}/accept`, { note: finding.transfer.receipt.accept });
      if (finding.transfer.receipt.file) await jiwei.post(`/api/transfers/${transfer.id}/file`, { note: finding.transfer.receipt.file });
    }
  }
  await staff.post(`/api/inspections/${id}/close`);
  return id;
}

/** Three complaints: the anonymous public one (answered, so its code can be tried), a hotline call turned into a problem, a letter awaiting triage. */
async function playComplaints(app: FastifyInstance, demo: Demo, inspectionId: number): Promise<string> {
  const staff = demo.as('staff');
  const { anonymous, hotline, letter } = complaints;
  const filed = await app.inject({
    method: 'POST',
    url: '/api/public/complaints',
    payload: { subject: anonymous.subject, content: anonymous.content, regionCode: anonymous.regionCode, isAnonymous: true },
  });
  if (filed.statusCode !== 201) throw describeFailure('匿名举报', filed.statusCode, filed.body);
  const { trackingCode } = filed.json() as { trackingCode: string };
  const { items } = await staff.get<{ items: { id: number; trackingCode?: string; subject: string }[] }>('/api/complaints?channel=web');
  const web = items.find((item) => item.subject === anonymous.subject);
  if (!web) throw new DemoActivityError('市扶贫办的举报列表中找不到刚提交的匿名举报');
  await staff.post(`/api/complaints/${web.id}/assign`, { unitCode: anonymous.assignTo });
  await staff.post(`/api/complaints/${web.id}/link`, { villageCode: anonymous.regionCode, problemId: demo.problemIds.get(anonymous.linkProblem) });
  await staff.post(`/api/complaints/${web.id}/answer`, { answer: anonymous.answer });

  const { complaint: call } = await staff.post<{ complaint: { id: number } }>('/api/complaints', {
    channel: 'hotline',
    subject: hotline.subject,
    content: hotline.content,
    regionCode: hotline.regionCode,
    isAnonymous: false,
    name: hotline.name,
    phone: hotline.phone,
  });
  await staff.post(`/api/complaints/${call.id}/accept`, { note: '属于扶贫领域问题，予以受理。' });
  await staff.post(`/api/complaints/${call.id}/assign`, { unitCode: hotline.assignTo });
  await staff.post(`/api/complaints/${call.id}/link`, { villageCode: hotline.regionCode, inspectionId });
  const created = await staff.post<{ problemId: number }>(`/api/complaints/${call.id}/create-problem`, hotline.problem);
  demo.problemIds.set('complaint-hotline', created.problemId);

  await staff.post('/api/complaints', {
    channel: 'letter',
    subject: letter.subject,
    content: letter.content,
    regionCode: letter.regionCode,
    isAnonymous: false,
    name: letter.name,
    contact: letter.contact,
  });
  return trackingCode;
}

/** Counties and units whose people may not sit on the demo teams: every county the demo supervises or inspects. */
function visitedCounties(countyOfUnit: Map<string, string>): Set<string> {
  const codes = [...supervisions.filter((spec) => reaches(spec.stage, 'in_field')).map((spec) => spec.target), { assessmentUnitCode: inspection.assessmentUnitCode }]
    .map((target) => ('assessmentUnitCode' in target ? countyOfUnit.get(target.assessmentUnitCode) : undefined))
    .filter((code): code is string => code !== undefined);
  return new Set(codes);
}

/**
 * Fills a first-start demo with a year of supervision and inspection work (2017), through the API
 * as the demo accounts; does nothing when a supervision plan already exists. Returns what it created.
 */
export async function seedDemoActivityIfEmpty(ctx: AppContext, app: FastifyInstance): Promise<DemoActivityResult | null> {
  const existing = await ctx.db.selectFrom('supervision_plans').select('id').limit(1).executeTakeFirst();
  if (existing) return null;

  const usernames = ['admin', 'staff', 'leader', 'teamleader', 'teammember', 'jiwei', ...new Set(supervisions.map((spec) => responsibleUsername(spec.target))), 'longmen'];
  const clients = new Map<string, Client>();
  try {
    for (const username of new Set(usernames)) clients.set(username, await signIn(app, username));
    const admin = clients.get('admin')!;

    const { items: assessmentUnits } = await admin.get<{ items: { code: string; countyCode: string | null }[] }>(`/api/assessment-units?year=${ACTIVITY_YEAR}`);
    const countyOfUnit = new Map(assessmentUnits.filter((unit) => unit.countyCode).map((unit) => [unit.code, unit.countyCode!]));
    const people = await memberUnitPeople(admin);
    const team = await linkTeamAccounts(ctx, people, visitedCounties(countyOfUnit));
    const { items: units } = await admin.get<{ items: Unit[] }>('/api/units');
    const { areas } = await admin.get<{ areas: { code: string; id: number; items: { id: number; code: string }[] }[] }>(
      `/api/supervision-checklist-items?year=${ACTIVITY_YEAR}`,
    );
    const supervisionItems = new Map(areas.flatMap((area) => [[area.code, area.id] as const, ...area.items.map((item) => [item.code, item.id] as const)]));
    const { items: checklist } = await admin.get<{ items: { id: number; code: string }[] }>(`/api/checklist-items?year=${ACTIVITY_YEAR}`);
    const inspectionItems = new Map(checklist.map((item) => [item.code, item.id]));
    const demo = new Demo(clients, supervisionItems, inspectionItems, people, team, units, countyOfUnit);

    // 督6: the office drafts the year's plan, its head approves it; then the items of the plan.
    const plan = await demo.as('staff').post<{ id: number }>('/api/supervision-plans', PLAN);
    await admin.post(`/api/supervision-plans/${plan.id}/approve`);
    for (const spec of supervisions) await playSupervision(demo, plan.id, spec);

    const inspectionId = await playInspection(demo);
    const trackingCode = await playComplaints(app, demo, inspectionId);

    // 督11: commendations and a model case, proposed by the office and decided by its head.
    for (const commendation of commendations) {
      const subject = 'assessmentUnitCode' in commendation.target ? { assessmentUnitCode: commendation.target.assessmentUnitCode } : { unitId: demo.unitId(commendation.target.unitName) };
      const supervisionId = commendation.fromSupervision === undefined ? undefined : demo.supervisionIds.get(commendation.fromSupervision);
      const { commendation: proposed } = await demo.as('staff').post<{ commendation: { id: number } }>('/api/commendations', {
        year: ACTIVITY_YEAR,
        kind: commendation.kind,
        ...subject,
        ...(supervisionId !== undefined ? { supervisionId } : {}),
        title: commendation.title,
        description: commendation.description,
      });
      await admin.post(`/api/commendations/${proposed.id}/approve`, { note: commendation.note });
    }

    // 督18: the office runs the overdue check now rather than wait for the hourly one; 2017's deadlines are long past.
    await admin.post('/api/problems/escalate');
    const ledger = await admin.get<{ items: { escalationLevel: number; escalationLabel: string | null }[] }>('/api/rectifications');
    const escalated = {
      overdue: ledger.items.filter((problem) => problem.escalationLabel !== null && problem.escalationLevel === 1).length,
      reportedToCity: ledger.items.filter((problem) => problem.escalationLabel !== null && problem.escalationLevel === 2).length,
    };

    // 督11: the office's summary for the year, drafted from the figures, submitted by its head to 市委、市政府.
    const draft = await demo.as('staff').get<{ title: string; body: string }>(`/api/supervision-summaries/draft?year=${ACTIVITY_YEAR}`);
    const { summary } = await demo.as('staff').post<{ summary: { id: number } }>('/api/supervision-summaries', {
      year: ACTIVITY_YEAR,
      title: draft.title,
      // The draft dates its figures today; the demo's year ends in December 2017.
      body: `${draft.body.replace(/截至\d{4}年\d{1,2}月\d{1,2}日/gu, SUMMARY_AS_OF)}${SUMMARY_CLOSING}`,
    });
    await admin.post(`/api/supervision-summaries/${summary.id}/submit`);

    return {
      plans: 1,
      supervisions: supervisions.length,
      inspections: 1,
      problems: demo.problemIds.size,
      complaints: 3,
      transfers: inspection.findings.filter((finding) => 'transfer' in finding).length,
      commendations: commendations.length,
      summaries: 1,
      escalated,
      trackingCode,
    };
  } finally {
    for (const client of clients.values()) await client.logOut();
  }
}

/** The one line the server prints once the demo activity is in. */
export function describeDemoActivity(result: DemoActivityResult, baseUrl: string): string {
  return (
    `已生成 ${ACTIVITY_YEAR} 年度演示督查巡查工作：年度督查计划 ${result.plans} 份、督查 ${result.supervisions} 项、巡查 ${result.inspections} 项、` +
    `台账问题 ${result.problems} 个（逾期未整改 ${result.escalated.overdue + result.escalated.reportedToCity} 个，其中已报市委市政府 ${result.escalated.reportedToCity} 个）、群众举报 ${result.complaints} 件、移交 ${result.transfers} 件、` +
    `表扬和先进典型 ${result.commendations} 项、督查工作总结 ${result.summaries} 份；匿名举报查询码 ${result.trackingCode}（${baseUrl}/public/complaints/track?code=${result.trackingCode}）`
  );
}
