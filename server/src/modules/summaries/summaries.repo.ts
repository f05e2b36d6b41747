import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CommendationKind, CommendationStatus, SupervisionStatus, SupervisionSummaryStatus, SupervisionType } from '../../db/schema.supervisions.ts';
import type { Actor } from '../../kernel/access.ts';
import { isCommendationVisible, isSummaryVisible } from './summaries.policy.ts';

export type CommendationRow = {
  id: number;
  year: number;
  kind: CommendationKind;
  subject_kind: 'assessment_unit' | 'assistance_unit';
  assessment_unit_code: string | null;
  unit_id: number | null;
  subject_name: string;
  supervision_id: number | null;
  supervision_topic: string | null;
  title: string;
  description: string;
  status: CommendationStatus;
  proposed_by_name: string;
  created_at: Date;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
};

const commendationSelect = sql`SELECT c.id, c.year, c.kind,
    CASE WHEN c.assessment_unit_code IS NOT NULL THEN 'assessment_unit' ELSE 'assistance_unit' END AS subject_kind,
    c.assessment_unit_code, c.unit_id, coalesce(au.name, u.name) AS subject_name,
    c.supervision_id, s.topic AS supervision_topic, c.title, c.description, c.status,
    proposer.display_name AS proposed_by_name, c.created_at,
    decider.display_name AS decided_by_name, c.decided_at, c.decision_note
  FROM commendations c
  LEFT JOIN assessment_units au ON au.code = c.assessment_unit_code
  LEFT JOIN units u ON u.id = c.unit_id
  LEFT JOIN supervisions s ON s.id = c.supervision_id
  JOIN users proposer ON proposer.id = c.proposed_by
  LEFT JOIN users decider ON decider.id = c.decided_by`;

export type CommendationFilter = { year?: number | undefined; kind?: CommendationKind | undefined; status?: CommendationStatus | undefined };

export async function listVisibleCommendations(db: Kysely<DB>, actor: Actor, filter: CommendationFilter): Promise<CommendationRow[]> {
  const result = await sql<CommendationRow>`${commendationSelect}
    WHERE ${isCommendationVisible(actor)}
      AND (${filter.year ?? null}::int IS NULL OR c.year = ${filter.year ?? null})
      AND (${filter.kind ?? null}::text IS NULL OR c.kind = ${filter.kind ?? null})
      AND (${filter.status ?? null}::text IS NULL OR c.status = ${filter.status ?? null})
    ORDER BY c.year DESC, c.id DESC LIMIT 1000`.execute(db);
  return result.rows;
}

/** One commendation if the actor may see it; undefined otherwise (out of scope reads as not found). */
export async function findVisibleCommendation(db: Kysely<DB> | Transaction<DB>, actor: Actor, id: number): Promise<CommendationRow | undefined> {
  const result = await sql<CommendationRow>`${commendationSelect} WHERE c.id = ${id} AND ${isCommendationVisible(actor)}`.execute(db);
  return result.rows[0];
}

/** The approved commendations and model cases of a year, commendations first: what the summary and its annex list. */
export async function listApprovedCommendations(db: Kysely<DB> | Transaction<DB>, year: number): Promise<CommendationRow[]> {
  const result = await sql<CommendationRow>`${commendationSelect}
    WHERE c.year = ${year} AND c.status = 'approved'
    ORDER BY c.kind = 'commendation' DESC, au.sort_order NULLS LAST, c.id`.execute(db);
  return result.rows;
}

export type SummaryRow = {
  id: number;
  year: number;
  title: string;
  body: string;
  status: SupervisionSummaryStatus;
  created_by_name: string;
  created_at: Date;
  updated_at: Date;
  submitted_by_name: string | null;
  submitted_at: Date | null;
};

const summarySelect = sql`SELECT ss.id, ss.year, ss.title, ss.body, ss.status, creator.display_name AS created_by_name, ss.created_at, ss.updated_at,
    submitter.display_name AS submitted_by_name, ss.submitted_at
  FROM supervision_summaries ss
  JOIN users creator ON creator.id = ss.created_by
  LEFT JOIN users submitter ON submitter.id = ss.submitted_by`;

export async function listVisibleSummaries(
  db: Kysely<DB>,
  actor: Actor,
  filter: { year?: number | undefined; status?: SupervisionSummaryStatus | undefined },
): Promise<SummaryRow[]> {
  const result = await sql<SummaryRow>`${summarySelect}
    WHERE ${isSummaryVisible(actor)}
      AND (${filter.year ?? null}::int IS NULL OR ss.year = ${filter.year ?? null})
      AND (${filter.status ?? null}::text IS NULL OR ss.status = ${filter.status ?? null})
    ORDER BY ss.year DESC, ss.id DESC LIMIT 500`.execute(db);
  return result.rows;
}

export async function findVisibleSummary(db: Kysely<DB> | Transaction<DB>, actor: Actor, id: number): Promise<SummaryRow | undefined> {
  const result = await sql<SummaryRow>`${summarySelect} WHERE ss.id = ${id} AND ${isSummaryVisible(actor)}`.execute(db);
  return result.rows[0];
}

// ---- the figures of the office's summary (督11), each one aggregate statement over the year's data ----

export type SupervisionCountRow = { type: SupervisionType; status: SupervisionStatus; count: number };

/** The year's supervisions (by the year of their plan) counted by type and state. */
export async function countSupervisions(db: Kysely<DB>, year: number): Promise<SupervisionCountRow[]> {
  const result = await sql<SupervisionCountRow>`
    SELECT s.type, s.status, count(*)::int AS count
    FROM supervisions s JOIN supervision_plans p ON p.id = s.plan_id
    WHERE p.year = ${year}
    GROUP BY s.type, s.status
    ORDER BY s.type, s.status`.execute(db);
  return result.rows;
}

export type AreaProblemRow = {
  code: string;
  title: string;
  total: number;
  verified: number;
  reported: number;
  overdue: number;
  transferred: number;
};

/**
 * Problems found by the year's supervisions per 督9 area, every area listed even without problems,
 * with their rectification progress on `today`: verified by the office, reported and awaiting
 * verification, overdue (deadline passed, not verified — as in the ledger) and transferred.
 * Area titles come from the year's 责任清单, or the latest earlier year's when the year has none.
 */
export async function countSupervisionProblemsByArea(db: Kysely<DB>, year: number, today: string): Promise<AreaProblemRow[]> {
  const result = await sql<AreaProblemRow>`
    WITH checklist_year AS (
      SELECT coalesce(
        (SELECT max(year) FROM supervision_checklist_items WHERE year <= ${year}),
        (SELECT min(year) FROM supervision_checklist_items)) AS year
    ),
    areas AS (
      SELECT ci.code, ci.title, ci.sort_order
      FROM supervision_checklist_items ci JOIN checklist_year cy ON cy.year = ci.year
      WHERE ci.code ~ '^9\\.[1-8]$'
    ),
    found AS (
      SELECT pr.category, pr.status, pr.deadline
      FROM problems pr
      JOIN supervisions s ON s.id = pr.supervision_id
      JOIN supervision_plans p ON p.id = s.plan_id
      WHERE pr.source = 'supervision' AND p.year = ${year}
    )
    SELECT a.code, a.title,
      count(f.category)::int AS total,
      count(f.category) FILTER (WHERE f.status = 'verified')::int AS verified,
      count(f.category) FILTER (WHERE f.status = 'reported')::int AS reported,
      count(f.category) FILTER (WHERE f.deadline IS NOT NULL AND f.deadline < ${today}::date AND f.status <> 'verified')::int AS overdue,
      count(f.category) FILTER (WHERE f.status = 'transferred')::int AS transferred
    FROM areas a
    LEFT JOIN found f ON f.category = a.code
    GROUP BY a.code, a.title, a.sort_order
    ORDER BY a.sort_order, a.code`.execute(db);
  return result.rows;
}

export type InspectionFiguresRow = { inspections: number; proposed: number; problems: number; transferred: number };

/**
 * The year's inspections (督13–18), reported to the same leaders: approved inspections (those
 * still awaiting or refused approval apart), the problems they found, and how many of those were
 * transferred to 纪检监察 or 检察机关 (督17).
 */
export async function countInspections(db: Kysely<DB>, year: number): Promise<InspectionFiguresRow> {
  const result = await sql<InspectionFiguresRow>`
    SELECT
      (SELECT count(*)::int FROM inspections i WHERE i.year = ${year} AND i.status NOT IN ('proposed', 'rejected')) AS inspections,
      (SELECT count(*)::int FROM inspections i WHERE i.year = ${year} AND i.status = 'proposed') AS proposed,
      count(pr.id)::int AS problems,
      count(pr.id) FILTER (WHERE pr.status = 'transferred' OR EXISTS (SELECT 1 FROM transfers t WHERE t.problem_id = pr.id))::int AS transferred
    FROM problems pr
    JOIN inspections i ON i.id = pr.inspection_id
    WHERE pr.source = 'inspection' AND i.year = ${year}`.execute(db);
  return result.rows[0] ?? { inspections: 0, proposed: 0, problems: 0, transferred: 0 };
}
