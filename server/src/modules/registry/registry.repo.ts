import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';
import { personalDataAccessOf } from '../../kernel/privacy.ts';
import { assessmentMapYear } from '../regions/regions.policy.ts';
import { householdsAsOf } from './registry.as-of.ts';
import { isHouseholdVisible, isSnapshotHouseholdVisible } from './registry.policy.ts';
import { householdTermMatches } from './registry.search.ts';

export type HouseholdFilters = {
  q?: string | undefined;
  countyCode?: string | undefined;
  /** An assessment unit of 考2: the households of its towns. */
  unitCode?: string | undefined;
  townCode?: string | undefined;
  villageCode?: string | undefined;
  status?: string | undefined;
  cause?: string | undefined;
  exitYear?: number | undefined;
  page: number;
  pageSize: number;
};

export type HouseholdListRow = {
  id: number;
  household_no: string;
  head_name: string;
  village_code: string;
  village_name: string;
  town_name: string;
  county_name: string;
  attribute: string;
  status: string;
  exit_year: number | null;
  main_cause: string;
  member_count: number;
  per_capita_income: string | null;
  income_year: number | null;
};

/**
 * Households the actor may see, filtered and paged; `flagged` narrows to the households a detector flags. The text
 * filter matches the head's name as the actor is shown it (masking policy), and the household number.
 */
export async function listHouseholds(db: Kysely<DB>, actor: Actor, year: number, filters: HouseholdFilters, flagged?: RawBuilder<unknown>) {
  const where = sql`WHERE ${isHouseholdVisible(actor, year)}
    ${filters.q ? sql`AND ${householdTermMatches(personalDataAccessOf(actor), filters.q, { members: false })}` : sql``}
    AND (${filters.countyCode ?? null}::text IS NULL OR h.county_code = ${filters.countyCode ?? null})
    ${filters.unitCode ? sql`AND h.town_code IN (SELECT town_code FROM assessment_unit_towns WHERE unit_code = ${filters.unitCode} AND year = ${assessmentMapYear(year)})` : sql``}
    AND (${filters.townCode ?? null}::text IS NULL OR h.town_code = ${filters.townCode ?? null})
    AND (${filters.villageCode ?? null}::text IS NULL OR h.village_code = ${filters.villageCode ?? null})
    AND (${filters.status ?? null}::text IS NULL OR h.status = ${filters.status ?? null})
    AND (${filters.cause ?? null}::text IS NULL OR h.main_cause = ${filters.cause ?? null})
    AND (${filters.exitYear ?? null}::int IS NULL OR h.exit_year = ${filters.exitYear ?? null})
    ${flagged ? sql`AND h.id IN (SELECT household_id FROM (${flagged}) flagged)` : sql``}`;
  const [rows, total] = await Promise.all([
    sql<HouseholdListRow>`
      SELECT h.id, h.household_no, h.head_name, h.village_code, v.name AS village_name, t.name AS town_name, c.name AS county_name,
        h.attribute, h.status, h.exit_year, h.main_cause, h.member_count, i.per_capita_income, i.year AS income_year
      FROM households h
      JOIN regions v ON v.code = h.village_code
      JOIN regions t ON t.code = h.town_code
      JOIN regions c ON c.code = h.county_code
      LEFT JOIN LATERAL (SELECT per_capita_income, year FROM household_incomes WHERE household_id = h.id ORDER BY year DESC LIMIT 1) i ON true
      ${where}
      ORDER BY h.id LIMIT ${filters.pageSize} OFFSET ${(filters.page - 1) * filters.pageSize}`.execute(db),
    sql<{ total: number }>`SELECT count(*)::int AS total FROM households h ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: total.rows[0]?.total ?? 0 };
}

export async function findVisibleHousehold(db: Kysely<DB>, actor: Actor, year: number, id: number) {
  const result = await sql<Record<string, unknown> & { id: number; status: string }>`
    SELECT h.*, v.name AS village_name, t.name AS town_name, c.name AS county_name
    FROM households h JOIN regions v ON v.code = h.village_code JOIN regions t ON t.code = h.town_code JOIN regions c ON c.code = h.county_code
    WHERE h.id = ${id} AND ${isHouseholdVisible(actor, year)}`.execute(db);
  return result.rows[0];
}

export type UnitIndicators = {
  unit_code: string;
  unit_name: string;
  poor_households: number;
  poor_people: number;
  exits: number;
  exits_failing_criteria: number;
  mean_income: string | null;
  mean_income_previous: string | null;
};

/** The assessment units of the year's map in their order, for a city-wide table that lists every unit, even one without households. */
export async function assessmentUnitsOfYear(db: Kysely<DB>, year: number): Promise<{ code: string; name: string }[]> {
  const result = await sql<{ code: string; name: string }>`
    SELECT au.code, au.name FROM assessment_units au
    WHERE EXISTS (SELECT 1 FROM assessment_unit_towns aut WHERE aut.unit_code = au.code AND aut.year = ${assessmentMapYear(year)})
    ORDER BY au.sort_order`.execute(db);
  return result.rows;
}

/** Joins the household `h` to the assessment unit `au` its town belonged to in that year's map (考2, R-O2). */
function inAssessmentUnit(year: number): RawBuilder<unknown> {
  return sql`JOIN assessment_unit_towns aut ON aut.town_code = h.town_code AND aut.year = ${assessmentMapYear(year)}
    JOIN assessment_units au ON au.code = aut.unit_code`;
}

/**
 * The registry indicators per assessment unit (the 7 of 考2, not the 5 administrative counties) for a year, as of 31 December of that year, from the live registry in one
 * statement: poor households and people (未脱贫 or 返贫 on that day), exits in the year (exited on that day, with the
 * exit in the year), exits that fail the year's criteria (income below the exit line or 两不愁三保障 not met), and
 * mean per-capita income this year and last (for growth) over the households registered by then. Statuses come
 * from the dated status history (`householdsAsOf`); members and the assurance flags are read as they stand.
 */
export async function countyIndicators(db: Kysely<DB>, actor: Actor, year: number, currentYear: number): Promise<UnitIndicators[]> {
  const asOf = `${year}-12-31`;
  const isExitOfYear = sql`h.status_as_of = 'exited' AND h.status_since >= ${`${year}-01-01`}::date`;
  const result = await sql<UnitIndicators>`
    WITH line AS (SELECT exit_income_line FROM exit_criteria WHERE year = ${year})
    SELECT au.code AS unit_code, au.name AS unit_name,
      (count(*) FILTER (WHERE h.status_as_of IN ('not_exited', 'returned')))::int AS poor_households,
      (coalesce(sum(h.member_count) FILTER (WHERE h.status_as_of IN ('not_exited', 'returned')), 0))::int AS poor_people,
      (count(*) FILTER (WHERE ${isExitOfYear}))::int AS exits,
      (count(*) FILTER (WHERE ${isExitOfYear} AND (
        coalesce(i.per_capita_income < (SELECT exit_income_line FROM line), true)
        OR NOT (h.food_clothing_secure AND h.education_secured AND h.medical_secured AND h.housing_secured))))::int AS exits_failing_criteria,
      round(avg(i.per_capita_income), 2)::text AS mean_income,
      round(avg(previous.per_capita_income), 2)::text AS mean_income_previous
    FROM (${householdsAsOf(asOf)}) h
    ${inAssessmentUnit(year)}
    LEFT JOIN household_incomes i ON i.household_id = h.id AND i.year = ${year}
    LEFT JOIN household_incomes previous ON previous.household_id = h.id AND previous.year = ${year - 1}
    WHERE ${isHouseholdVisible(actor, currentYear)}
    GROUP BY au.code, au.name, au.sort_order ORDER BY au.sort_order`.execute(db);
  return result.rows;
}

/**
 * The same indicators from a frozen cut-off snapshot (R-R4, 考7: the assessment reads the registry as of 31
 * December): statuses, exit dates, member counts, incomes and the assurance flags as frozen, so later edits of the
 * live registry never change them. The exit line is the year's configured one.
 */
export async function countyIndicatorsFromSnapshot(db: Kysely<DB>, actor: Actor, snapshotId: number, year: number, currentYear: number): Promise<UnitIndicators[]> {
  const isExitOfYear = sql`h.status = 'exited' AND h.exit_year = ${year}`;
  const result = await sql<UnitIndicators>`
    WITH line AS (SELECT exit_income_line FROM exit_criteria WHERE year = ${year})
    SELECT au.code AS unit_code, au.name AS unit_name,
      (count(*) FILTER (WHERE h.status IN ('not_exited', 'returned')))::int AS poor_households,
      (coalesce(sum(h.member_count) FILTER (WHERE h.status IN ('not_exited', 'returned')), 0))::int AS poor_people,
      (count(*) FILTER (WHERE ${isExitOfYear}))::int AS exits,
      (count(*) FILTER (WHERE ${isExitOfYear} AND (
        coalesce(h.per_capita_income < (SELECT exit_income_line FROM line), true) OR NOT h.two_assurances_met)))::int AS exits_failing_criteria,
      round(avg(h.per_capita_income), 2)::text AS mean_income,
      round(avg(h.previous_income), 2)::text AS mean_income_previous
    FROM registry_snapshot_households h
    ${inAssessmentUnit(year)}
    WHERE h.snapshot_id = ${snapshotId} AND ${isSnapshotHouseholdVisible(actor, currentYear)}
    GROUP BY au.code, au.name, au.sort_order ORDER BY au.sort_order`.execute(db);
  return result.rows;
}

/** The latest snapshot taken with this cut-off date, if any. */
export async function latestSnapshotAsOf(db: Kysely<DB>, asOf: string) {
  return db
    .selectFrom('registry_snapshots')
    .select(['id', 'as_of', 'taken_at', 'content_hash'])
    .where('as_of', '=', asOf)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
