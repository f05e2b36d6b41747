import { sql, type RawBuilder } from 'kysely';
import type { Role } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';
import { cityWideSupervisionReaders, supervisionOfficeRoles } from '../supervisions/supervisions.policy.ts';

/** Who proposes commendations and model cases and writes the summary: the city office (督11). */
export const summaryOfficeRoles: readonly Role[] = supervisionOfficeRoles;

/** Who reads every commendation and model case, whatever its state: the city-wide readers of supervision. */
export const commendationCityReaders: readonly Role[] = cityWideSupervisionReaders;

/** Who reads the office's summary once it has been reported to them: 市委、市政府 and the leading group. */
export const summaryLeaderReaders: readonly Role[] = ['city_leader', 'leading_group'];

/** Who opens the summary page at all. */
export const summaryReaders: readonly Role[] = [...summaryOfficeRoles, ...summaryLeaderReaders];

/**
 * SQL condition on commendations aliased `c`: city-wide readers see all; a county user sees the
 * approved ones about its own assessment unit and an assistance unit's user those about its unit;
 * everyone else sees none.
 */
export function isCommendationVisible(actor: Actor): RawBuilder<boolean> {
  if (commendationCityReaders.includes(actor.role)) return sql<boolean>`true`;
  if (actor.role === 'county_user' && actor.scope.kind === 'assessment_unit') {
    return sql<boolean>`(c.assessment_unit_code = ${actor.scope.code} AND c.status = 'approved')`;
  }
  if (actor.role === 'assist_unit_user' && actor.scope.kind === 'unit') {
    return sql<boolean>`(c.unit_id = ${actor.scope.unitId} AND c.status = 'approved')`;
  }
  return sql<boolean>`false`;
}

/** SQL condition on supervision_summaries aliased `ss`: the office sees all; 市委、市政府 and the leading group the submitted ones. */
export function isSummaryVisible(actor: Actor): RawBuilder<boolean> {
  if (summaryOfficeRoles.includes(actor.role)) return sql<boolean>`true`;
  if (summaryLeaderReaders.includes(actor.role)) return sql<boolean>`(ss.status = 'submitted')`;
  return sql<boolean>`false`;
}
