import type { Transaction } from 'kysely';
import type { DB, RecordMethod } from '../../db/schema.ts';
import type { SupervisionStatus, SupervisionType } from '../../db/schema.supervisions.ts';
import { assertRole, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent } from '../../kernel/audit.ts';
import { inTransaction, type AppContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { addCalendarMonths, todayInShanghai } from '../../kernel/time.ts';
import { applyTransition, availableActions } from '../../kernel/workflow.ts';
import { issueSupervisionReport, issueSupervisionResultNotice } from '../documents/documents.issue.ts';
import { listIssuedDocumentsOf } from '../documents/documents.register.ts';
import * as findings from '../findings/findings.service.ts';
import { recordMethodLabels } from '../findings/findings.schema.ts';
import { parametersFor, parametersForYears, type MeasureParameters } from '../parameters/parameters.service.ts';
import { findAssessmentUnit } from '../regions/regions.service.ts';
import * as teams from '../teams/teams.service.ts';
import { canReadReport, cityWideSupervisionReaders, isSupervisedParty, supervisionOfficeRoles } from './supervisions.policy.ts';
import * as repo from './supervisions.repo.ts';
import { supervisionTypeLabels } from './supervisions.schema.ts';
import { supervisionPlanWorkflow, supervisionWorkflow, type SupervisionAction } from './supervisions.workflow.ts';

const notFoundSupervision = (id: number) => notFound(`编号为 ${id} 的督查`);
const notFoundPlan = (id: number) => notFound(`编号为 ${id} 的年度督查计划`);

/** Actions on a supervision that are not state changes: adding to its schedule and working papers. */
type WorkingPaperAction = 'planVisit' | 'addRecord' | 'recordFinding';

/** Field work proper (督10(2)): records and findings only while the team is in the field. */
const fieldWindow = findings.inFieldWindow('督查');
/** The visit schedule is drawn up from the item's approval until the field work ends. */
const visitWindow: findings.WorkWindow = { allowedFrom: ['approved', 'team_formed', 'in_field'], period: '督查事项批准后至实地督查结束前' };

/** The supervision as the shared field-work guards see it. */
function fieldWorkOf(row: repo.SupervisionRow): findings.FieldWork {
  return { activity: '督查', status: row.status, stateLabels: supervisionWorkflow.stateLabels, teamRole: row.team_role };
}

/** The actions this actor may take now: workflow actions (a team leader only on the team they lead) and additions to the working papers. */
function actionsFor(actor: Actor, row: repo.SupervisionRow): (SupervisionAction | WorkingPaperAction)[] {
  const workflowActions = availableActions(supervisionWorkflow, actor, row.status)
    .filter(() => actor.role !== 'team_leader' || row.team_role === 'leader')
    // Closing waits for every finding to be verified (or transferred): no button before that.
    .filter((action) => action !== 'close' || row.unresolved_count === 0);
  const work = fieldWorkOf(row);
  const paperActions: WorkingPaperAction[] = [];
  if (findings.canAddWorkingPaper(actor, work, visitWindow)) paperActions.push('planVisit');
  if (findings.canAddWorkingPaper(actor, work, fieldWindow)) paperActions.push('addRecord', 'recordFinding');
  return [...workflowActions, ...paperActions];
}

/** The parameters of its year a supervision's view carries. */
type SupervisionParameters = Pick<MeasureParameters, 'supervisionRectificationMonths'>;

function toSupervisionView(actor: Actor, row: repo.SupervisionRow, parameters: SupervisionParameters) {
  return {
    id: row.id,
    planId: row.plan_id,
    year: row.year,
    /** 督12 sets no period: the months of the year's parameters, unless the office names a deadline. */
    defaultRectificationMonths: parameters.supervisionRectificationMonths,
    type: row.type,
    typeLabel: supervisionTypeLabels[row.type],
    target: {
      kind: row.target_kind,
      assessmentUnitCode: row.target_assessment_unit_code,
      unitId: row.target_unit_id,
      name: row.target_name,
      countyCode: row.target_county_code,
      countyName: row.target_county_name,
    },
    topic: row.topic,
    plannedStart: row.planned_start,
    plannedEnd: row.planned_end,
    status: row.status,
    statusLabel: supervisionWorkflow.stateLabels[row.status],
    proposedByName: row.proposed_by_name,
    createdAt: row.created_at,
    approvedByName: row.approved_by_name,
    approvedAt: row.approved_at,
    planStatus: row.plan_status,
    report: canReadReport(actor) ? row.report : null,
    reportSubmittedAt: row.report_submitted_at,
    resultNotifiedOn: row.result_notified_on,
    resultText: row.result_text,
    rectificationDeadline: row.rectification_deadline,
    resultNotifiedByName: row.result_notified_by_name,
    closedAt: row.closed_at,
    myTeamRole: row.team_role,
    actions: actionsFor(actor, row),
  };
}

async function requireVisible(ctx: AppContext, actor: Actor, id: number): Promise<repo.SupervisionRow> {
  const row = await repo.findVisibleSupervision(ctx.db, actor, id);
  if (!row) throw notFoundSupervision(id);
  return row;
}

function toPlanView(actor: Actor, row: repo.PlanRow) {
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    status: row.status,
    statusLabel: supervisionPlanWorkflow.stateLabels[row.status],
    createdByName: row.created_by_name,
    approvedByName: row.approved_by_name,
    approvedAt: row.approved_at,
    supervisionCount: row.supervision_count,
    // Besides its own workflow, an approved plan is where the office proposes the year's supervisions (督6, 督8).
    actions: [
      ...availableActions(supervisionPlanWorkflow, actor, row.status),
      ...(row.status === 'approved' && supervisionOfficeRoles.includes(actor.role) ? (['propose'] as const) : []),
    ],
  };
}

/** The annual plans (督6) for city-wide readers; FORBIDDEN for anyone else. */
export async function listPlans(ctx: AppContext, actor: Actor, year: number | undefined) {
  assertRole(actor, cityWideSupervisionReaders, '查看年度督查计划');
  const rows = await repo.listPlans(ctx.db, year);
  return rows.map((row) => toPlanView(actor, row));
}

async function requirePlan(ctx: AppContext, actor: Actor, id: number) {
  const plan = (await repo.listPlans(ctx.db, undefined)).find((row) => row.id === id);
  if (!plan || !cityWideSupervisionReaders.includes(actor.role)) throw notFoundPlan(id);
  return plan;
}

/** 督6: the city office drafts the year's supervision plan; one plan per year. */
export async function createPlan(ctx: AppContext, actor: Actor, body: { year: number; title: string }) {
  assertRole(actor, supervisionOfficeRoles, '制定年度督查计划（须由市扶贫办制定）');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const inserted = await trx
      .insertInto('supervision_plans')
      .values({ year: body.year, title: body.title, status: 'draft', created_by: actor.id, created_at: now, updated_at: now })
      .onConflict((conflict) => conflict.column('year').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      throw new AppError('CONFLICT', `字段「year」无效：${body.year} 年度的督查计划已经存在，每年只制定一份年度督查计划`, {
        fields: [{ field: 'year', message: '该年度的督查计划已经存在' }],
      });
    }
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'supervision_plan.create',
      entityType: 'supervision_plan',
      entityId: inserted.id,
      after: { year: body.year, title: body.title, status: 'draft' },
    });
    return inserted.id;
  });
  return toPlanView(actor, await requirePlan(ctx, actor, id));
}

/** 督6: the head of the city office approves the annual plan; of two concurrent approvals exactly one succeeds. */
export async function approvePlan(ctx: AppContext, actor: Actor, id: number) {
  await requirePlan(ctx, actor, id);
  await ctx.db.transaction().execute((trx) =>
    applyTransition(trx, ctx.clock, actor, supervisionPlanWorkflow, 'approve', id, { approved_by: actor.id, approved_at: ctx.clock.now() }),
  );
  return toPlanView(actor, await requirePlan(ctx, actor, id));
}

export async function listSupervisions(
  ctx: AppContext,
  actor: Actor,
  filter: { year?: number | undefined; status?: SupervisionStatus | undefined; type?: SupervisionType | undefined },
) {
  const rows = await repo.listVisibleSupervisions(ctx.db, actor, filter);
  const parameters = await parametersForYears(ctx.db, rows.map((row) => row.year));
  return rows.map((row) => toSupervisionView(actor, row, parameters.get(row.year)!));
}

/**
 * A supervision with its team, visit schedule, field records, findings and the actions the actor may
 * take; NOT_FOUND outside the actor's scope. The supervised county or unit gets neither the working
 * papers nor a sealed visit, and only the findings notified to it.
 */
export async function getSupervision(ctx: AppContext, actor: Actor, id: number) {
  const row = await requireVisible(ctx, actor, id);
  const showPapers = canReadReport(actor);
  const [members, visits, records, problems, documents] = await Promise.all([
    repo.listTeamMembers(ctx.db, id),
    repo.listVisits(ctx.db, actor, id),
    showPapers ? repo.listRecords(ctx.db, id) : Promise.resolve([]),
    findings.listFindingsOfSupervision(ctx.db, id, { notifiedOnly: isSupervisedParty(actor) }),
    listIssuedDocumentsOf(ctx.db, 'supervision', id),
  ]);
  const canRecordVisits = findings.canAddWorkingPaper(actor, fieldWorkOf(row), fieldWindow);
  const parameters = await parametersFor(ctx.db, row.year);
  return {
    supervision: toSupervisionView(actor, row, parameters),
    team: members.map((member) => ({
      personId: member.person_id,
      name: member.name,
      unitName: member.unit_name,
      post: member.post,
      role: member.role,
      roleLabel: member.role === 'leader' ? '组长' : '成员',
    })),
    visits: visits.map((visit) => ({
      id: visit.id,
      method: visit.method,
      methodLabel: recordMethodLabels[visit.method],
      isUnannounced: visit.method === 'unannounced_visit',
      // Sealed: an unannounced visit not yet made, kept from the supervised unit (督4 暗访).
      isSealed: visit.method === 'unannounced_visit' && visit.record_id === null,
      plannedOn: visit.planned_on,
      targetRegionCode: visit.target_region_code,
      targetRegionName: visit.target_region_name,
      targetDescription: visit.target_description,
      recordId: visit.record_id,
      recordDate: visit.record_date,
      createdByName: visit.created_by_name,
      canRecord: canRecordVisits && visit.record_id === null,
    })),
    records: records.map(findings.toFieldRecordView),
    findings: problems.map((problem) => ({
      id: problem.id,
      category: problem.category,
      categoryLabel: problem.category_label ?? problem.category,
      checklistItem: problem.checklist_item_id ? { id: problem.checklist_item_id, code: problem.checklist_code, title: problem.checklist_title } : null,
      description: problem.description,
      evidence: problem.evidence,
      severity: problem.severity,
      requirement: problem.requirement,
      notifiedOn: problem.notified_on,
      deadline: problem.deadline,
      status: problem.status,
      recordedByName: problem.recorded_by_name,
      createdAt: problem.created_at,
    })),
    // The documents issued for it (文号, SHA-256); the team's report never to the supervised unit.
    documents: documents.filter((document) => showPapers || document.kind !== 'supervision_report'),
  };
}

function invalidField(field: string, message: string, rule: string): AppError {
  return new AppError('VALIDATION_FAILED', `字段「${field}」无效：${message}`, { fields: [{ field, message: rule }] });
}

/** 督6, 督8: the city office adds a 综合督查 or 专项督查 of one county (district) or one assistance unit to the year's plan. */
export async function proposeSupervision(
  ctx: AppContext,
  actor: Actor,
  body: {
    planId: number;
    type: SupervisionType;
    targetAssessmentUnitCode?: string | undefined;
    targetUnitId?: number | undefined;
    topic: string;
    plannedStart?: string | undefined;
    plannedEnd?: string | undefined;
  },
) {
  assertRole(actor, supervisionOfficeRoles, '提出督查事项（须由市扶贫办提出）');
  const plan = (await repo.listPlans(ctx.db, undefined)).find((row) => row.id === body.planId);
  if (!plan) throw invalidField('planId', `不存在编号为 ${body.planId} 的年度督查计划`, '年度督查计划不存在');
  if (body.targetAssessmentUnitCode !== undefined && !(await findAssessmentUnit(ctx.db, body.targetAssessmentUnitCode))) {
    throw invalidField('targetAssessmentUnitCode', `不存在代码为 ${body.targetAssessmentUnitCode} 的考核单位`, '考核单位不存在');
  }
  if (body.targetUnitId !== undefined) {
    const unit = await ctx.db.selectFrom('units').select(['id', 'name', 'assistance_category']).where('id', '=', body.targetUnitId).executeTakeFirst();
    if (!unit) throw invalidField('targetUnitId', `不存在编号为 ${body.targetUnitId} 的单位`, '单位不存在');
    if (unit.assistance_category === null) {
      throw invalidField('targetUnitId', `${unit.name}不是帮扶单位，督查对象须为县（区）或帮扶单位（第八条）`, '须为帮扶单位');
    }
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const inserted = await trx
      .insertInto('supervisions')
      .values({
        plan_id: plan.id,
        type: body.type,
        target_assessment_unit_code: body.targetAssessmentUnitCode ?? null,
        target_unit_id: body.targetUnitId ?? null,
        topic: body.topic,
        planned_start: body.plannedStart ?? null,
        planned_end: body.plannedEnd ?? null,
        status: 'proposed',
        proposed_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'supervision.propose',
      entityType: 'supervision',
      entityId: inserted.id,
      after: {
        planId: plan.id,
        type: body.type,
        targetAssessmentUnitCode: body.targetAssessmentUnitCode ?? null,
        targetUnitId: body.targetUnitId ?? null,
        topic: body.topic,
        status: 'proposed',
      },
    });
    return inserted.id;
  });
  return getSupervision(ctx, actor, id);
}

/** 督6: the head of the city office approves a supervision item; of two concurrent approvals exactly one succeeds. */
export async function approveSupervision(ctx: AppContext, actor: Actor, id: number) {
  const row = await requireVisible(ctx, actor, id);
  assertRole(actor, supervisionWorkflow.actions.approve.by, '批准督查事项');
  assertPlanApproved(row);
  await ctx.db.transaction().execute((trx) =>
    applyTransition(trx, ctx.clock, actor, supervisionWorkflow, 'approve', id, { approved_by: actor.id, approved_at: ctx.clock.now() }),
  );
  return getSupervision(ctx, actor, id);
}

/** 督6: a supervision item is approved only within an approved annual plan; refuses otherwise, citing the article. */
export function assertPlanApproved(row: Pick<repo.SupervisionRow, 'plan_status' | 'plan_id' | 'year'>): void {
  if (row.plan_status === 'approved') return;
  throw new AppError(
    'RULE_VIOLATION',
    `根据《督查巡查办法》第六条，督查事项须依据经批准的年度督查计划批准：${row.year} 年度督查计划尚未批准，请先批准年度督查计划`,
    { rule: '督6', planId: row.plan_id },
  );
}

/** 督7: team leader and staff are drawn from the member units of the city's leading group; refuses anyone else, naming the article. */
export function assertFromLeadingGroupMemberUnit(person: { id: number; name: string; unit_name: string; is_leading_group_member: boolean }): void {
  if (person.is_leading_group_member) return;
  throw new AppError(
    'RULE_VIOLATION',
    `根据《督查巡查办法》第七条，督查组组长和工作人员从市扶贫开发领导小组成员单位抽调：${person.name}所在的${person.unit_name}不是领导小组成员单位，不能参加督查组`,
    { rule: '督7', personId: person.id },
  );
}

/**
 * Forms the supervision team after approval: one leader (组长负责制) and members, everyone from a
 * leading-group member unit (督7) and, when a county is supervised, nobody from it (督5).
 * The team, the state change and the audit events commit together.
 */
export async function formTeam(ctx: AppContext, actor: Actor, id: number, body: { leaderId: number; memberIds: number[] }) {
  const row = await requireVisible(ctx, actor, id);
  assertRole(actor, supervisionWorkflow.actions.formTeam.by, '组建督查组');
  const ids = [body.leaderId, ...body.memberIds];
  await ctx.db.transaction().execute(async (trx) => {
    await applyTransition(trx, ctx.clock, actor, supervisionWorkflow, 'formTeam', id);
    const [candidates, memberships] = await Promise.all([teams.findTeamCandidates(trx, ids), repo.findLeadingGroupMembership(trx, ids)]);
    const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
    const missing = ids.filter((personId) => !byId.has(personId));
    if (missing.length > 0) {
      const field = missing.includes(body.leaderId) ? 'leaderId' : 'memberIds';
      throw invalidField(field, `不存在编号为 ${missing.join('、')} 的人员`, `人员 ${missing.join('、')} 不存在`);
    }
    const membershipById = new Map(memberships.map((membership) => [membership.id, membership]));
    for (const personId of ids) assertFromLeadingGroupMemberUnit(membershipById.get(personId)!);
    if (row.target_assessment_unit_code !== null && row.target_county_code !== null) {
      const supervised = { countyCode: row.target_county_code, countyName: row.target_county_name ?? row.target_name, assessmentUnitName: row.target_name };
      for (const personId of ids) teams.assertNoHomeCountyConflict(byId.get(personId)!, supervised, '督查');
    }
    await trx
      .insertInto('supervision_team_members')
      .values([
        { supervision_id: id, person_id: body.leaderId, role: 'leader' as const },
        ...body.memberIds.map((personId) => ({ supervision_id: id, person_id: personId, role: 'member' as const })),
      ])
      .execute();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'supervision_team.form',
      entityType: 'supervision',
      entityId: id,
      after: { leaderId: body.leaderId, memberIds: body.memberIds },
    });
  });
  return getSupervision(ctx, actor, id);
}

/** Refuses a team leader acting on a supervision whose team they do not lead. */
function assertOwnLeaderIfTeamLeader(actor: Actor, row: repo.SupervisionRow, what: string): void {
  if (actor.role === 'team_leader' && row.team_role !== 'leader') throw new AppError('FORBIDDEN', `只有本督查组组长可以${what}`);
}

/** 督10(2): the team goes into the field; the office or the team's own leader. */
export async function startFieldWork(ctx: AppContext, actor: Actor, id: number) {
  const row = await requireVisible(ctx, actor, id);
  assertOwnLeaderIfTeamLeader(actor, row, '宣布开展实地督查');
  await ctx.db.transaction().execute((trx) => applyTransition(trx, ctx.clock, actor, supervisionWorkflow, 'startFieldWork', id));
  return getSupervision(ctx, actor, id);
}

/** 督10(3): the team leader submits the written report (组长负责制). */
export async function submitReport(ctx: AppContext, actor: Actor, id: number, report: string) {
  const row = await requireVisible(ctx, actor, id);
  assertOwnLeaderIfTeamLeader(actor, row, '提交督查报告');
  await ctx.db.transaction().execute(async (trx) => {
    await applyTransition(trx, ctx.clock, actor, supervisionWorkflow, 'submitReport', id, { report, report_submitted_by: actor.id, report_submitted_at: ctx.clock.now() });
    await issueSupervisionReport(trx, ctx.clock, actor, await getSupervision(inTransaction(ctx, trx), actor, id));
  });
  return getSupervision(ctx, actor, id);
}

/** The office closes a supervision once its result is notified and every problem it found is verified as rectified (or transferred). */
export async function closeSupervision(ctx: AppContext, actor: Actor, id: number) {
  await requireVisible(ctx, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    await applyTransition(trx, ctx.clock, actor, supervisionWorkflow, 'close', id, { closed_at: ctx.clock.now() });
    const unresolved = await findings.countUnresolvedFindingsOf(trx, { source: 'supervision', supervisionId: id });
    if (unresolved > 0) throw findings.unresolvedFindingsError(unresolved, '督查');
  });
  return getSupervision(ctx, actor, id);
}

type RecordInput = { method: RecordMethod; recordDate: string; place: string; participants?: string | undefined; notes: string; checklistItemId?: number | undefined };

/** Inserts a field record and its audit event in the caller's transaction. */
async function insertRecord(ctx: AppContext, trx: Transaction<DB>, actor: Actor, id: number, body: RecordInput): Promise<number> {
  const recordId = await repo.insertRecord(trx, {
    supervisionId: id,
    method: body.method,
    recordDate: body.recordDate,
    place: body.place,
    participants: body.participants ?? '',
    notes: body.notes,
    checklistItemId: body.checklistItemId ?? null,
    recordedBy: actor.id,
    createdAt: ctx.clock.now(),
  });
  await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
    action: 'supervision_record.add',
    entityType: 'supervision_record',
    entityId: recordId,
    after: { supervisionId: id, method: body.method, recordDate: body.recordDate, place: body.place, checklistItemId: body.checklistItemId ?? null },
  });
  return recordId;
}

/** Runs `work` in a transaction that re-reads the supervision under a row lock and re-checks it is within the window. */
function inField<T>(ctx: AppContext, id: number, window: findings.WorkWindow, what: string, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return findings.withWorkInWindow(ctx, { table: 'supervisions', id, activity: '督查', stateLabels: supervisionWorkflow.stateLabels }, window, what, work);
}

/** R-S6 (督4): a field record by one of the methods of 督4, optionally against an item of the 督9 checklist; office or team, in the field only. */
export async function addRecord(ctx: AppContext, actor: Actor, id: number, body: RecordInput) {
  const row = await requireVisible(ctx, actor, id);
  findings.assertCanAddWorkingPaper(actor, fieldWorkOf(row), '填写督查工作记录', fieldWindow);
  if (body.checklistItemId !== undefined) await findings.requireSupervisionChecklistItem(ctx.db, row.year, body.checklistItemId, { subItemOnly: false });
  await inField(ctx, id, fieldWindow, '填写督查工作记录', (trx) => insertRecord(ctx, trx, actor, id, body));
  return getSupervision(ctx, actor, id);
}

/**
 * R-S6: a visit on the team's schedule, from approval until field work ends; office or team. The
 * target must lie in the supervised county. An unannounced visit stays sealed from the supervised
 * unit (its audit event is readable by the office only) until it is recorded.
 */
export async function planVisit(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { method: RecordMethod; plannedOn: string; targetRegionCode?: string | undefined; targetDescription: string },
) {
  const row = await requireVisible(ctx, actor, id);
  findings.assertCanAddWorkingPaper(actor, fieldWorkOf(row), '安排督查走访', visitWindow);
  if (body.targetRegionCode !== undefined) {
    const region = await repo.findVisitableRegion(ctx.db, { code: body.targetRegionCode, year: row.year, assessmentUnitCode: row.target_assessment_unit_code });
    if (!region) {
      const where = row.target_assessment_unit_code ? `被督查的${row.target_name}` : '惠州市';
      throw invalidField('targetRegionCode', `${body.targetRegionCode} 不是${where}的镇（街道）或村（社区）`, `须为${where}的镇（街道）或村（社区）`);
    }
  }
  await inField(ctx, id, visitWindow, '安排督查走访', async (trx) => {
    const inserted = await trx
      .insertInto('supervision_visits')
      .values({
        supervision_id: id,
        method: body.method,
        planned_on: body.plannedOn,
        target_region_code: body.targetRegionCode ?? null,
        target_description: body.targetDescription,
        created_by: actor.id,
        created_at: ctx.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'supervision_visit.plan',
      entityType: 'supervision_visit',
      entityId: inserted.id,
      after: { supervisionId: id, method: body.method, plannedOn: body.plannedOn, targetRegionCode: body.targetRegionCode ?? null, targetDescription: body.targetDescription, sealed: body.method === 'unannounced_visit' },
    });
  });
  return getSupervision(ctx, actor, id);
}

/** R-S6: the visit made — a field record linked to the planned visit, which unseals an unannounced one; in the field only. */
export async function recordVisit(ctx: AppContext, actor: Actor, id: number, visitId: number, body: Omit<RecordInput, 'method'> & { method?: RecordMethod | undefined }) {
  const row = await requireVisible(ctx, actor, id);
  findings.assertCanAddWorkingPaper(actor, fieldWorkOf(row), '记录走访情况', fieldWindow);
  if (body.checklistItemId !== undefined) await findings.requireSupervisionChecklistItem(ctx.db, row.year, body.checklistItemId, { subItemOnly: false });
  await inField(ctx, id, fieldWindow, '记录走访情况', async (trx) => {
    const visit = await repo.lockVisit(trx, id, visitId);
    if (!visit) throw notFound(`该督查中编号为 ${visitId} 的走访安排`);
    if (visit.record_id !== null) throw new AppError('CONFLICT', '该走访已经记录，不能重复记录', { visitId, recordId: visit.record_id });
    const recordId = await insertRecord(ctx, trx, actor, id, { ...body, method: body.method ?? visit.method });
    await trx.updateTable('supervision_visits').set({ record_id: recordId }).where('id', '=', visitId).execute();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'supervision_visit.record',
      entityType: 'supervision_visit',
      entityId: visitId,
      before: { recordId: null },
      after: { supervisionId: id, recordId },
    });
  });
  return getSupervision(ctx, actor, id);
}

/**
 * R-S7: a problem found in field work, against a sub-item of the 督9 checklist (its key area '9.N'
 * as the category), into the ledger against the supervised county or assistance unit.
 */
export async function recordFinding(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { checklistItemId: number; description: string; evidence?: string | undefined; severity: 'general' | 'serious'; requirement?: string | undefined },
) {
  const row = await requireVisible(ctx, actor, id);
  findings.assertCanAddWorkingPaper(actor, fieldWorkOf(row), '记录督查发现的问题', fieldWindow);
  const item = await findings.requireSupervisionChecklistItem(ctx.db, row.year, body.checklistItemId, { subItemOnly: true });
  const responsible: findings.ResponsibleUnit =
    row.target_assessment_unit_code !== null ? { assessmentUnitCode: row.target_assessment_unit_code } : { unitId: row.target_unit_id! };
  await inField(ctx, id, fieldWindow, '记录督查发现的问题', (trx) =>
    findings.recordSupervisionFinding(trx, ctx.clock, actor, { supervisionId: id, responsible, item, ...body }),
  );
  return getSupervision(ctx, actor, id);
}

/** R-S8 (督10(3)): a draft of the written report from the team, the field records and the findings, for the leader to edit. */
export async function draftReport(ctx: AppContext, actor: Actor, id: number): Promise<{ draft: string }> {
  const detail = await getSupervision(ctx, actor, id);
  if (!canReadReport(actor)) throw notFoundSupervision(id);
  const { supervision, team, records, findings: problems } = detail;
  const leader = team.find((member) => member.role === 'leader');
  const members = team.filter((member) => member.role === 'member');
  const { period, methods } = findings.describeFieldWork(records);
  const target = supervision.target.name;
  const teamText = leader ? `督查组（组长：${leader.name}${members.length > 0 ? `；成员：${members.map((member) => member.name).join('、')}` : ''}）` : '督查组';
  const areaCodes = [...new Set(problems.map((problem) => problem.category))].sort();
  const withRequirement = problems.filter((problem) => problem.requirement.length > 0);
  const draft = findings.assembleReportDraft({
    title: `关于对${target}脱贫攻坚工作开展${supervision.typeLabel}情况的报告`,
    headings: ['一、基本情况', '二、存在问题', '三、意见建议'],
    situation:
      `根据${supervision.year}年度督查计划，经市扶贫办批准，${teamText}${period}对${target}开展${supervision.typeLabel}（${supervision.topic}）${methods}，` +
      `共形成工作记录 ${records.length} 份，发现问题 ${problems.length} 个。`,
    records,
    problemGroups: areaCodes.map((code) => ({
      label: problems.find((problem) => problem.category === code)!.categoryLabel,
      problems: problems.filter((problem) => problem.category === code),
    })),
    noProblems: '督查未发现需要整改的问题。',
    suggestions: [
      ...withRequirement.map((problem) => `针对“${problem.description}”：${problem.requirement}`),
      `建议市扶贫办向${target}通报督查结果，对存在的问题提出整改要求，${target}按照要求及时向市扶贫办反馈整改情况（第十二条）。`,
    ],
  });
  return { draft };
}

/**
 * R-S10 (督12): the office notifies the result to the supervised county or unit with its
 * rectification requirements. Every finding is notified with the deadline — the date given, or the
 * given number of calendar months after the notification, by default the months of the supervision
 * year's parameters (督12 sets none).
 */
export async function notifyResult(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { notifiedOn: string; resultText: string; deadline?: string | undefined; rectificationMonths?: number | undefined },
) {
  const row = await requireVisible(ctx, actor, id);
  const today = todayInShanghai(ctx.clock);
  if (body.notifiedOn > today) {
    throw invalidField('notifiedOn', `通报日期（${body.notifiedOn}）不能晚于今天（${today}）`, '通报日期不能晚于今天');
  }
  const months = body.rectificationMonths ?? (await parametersFor(ctx.db, row.year)).supervisionRectificationMonths;
  const deadline = body.deadline ?? addCalendarMonths(body.notifiedOn, months);
  await ctx.db.transaction().execute(async (trx) => {
    await applyTransition(trx, ctx.clock, actor, supervisionWorkflow, 'notifyResult', id, {
      result_notified_on: body.notifiedOn,
      result_text: body.resultText,
      rectification_deadline: deadline,
      result_notified_by: actor.id,
    });
    await findings.notifyFindings(trx, ctx.clock, actor, { source: 'supervision', supervisionId: id }, body.notifiedOn, deadline);
    // The 督查结果通报 goes with the notification: numbered and kept in the same transaction.
    await issueSupervisionResultNotice(trx, ctx.clock, actor, await getSupervision(inTransaction(ctx, trx), actor, id));
  });
  return getSupervision(ctx, actor, id);
}

/**
 * R-S2 (督8): every county (district) and every assistance unit, whether it has had the year's number of
 * approved 综合督查 (at least one in 2017; a parameter of the year), and the list of those not yet covered.
 */
export async function getCoverage(ctx: AppContext, actor: Actor, year: number) {
  assertRole(actor, cityWideSupervisionReaders, '查看督查覆盖情况');
  const [rows, { comprehensiveSupervisionsPerYear }] = await Promise.all([repo.listCoverage(ctx.db, year), parametersFor(ctx.db, year)]);
  const items = rows.map((row) => ({
    kind: row.kind,
    assessmentUnitCode: row.assessment_unit_code,
    unitId: row.unit_id,
    name: row.name,
    assistanceCategory: row.assistance_category,
    comprehensiveCount: row.comprehensive_count,
    isCovered: row.comprehensive_count >= comprehensiveSupervisionsPerYear,
  }));
  const notCovered = items.filter((item) => !item.isCovered);
  return { year, requiredPerYear: comprehensiveSupervisionsPerYear, total: items.length, coveredCount: items.length - notCovered.length, items, notCovered };
}

/** The 责任清单 of 督9 for a year: the eight key areas, each with its sub-items. */
export async function listChecklist(ctx: AppContext, year: number) {
  const rows = await repo.listChecklistItems(ctx.db, year);
  const areas = rows.filter((row) => !row.code.slice(2).includes('.'));
  return areas.map((area) => ({
    id: area.id,
    area: area.area,
    code: area.code,
    title: area.title,
    items: rows.filter((row) => row.area === area.area && row.id !== area.id),
  }));
}
