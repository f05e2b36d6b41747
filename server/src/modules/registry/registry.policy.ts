import { sql, type RawBuilder } from 'kysely';
import type { Role } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';
import { assessmentMapYear } from '../regions/regions.policy.ts';

/** Who may import households, change a household's status, and take cut-off snapshots. */
export const registryWriterRoles: readonly Role[] = ['office_admin', 'office_staff', 'county_user', 'town_user'];
export const snapshotRoles: readonly Role[] = ['office_admin', 'office_staff'];
/** Who reads the cut-off snapshots (third parties evaluate from them, 考7) and who compares two of them. */
export const snapshotReaderRoles: readonly Role[] = [...snapshotRoles, 'city_leader', 'leading_group', 'org_dept', 'discipline', 'third_party'];
export const snapshotComparerRoles: readonly Role[] = [...snapshotRoles, 'city_leader', 'leading_group', 'org_dept', 'discipline'];

/**
 * SQL condition on households aliased `h`: county users see the towns of their assessment unit,
 * town users their town, assistance units the households they assist; city-wide roles see all.
 */
export function isHouseholdVisible(actor: Actor, currentYear: number): RawBuilder<boolean> {
  const scope = actor.scope;
  if (scope.kind === 'assessment_unit') {
    return sql<boolean>`h.town_code IN (SELECT town_code FROM assessment_unit_towns WHERE unit_code = ${scope.code} AND year = ${assessmentMapYear(currentYear)})`;
  }
  if (scope.kind === 'town') return sql<boolean>`h.town_code = ${scope.code}`;
  if (scope.kind === 'unit') return sql<boolean>`h.assistance_unit = ${scope.name}`;
  return sql<boolean>`true`;
}

/**
 * The same scope on the frozen rows of a snapshot aliased `h` (registry_snapshot_households): towns are frozen with
 * the row; an assistance unit sees the households it assists now.
 */
export function isSnapshotHouseholdVisible(actor: Actor, currentYear: number): RawBuilder<boolean> {
  const scope = actor.scope;
  if (scope.kind === 'assessment_unit') {
    return sql<boolean>`h.town_code IN (SELECT town_code FROM assessment_unit_towns WHERE unit_code = ${scope.code} AND year = ${assessmentMapYear(currentYear)})`;
  }
  if (scope.kind === 'town') return sql<boolean>`h.town_code = ${scope.code}`;
  if (scope.kind === 'unit') return sql<boolean>`h.household_id IN (SELECT id FROM households WHERE assistance_unit = ${scope.name})`;
  return sql<boolean>`true`;
}
