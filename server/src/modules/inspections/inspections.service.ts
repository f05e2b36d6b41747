import type { DB, InspectionStatus, ProblemCategory, RecordMethod } from '../../db/schema.ts';
import type { Transaction } from 'kysely';
import { assertRole, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent } from '../../kernel/audit.ts';
import { inTransaction, type AppContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { addCalendarMonths, todayInShanghai } from '../../kernel/time.ts';
import { applyTransition, availableActions } from '../../kernel/workflow.ts';
import { issueInspectionReport, issueRectificationNotice } from '../documents/documents.issue.ts';
import { listIssuedDocumentsOf } from '../documents/documents.register.ts';
import * as findings from '../findings/findings.service.ts';
import { parametersFor, parametersForYears, type MeasureParameters } from '../parameters/parameters.service.ts';
import { findAssessmentUnit } from '../regions/regions.service.ts';
import { rankLabels } from '../people/people.schema.ts';
import * as teams from '../teams/teams.service.ts';
import { canReadWorkingPapers, inspectionOfficeRoles } from './inspections.policy.ts';
import * as repo from './inspections.repo.ts';
import { inspectionWorkflow, type InspectionAction } from './inspections.workflow.ts';

/** Actions on an inspection that are not state changes: adding to its working papers during field work. */
type WorkingPaperAction = 'addRecord' | 'recordFinding' | 'addRecommendation';

const notFoundInspection = (id: number) => notFound(`编号为 ${id} 的巡查`);

/** The inspection as the shared field-work guards see it. */
function fieldWorkOf(row: repo.InspectionRow): findings.FieldWork {
  return { activity: '巡查', status: row.status, stateLabels: inspectionWorkflow.stateLabels, teamRole: row.team_role };
}

/** The actions this actor may take now: workflow actions (a team leader only on their own team) and, during field work, adding records and findings. */
function actionsFor(actor: Actor, row: repo.InspectionRow): (InspectionAction | WorkingPaperAction)[] {
  const isOwnLeader = actor.role === 'team_leader' && row.team_role === 'leader';
  const workflowActions = availableActions(inspectionWorkflow, actor, row.status).filter((action) => {
    if (actor.role === 'team_leader' && (action === 'startFieldWork' || action === 'submitReport')) return isOwnLeader;
    // Closing waits for every problem to be verified (or transferred): no button before that.
    if (action === 'close') return row.unresolved_count === 0;
    return true;
  });
  const work = fieldWorkOf(row);
  const paperActions: WorkingPaperAction[] = [];
  if (findings.canAddWorkingPaper(actor, work, findings.inFieldWindow('巡查'))) paperActions.push('addRecord', 'recordFinding');
  if (findings.canAddWorkingPaper(actor, work, findings.inFieldWindow('巡查'), true)) paperActions.push('addRecommendation');
  return [...workflowActions, ...paperActions];
}

function toInspectionView(actor: Actor, row: repo.InspectionRow, parameters: Pick<MeasureParameters, 'inspectionLeaderMinimumRank'>) {
  const showPapers = canReadWorkingPapers(actor);
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    assessmentUnitCode: row.assessment_unit_code,
    assessmentUnitName: row.assessment_unit_name,
    countyCode: row.county_code,
    countyName: row.county_name,
    reason: row.reason,
    plan: row.plan,
    plannedStart: row.planned_start,
    plannedEnd: row.planned_end,
    rectificationMonths: row.rectification_months,
    /** 督14: the lowest rank the team leader may hold, by the parameters of the inspection's year. */
    leaderMinimumRank: parameters.inspectionLeaderMinimumRank,
    leaderMinimumRankLabel: rankLabels[parameters.inspectionLeaderMinimumRank],
    status: row.status,
    statusLabel: inspectionWorkflow.stateLabels[row.status],
    proposedByName: row.proposed_by_name,
    createdAt: row.created_at,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    report: showPapers ? row.report : null,
    reportSubmittedAt: row.report_submitted_at,
    feedbackDate: row.feedback_date,
    feedbackText: row.feedback_text,
    rectificationDeadline: row.feedback_date ? addCalendarMonths(row.feedback_date, row.rectification_months) : null,
    closedAt: row.closed_at,
    problemCount: row.problem_count,
    myTeamRole: row.team_role,
    actions: actionsFor(actor, row),
  };
}

async function requireVisible(ctx: AppContext, actor: Actor, id: number): Promise<repo.InspectionRow> {
  const row = await repo.findVisibleInspection(ctx.db, actor, id);
  if (!row) throw notFoundInspection(id);
  return row;
}

export async function listInspections(ctx: AppContext, actor: Actor, filter: { status?: InspectionStatus | undefined; year?: number | undefined }) {
  const rows = await repo.listVisibleInspections(ctx.db, actor, filter);
  const parameters = await parametersForYears(ctx.db, rows.map((row) => row.year));
  return rows.map((row) => toInspectionView(actor, row, parameters.get(row.year)!));
}

/** An inspection with its team, working papers, findings and the actions the actor may take; NOT_FOUND outside the actor's scope. */
export async function getInspection(ctx: AppContext, actor: Actor, id: number) {
  const row = await requireVisible(ctx, actor, id);
  const showPapers = canReadWorkingPapers(actor);
  const [parameters, team, records, problems, recommendations, documents] = await Promise.all([
    parametersFor(ctx.db, row.year),
    teams.findTeamOfInspection(ctx.db, id),
    showPapers ? repo.listRecords(ctx.db, id) : Promise.resolve([]),
    findings.listFindingsOfInspection(ctx.db, id),
    repo.listRecommendations(ctx.db, id),
    listIssuedDocumentsOf(ctx.db, 'inspection', id),
  ]);
  return {
    inspection: toInspectionView(actor, row, parameters),
    team: team && {
      id: team.team.id,
      name: team.team.name,
      formedAt: team.team.formed_at,
      formedByName: team.team.formed_by_name,
      members: team.members.map((member) => ({
        personId: member.person_id,
        name: member.name,
        unitName: member.unit_name,
        post: member.post,
        rank: member.rank,
        rankLabel: rankLabels[member.rank],
        role: member.role,
        roleLabel: member.role === 'leader' ? '组长' : '成员',
      })),
    },
    records: records.map(findings.toFieldRecordView),
    findings: problems.map((problem) => ({
      id: problem.id,
      category: problem.category,
      categoryLabel: findings.problemCategoryLabels[problem.category as ProblemCategory],
      checklistItem: problem.checklist_item_id ? { id: problem.checklist_item_id, code: problem.checklist_code, title: problem.checklist_title } : null,
      description: problem.description,
      evidence: problem.evidence,
      severity: problem.severity,
      requirement: problem.requirement,
      deadline: problem.deadline,
      status: problem.status,
      recordedByName: problem.recorded_by_name,
      createdAt: problem.created_at,
    })),
    recommendations: recommendations.map((recommendation) => ({
      id: recommendation.id,
      problem: recommendation.problem,
      recommendation: recommendation.recommendation,
      issuedByName: recommendation.issued_by_name,
      issuedAt: recommendation.issued_at,
    })),
    // The documents issued for it (文号, SHA-256); the team's report only to those who read the working papers.
    documents: documents.filter((document) => showPapers || document.kind !== 'inspection_report'),
  };
}

/**
 * 督13: the city office proposes an inspection of one county (district); nothing happens until 市委/市政府 approve it.
 * The inspection keeps the 督18 rectification period of its year's parameters from here on.
 */
export async function proposeInspection(
  ctx: AppContext,
  actor: Actor,
  body: { year: number; title: string; assessmentUnitCode: string; reason: string; plan?: string | undefined; plannedStart?: string | undefined; plannedEnd?: string | undefined },
) {
  assertRole(actor, inspectionOfficeRoles, '提出巡查（须由市扶贫办提出）');
  const unit = await findAssessmentUnit(ctx.db, body.assessmentUnitCode);
  if (!unit) {
    throw new AppError('VALIDATION_FAILED', `字段「assessmentUnitCode」无效：不存在代码为 ${body.assessmentUnitCode} 的考核单位`, {
      fields: [{ field: 'assessmentUnitCode', message: '考核单位不存在' }],
    });
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const { inspectionRectificationMonths } = await parametersFor(trx, body.year);
    const inserted = await trx
      .insertInto('inspections')
      .values({
        year: body.year,
        title: body.title,
        assessment_unit_code: unit.code,
        reason: body.reason,
        plan: body.plan ?? '',
        planned_start: body.plannedStart ?? null,
        planned_end: body.plannedEnd ?? null,
        rectification_months: inspectionRectificationMonths,
        status: 'proposed',
        proposed_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'inspection.propose',
      entityType: 'inspection',
      entityId: inserted.id,
      after: { year: body.year, title: body.title, assessmentUnitCode: unit.code, reason: body.reason, rectificationMonths: inspectionRectificationMonths, status: 'proposed' },
    });
    return inserted.id;
  });
  return getInspection(ctx, actor, id);
}

/** 督13: 市委/市政府 approve or refuse a proposed inspection; of two concurrent decisions exactly one succeeds. */
export async function decideInspection(ctx: AppContext, actor: Actor, id: number, action: 'approve' | 'reject', note: string | undefined) {
  await requireVisible(ctx, actor, id);
  await ctx.db.transaction().execute((trx) =>
    applyTransition(trx, ctx.clock, actor, inspectionWorkflow, action, id, { decided_by: actor.id, decided_at: ctx.clock.now(), decision_note: note ?? null }),
  );
  return getInspection(ctx, actor, id);
}

/**
 * Forms the inspection team: only after approval (督13), led by a cadre of the year's minimum rank or above (督14),
 * with nobody from the inspected county (督5). The team and the state change commit together.
 */
export async function formTeam(ctx: AppContext, actor: Actor, id: number, body: { name?: string | undefined; leaderId: number; memberIds: number[] }) {
  const row = await requireVisible(ctx, actor, id);
  assertRole(actor, inspectionWorkflow.actions.formTeam.by, '组建巡查组');
  assertInspectionApproved(row);
  await ctx.db.transaction().execute(async (trx) => {
    await applyTransition(trx, ctx.clock, actor, inspectionWorkflow, 'formTeam', id);
    await teams.formInspectionTeam(trx, ctx.clock, actor, {
      inspectionId: id,
      year: row.year,
      name: body.name ?? `${row.assessment_unit_name}巡查组`,
      leaderId: body.leaderId,
      memberIds: body.memberIds,
      inspected: { countyCode: row.county_code, countyName: row.county_name, assessmentUnitName: row.assessment_unit_name },
    });
  });
  return getInspection(ctx, actor, id);
}

/** 督13: a team may be formed only once 市委/市政府 have approved the inspection; says so, citing the article. */
export function assertInspectionApproved(inspection: Pick<repo.InspectionRow, 'status'>): void {
  if (inspection.status === 'proposed' || inspection.status === 'rejected') {
    throw new AppError(
      'INVALID_STATE',
      `根据《督查巡查办法》第十三条：须经市委、市政府批准后方可组建巡查组（该巡查当前状态为「${inspectionWorkflow.stateLabels[inspection.status]}」）`,
      { rule: '督13', currentState: inspection.status, action: 'formTeam' },
    );
  }
}

/** Refuses a team leader acting on a team they do not lead. */
function assertOwnTeamLeaderIfTeamRole(actor: Actor, row: repo.InspectionRow, what: string): void {
  if (actor.role === 'team_leader' && row.team_role !== 'leader') {
    throw new AppError('FORBIDDEN', `只有本巡查组组长可以${what}`);
  }
}

/** The team moves into the county (督16(2)); the office or the team's own leader. */
export async function startFieldWork(ctx: AppContext, actor: Actor, id: number) {
  const row = await requireVisible(ctx, actor, id);
  assertOwnTeamLeaderIfTeamRole(actor, row, '宣布进驻开展实地巡查');
  await ctx.db.transaction().execute((trx) => applyTransition(trx, ctx.clock, actor, inspectionWorkflow, 'startFieldWork', id));
  return getInspection(ctx, actor, id);
}

/** Who may add to the working papers: the office, or a member (or the leader) of this inspection's team; only during field work. */
function assertCanAddWorkingPaper(actor: Actor, row: repo.InspectionRow, what: string, leaderOnly = false): void {
  findings.assertCanAddWorkingPaper(actor, fieldWorkOf(row), what, findings.inFieldWindow('巡查'), leaderOnly);
}

/** Runs `work` in a transaction that first re-reads the inspection under a row lock and re-checks it is in the field. */
async function withInspectionInField<T>(ctx: AppContext, id: number, what: string, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return findings.withWorkInWindow(ctx, { table: 'inspections', id, activity: '巡查', stateLabels: inspectionWorkflow.stateLabels }, findings.inFieldWindow('巡查'), what, work);
}

/** A field-work record by one of the methods of 督4. */
export async function addRecord(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { method: RecordMethod; recordDate: string; place: string; participants?: string | undefined; notes: string; checklistItemId?: number | undefined },
) {
  const row = await requireVisible(ctx, actor, id);
  assertCanAddWorkingPaper(actor, row, '填写巡查工作记录');
  if (body.checklistItemId !== undefined) await findings.requireChecklistItem(ctx.db, row.year, body.checklistItemId);
  await withInspectionInField(ctx, id, '填写巡查工作记录', async (trx) => {
    const inserted = await trx
      .insertInto('inspection_records')
      .values({
        inspection_id: id,
        method: body.method,
        record_date: body.recordDate,
        place: body.place,
        participants: body.participants ?? '',
        notes: body.notes,
        checklist_item_id: body.checklistItemId ?? null,
        recorded_by: actor.id,
        created_at: ctx.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'inspection_record.add',
      entityType: 'inspection_record',
      entityId: inserted.id,
      after: { inspectionId: id, method: body.method, recordDate: body.recordDate, place: body.place, checklistItemId: body.checklistItemId ?? null },
    });
  });
  return getInspection(ctx, actor, id);
}

/** A problem found during field work (督15 category and sub-item), recorded into the ledger against the inspected county. */
export async function recordFinding(
  ctx: AppContext,
  actor: Actor,
  id: number,
  body: { checklistItemId: number; description: string; evidence?: string | undefined; severity: 'general' | 'serious'; requirement?: string | undefined },
) {
  const row = await requireVisible(ctx, actor, id);
  assertCanAddWorkingPaper(actor, row, '记录巡查发现的问题');
  const item = await findings.requireChecklistItem(ctx.db, row.year, body.checklistItemId);
  await withInspectionInField(ctx, id, '记录巡查发现的问题', (trx) =>
    findings.recordInspectionFinding(trx, ctx.clock, actor, { inspectionId: id, responsibleUnitCode: row.assessment_unit_code, item, ...body }),
  );
  return getInspection(ctx, actor, id);
}

/** 督16(2): an on-site handling recommendation to the county for an urgent problem, during the inspection. */
export async function addRecommendation(ctx: AppContext, actor: Actor, id: number, body: { problem: string; recommendation: string }) {
  const row = await requireVisible(ctx, actor, id);
  assertCanAddWorkingPaper(actor, row, '提出现场处理建议', true);
  await withInspectionInField(ctx, id, '提出现场处理建议', async (trx) => {
    const inserted = await trx
      .insertInto('handling_recommendations')
      .values({ inspection_id: id, problem: body.problem, recommendation: body.recommendation, issued_by: actor.id, issued_at: ctx.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'handling_recommendation.issue',
      entityType: 'handling_recommendation',
      entityId: inserted.id,
      after: { inspectionId: id, ...body },
    });
  });
  return getInspection(ctx, actor, id);
}

/** 督16(3): a draft of the written report, generated from the field records, the findings and the handling recommendations. */
export async function draftReport(ctx: AppContext, actor: Actor, id: number): Promise<{ draft: string }> {
  const detail = await getInspection(ctx, actor, id);
  if (!canReadWorkingPapers(actor)) throw notFoundInspection(id);
  const { inspection, team, records, findings: problems, recommendations } = detail;
  const leader = team?.members.find((member) => member.role === 'leader');
  const { period, methods } = findings.describeFieldWork(records);
  const unit = inspection.assessmentUnitName;
  const draft = findings.assembleReportDraft({
    title: `关于对${unit}脱贫攻坚工作开展巡查情况的报告`,
    headings: ['一、巡查基本情况', '二、发现的主要问题', '三、处理建议'],
    situation: `经市委、市政府批准，${team?.name ?? '巡查组'}${leader ? `（组长：${leader.name}）` : ''}${period}对${unit}开展巡查${methods}，共形成工作记录 ${records.length} 份。`,
    records,
    problemGroups: Object.entries(findings.problemCategoryLabels).map(([category, label]) => ({
      label,
      problems: problems.filter((problem) => problem.category === category),
    })),
    noProblems: '巡查未发现需要整改的问题。',
    suggestions: [
      ...recommendations.map((recommendation) => `巡查期间已就“${recommendation.problem}”向${unit}党委和政府提出处理建议：${recommendation.recommendation}`),
      `建议市扶贫办向${unit}反馈巡查情况，责成其根据反馈意见认真整改，并于${inspection.rectificationMonths}个月内向市扶贫办反馈整改情况（第十八条）；涉及违纪违法的，按照有关规定移交纪检监察或检察机关（第十七条）。`,
    ],
  });
  return { draft };
}

/** 督16(3): the team leader submits the written report. */
export async function submitReport(ctx: AppContext, actor: Actor, id: number, report: string) {
  const row = await requireVisible(ctx, actor, id);
  assertOwnTeamLeaderIfTeamRole(actor, row, '提交巡查报告');
  await ctx.db.transaction().execute(async (trx) => {
    await applyTransition(trx, ctx.clock, actor, inspectionWorkflow, 'submitReport', id, { report, report_submitted_by: actor.id, report_submitted_at: ctx.clock.now() });
    await issueInspectionReport(trx, ctx.clock, actor, await getInspection(inTransaction(ctx, trx), actor, id));
  });
  return getInspection(ctx, actor, id);
}

/**
 * 督18: the office feeds the inspection back to the county. Every problem found is notified with
 * the deadline feedback date + the rectification period of the inspection's year (R-I7), in calendar months.
 */
export async function issueFeedback(ctx: AppContext, actor: Actor, id: number, body: { feedbackDate: string; feedbackText: string }) {
  const row = await requireVisible(ctx, actor, id);
  const today = todayInShanghai(ctx.clock);
  if (body.feedbackDate > today) {
    throw new AppError('VALIDATION_FAILED', `字段「feedbackDate」无效：反馈日期（${body.feedbackDate}）不能晚于今天（${today}）`, {
      fields: [{ field: 'feedbackDate', message: '反馈日期不能晚于今天' }],
    });
  }
  const deadline = addCalendarMonths(body.feedbackDate, row.rectification_months);
  await ctx.db.transaction().execute(async (trx) => {
    await applyTransition(trx, ctx.clock, actor, inspectionWorkflow, 'issueFeedback', id, {
      feedback_date: body.feedbackDate,
      feedback_text: body.feedbackText,
      feedback_by: actor.id,
    });
    await findings.notifyInspectionFindings(trx, ctx.clock, actor, id, body.feedbackDate, deadline);
    // The 整改通知书 goes with the feedback: numbered and kept in the same transaction.
    await issueRectificationNotice(trx, ctx.clock, actor, await getInspection(inTransaction(ctx, trx), actor, id));
  });
  return getInspection(ctx, actor, id);
}

/** Closes an inspection once every problem it found is verified as rectified (or transferred). */
export async function closeInspection(ctx: AppContext, actor: Actor, id: number) {
  await requireVisible(ctx, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    await applyTransition(trx, ctx.clock, actor, inspectionWorkflow, 'close', id, { closed_at: ctx.clock.now() });
    const unresolved = await findings.countUnresolvedFindings(trx, id);
    if (unresolved > 0) throw findings.unresolvedFindingsError(unresolved, '巡查');
  });
  return getInspection(ctx, actor, id);
}

export async function listChecklist(ctx: AppContext, year: number) {
  const items = await findings.listChecklistItems(ctx.db, year);
  return items.map((item) => ({ ...item, categoryLabel: findings.problemCategoryLabels[item.category] }));
}
