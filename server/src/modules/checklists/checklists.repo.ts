import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ChecklistKind } from './checklists.schema.ts';

/**
 * Both checklists as one shape. A supervision item's group is its 督9 area (1–8; the area itself is
 * a row coded '9.N' that is not editable); an inspection item's group is the position of its 督15
 * category, whose code is '15.N'.
 */
export type ChecklistItemRow = { id: number; year: number; group: number; code: string; title: string; sort_order: number; is_group_row: boolean; usage_count: number };

export const inspectionCategoryOrder = ['work_style', 'project_funds', 'identification_exit', 'discipline_complaints'] as const;

const tableOf = (kind: ChecklistKind) => (kind === 'supervision' ? sql.table('supervision_checklist_items') : sql.table('checklist_items'));

function groupExpression(kind: ChecklistKind) {
  return kind === 'supervision'
    ? sql<number>`item.area`
    : sql<number>`array_position(ARRAY[${sql.join(inspectionCategoryOrder.map((category) => sql.lit(category)))}]::text[], item.category)`;
}

/** How many field records and problems cite an item: a cited item keeps its wording. */
function usageExpression(kind: ChecklistKind) {
  return kind === 'supervision'
    ? sql<number>`((SELECT count(*) FROM supervision_records r WHERE r.checklist_item_id = item.id)
        + (SELECT count(*) FROM problems p WHERE p.supervision_checklist_item_id = item.id))::int`
    : sql<number>`((SELECT count(*) FROM inspection_records r WHERE r.checklist_item_id = item.id)
        + (SELECT count(*) FROM problems p WHERE p.checklist_item_id = item.id))::int`;
}

/** SQL for the template year that applies to work of `year`: the latest template not after it, else the earliest. */
export function templateYearSql(kind: ChecklistKind, year: number): RawBuilder<number> {
  return sql<number>`(SELECT COALESCE(MAX(year) FILTER (WHERE year <= ${year}), MIN(year)) FROM ${tableOf(kind)})`;
}

/** The template year that applies to work of `year`; null when no template exists. */
export async function templateYearFor(db: Kysely<DB> | Transaction<DB>, kind: ChecklistKind, year: number): Promise<number | null> {
  const result = await sql<{ year: number | null }>`SELECT ${templateYearSql(kind, year)} AS year`.execute(db);
  return result.rows[0]?.year ?? null;
}

/** Every row of one year's template, in the article's order. */
export async function listTemplate(db: Kysely<DB> | Transaction<DB>, kind: ChecklistKind, templateYear: number): Promise<ChecklistItemRow[]> {
  const result = await sql<ChecklistItemRow>`
    SELECT item.id, item.year, ${groupExpression(kind)} AS "group", item.code, item.title, item.sort_order,
      ${kind === 'supervision' ? sql`item.code ~ '^9\\.[1-8]$'` : sql`false`} AS is_group_row,
      ${usageExpression(kind)} AS usage_count
    FROM ${tableOf(kind)} item WHERE item.year = ${templateYear} ORDER BY item.sort_order`.execute(db);
  return result.rows;
}

export async function findItem(db: Kysely<DB> | Transaction<DB>, kind: ChecklistKind, id: number): Promise<ChecklistItemRow | undefined> {
  const result = await sql<ChecklistItemRow>`
    SELECT item.id, item.year, ${groupExpression(kind)} AS "group", item.code, item.title, item.sort_order,
      ${kind === 'supervision' ? sql`item.code ~ '^9\\.[1-8]$'` : sql`false`} AS is_group_row,
      ${usageExpression(kind)} AS usage_count
    FROM ${tableOf(kind)} item WHERE item.id = ${id} FOR UPDATE`.execute(db);
  return result.rows[0];
}

/** Copies one year's template into another year, keeping codes and order. */
export async function copyTemplate(trx: Transaction<DB>, kind: ChecklistKind, fromYear: number, toYear: number): Promise<number> {
  const result =
    kind === 'supervision'
      ? await sql`INSERT INTO supervision_checklist_items (year, area, code, title, sort_order)
          SELECT ${toYear}, area, code, title, sort_order FROM supervision_checklist_items WHERE year = ${fromYear}`.execute(trx)
      : await sql`INSERT INTO checklist_items (year, category, code, title, sort_order)
          SELECT ${toYear}, category, code, title, sort_order FROM checklist_items WHERE year = ${fromYear}`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Appends a sub-item at the end of its group: the next free code under the group and a place in
 * the order right after the group's last row (later rows move down by one).
 */
export async function insertItem(trx: Transaction<DB>, kind: ChecklistKind, year: number, group: number, title: string): Promise<{ id: number; code: string }> {
  const rows = await listTemplate(trx, kind, year);
  const inGroup = rows.filter((row) => row.group === group);
  const groupCode = kind === 'supervision' ? `9.${group}` : `15.${group}`;
  const lastSub = Math.max(0, ...inGroup.filter((row) => !row.is_group_row).map((row) => Number(row.code.split('.')[2] ?? 0)));
  const code = `${groupCode}.${lastSub + 1}`;
  const sortOrder = Math.max(0, ...(inGroup.length > 0 ? inGroup : rows.filter((row) => row.group < group)).map((row) => row.sort_order)) + 1;
  await sql`UPDATE ${tableOf(kind)} SET sort_order = sort_order + 1 WHERE year = ${year} AND sort_order >= ${sortOrder}`.execute(trx);
  const inserted =
    kind === 'supervision'
      ? await sql<{ id: number }>`INSERT INTO supervision_checklist_items (year, area, code, title, sort_order)
          VALUES (${year}, ${group}, ${code}, ${title}, ${sortOrder}) RETURNING id`.execute(trx)
      : await sql<{ id: number }>`INSERT INTO checklist_items (year, category, code, title, sort_order)
          VALUES (${year}, ${inspectionCategoryOrder[group - 1]}, ${code}, ${title}, ${sortOrder}) RETURNING id`.execute(trx);
  return { id: inserted.rows[0]!.id, code };
}

export async function updateItemTitle(trx: Transaction<DB>, kind: ChecklistKind, id: number, title: string): Promise<void> {
  await sql`UPDATE ${tableOf(kind)} SET title = ${title} WHERE id = ${id}`.execute(trx);
}

export async function deleteItem(trx: Transaction<DB>, kind: ChecklistKind, id: number): Promise<void> {
  await sql`DELETE FROM ${tableOf(kind)} WHERE id = ${id}`.execute(trx);
}
