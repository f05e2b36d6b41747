import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Executor = Kysely<DB> | Transaction<DB>;

/** A parameter's row as it applies to a year: the year's own, or the latest earlier year's. */
export type EffectiveParameterRow = {
  key: string;
  year: number;
  value: unknown;
  article: string;
  default_value: unknown;
  updated_by_name: string | null;
  updated_at: Date;
};

/** For each parameter with a row in `year` or before, the row of the latest such year (one index pass). */
export async function listEffectiveRows(db: Executor, year: number): Promise<EffectiveParameterRow[]> {
  const result = await sql<EffectiveParameterRow>`
    SELECT DISTINCT ON (p.key) p.key, p.year, p.value, p.article, p.default_value, u.display_name AS updated_by_name, p.updated_at
    FROM measure_parameters p LEFT JOIN users u ON u.id = p.updated_by
    WHERE p.year <= ${year}
    ORDER BY p.key, p.year DESC`.execute(db);
  return result.rows;
}

/** For each parameter, the first year after `year` that has a row of its own. */
export async function listNextOwnYears(db: Executor, year: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('measure_parameters')
    .select((eb) => ['key', eb.fn.min<number>('year').as('year')])
    .where('year', '>', year)
    .groupBy('key')
    .execute();
  return new Map(rows.map((row) => [row.key, row.year]));
}

/** What shows that a year's work has started: its supervision plan, an inspection, a problem of the year. */
export type YearWork = { kind: 'supervision_plan' | 'inspection' | 'problem'; year: number; id: number; title: string };

/**
 * The earliest piece of work of the first year at or after `fromYear` whose work has started, or none. A year has
 * started once it has a supervision plan or an inspection, or a problem recorded in the ledger that came from neither
 * (a complaint's, dated by its notification); the problems of supervisions and inspections belong to their years.
 */
export async function findFirstStartedWork(db: Executor, fromYear: number): Promise<YearWork | undefined> {
  const result = await sql<YearWork>`
    SELECT kind, year, id, title FROM (
      (SELECT 'supervision_plan' AS kind, year, id, title, 1 AS kind_order FROM supervision_plans WHERE year >= ${fromYear} ORDER BY year, id LIMIT 1)
      UNION ALL
      (SELECT 'inspection', year, id, title, 2 FROM inspections WHERE year >= ${fromYear} ORDER BY year, id LIMIT 1)
      UNION ALL
      (SELECT 'problem', EXTRACT(YEAR FROM COALESCE(notified_on, (created_at AT TIME ZONE 'Asia/Shanghai')::date))::int, id, left(description, 40), 3
        FROM problems
        WHERE inspection_id IS NULL AND supervision_id IS NULL
          AND COALESCE(notified_on, (created_at AT TIME ZONE 'Asia/Shanghai')::date) >= make_date(${fromYear}, 1, 1)
        ORDER BY COALESCE(notified_on, (created_at AT TIME ZONE 'Asia/Shanghai')::date), id LIMIT 1)
    ) work
    ORDER BY year, kind_order, id
    LIMIT 1`.execute(db);
  return result.rows[0];
}

/** Writes a year's value of a parameter, or replaces it; the row says who and when. */
export async function upsertParameter(
  trx: Transaction<DB>,
  row: { year: number; key: string; value: unknown; article: string; defaultValue: unknown; updatedBy: number | null; updatedAt: Date },
): Promise<void> {
  await trx
    .insertInto('measure_parameters')
    .values({
      year: row.year,
      key: row.key,
      value: JSON.stringify(row.value),
      article: row.article,
      default_value: JSON.stringify(row.defaultValue),
      updated_by: row.updatedBy,
      updated_at: row.updatedAt,
    })
    .onConflict((conflict) =>
      conflict.columns(['year', 'key']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        article: eb.ref('excluded.article'),
        default_value: eb.ref('excluded.default_value'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function hasAnyParameter(db: Executor): Promise<boolean> {
  return (await db.selectFrom('measure_parameters').select('year').limit(1).executeTakeFirst()) !== undefined;
}
