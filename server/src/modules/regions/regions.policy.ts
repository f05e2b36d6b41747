import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../kernel/access.ts';

/**
 * The year whose assessment-unit map decides a county user's towns: the latest configured
 * year not after the current one (or the earliest, before any is configured).
 */
export function assessmentMapYear(currentYear: number): RawBuilder<number> {
  return sql<number>`(SELECT COALESCE(MAX(year) FILTER (WHERE year <= ${currentYear}), MIN(year)) FROM assessment_unit_towns)`;
}

/**
 * SQL condition: may this actor see the region row aliased `alias`? City-wide roles see all;
 * a county user sees the towns of its assessment unit, their villages and their ancestors;
 * a town user its town, its villages and its ancestors.
 */
export function isRegionVisible(actor: Actor, alias: string, currentYear: number): RawBuilder<boolean> {
  const code = sql.ref(`${alias}.code`);
  const townCode = sql.ref(`${alias}.town_code`);
  const scope = actor.scope;
  if (scope.kind === 'assessment_unit') {
    return sql<boolean>`EXISTS (
      SELECT 1 FROM assessment_unit_towns scope_aut
      JOIN regions scope_town ON scope_town.code = scope_aut.town_code
      WHERE scope_aut.unit_code = ${scope.code} AND scope_aut.year = ${assessmentMapYear(currentYear)}
        AND (scope_town.code = ${townCode} OR ${code} IN (scope_town.county_code, scope_town.city_code, scope_town.province_code)))`;
  }
  if (scope.kind === 'town') {
    return sql<boolean>`EXISTS (
      SELECT 1 FROM regions scope_town WHERE scope_town.code = ${scope.code}
        AND (scope_town.code = ${townCode} OR ${code} IN (scope_town.county_code, scope_town.city_code, scope_town.province_code)))`;
  }
  return sql<boolean>`true`;
}

/**
 * SQL condition: does the region row aliased `alias` lie inside the actor's scope (not merely
 * above it)? Records located there — units, people, households — belong to the actor's scope.
 */
export function isRegionWithinScope(actor: Actor, alias: string, currentYear: number): RawBuilder<boolean> {
  const code = sql.ref(`${alias}.code`);
  const townCode = sql.ref(`${alias}.town_code`);
  const scope = actor.scope;
  if (scope.kind === 'assessment_unit') {
    return sql<boolean>`(EXISTS (
        SELECT 1 FROM assessment_unit_towns scope_aut
        WHERE scope_aut.unit_code = ${scope.code} AND scope_aut.year = ${assessmentMapYear(currentYear)} AND scope_aut.town_code = ${townCode})
      OR EXISTS (SELECT 1 FROM assessment_units scope_au WHERE scope_au.code = ${scope.code} AND scope_au.governs_county AND scope_au.county_code = ${code}))`;
  }
  if (scope.kind === 'town') return sql<boolean>`(${townCode} = ${scope.code})`;
  if (scope.kind === 'unit') return sql<boolean>`false`;
  return sql<boolean>`true`;
}
