import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, NewRegion, RegionLevel } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';
import { isRegionVisible } from './regions.policy.ts';

export type RegionRow = {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  child_count: number;
  is_poverty_village: boolean;
};

function regionColumns(actor: Actor, year: number) {
  return sql`r.code, r.name, r.level, r.parent_code,
    (SELECT count(*)::int FROM regions c WHERE c.parent_code = r.code AND ${isRegionVisible(actor, 'c', year)}) AS child_count,
    EXISTS (SELECT 1 FROM poverty_villages pv WHERE pv.village_code = r.code) AS is_poverty_village`;
}

export async function findVisibleRegion(db: Kysely<DB>, actor: Actor, year: number, code: string): Promise<RegionRow | undefined> {
  const result = await sql<RegionRow>`
    SELECT ${regionColumns(actor, year)} FROM regions r
    WHERE r.code = ${code} AND ${isRegionVisible(actor, 'r', year)}`.execute(db);
  return result.rows[0];
}

export async function listVisibleChildren(db: Kysely<DB>, actor: Actor, year: number, parentCode: string): Promise<RegionRow[]> {
  const result = await sql<RegionRow>`
    SELECT ${regionColumns(actor, year)} FROM regions r
    WHERE r.parent_code = ${parentCode} AND ${isRegionVisible(actor, 'r', year)}
    ORDER BY r.code`.execute(db);
  return result.rows;
}

export async function listVisibleCities(db: Kysely<DB>, actor: Actor, year: number): Promise<RegionRow[]> {
  const result = await sql<RegionRow>`
    SELECT ${regionColumns(actor, year)} FROM regions r
    WHERE r.level = 'city' AND ${isRegionVisible(actor, 'r', year)}
    ORDER BY r.code`.execute(db);
  return result.rows;
}

/** Ancestors from the root down; an actor who sees a region sees its ancestors. */
export async function listAncestors(db: Kysely<DB>, actor: Actor, year: number, code: string): Promise<RegionRow[]> {
  const result = await sql<RegionRow & { depth: number }>`
    WITH RECURSIVE chain AS (
      SELECT parent_code AS code, 1 AS depth FROM regions WHERE code = ${code}
      UNION ALL
      SELECT p.parent_code, chain.depth + 1 FROM chain JOIN regions p ON p.code = chain.code WHERE p.parent_code IS NOT NULL
    )
    SELECT ${regionColumns(actor, year)}, chain.depth FROM chain JOIN regions r ON r.code = chain.code
    ORDER BY chain.depth DESC`.execute(db);
  return result.rows;
}

export async function searchVisibleRegions(
  db: Kysely<DB>,
  actor: Actor,
  year: number,
  query: { q: string; level?: RegionLevel | undefined; limit: number },
): Promise<(RegionRow & { path_name: string })[]> {
  const pattern = `%${query.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  const result = await sql<RegionRow & { path_name: string }>`
    SELECT ${regionColumns(actor, year)},
      concat_ws(' / ', county.name, town.name, r.name) AS path_name
    FROM regions r
    LEFT JOIN regions county ON county.code = r.county_code AND r.level IN ('town', 'village')
    LEFT JOIN regions town ON town.code = r.town_code AND r.level = 'village'
    WHERE (r.name LIKE ${pattern} OR r.code LIKE ${/^\d+$/.test(query.q) ? `${query.q}%` : '-'})
      AND (${query.level ?? null}::text IS NULL OR r.level = ${query.level ?? null})
      AND ${isRegionVisible(actor, 'r', year)}
    ORDER BY length(r.code), r.code
    LIMIT ${query.limit}`.execute(db);
  return result.rows;
}

/** Inserts or renames regions, parents first (the rows arrive in level order). */
export async function upsertRegions(trx: Transaction<DB>, regions: NewRegion[]): Promise<number> {
  const batchSize = 500;
  for (let start = 0; start < regions.length; start += batchSize) {
    await trx
      .insertInto('regions')
      .values(regions.slice(start, start + batchSize))
      .onConflict((conflict) =>
        conflict.column('code').doUpdateSet((update) => ({ name: update.ref('excluded.name'), source: update.ref('excluded.source') })),
      )
      .execute();
  }
  return regions.length;
}
