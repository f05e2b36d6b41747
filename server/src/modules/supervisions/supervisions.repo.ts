import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, RecordMethod } from '../../db/schema.ts';
import type { SupervisionPlanStatus, SupervisionStatus, SupervisionType } from '../../db/schema.supervisions.ts';
import type { Actor } from '../../kernel/access.ts';
import { checklistTemplateYear } from '../checklists/checklists.service.ts';
import type { FieldRecordRow } from '../findings/findings.service.ts';
import { assessmentMapYear } from '../regions/regions.policy.ts';
import { isSupervisionVisible, isVisitVisible } from './supervisions.policy.ts';

export type SupervisionRow = {
  id: number;
  plan_id: number;
  plan_status: SupervisionPlanStatus;
  year: number;
  type: SupervisionType;
  target_kind: 'assessment_unit' | 'assistance_unit';
  target_assessment_unit_code: string | null;
  target_unit_id: number | null;
  target_name: string;
  target_county_code: string | null;
  target_county_name: string | null;
  topic: string;
  planned_start: string | null;
  planned_end: string | null;
  status: SupervisionStatus;
  proposed_by_name: string;
  created_at: Date;
  approved_by_name: string | null;
  approved_at: Date | null;
  report: string | null;
  report_submitted_at: Date | null;
  result_notified_on: string | null;
  result_text: string | null;
  rectification_deadline: string | null;
  result_notified_by_name: string | null;
  closed_at: Date | null;
  team_role: 'leader' | 'member' | null;
  /** Findings not yet verified as rectified nor transferred: while there are any, the supervision cannot be closed. */
  unresolved_count: number;
};

function supervisionSelect(actor: Actor) {
  return sql`SELECT s.id, s.plan_id, p.status AS plan_status, p.year, s.type,
      CASE WHEN s.target_assessment_unit_code IS NOT NULL THEN 'assessment_unit' ELSE 'assistance_unit' END AS target_kind,
      s.target_assessment_unit_code, s.target_unit_id, coalesce(au.name, u.name) AS target_name,
      au.county_code AS target_county_code, county.name AS target_county_name,
      s.topic, s.planned_start::text AS planned_start, s.planned_end::text AS planned_end, s.status,
      proposer.display_name AS proposed_by_name, s.created_at, approver.display_name AS approved_by_name, s.approved_at,
      s.report, s.report_submitted_at, s.result_notified_on::text AS result_notified_on, s.result_text,
      s.rectification_deadline::text AS rectification_deadline, notifier.display_name AS result_notified_by_name, s.closed_at,
      (SELECT own_member.role FROM supervision_team_members own_member
        JOIN users own_user ON own_user.person_id = own_member.person_id
        WHERE own_member.supervision_id = s.id AND own_user.id = ${actor.id} LIMIT 1) AS team_role,
      (SELECT count(*)::int FROM problems pr WHERE pr.supervision_id = s.id AND pr.status NOT IN ('verified', 'transferred')) AS unresolved_count
    FROM supervisions s
    JOIN supervision_plans p ON p.id = s.plan_id
    LEFT JOIN assessment_units au ON au.code = s.target_assessment_unit_code
    LEFT JOIN regions county ON county.code = au.county_code
    LEFT JOIN units u ON u.id = s.target_unit_id
    JOIN users proposer ON proposer.id = s.proposed_by
    LEFT JOIN users approver ON approver.id = s.approved_by
    LEFT JOIN users notifier ON notifier.id = s.result_notified_by`;
}

export async function listVisibleSupervisions(
  db: Kysely<DB>,
  actor: Actor,
  filter: { year?: number | undefined; status?: SupervisionStatus | undefined; type?: SupervisionType | undefined },
): Promise<SupervisionRow[]> {
  const result = await sql<SupervisionRow>`${supervisionSelect(actor)}
    WHERE ${isSupervisionVisible(actor)}
      AND (${filter.year ?? null}::int IS NULL OR p.year = ${filter.year ?? null})
      AND (${filter.status ?? null}::text IS NULL OR s.status = ${filter.status ?? null})
      AND (${filter.type ?? null}::text IS NULL OR s.type = ${filter.type ?? null})
    ORDER BY p.year DESC, s.id DESC LIMIT 500`.execute(db);
  return result.rows;
}

/** One supervision if the actor may see it; undefined otherwise (out of scope reads as not found). */
export async function findVisibleSupervision(db: Kysely<DB> | Transaction<DB>, actor: Actor, id: number): Promise<SupervisionRow | undefined> {
  const result = await sql<SupervisionRow>`${supervisionSelect(actor)} WHERE s.id = ${id} AND ${isSupervisionVisible(actor)}`.execute(db);
  return result.rows[0];
}

export type PlanRow = {
  id: number;
  year: number;
  title: string;
  status: SupervisionPlanStatus;
  created_by_name: string;
  approved_by_name: string | null;
  approved_at: Date | null;
  supervision_count: number;
};

export async function listPlans(db: Kysely<DB>, year: number | undefined): Promise<PlanRow[]> {
  const result = await sql<PlanRow>`
    SELECT p.id, p.year, p.title, p.status, creator.display_name AS created_by_name, approver.display_name AS approved_by_name, p.approved_at,
      (SELECT count(*)::int FROM supervisions s WHERE s.plan_id = p.id) AS supervision_count
    FROM supervision_plans p
    JOIN users creator ON creator.id = p.created_by
    LEFT JOIN users approver ON approver.id = p.approved_by
    WHERE (${year ?? null}::int IS NULL OR p.year = ${year ?? null})
    ORDER BY p.year DESC`.execute(db);
  return result.rows;
}

export type TeamMemberRow = { person_id: number; name: string; unit_name: string; post: string; role: 'leader' | 'member' };

export async function listTeamMembers(db: Kysely<DB>, supervisionId: number): Promise<TeamMemberRow[]> {
  return db
    .selectFrom('supervision_team_members as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['m.person_id', 'p.name', 'u.name as unit_name', 'p.post', 'm.role'])
    .where('m.supervision_id', '=', supervisionId)
    .orderBy(sql`m.role = 'leader'`, 'desc')
    .orderBy('p.id')
    .execute();
}

/** Whether each person's unit is a member unit of the city's leading group (督7). */
export async function findLeadingGroupMembership(
  db: Kysely<DB> | Transaction<DB>,
  personIds: readonly number[],
): Promise<{ id: number; name: string; unit_name: string; is_leading_group_member: boolean }[]> {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('people as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.name', 'u.name as unit_name', 'u.is_leading_group_member'])
    .where('p.id', 'in', [...personIds])
    .execute();
}

export type CoverageRow = {
  kind: 'assessment_unit' | 'assistance_unit';
  assessment_unit_code: string | null;
  unit_id: number | null;
  name: string;
  assistance_category: '市直' | '驻惠' | null;
  comprehensive_count: number;
};

/**
 * R-S2 in one statement: every assessment unit and every assistance unit, with the number of
 * 综合督查 of the year's plan that have been approved (or gone further) for it.
 */
export async function listCoverage(db: Kysely<DB>, year: number): Promise<CoverageRow[]> {
  const result = await sql<CoverageRow>`
    WITH covering AS (
      SELECT s.target_assessment_unit_code, s.target_unit_id
      FROM supervisions s JOIN supervision_plans p ON p.id = s.plan_id
      WHERE p.year = ${year} AND s.type = 'comprehensive' AND s.status <> 'proposed'
    ),
    targets AS (
      SELECT 'assessment_unit' AS kind, au.code AS assessment_unit_code, NULL::int AS unit_id, au.name,
        NULL::text AS assistance_category, 0 AS kind_order, au.sort_order AS sort_key
      FROM assessment_units au
      UNION ALL
      SELECT 'assistance_unit', NULL, u.id, u.name, u.assistance_category, 1, u.id
      FROM units u WHERE u.assistance_category IS NOT NULL
    )
    SELECT t.kind, t.assessment_unit_code, t.unit_id, t.name, t.assistance_category,
      (SELECT count(*)::int FROM covering c
        WHERE c.target_assessment_unit_code = t.assessment_unit_code OR c.target_unit_id = t.unit_id) AS comprehensive_count
    FROM targets t
    ORDER BY t.kind_order, t.sort_key`.execute(db);
  return result.rows;
}

export async function listChecklistItems(db: Kysely<DB>, year: number) {
  const templateYear = await checklistTemplateYear(db, 'supervision', year);
  if (templateYear === null) return [];
  return db.selectFrom('supervision_checklist_items').select(['id', 'area', 'code', 'title']).where('year', '=', templateYear).orderBy('sort_order').execute();
}

/** The field records of a supervision (督4), oldest first, with the 督9 item each covers. */
export async function listRecords(db: Kysely<DB>, supervisionId: number): Promise<FieldRecordRow[]> {
  const result = await sql<FieldRecordRow>`
    SELECT r.id, r.method, r.record_date::text AS record_date, r.place, r.participants, r.notes, r.checklist_item_id,
      ci.code AS checklist_code, ci.title AS checklist_title, recorder.display_name AS recorded_by_name, r.created_at
    FROM supervision_records r
    LEFT JOIN supervision_checklist_items ci ON ci.id = r.checklist_item_id
    JOIN users recorder ON recorder.id = r.recorded_by
    WHERE r.supervision_id = ${supervisionId}
    ORDER BY r.record_date, r.id`.execute(db);
  return result.rows;
}

export async function insertRecord(
  trx: Transaction<DB>,
  record: { supervisionId: number; method: RecordMethod; recordDate: string; place: string; participants: string; notes: string; checklistItemId: number | null; recordedBy: number; createdAt: Date },
): Promise<number> {
  const inserted = await trx
    .insertInto('supervision_records')
    .values({
      supervision_id: record.supervisionId,
      method: record.method,
      record_date: record.recordDate,
      place: record.place,
      participants: record.participants,
      notes: record.notes,
      checklist_item_id: record.checklistItemId,
      recorded_by: record.recordedBy,
      created_at: record.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export type VisitRow = {
  id: number;
  method: RecordMethod;
  planned_on: string;
  target_region_code: string | null;
  target_region_name: string | null;
  target_description: string;
  record_id: number | null;
  record_date: string | null;
  created_by_name: string;
  created_at: Date;
};

/**
 * The visit schedule of a supervision as this actor may see it: the supervised county or unit never
 * gets an unannounced visit (随机访/暗访) — not even its existence — until it has been recorded.
 */
export async function listVisits(db: Kysely<DB>, actor: Actor, supervisionId: number): Promise<VisitRow[]> {
  const result = await sql<VisitRow>`
    SELECT v.id, v.method, v.planned_on::text AS planned_on, v.target_region_code,
      concat_ws('', CASE WHEN region.level = 'village' THEN town.name END, region.name) AS target_region_name,
      v.target_description, v.record_id, r.record_date::text AS record_date, creator.display_name AS created_by_name, v.created_at
    FROM supervision_visits v
    LEFT JOIN regions region ON region.code = v.target_region_code
    LEFT JOIN regions town ON town.code = region.town_code
    LEFT JOIN supervision_records r ON r.id = v.record_id
    JOIN users creator ON creator.id = v.created_by
    WHERE v.supervision_id = ${supervisionId} AND ${isVisitVisible(actor)}
    ORDER BY v.planned_on, v.id`.execute(db);
  return result.rows;
}

/** One visit of the supervision, locked for recording it. */
export async function lockVisit(trx: Transaction<DB>, supervisionId: number, visitId: number) {
  return trx
    .selectFrom('supervision_visits')
    .select(['id', 'method', 'record_id', 'target_description'])
    .where('id', '=', visitId)
    .where('supervision_id', '=', supervisionId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * A town or village the supervision may visit: within the supervised county's towns for the year
 * (the assessment unit's map), or anywhere in the city for a supervision of an assistance unit.
 */
export async function findVisitableRegion(
  db: Kysely<DB>,
  region: { code: string; year: number; assessmentUnitCode: string | null },
): Promise<{ code: string; name: string; level: string } | undefined> {
  const result = await sql<{ code: string; name: string; level: string }>`
    SELECT r.code, r.name, r.level FROM regions r
    WHERE r.code = ${region.code} AND r.level IN ('town', 'village') AND r.city_code = '4413'
      AND (${region.assessmentUnitCode}::text IS NULL OR EXISTS (
        SELECT 1 FROM assessment_unit_towns aut
        WHERE aut.unit_code = ${region.assessmentUnitCode} AND aut.year = ${assessmentMapYear(region.year)} AND aut.town_code = r.town_code))`.execute(db);
  return result.rows[0];
}
