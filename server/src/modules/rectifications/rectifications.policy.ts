import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../kernel/access.ts';
import { cityWideInspectionReaders } from '../inspections/inspections.policy.ts';

/**
 * SQL condition on problems aliased `pr`: city-wide readers see the whole ledger; team leaders and
 * members the problems of inspections of their own teams; a county user only its own unit's
 * problems, and only once they have been notified to it (an inspection is unannounced until feedback).
 */
export function isProblemVisible(actor: Actor): RawBuilder<boolean> {
  if (cityWideInspectionReaders.includes(actor.role)) return sql<boolean>`true`;
  if (actor.role === 'team_leader' || actor.role === 'team_member') {
    return sql<boolean>`EXISTS (SELECT 1 FROM teams vis_team
      JOIN team_members vis_member ON vis_member.team_id = vis_team.id
      JOIN users vis_user ON vis_user.person_id = vis_member.person_id
      WHERE vis_team.inspection_id = pr.inspection_id AND vis_user.id = ${actor.id})`;
  }
  if (actor.role === 'county_user' && actor.scope.kind === 'assessment_unit') {
    return sql<boolean>`(pr.responsible_unit_code = ${actor.scope.code} AND pr.notified_on IS NOT NULL)`;
  }
  return sql<boolean>`false`;
}

/** Whether the actor may see the per-county summary of the ledger. */
export function canReadLedgerSummary(actor: Actor): boolean {
  return cityWideInspectionReaders.includes(actor.role);
}
