import type { TransferStatus } from '../../db/schema.complaints.ts';
import { assertRole, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent } from '../../kernel/audit.ts';
import { inTransaction, type AppContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { applyTransition, availableActions } from '../../kernel/workflow.ts';
import { scrubTextLeavingOffice } from '../complaints/complaints.service.ts';
import { issueReferralLetter } from '../documents/documents.issue.ts';
import { listIssuedDocumentsOf } from '../documents/documents.register.ts';
import { getInspection } from '../inspections/inspections.service.ts';
import { getRectification } from '../rectifications/rectifications.service.ts';
import { transferOfficeRoles, transferReaderRoles } from './transfers.policy.ts';
import * as repo from './transfers.repo.ts';
import { recipientBodyLabels } from './transfers.schema.ts';
import { problemTransferWorkflow, transferWorkflow, type TransferAction } from './transfers.workflow.ts';

const notFoundTransfer = (id: number) => notFound(`编号为 ${id} 的移交案件`);

function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `字段「${field}」无效：${message}`, { fields: [{ field, message }] });
}

function toTransferView(actor: Actor, row: repo.TransferRow) {
  return {
    id: row.id,
    problemId: row.problem_id,
    problemDescription: row.problem_description,
    responsibleUnitName: row.responsible_unit_name,
    inspectionId: row.inspection_id,
    inspectionTitle: row.inspection_title,
    recipientBody: row.recipient_body,
    recipientBodyLabel: recipientBodyLabels[row.recipient_body],
    recipientUserId: row.recipient_user_id,
    recipientName: row.recipient_name,
    summary: row.summary,
    evidence: row.evidence,
    status: row.status,
    statusLabel: transferWorkflow.stateLabels[row.status],
    transferredByName: row.transferred_by_name,
    transferredAt: row.transferred_at,
    receivedAt: row.received_at,
    acceptedAt: row.accepted_at,
    acceptedNote: row.accepted_note,
    filedAt: row.filed_at,
    filedNote: row.filed_note,
    concludedAt: row.concluded_at,
    concludedNote: row.concluded_note,
    updatedAt: row.updated_at,
    actions: availableActions(transferWorkflow, actor, row.status),
  };
}

export async function listTransfers(ctx: AppContext, actor: Actor, status: TransferStatus | undefined) {
  assertRole(actor, transferReaderRoles, '查看移交案件');
  const rows = await repo.listVisibleTransfers(ctx.db, actor, status);
  return { items: rows.map((row) => toTransferView(actor, row)) };
}

/** One referral with its evidence bundle; NOT_FOUND unless the actor is the office or the liaison it is addressed to. */
export async function getTransfer(ctx: AppContext, actor: Actor, id: number) {
  const row = await repo.findVisibleTransfer(ctx.db, actor, id);
  if (!row) throw notFoundTransfer(id);
  // With its 移交函's 文号 and SHA-256 once issued.
  return { ...toTransferView(actor, row), documents: await listIssuedDocumentsOf(ctx.db, 'transfer', id) };
}

/** The discipline liaisons a referral can be addressed to. */
export async function listRecipients(ctx: AppContext, actor: Actor) {
  assertRole(actor, transferOfficeRoles, '选择移交对象（须由市扶贫办移交）');
  const rows = await repo.listRecipients(ctx.db);
  return { items: rows.map((row) => ({ id: row.id, displayName: row.display_name })) };
}

type CreateTransferInput = {
  problemId: number;
  recipientBody: 'discipline_inspection' | 'procuratorate';
  recipientUserId: number;
  summary: string;
  recordIds?: number[] | undefined;
  findingIds?: number[] | undefined;
};

/**
 * The evidence that goes with a referral, fixed at the moment it is sent: the problem, and for a
 * problem found by an inspection the inspection itself, the chosen field records (all by default),
 * the chosen findings (this problem by default) and the on-site handling recommendations.
 */
async function buildEvidenceBundle(ctx: AppContext, actor: Actor, input: CreateTransferInput) {
  const problem = await getRectification(ctx, actor, input.problemId);
  const problemPart = {
    id: problem.id,
    source: problem.sourceLabel,
    category: problem.categoryLabel,
    checklistItem: problem.checklistItem,
    responsibleUnit: problem.responsibleUnitName,
    description: problem.description,
    evidence: problem.evidence,
    severity: problem.severity,
    requirement: problem.requirement,
    status: problem.statusLabel,
    measures: problem.measures,
    rectificationEvidence: problem.rectificationEvidence,
  };
  if (problem.inspectionId === null) {
    if (input.recordIds?.length) throw fieldError('recordIds', '该问题不是巡查发现的问题，没有巡查记录可附');
    if (input.findingIds?.length) throw fieldError('findingIds', '该问题不是巡查发现的问题，没有其他巡查问题可附');
    return { problem: problemPart, inspection: null, records: [], findings: [], recommendations: [] };
  }
  const detail = await getInspection(ctx, actor, problem.inspectionId);
  const pick = <T extends { id: number }>(items: T[], ids: number[] | undefined, field: string, what: string): T[] => {
    if (ids === undefined) return items;
    const byId = new Map(items.map((item) => [item.id, item]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) throw fieldError(field, `编号为 ${missing.join('、')} 的${what}不属于该问题所在的巡查`);
    return ids.map((id) => byId.get(id)!);
  };
  const records = pick(detail.records, input.recordIds, 'recordIds', '巡查记录');
  const findings = pick(detail.findings, input.findingIds ?? [problem.id], 'findingIds', '问题');
  return {
    problem: problemPart,
    inspection: {
      id: detail.inspection.id,
      title: detail.inspection.title,
      assessmentUnitName: detail.inspection.assessmentUnitName,
      reason: detail.inspection.reason,
      status: detail.inspection.statusLabel,
      report: detail.inspection.report,
      feedbackDate: detail.inspection.feedbackDate,
      feedbackText: detail.inspection.feedbackText,
      team: detail.team && { name: detail.team.name, members: detail.team.members.map((member) => `${member.name}（${member.roleLabel}）`) },
    },
    records: records.map((record) => ({
      id: record.id,
      method: record.methodLabel,
      date: record.recordDate,
      place: record.place,
      participants: record.participants,
      notes: record.notes,
      checklistItem: record.checklistItem,
    })),
    findings: findings.map((finding) => ({
      id: finding.id,
      category: finding.categoryLabel,
      description: finding.description,
      evidence: finding.evidence,
      severity: finding.severity,
    })),
    recommendations: detail.recommendations.map((recommendation) => ({ problem: recommendation.problem, recommendation: recommendation.recommendation, issuedAt: recommendation.issuedAt })),
  };
}

/**
 * 督17: the office refers a disciplinary or criminal matter to 纪检监察 or 检察机关 with its
 * evidence; the problem becomes `transferred` in the same transaction (conditional update, so
 * a problem is referred once), and both changes are audited.
 */
export async function createTransfer(ctx: AppContext, actor: Actor, input: CreateTransferInput) {
  assertRole(actor, transferOfficeRoles, '移交问题线索（须由市扶贫办移交）');
  const recipient = await ctx.db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', '=', input.recipientUserId)
    .where('role', '=', 'discipline')
    .where('is_active', '=', true)
    .executeTakeFirst();
  if (!recipient) throw fieldError('recipientUserId', `编号为 ${input.recipientUserId} 的用户不是纪检监察或检察机关联络员`);
  const evidence = await buildEvidenceBundle(ctx, actor, input);
  // A referral of a problem behind a complaint goes to the discipline body without the complainant's identity.
  const summary = await scrubTextLeavingOffice(ctx, ctx.db, { entityType: 'problem', entityId: input.problemId }, input.summary);
  const now = ctx.clock.now();
  const transferId = await ctx.db.transaction().execute(async (trx) => {
    await applyTransition(trx, ctx.clock, actor, problemTransferWorkflow, 'transfer', input.problemId);
    const inserted = await trx
      .insertInto('transfers')
      .values({
        problem_id: input.problemId,
        recipient_body: input.recipientBody,
        recipient_user_id: recipient.id,
        summary,
        evidence: JSON.stringify({ ...evidence, compiledAt: now.toISOString(), compiledBy: actor.displayName }),
        status: 'sent',
        transferred_by: actor.id,
        transferred_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'transfer.create',
      entityType: 'transfer',
      entityId: inserted.id,
      after: {
        problemId: input.problemId,
        recipientBody: input.recipientBody,
        recipientUserId: recipient.id,
        recordIds: evidence.records.map((record) => record.id),
        findingIds: evidence.findings.map((finding) => finding.id),
        status: 'sent',
      },
    });
    // The 移交函 goes with the referral: numbered and kept in the same transaction.
    await issueReferralLetter(trx, ctx.clock, actor, await getTransfer(inTransaction(ctx, trx), actor, inserted.id));
    return inserted.id;
  });
  return getTransfer(ctx, actor, transferId);
}

/** The recipient acknowledges receipt and reports 受理 / 立案 / 处理完毕, each with a note; 404 for anyone it is not addressed to. */
export async function actOnTransfer(ctx: AppContext, actor: Actor, id: number, action: TransferAction, note: string | undefined) {
  const row = await repo.findVisibleTransfer(ctx.db, actor, id);
  if (!row) throw notFoundTransfer(id);
  const now = ctx.clock.now();
  const patches: Record<TransferAction, Record<string, unknown>> = {
    acknowledge: { received_at: now },
    accept: { accepted_at: now, accepted_note: note ?? null },
    file: { filed_at: now, filed_note: note ?? null },
    conclude: { concluded_at: now, concluded_note: note ?? null },
  };
  await ctx.db.transaction().execute((trx) => applyTransition(trx, ctx.clock, actor, transferWorkflow, action, id, patches[action]));
  return getTransfer(ctx, actor, id);
}
