import { sql, type RawBuilder } from 'kysely';
import type { Role } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';

/** Who refers matters to the discipline bodies and follows them: the city office (督17). */
export const transferOfficeRoles: readonly Role[] = ['office_admin', 'office_staff'];

/** SQL condition on transfers aliased `t`: the office sees every referral; a discipline liaison those addressed to them. */
export function isTransferVisible(actor: Actor): RawBuilder<boolean> {
  if (transferOfficeRoles.includes(actor.role)) return sql<boolean>`true`;
  if (actor.role === 'discipline') return sql<boolean>`(t.recipient_user_id = ${actor.id})`;
  return sql<boolean>`false`;
}
