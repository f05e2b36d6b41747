import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Rank } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';
import { isPersonVisible } from './people.policy.ts';

export type PersonRow = {
  id: number;
  name: string;
  gender: 'male' | 'female';
  unit_id: number;
  unit_name: string;
  post: string;
  rank: Rank;
  home_region_code: string | null;
  home_region_name: string | null;
};

const personColumns = sql`p.id, p.name, p.gender, p.unit_id, u.name AS unit_name, p.post, p.rank, p.home_region_code,
  concat_ws('', home_county.name, home.name) AS home_region_name`;
const personJoins = sql`FROM people p JOIN units u ON u.id = p.unit_id
  LEFT JOIN regions home ON home.code = p.home_region_code
  LEFT JOIN regions home_county ON home_county.code = home.county_code AND home.level <> 'county'`;

export async function listVisiblePeople(
  db: Kysely<DB>,
  actor: Actor,
  year: number,
  query: { q?: string | undefined; unitId?: number | undefined; rank?: Rank | undefined; page: number; pageSize: number },
): Promise<{ rows: PersonRow[]; total: number }> {
  const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%` : null;
  const where = sql`WHERE ${isPersonVisible(actor, year)}
    AND (${pattern}::text IS NULL OR p.name LIKE ${pattern} OR p.post LIKE ${pattern} OR u.name LIKE ${pattern})
    AND (${query.unitId ?? null}::int IS NULL OR p.unit_id = ${query.unitId ?? null})
    AND (${query.rank ?? null}::text IS NULL OR p.rank = ${query.rank ?? null})`;
  const [rows, count] = await Promise.all([
    sql<PersonRow>`SELECT ${personColumns} ${personJoins} ${where}
      ORDER BY CASE p.rank WHEN 'bureau' THEN 0 WHEN 'division' THEN 1 WHEN 'section' THEN 2 ELSE 3 END, p.id
      LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`.execute(db),
    sql<{ total: number }>`SELECT count(*)::int AS total ${personJoins} ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: count.rows[0]?.total ?? 0 };
}

export async function findVisiblePerson(db: Kysely<DB> | Transaction<DB>, actor: Actor, year: number, id: number): Promise<PersonRow | undefined> {
  const result = await sql<PersonRow>`SELECT ${personColumns} ${personJoins} WHERE p.id = ${id} AND ${isPersonVisible(actor, year)}`.execute(db);
  return result.rows[0];
}

export type ChangeRequestRow = {
  id: number;
  person_id: number;
  person_name: string;
  new_rank: Rank | null;
  new_unit_id: number | null;
  new_unit_name: string | null;
  current_rank: Rank;
  current_unit_id: number;
  current_unit_name: string;
  reason: string;
  status: 'submitted' | 'approved' | 'rejected' | 'withdrawn';
  requested_by: number;
  requested_by_name: string;
  created_at: Date;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
};

function changeRequestSelect(db: Kysely<DB> | Transaction<DB>) {
  return db
    .selectFrom('person_change_requests as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .innerJoin('units as current_unit', 'current_unit.id', 'p.unit_id')
    .leftJoin('units as new_unit', 'new_unit.id', 'r.new_unit_id')
    .innerJoin('users as requester', 'requester.id', 'r.requested_by')
    .leftJoin('users as decider', 'decider.id', 'r.decided_by')
    .select([
      'r.id',
      'r.person_id',
      'p.name as person_name',
      'r.new_rank',
      'r.new_unit_id',
      'new_unit.name as new_unit_name',
      'p.rank as current_rank',
      'p.unit_id as current_unit_id',
      'current_unit.name as current_unit_name',
      'r.reason',
      'r.status',
      'r.requested_by',
      'requester.display_name as requested_by_name',
      'r.created_at',
      'decider.display_name as decided_by_name',
      'r.decided_at',
      'r.decision_note',
    ]);
}

export function listChangeRequests(db: Kysely<DB>, filter: { status?: ChangeRequestRow['status'] | undefined; personId?: number }): Promise<ChangeRequestRow[]> {
  let query = changeRequestSelect(db).orderBy('r.id', 'desc');
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.personId !== undefined) query = query.where('r.person_id', '=', filter.personId);
  return query.execute();
}

export function findChangeRequest(db: Kysely<DB> | Transaction<DB>, id: number): Promise<ChangeRequestRow | undefined> {
  return changeRequestSelect(db).where('r.id', '=', id).executeTakeFirst();
}
