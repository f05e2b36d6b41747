import { sql, type RawBuilder } from 'kysely';
import type { Role } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';

/** Who proposes inspections, forms teams, issues feedback and closes them: the city office (督13, 督18). */
export const inspectionOfficeRoles: readonly Role[] = ['office_admin', 'office_staff'];

/** Who reads every inspection of the city. */
export const cityWideInspectionReaders: readonly Role[] = ['office_admin', 'office_staff', 'city_leader', 'leading_group', 'org_dept'];

/**
 * SQL condition on inspections aliased `i`: city-wide readers see all; team leaders and members
 * only the inspections of teams they belong to (through users.person_id); a county user sees an
 * inspection of its own assessment unit only once the feedback is issued — until then it is
 * unannounced; everyone else sees none.
 */
export function isInspectionVisible(actor: Actor): RawBuilder<boolean> {
  if (cityWideInspectionReaders.includes(actor.role)) return sql<boolean>`true`;
  if (actor.role === 'team_leader' || actor.role === 'team_member') {
    return sql<boolean>`EXISTS (SELECT 1 FROM teams vis_team
      JOIN team_members vis_member ON vis_member.team_id = vis_team.id
      JOIN users vis_user ON vis_user.person_id = vis_member.person_id
      WHERE vis_team.inspection_id = i.id AND vis_user.id = ${actor.id})`;
  }
  if (actor.role === 'county_user' && actor.scope.kind === 'assessment_unit') {
    return sql<boolean>`(i.assessment_unit_code = ${actor.scope.code} AND i.status IN ('feedback_issued', 'closed'))`;
  }
  return sql<boolean>`false`;
}

/** Whether the actor sees the team's working papers (field records, the report): everyone who sees the inspection except the inspected county. */
export function canReadWorkingPapers(actor: Actor): boolean {
  return actor.role !== 'county_user';
}
