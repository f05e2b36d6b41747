import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, Rank } from '../../db/schema.ts';
import type { TeamCandidate } from './teams.rules.ts';

/** People by id with where they come from: home region and unit region, each down to its county. */
export async function findTeamCandidates(db: Kysely<DB> | Transaction<DB>, personIds: readonly number[]): Promise<TeamCandidate[]> {
  if (personIds.length === 0) return [];
  const result = await sql<TeamCandidate>`
    SELECT p.id, p.name, p.rank, u.name AS "unitName",
      concat_ws('', CASE WHEN home.level <> 'county' THEN home_county.name END, home.name) AS "homeRegionName",
      home.county_code AS "homeCountyCode",
      unit_region.name AS "unitRegionName",
      unit_region.county_code AS "unitCountyCode"
    FROM people p JOIN units u ON u.id = p.unit_id
    LEFT JOIN regions home ON home.code = p.home_region_code
    LEFT JOIN regions home_county ON home_county.code = home.county_code
    LEFT JOIN regions unit_region ON unit_region.code = u.region_code
    WHERE p.id = ANY(${[...personIds]}::int[])`.execute(db);
  return result.rows;
}

export type TeamMemberRow = {
  person_id: number;
  name: string;
  unit_name: string;
  post: string;
  rank: Rank;
  role: 'leader' | 'member';
};

export type TeamRow = { id: number; name: string; formed_at: Date; formed_by_name: string };

export async function findTeamOfInspection(db: Kysely<DB>, inspectionId: number): Promise<{ team: TeamRow; members: TeamMemberRow[] } | null> {
  const team = await db
    .selectFrom('teams as t')
    .innerJoin('users as former', 'former.id', 't.formed_by')
    .select(['t.id', 't.name', 't.formed_at', 'former.display_name as formed_by_name'])
    .where('t.inspection_id', '=', inspectionId)
    .executeTakeFirst();
  if (!team) return null;
  const members = await db
    .selectFrom('team_members as tm')
    .innerJoin('people as p', 'p.id', 'tm.person_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['tm.person_id', 'p.name', 'u.name as unit_name', 'p.post', 'p.rank', 'tm.role'])
    .where('tm.team_id', '=', team.id)
    .orderBy(sql`tm.role = 'leader'`, 'desc')
    .orderBy('p.id')
    .execute();
  return { team, members };
}

/** The role (leader/member) the signed-in user's person holds on the inspection's team, or null. */
export async function findTeamRoleOfUser(db: Kysely<DB> | Transaction<DB>, inspectionId: number, userId: number): Promise<'leader' | 'member' | null> {
  const row = await db
    .selectFrom('teams as t')
    .innerJoin('team_members as tm', 'tm.team_id', 't.id')
    .innerJoin('users as usr', 'usr.person_id', 'tm.person_id')
    .select('tm.role')
    .where('t.inspection_id', '=', inspectionId)
    .where('usr.id', '=', userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

export async function insertTeam(
  trx: Transaction<DB>,
  team: { inspectionId: number; name: string; formedBy: number; formedAt: Date; leaderId: number; memberIds: readonly number[] },
): Promise<number> {
  const inserted = await trx
    .insertInto('teams')
    .values({ inspection_id: team.inspectionId, name: team.name, formed_by: team.formedBy, formed_at: team.formedAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('team_members')
    .values([
      { team_id: inserted.id, person_id: team.leaderId, role: 'leader' as const },
      ...team.memberIds.map((personId) => ({ team_id: inserted.id, person_id: personId, role: 'member' as const })),
    ])
    .execute();
  return inserted.id;
}
