import { sql, type RawBuilder } from 'kysely';
import type { Role } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';

/** Who drafts the plan, proposes supervisions, forms teams and closes them: the city office (督6). */
export const supervisionOfficeRoles: readonly Role[] = ['office_admin', 'office_staff'];

/** Who reads every supervision, the plans and the coverage of the city. */
export const cityWideSupervisionReaders: readonly Role[] = ['office_admin', 'office_staff', 'city_leader', 'leading_group', 'org_dept'];

/**
 * SQL condition on supervisions aliased `s`: city-wide readers see all; team leaders and members
 * only the supervisions whose team they sit on (through users.person_id); a county user sees the
 * supervisions of its own assessment unit and an assistance unit's user those of its unit, each
 * only once approved; everyone else sees none.
 */
export function isSupervisionVisible(actor: Actor): RawBuilder<boolean> {
  if (cityWideSupervisionReaders.includes(actor.role)) return sql<boolean>`true`;
  if (actor.role === 'team_leader' || actor.role === 'team_member') {
    return sql<boolean>`EXISTS (SELECT 1 FROM supervision_team_members vis_member
      JOIN users vis_user ON vis_user.person_id = vis_member.person_id
      WHERE vis_member.supervision_id = s.id AND vis_user.id = ${actor.id})`;
  }
  if (actor.role === 'county_user' && actor.scope.kind === 'assessment_unit') {
    return sql<boolean>`(s.target_assessment_unit_code = ${actor.scope.code} AND s.status <> 'proposed')`;
  }
  if (actor.role === 'assist_unit_user' && actor.scope.kind === 'unit') {
    return sql<boolean>`(s.target_unit_id = ${actor.scope.unitId} AND s.status <> 'proposed')`;
  }
  return sql<boolean>`false`;
}

/** Whether the actor sees the team's working papers (field records, the report): everyone who sees the supervision except the supervised county or unit. */
export function canReadReport(actor: Actor): boolean {
  return !isSupervisedParty(actor);
}

/** Whether the actor is the supervised county or assistance unit (as opposed to the office, the city or the team). */
export function isSupervisedParty(actor: Actor): boolean {
  return actor.role === 'county_user' || actor.role === 'assist_unit_user';
}

/**
 * SQL condition on supervision visits aliased `v`: the supervised county or unit sees announced
 * visits (so it can arrange meetings) but an unannounced visit (随机访/暗访) only once it has been
 * recorded; everyone else who sees the supervision sees the whole schedule.
 */
export function isVisitVisible(actor: Actor): RawBuilder<boolean> {
  if (isSupervisedParty(actor)) return sql<boolean>`(v.method <> 'unannounced_visit' OR v.record_id IS NOT NULL)`;
  return sql<boolean>`true`;
}
