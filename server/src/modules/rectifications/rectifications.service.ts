import type { Actor } from '../../kernel/access.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { todayInShanghai } from '../../kernel/time.ts';
import { applyTransition, availableActions } from '../../kernel/workflow.ts';
import { scrubTextLeavingOffice } from '../complaints/complaints.service.ts';
import { problemCategoryLabel } from '../findings/findings.service.ts';
import { escalationLabelOf } from './rectifications.escalation.ts';
import { canReadLedgerSummary } from './rectifications.policy.ts';
import * as repo from './rectifications.repo.ts';
import { problemSourceLabels } from './rectifications.schema.ts';
import { rectificationWorkflow, type RectificationAction } from './rectifications.workflow.ts';

const notFoundProblem = (id: number) => notFound(`编号为 ${id} 的问题`);

function toProblemView(actor: Actor, row: repo.ProblemRow) {
  return {
    id: row.id,
    source: row.source,
    sourceLabel: problemSourceLabels[row.source],
    sourceId: row.source_id,
    inspectionId: row.inspection_id,
    inspectionTitle: row.inspection_title,
    category: row.category,
    categoryLabel: problemCategoryLabel(row.category, row.category_title),
    checklistItem: row.checklist_item_id ? { id: row.checklist_item_id, code: row.checklist_code, title: row.checklist_title } : null,
    responsibleUnitCode: row.responsible_unit_code,
    responsibleUnitId: row.responsible_unit_id,
    responsibleUnitName: row.responsible_unit_name,
    supervisionId: row.supervision_id,
    supervisionTopic: row.supervision_topic,
    description: row.description,
    evidence: row.evidence,
    severity: row.severity,
    requirement: row.requirement,
    notifiedOn: row.notified_on,
    deadline: row.deadline,
    daysLeft: row.days_left,
    isOverdue: row.is_overdue,
    overdueDays: row.is_overdue && row.days_left !== null ? -row.days_left : 0,
    /** Days a reported problem has waited for the office's verification (null unless reported). */
    awaitingVerificationDays: row.awaiting_days,
    // 督18 escalation: the level stays as history; the label shows only while the problem is unresolved.
    escalationLevel: row.escalation_level,
    escalationLabel: escalationLabelOf(row.escalation_level, row.status),
    escalatedAt: row.escalated_at,
    measures: row.measures,
    rectificationEvidence: row.rectification_evidence,
    reportedAt: row.reported_at,
    extensionReason: row.extension_reason,
    requestedDeadline: row.requested_deadline,
    verifiedByName: row.verified_by_name,
    verifiedAt: row.verified_at,
    verificationNote: row.verification_note,
    returnReason: row.return_reason,
    status: row.status,
    statusLabel: rectificationWorkflow.stateLabels[row.status],
    // "Closed" never counts as fixed unless the office verified it (SPEC §6).
    isFixed: row.status === 'verified',
    // Nothing can be done on a problem its unit has not been told about yet.
    actions: row.notified_on === null ? [] : availableActions(rectificationWorkflow, actor, row.status),
  };
}

export async function listRectifications(ctx: AppContext, actor: Actor, filter: repo.ProblemFilter) {
  const today = todayInShanghai(ctx.clock);
  const rows = await repo.listVisibleProblems(ctx.db, actor, today, filter);
  return { today, items: rows.map((row) => toProblemView(actor, row)) };
}

/** One problem of the ledger with its countdown and the actions the actor may take; NOT_FOUND outside the actor's scope. */
export async function getRectification(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findVisibleProblem(ctx.db, actor, todayInShanghai(ctx.clock), id);
  if (!row) throw notFoundProblem(id);
  return toProblemView(actor, row);
}

/** Open, overdue, awaiting and verified problems per assessment unit and per assistance unit with problems, for the office and the city. */
export async function summariseRectifications(ctx: AppContext, actor: Actor) {
  if (!canReadLedgerSummary(actor)) throw new AppError('FORBIDDEN', '您的角色无权查看全市整改台账汇总');
  const today = todayInShanghai(ctx.clock);
  const rows = await repo.summariseLedger(ctx.db, today);
  return {
    today,
    items: rows.map((row) => ({
      kind: row.kind,
      unitCode: row.unit_code,
      unitId: row.unit_id,
      unitName: row.unit_name,
      total: row.total,
      notNotified: row.not_notified,
      unresolved: row.unresolved,
      awaitingVerification: row.awaiting_verification,
      overdue: row.overdue,
      verified: row.verified,
      escalated: row.escalated,
      reportedToCity: row.reported_to_city,
    })),
  };
}

type DecisionInput =
  | { action: 'start' }
  | { action: 'submit'; measures: string; evidence: string }
  | { action: 'verify'; note?: string | undefined }
  | { action: 'return'; reason: string }
  | { action: 'requestExtension'; reason: string; requestedDeadline: string }
  | { action: 'grantExtension' }
  | { action: 'refuseExtension'; reason: string };

/**
 * Takes one action on a problem of the ledger: the county rectifies and reports, the office verifies
 * or returns; extensions are requested by the county and decided by the office. Scope first (404),
 * then role (403) and state (409) in the conditional update, audited in the same transaction.
 */
export async function actOnRectification(ctx: AppContext, actor: Actor, id: number, input: DecisionInput) {
  const today = todayInShanghai(ctx.clock);
  const row = await repo.findVisibleProblem(ctx.db, actor, today, id);
  if (!row) throw notFoundProblem(id);
  if (row.notified_on === null) {
    throw new AppError('INVALID_STATE', '该问题尚未向责任单位反馈，不能办理整改', { currentState: row.status, action: input.action });
  }
  const now = ctx.clock.now();
  const patches: Record<RectificationAction, () => Record<string, unknown>> = {
    start: () => ({}),
    submit: () => (input.action === 'submit' ? { measures: input.measures, rectification_evidence: input.evidence, reported_at: now } : {}),
    verify: () => ({ verified_by: actor.id, verified_at: now, verification_note: input.action === 'verify' ? (input.note ?? null) : null }),
    return: () => ({ return_reason: input.action === 'return' ? input.reason : null }),
    requestExtension: () => {
      if (input.action !== 'requestExtension') return {};
      if (row.deadline !== null && input.requestedDeadline <= row.deadline) {
        throw new AppError('VALIDATION_FAILED', `字段「requestedDeadline」无效：申请的新期限须晚于现期限 ${row.deadline}`, {
          fields: [{ field: 'requestedDeadline', message: `须晚于 ${row.deadline}` }],
        });
      }
      return { extension_reason: input.reason, requested_deadline: input.requestedDeadline };
    },
    grantExtension: () => ({ deadline: row.requested_deadline }),
    refuseExtension: () => ({ return_reason: input.action === 'refuseExtension' ? input.reason : null, requested_deadline: null }),
  };
  // A problem behind a complaint: the office's notes reach the county without the complainant's identity.
  const patch = await scrubTextLeavingOffice(ctx, ctx.db, { entityType: 'problem', entityId: id }, patches[input.action]());
  await ctx.db.transaction().execute((trx) => applyTransition(trx, ctx.clock, actor, rectificationWorkflow, input.action, id, patch));
  return getRectification(ctx, actor, id);
}
