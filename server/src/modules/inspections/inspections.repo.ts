import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, InspectionStatus, RecordMethod } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';
import { isInspectionVisible } from './inspections.policy.ts';

export type InspectionRow = {
  id: number;
  year: number;
  title: string;
  assessment_unit_code: string;
  assessment_unit_name: string;
  county_code: string;
  county_name: string;
  reason: string;
  plan: string;
  planned_start: string | null;
  planned_end: string | null;
  rectification_months: number;
  status: InspectionStatus;
  proposed_by_name: string;
  created_at: Date;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  report: string | null;
  report_submitted_at: Date | null;
  feedback_date: string | null;
  feedback_text: string | null;
  closed_at: Date | null;
  team_role: 'leader' | 'member' | null;
  problem_count: number;
  /** Problems not yet verified as rectified nor transferred: while there are any, the inspection cannot be closed. */
  unresolved_count: number;
};

function inspectionSelect(actor: Actor) {
  return sql`SELECT i.id, i.year, i.title, i.assessment_unit_code, au.name AS assessment_unit_name, au.county_code,
      county.name AS county_name, i.reason, i.plan, i.planned_start::text AS planned_start, i.planned_end::text AS planned_end,
      i.rectification_months, i.status, proposer.display_name AS proposed_by_name, i.created_at,
      decider.display_name AS decided_by_name, i.decided_at, i.decision_note, i.report, i.report_submitted_at,
      i.feedback_date::text AS feedback_date, i.feedback_text, i.closed_at,
      (SELECT own_member.role FROM teams own_team
        JOIN team_members own_member ON own_member.team_id = own_team.id
        JOIN users own_user ON own_user.person_id = own_member.person_id
        WHERE own_team.inspection_id = i.id AND own_user.id = ${actor.id} LIMIT 1) AS team_role,
      (SELECT count(*)::int FROM problems pr WHERE pr.source = 'inspection' AND pr.inspection_id = i.id) AS problem_count,
      (SELECT count(*)::int FROM problems pr WHERE pr.inspection_id = i.id AND pr.status NOT IN ('verified', 'transferred')) AS unresolved_count
    FROM inspections i
    JOIN assessment_units au ON au.code = i.assessment_unit_code
    JOIN regions county ON county.code = au.county_code
    JOIN users proposer ON proposer.id = i.proposed_by
    LEFT JOIN users decider ON decider.id = i.decided_by`;
}

export async function listVisibleInspections(
  db: Kysely<DB>,
  actor: Actor,
  filter: { status?: InspectionStatus | undefined; year?: number | undefined },
): Promise<InspectionRow[]> {
  const result = await sql<InspectionRow>`${inspectionSelect(actor)}
    WHERE ${isInspectionVisible(actor)}
      AND (${filter.status ?? null}::text IS NULL OR i.status = ${filter.status ?? null})
      AND (${filter.year ?? null}::int IS NULL OR i.year = ${filter.year ?? null})
    ORDER BY i.id DESC LIMIT 500`.execute(db);
  return result.rows;
}

/** One inspection if the actor may see it; undefined otherwise (out of scope reads as not found). */
export async function findVisibleInspection(db: Kysely<DB> | Transaction<DB>, actor: Actor, id: number): Promise<InspectionRow | undefined> {
  const result = await sql<InspectionRow>`${inspectionSelect(actor)} WHERE i.id = ${id} AND ${isInspectionVisible(actor)}`.execute(db);
  return result.rows[0];
}

export type RecordRow = {
  id: number;
  method: RecordMethod;
  record_date: string;
  place: string;
  participants: string;
  notes: string;
  checklist_item_id: number | null;
  checklist_code: string | null;
  checklist_title: string | null;
  recorded_by_name: string;
  created_at: Date;
};

export async function listRecords(db: Kysely<DB>, inspectionId: number): Promise<RecordRow[]> {
  const result = await sql<RecordRow>`
    SELECT r.id, r.method, r.record_date::text AS record_date, r.place, r.participants, r.notes, r.checklist_item_id,
      ci.code AS checklist_code, ci.title AS checklist_title, recorder.display_name AS recorded_by_name, r.created_at
    FROM inspection_records r
    LEFT JOIN checklist_items ci ON ci.id = r.checklist_item_id
    JOIN users recorder ON recorder.id = r.recorded_by
    WHERE r.inspection_id = ${inspectionId}
    ORDER BY r.record_date, r.id`.execute(db);
  return result.rows;
}

export type RecommendationRow = { id: number; problem: string; recommendation: string; issued_by_name: string; issued_at: Date };

export async function listRecommendations(db: Kysely<DB>, inspectionId: number): Promise<RecommendationRow[]> {
  return db
    .selectFrom('handling_recommendations as h')
    .innerJoin('users as issuer', 'issuer.id', 'h.issued_by')
    .select(['h.id', 'h.problem', 'h.recommendation', 'issuer.display_name as issued_by_name', 'h.issued_at'])
    .where('h.inspection_id', '=', inspectionId)
    .orderBy('h.id')
    .execute();
}
