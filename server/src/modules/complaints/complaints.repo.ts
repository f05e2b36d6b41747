import { sql, type Kysely, type Transaction } from 'kysely';
import type { ComplaintChannel, ComplaintStatus } from '../../db/schema.complaints.ts';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';
import { assessmentMapYear } from '../regions/regions.policy.ts';
import { isComplaintVisible } from './complaints.policy.ts';

export type ComplaintRow = {
  id: number;
  tracking_code: string;
  channel: ComplaintChannel;
  subject: string;
  content: string;
  region_code: string;
  region_name: string;
  region_path: string;
  is_anonymous: boolean;
  complainant_name: string | null;
  complainant_phone_cipher: string | null;
  complainant_phone_masked: string | null;
  complainant_contact: string | null;
  status: ComplaintStatus;
  suggested_unit_code: string | null;
  assigned_unit_code: string | null;
  assigned_unit_name: string | null;
  decision_reason: string | null;
  answer: string | null;
  answered_by_name: string | null;
  answered_at: Date | null;
  reopen_reason: string | null;
  confirmed_at: Date | null;
  household_id: number | null;
  household_no: string | null;
  household_head_name: string | null;
  village_code: string | null;
  village_name: string | null;
  problem_id: number | null;
  problem_status: string | null;
  problem_description: string | null;
  inspection_id: number | null;
  inspection_title: string | null;
  recorded_by_name: string | null;
  triaged_by_name: string | null;
  triaged_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

export type ComplaintFilter = {
  status?: ComplaintStatus | undefined;
  channel?: ComplaintChannel | undefined;
  unitCode?: string | undefined;
  q?: string | undefined;
};

/**
 * The assessment unit a region belongs to in `year` (R-O2): a town's or village's unit from the
 * year's map, or the unit that governs a county-level region.
 */
function unitOfRegion(regionAlias: string, year: number) {
  const town = sql.ref(`${regionAlias}.town_code`);
  const code = sql.ref(`${regionAlias}.code`);
  return sql<string | null>`COALESCE(
    (SELECT aut.unit_code FROM assessment_unit_towns aut WHERE aut.town_code = ${town} AND aut.year = ${assessmentMapYear(year)}),
    (SELECT au.code FROM assessment_units au WHERE au.governs_county AND au.county_code = ${code}))`;
}

function complaintSelect(year: number) {
  return sql`SELECT c.id, c.tracking_code, c.channel, c.subject, c.content, c.region_code, r.name AS region_name,
      concat_ws(' ', county.name, town.name, CASE WHEN r.level = 'village' THEN r.name END) AS region_path,
      c.is_anonymous, c.complainant_name, c.complainant_phone_cipher, c.complainant_phone_masked, c.complainant_contact,
      c.status, ${unitOfRegion('r', year)} AS suggested_unit_code, c.assigned_unit_code, au.name AS assigned_unit_name,
      c.decision_reason, c.answer, answerer.display_name AS answered_by_name, c.answered_at, c.reopen_reason, c.confirmed_at,
      c.household_id::int AS household_id, h.household_no, h.head_name AS household_head_name, c.village_code, village.name AS village_name,
      c.problem_id, pr.status AS problem_status, pr.description AS problem_description, c.inspection_id, i.title AS inspection_title,
      recorder.display_name AS recorded_by_name, triager.display_name AS triaged_by_name, c.triaged_at, c.created_at, c.updated_at
    FROM complaints c
    JOIN regions r ON r.code = c.region_code
    LEFT JOIN regions county ON county.code = r.county_code
    LEFT JOIN regions town ON town.code = r.town_code
    LEFT JOIN assessment_units au ON au.code = c.assigned_unit_code
    LEFT JOIN users answerer ON answerer.id = c.answered_by
    LEFT JOIN households h ON h.id = c.household_id
    LEFT JOIN regions village ON village.code = c.village_code
    LEFT JOIN problems pr ON pr.id = c.problem_id
    LEFT JOIN inspections i ON i.id = c.inspection_id
    LEFT JOIN users recorder ON recorder.id = c.recorded_by
    LEFT JOIN users triager ON triager.id = c.triaged_by`;
}

export async function listVisibleComplaints(db: Kysely<DB>, actor: Actor, year: number, filter: ComplaintFilter): Promise<ComplaintRow[]> {
  const pattern = filter.q ? `%${filter.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%` : null;
  const result = await sql<ComplaintRow>`${complaintSelect(year)}
    WHERE ${isComplaintVisible(actor)}
      AND (${filter.status ?? null}::text IS NULL OR c.status = ${filter.status ?? null})
      AND (${filter.channel ?? null}::text IS NULL OR c.channel = ${filter.channel ?? null})
      AND (${filter.unitCode ?? null}::text IS NULL OR c.assigned_unit_code = ${filter.unitCode ?? null})
      AND (${pattern}::text IS NULL OR c.subject ILIKE ${pattern} OR c.content ILIKE ${pattern} OR c.tracking_code = upper(${filter.q ?? null}))
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT 1000`.execute(db);
  return result.rows;
}

export async function findVisibleComplaint(db: Kysely<DB> | Transaction<DB>, actor: Actor, year: number, id: number): Promise<ComplaintRow | undefined> {
  const result = await sql<ComplaintRow>`${complaintSelect(year)} WHERE c.id = ${id} AND ${isComplaintVisible(actor)}`.execute(db);
  return result.rows[0];
}

export async function findComplaintByTrackingCode(db: Kysely<DB>, year: number, code: string): Promise<ComplaintRow | undefined> {
  const result = await sql<ComplaintRow>`${complaintSelect(year)} WHERE c.tracking_code = ${code}`.execute(db);
  return result.rows[0];
}

export type PublicRegionRow = { code: string; name: string; level: string; has_children: boolean };

/** Regions of Huizhou under one parent, for the public form's picker: counties, then towns, then villages. */
export async function listHuizhouChildRegions(db: Kysely<DB>, parentCode: string): Promise<PublicRegionRow[]> {
  const result = await sql<PublicRegionRow>`
    SELECT r.code, r.name, r.level, EXISTS (SELECT 1 FROM regions child WHERE child.parent_code = r.code) AS has_children
    FROM regions r
    WHERE r.parent_code = ${parentCode} AND r.city_code = '4413' AND r.level IN ('county', 'town', 'village')
    ORDER BY r.code`.execute(db);
  return result.rows;
}

/** The assessment units of 考2 in the year's map, each with the county it governs (none for 大亚湾, 仲恺). */
export async function listPublicAssessmentUnits(db: Kysely<DB>, year: number) {
  const result = await sql<{ code: string; name: string; region_code: string | null }>`
    SELECT au.code, au.name, CASE WHEN au.governs_county THEN au.county_code END AS region_code
    FROM assessment_units au
    WHERE EXISTS (SELECT 1 FROM assessment_unit_towns aut WHERE aut.unit_code = au.code AND aut.year = ${assessmentMapYear(year)})
    ORDER BY au.sort_order`.execute(db);
  return result.rows;
}

/** The towns an assessment unit administers in the year's map. */
export async function listPublicUnitTowns(db: Kysely<DB>, unitCode: string, year: number): Promise<PublicRegionRow[]> {
  const result = await sql<PublicRegionRow>`
    SELECT r.code, r.name, r.level, EXISTS (SELECT 1 FROM regions child WHERE child.parent_code = r.code) AS has_children
    FROM assessment_unit_towns aut JOIN regions r ON r.code = aut.town_code
    WHERE aut.unit_code = ${unitCode} AND aut.year = ${assessmentMapYear(year)}
    ORDER BY r.code`.execute(db);
  return result.rows;
}

/** A county, town or village of Huizhou, or undefined. */
export async function findHuizhouRegion(db: Kysely<DB> | Transaction<DB>, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'town_code', 'county_code'])
    .where('code', '=', code)
    .where('city_code', '=', '4413')
    .where('level', 'in', ['county', 'town', 'village'])
    .executeTakeFirst();
}
