import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppContext } from '../../kernel/context.ts';
import { notFound } from '../../kernel/errors.ts';

export type UnitView = {
  id: number;
  name: string;
  isLeadingGroupMember: boolean;
  assistanceCategory: '市直' | '驻惠' | null;
  regionCode: string | null;
  regionName: string | null;
  peopleCount: number;
};

// Units are the city's organisations — reference data that every signed-in role may read.
function unitQuery(db: Kysely<DB>) {
  return db
    .selectFrom('units as u')
    .leftJoin('regions as r', 'r.code', 'u.region_code')
    .select((eb) => [
      'u.id',
      'u.name',
      'u.is_leading_group_member',
      'u.assistance_category',
      'u.region_code',
      'r.name as region_name',
      eb.selectFrom('people as p').whereRef('p.unit_id', '=', 'u.id').select((count) => count.fn.countAll<number>().as('n')).as('people_count'),
    ]);
}

function toView(row: Awaited<ReturnType<ReturnType<typeof unitQuery>['executeTakeFirstOrThrow']>>): UnitView {
  return {
    id: row.id,
    name: row.name,
    isLeadingGroupMember: row.is_leading_group_member,
    assistanceCategory: row.assistance_category,
    regionCode: row.region_code,
    regionName: row.region_name,
    peopleCount: Number(row.people_count ?? 0),
  };
}

export async function listUnits(ctx: AppContext, query: { q?: string | undefined; kind?: 'member' | 'assistance' | undefined }): Promise<UnitView[]> {
  let statement = unitQuery(ctx.db).orderBy('u.id');
  if (query.q) statement = statement.where('u.name', 'like', `%${query.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
  if (query.kind === 'member') statement = statement.where('u.is_leading_group_member', '=', true);
  if (query.kind === 'assistance') statement = statement.where('u.assistance_category', 'is not', null);
  return (await statement.execute()).map(toView);
}

export async function getUnit(ctx: AppContext, id: number): Promise<UnitView> {
  const row = await unitQuery(ctx.db).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`编号为 ${id} 的单位`);
  return toView(row);
}

/** The unit row, for other modules that must check a unit exists inside their own transaction. */
export function findUnitById(db: Kysely<DB> | Transaction<DB>, id: number) {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The unit with exactly this name, or undefined. */
export function findUnitByName(db: Kysely<DB> | Transaction<DB>, name: string) {
  return db.selectFrom('units').selectAll().where('name', '=', name).executeTakeFirst();
}
