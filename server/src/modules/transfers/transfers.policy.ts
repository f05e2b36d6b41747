import { sql, type RawBuilder } from 'kysely';
import type { Role } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';

/** Who refers matters to the discipline bodies and follows them: the city office (督17). */
export const transferOfficeRoles: readonly Role[] = ['office_admin', 'office_staff'];

/** 督17: the city's leaders follow every referral (read only). */
export const transferCityReaders: readonly Role[] = ['city_leader'];

/** Who reads referrals: the office, the city's leaders, and a discipline liaison (those addressed to them). */
export const transferReaderRoles: readonly Role[] = [...transferOfficeRoles, ...transferCityReaders, 'discipline'];

/** SQL condition on transfers aliased `t`: the office and the city's leaders see every referral; a discipline liaison those addressed to them. */
export function isTransferVisible(actor: Actor): RawBuilder<boolean> {
  if (transferOfficeRoles.includes(actor.role) || transferCityReaders.includes(actor.role)) return sql<boolean>`true`;
  if (actor.role === 'discipline') return sql<boolean>`(t.recipient_user_id = ${actor.id})`;
  return sql<boolean>`false`;
}
