import { sql, type RawBuilder } from 'kysely';
import type { Role } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';
import { isRegionWithinScope } from '../regions/regions.policy.ts';

/** Who may ask for a person's rank or unit to be changed. */
export const changeRequesterRoles: readonly Role[] = ['office_admin', 'office_staff', 'org_dept'];

/** Who adds people to the roster (one by one or from a file); rank and unit change later only by request. */
export const rosterEditorRoles: readonly Role[] = ['office_admin', 'office_staff', 'org_dept'];

/** Who sees the list of change requests. */
export const changeRequestReaderRoles: readonly Role[] = ['office_admin', 'office_staff', 'org_dept'];

/**
 * SQL condition on people aliased `p` joined to their unit `u`: third parties see no one
 * (minimal personal data, 考7(3)); an assistance unit sees its own staff; county and town users
 * see staff of units located within their scope; city-wide roles see everyone.
 */
export function isPersonVisible(actor: Actor, year: number): RawBuilder<boolean> {
  if (actor.role === 'third_party') return sql<boolean>`false`;
  const scope = actor.scope;
  if (scope.kind === 'unit') return sql<boolean>`(p.unit_id = ${scope.unitId})`;
  if (scope.kind === 'city') return sql<boolean>`true`;
  return sql<boolean>`EXISTS (SELECT 1 FROM regions unit_region WHERE unit_region.code = u.region_code AND ${isRegionWithinScope(actor, 'unit_region', year)})`;
}
