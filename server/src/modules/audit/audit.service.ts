import type { Role } from '../../db/schema.ts';
import { assertRole, type Actor } from '../../kernel/access.ts';
import { verifyAuditChain } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { auditVocabulary, labelOfAuditAction, labelOfAuditEntity } from './audit.labels.ts';
import { guardRecordsAgainstComplainantIdentity } from '../complaints/complaints.service.ts';

/** Who may read the audit trail: the office, and the discipline bodies that rely on it. */
export const auditReaderRoles: readonly Role[] = ['office_admin', 'office_staff', 'discipline'];

/** The Chinese names of the log's actions and record types, for the page's pickers. */
export function vocabulary(actor: Actor) {
  assertRole(actor, auditReaderRoles, '查看审计日志');
  return auditVocabulary();
}

export async function verifyChain(ctx: AppContext, actor: Actor) {
  assertRole(actor, auditReaderRoles, '校验审计链');
  return verifyAuditChain(ctx.db);
}

export async function listEvents(
  ctx: AppContext,
  actor: Actor,
  query: { action?: string | undefined; entityType?: string | undefined; entityId?: string | undefined; limit: number },
) {
  assertRole(actor, auditReaderRoles, '查看审计日志');
  let statement = ctx.db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(query.limit);
  if (query.action) statement = statement.where('action', '=', query.action);
  if (query.entityType) statement = statement.where('entity_type', '=', query.entityType);
  if (query.entityId) statement = statement.where('entity_id', '=', query.entityId);
  const rows = await statement.execute();
  const events = rows.map((row) => ({
    seq: Number(row.seq),
    at: row.at,
    actorName: row.actor_name,
    action: row.action,
    actionLabel: labelOfAuditAction(row.action),
    entityType: row.entity_type,
    entityTypeLabel: labelOfAuditEntity(row.entity_type),
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    hash: row.hash,
  }));
  // The log keeps the truth; outside the office, what it says about a complaint is read without its author.
  return guardRecordsAgainstComplainantIdentity(ctx, actor, events, ['before', 'after']);
}
