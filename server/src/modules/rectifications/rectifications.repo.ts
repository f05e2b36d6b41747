import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB, ProblemSource, ProblemStatus } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';
import { escalatableStatuses, resolvedStatuses } from './rectifications.escalation.ts';
import { isProblemVisible } from './rectifications.policy.ts';

export type ProblemRow = {
  id: number;
  source: ProblemSource;
  source_id: number;
  inspection_id: number | null;
  inspection_title: string | null;
  category: string;
  checklist_item_id: number | null;
  checklist_code: string | null;
  checklist_title: string | null;
  /** A county (assessment unit) or, for a supervision of an assistance unit, the unit — exactly one is set. */
  responsible_unit_code: string | null;
  responsible_unit_id: number | null;
  responsible_unit_name: string;
  supervision_id: number | null;
  supervision_topic: string | null;
  /** The 督9 key area's title for a supervision problem ('9.4' → 精准识别、精准退出情况). */
  category_title: string | null;
  description: string;
  evidence: string;
  severity: 'general' | 'serious';
  requirement: string;
  notified_on: string | null;
  deadline: string | null;
  days_left: number | null;
  is_overdue: boolean;
  awaiting_days: number | null;
  measures: string | null;
  rectification_evidence: string | null;
  reported_at: Date | null;
  extension_reason: string | null;
  requested_deadline: string | null;
  verified_by_name: string | null;
  verified_at: Date | null;
  verification_note: string | null;
  return_reason: string | null;
  status: ProblemStatus;
  created_at: Date;
  escalation_level: 0 | 1 | 2;
  escalated_at: Date | null;
};

export type ProblemFilter = {
  unitCode?: string | undefined;
  /** An assistance unit responsible (supervision of an assistance unit). */
  unitId?: number | undefined;
  status?: ProblemStatus | undefined;
  source?: ProblemSource | undefined;
  overdue?: boolean | undefined;
  inspectionId?: number | undefined;
  /** Escalated to exactly this level (督18) and still unresolved — what the ledger shows as 逾期督办 / 已报市委市政府. */
  escalated?: 1 | 2 | undefined;
};

/**
 * Overdue (R-I7, 督18): the deadline has passed on `today` and the responsible unit still owes its report — the states
 * the escalation rule reads too. A reported problem waits on the office (its own age, `awaiting_days`), a verified one
 * is done, a transferred one follows its transfer.
 */
function isOverdue(today: string) {
  return sql<boolean>`(pr.deadline IS NOT NULL AND pr.deadline < ${today}::date AND pr.status = ANY(${[...escalatableStatuses]}::text[]))`;
}

/** Escalated (督18) and not yet resolved: the level is kept as history, but shown only while the problem is open. */
function isEscalationActive() {
  return sql<boolean>`(pr.escalation_level > 0 AND NOT (pr.status = ANY(${[...resolvedStatuses]}::text[])))`;
}

/**
 * The ledger's rows with their names looked up, for the problems matching `where` (a condition on `pr`).
 * The lookups are split in two joins of five tables each, the inner one fenced by OFFSET 0: as one join of
 * nine tables PostgreSQL spent 5–10 ms choosing a join order for the whole ledger — several times the
 * 1–2 ms of executing it — and about 2 ms for a single problem, on every request. The filter stays inside
 * the fence, so a single problem is still found by its key before anything is joined.
 */
function problemSelect(today: string, where: RawBuilder<boolean>) {
  return sql`SELECT pr.id, pr.source, pr.source_id, pr.inspection_id, pr.inspection_title, pr.category,
      coalesce(pr.checklist_item_id, pr.supervision_checklist_item_id) AS checklist_item_id, coalesce(ci.code, sci.code) AS checklist_code,
      coalesce(ci.title, sci.title) AS checklist_title, pr.supervision_id, sv.topic AS supervision_topic, area.title AS category_title,
      pr.responsible_unit_code, pr.responsible_unit_id, pr.responsible_unit_name,
      pr.description, pr.evidence, pr.severity, pr.requirement, pr.notified_on::text AS notified_on, pr.deadline::text AS deadline,
      (pr.deadline - ${today}::date) AS days_left, ${isOverdue(today)} AS is_overdue,
      CASE WHEN pr.status = 'reported' THEN ${today}::date - (pr.reported_at AT TIME ZONE 'Asia/Shanghai')::date END AS awaiting_days,
      pr.measures, pr.rectification_evidence, pr.reported_at, pr.extension_reason, pr.requested_deadline::text AS requested_deadline,
      pr.verified_by_name, pr.verified_at, pr.verification_note, pr.return_reason, pr.status, pr.created_at,
      pr.escalation_level, pr.escalated_at
    FROM (
      SELECT pr.*, i.title AS inspection_title, coalesce(au.name, unit.name) AS responsible_unit_name, verifier.display_name AS verified_by_name
      FROM problems pr
      LEFT JOIN assessment_units au ON au.code = pr.responsible_unit_code
      LEFT JOIN units unit ON unit.id = pr.responsible_unit_id
      LEFT JOIN inspections i ON i.id = pr.inspection_id
      LEFT JOIN users verifier ON verifier.id = pr.verified_by
      WHERE ${where}
      OFFSET 0) pr
    LEFT JOIN supervisions sv ON sv.id = pr.supervision_id
    LEFT JOIN checklist_items ci ON ci.id = pr.checklist_item_id
    LEFT JOIN supervision_checklist_items sci ON sci.id = pr.supervision_checklist_item_id
    LEFT JOIN supervision_checklist_items area ON area.year = sci.year AND area.code = pr.category`;
}

export async function listVisibleProblems(db: Kysely<DB>, actor: Actor, today: string, filter: ProblemFilter): Promise<ProblemRow[]> {
  const where = sql<boolean>`${isProblemVisible(actor)}
      AND (${filter.unitCode ?? null}::text IS NULL OR pr.responsible_unit_code = ${filter.unitCode ?? null})
      AND (${filter.unitId ?? null}::int IS NULL OR pr.responsible_unit_id = ${filter.unitId ?? null})
      AND (${filter.status ?? null}::text IS NULL OR pr.status = ${filter.status ?? null})
      AND (${filter.source ?? null}::text IS NULL OR pr.source = ${filter.source ?? null})
      AND (${filter.inspectionId ?? null}::int IS NULL OR pr.inspection_id = ${filter.inspectionId ?? null})
      AND (${filter.overdue ?? null}::boolean IS NULL OR ${isOverdue(today)} = ${filter.overdue ?? null})
      AND (${filter.escalated ?? null}::int IS NULL OR (pr.escalation_level = ${filter.escalated ?? null} AND ${isEscalationActive()}))`;
  const result = await sql<ProblemRow>`${problemSelect(today, where)}
    ORDER BY ${isOverdue(today)} DESC, pr.deadline NULLS LAST, pr.id
    LIMIT 1000`.execute(db);
  return result.rows;
}

export async function findVisibleProblem(db: Kysely<DB> | Transaction<DB>, actor: Actor, today: string, id: number): Promise<ProblemRow | undefined> {
  const result = await sql<ProblemRow>`${problemSelect(today, sql<boolean>`pr.id = ${id} AND ${isProblemVisible(actor)}`)}`.execute(db);
  return result.rows[0];
}

export type LedgerSummaryRow = {
  kind: 'assessment_unit' | 'assistance_unit';
  unit_code: string | null;
  unit_id: number | null;
  unit_name: string;
  total: number;
  not_notified: number;
  unresolved: number;
  awaiting_verification: number;
  overdue: number;
  verified: number;
  escalated: number;
  reported_to_city: number;
};

/**
 * Per assessment unit (every one) and per assistance unit (those with problems) in one statement: problems
 * in all, not yet notified, unresolved, reported and awaiting verification, overdue, verified, and the
 * unresolved ones escalated (督办) and reported to 市委、市政府.
 */
export async function summariseLedger(db: Kysely<DB>, today: string): Promise<LedgerSummaryRow[]> {
  const result = await sql<LedgerSummaryRow>`
    WITH responsible AS (
      SELECT 'assessment_unit' AS kind, au.code AS unit_code, NULL::int AS unit_id, au.name AS unit_name, 0 AS kind_order, au.sort_order, pr.*
      FROM assessment_units au LEFT JOIN problems pr ON pr.responsible_unit_code = au.code
      UNION ALL
      SELECT 'assistance_unit', NULL, u.id, u.name, 1, 0, pr.*
      FROM units u JOIN problems pr ON pr.responsible_unit_id = u.id)
    SELECT pr.kind, pr.unit_code, pr.unit_id, pr.unit_name,
      count(pr.id)::int AS total,
      count(pr.id) FILTER (WHERE pr.notified_on IS NULL)::int AS not_notified,
      count(pr.id) FILTER (WHERE pr.notified_on IS NOT NULL AND pr.status NOT IN ('verified', 'transferred'))::int AS unresolved,
      count(pr.id) FILTER (WHERE pr.status = 'reported')::int AS awaiting_verification,
      count(pr.id) FILTER (WHERE ${isOverdue(today)})::int AS overdue,
      count(pr.id) FILTER (WHERE pr.status = 'verified')::int AS verified,
      count(pr.id) FILTER (WHERE ${isEscalationActive()})::int AS escalated,
      count(pr.id) FILTER (WHERE ${isEscalationActive()} AND pr.escalation_level = 2)::int AS reported_to_city
    FROM responsible pr
    GROUP BY pr.kind, pr.unit_code, pr.unit_id, pr.unit_name, pr.kind_order, pr.sort_order
    ORDER BY pr.kind_order, pr.sort_order, pr.unit_name`.execute(db);
  return result.rows;
}
