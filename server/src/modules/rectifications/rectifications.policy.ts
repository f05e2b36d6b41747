import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../kernel/access.ts';
import { cityWideInspectionReaders } from '../inspections/inspections.policy.ts';

/**
 * SQL condition on problems aliased `pr`: city-wide readers see the whole ledger; team leaders and
 * members the problems of the inspections and supervisions whose teams they sit on; a county user
 * only its own unit's problems, and an assistance unit's user its unit's, each only once notified
 * (an inspection is unannounced until feedback, a supervision's findings until its result, 督12).
 */
export function isProblemVisible(actor: Actor): RawBuilder<boolean> {
  if (cityWideInspectionReaders.includes(actor.role)) return sql<boolean>`true`;
  if (actor.role === 'team_leader' || actor.role === 'team_member') {
    return sql<boolean>`EXISTS (SELECT 1 FROM teams vis_team
      JOIN team_members vis_member ON vis_member.team_id = vis_team.id
      JOIN users vis_user ON vis_user.person_id = vis_member.person_id
      WHERE vis_team.inspection_id = pr.inspection_id AND vis_user.id = ${actor.id})
      OR EXISTS (SELECT 1 FROM supervision_team_members vis_supervisor
      JOIN users vis_supervisor_user ON vis_supervisor_user.person_id = vis_supervisor.person_id
      WHERE vis_supervisor.supervision_id = pr.supervision_id AND vis_supervisor_user.id = ${actor.id})`;
  }
  if (actor.role === 'county_user' && actor.scope.kind === 'assessment_unit') {
    return sql<boolean>`(pr.responsible_unit_code = ${actor.scope.code} AND pr.notified_on IS NOT NULL)`;
  }
  if (actor.role === 'assist_unit_user' && actor.scope.kind === 'unit') {
    return sql<boolean>`(pr.responsible_unit_id = ${actor.scope.unitId} AND pr.notified_on IS NOT NULL)`;
  }
  return sql<boolean>`false`;
}

/** Whether the actor may see the per-county summary of the ledger. */
export function canReadLedgerSummary(actor: Actor): boolean {
  return cityWideInspectionReaders.includes(actor.role);
}
