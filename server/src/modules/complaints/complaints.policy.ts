import { sql, type RawBuilder } from 'kysely';
import type { Role } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';

/** Who receives, triages and answers complaints, and records those that come by phone or letter: the city office (督4). */
export const complaintOfficeRoles: readonly Role[] = ['office_admin', 'office_staff'];

/** 督4, 督12: the city's leaders follow every complaint — what was reported and how it was handled, never who reported it. */
export const complaintCityReaders: readonly Role[] = ['city_leader'];

/** Who reads complaints at all: the office, the city's leaders, and a county once a complaint has been assigned to it. */
export const complaintReaderRoles: readonly Role[] = [...complaintOfficeRoles, ...complaintCityReaders, 'county_user'];

export function isComplaintOffice(actor: Pick<Actor, 'role'>): boolean {
  return complaintOfficeRoles.includes(actor.role);
}

/**
 * SQL condition on complaints aliased `c`: the office and the city's leaders see every complaint; a county user the
 * complaints assigned to its own assessment unit; everyone else none. Only the office is shown the complainant.
 */
export function isComplaintVisible(actor: Actor): RawBuilder<boolean> {
  if (isComplaintOffice(actor) || complaintCityReaders.includes(actor.role)) return sql<boolean>`true`;
  if (actor.role === 'county_user' && actor.scope.kind === 'assessment_unit') {
    return sql<boolean>`(c.assigned_unit_code = ${actor.scope.code})`;
  }
  return sql<boolean>`false`;
}
