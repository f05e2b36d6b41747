import { sql } from 'kysely';
import type { ProblemStatus } from '../../db/schema.ts';
import { assertRole, officeRoles, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent, type AuditActor } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { todayInShanghai } from '../../kernel/time.ts';
import { problemCategoryLabel } from '../findings/findings.service.ts';
import { parametersForYears } from '../parameters/parameters.service.ts';
import { canReadLedgerSummary } from './rectifications.policy.ts';
import { rectificationWorkflow } from './rectifications.workflow.ts';

/*
 * Overdue escalation of the problem ledger (督18, R-I7 "overdue escalated"). 督18 gives the county two
 * months to report its rectification but says nothing of what follows a missed deadline; the steps are
 * parameters of the problem's year (parameters.definitions, Huizhou defaults in brackets):
 *   level 1 「逾期督办」      — `overdueSupervisionDays` after the deadline (the next day), the city office
 *                              supervises the problem (督办);
 *   level 2 「已报市委市政府」 — still not rectified `overdueCityReportMonths` calendar months after the deadline
 *                              (one), it is reported to 市委、市政府, to whom 督18 has the office report on
 *                              rectification anyway.
 * A problem's year is the year of the inspection or supervision that found it, else the year it was notified in.
 * The level is history: verification or a later report never lowers it; views show the label only while
 * the problem is still unresolved.
 */

export type EscalationLevel = 1 | 2;

// Serialises escalation runs (the hourly timer and the office's button), so two never lock the same rows in different orders.
const ESCALATION_LOCK = 2017_0018;

/** How often the running server checks the ledger for newly overdue problems. */
export const ESCALATION_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export const escalationLabels: Record<EscalationLevel, string> = {
  1: '逾期督办',
  2: '已报市委市政府',
};

/**
 * States in which the county still owes a rectification: a reported problem waits on the office, a
 * verified one is done and a transferred one belongs to the discipline bodies. A granted extension has
 * moved the deadline, so it escalates once the new deadline has passed.
 */
export const escalatableStatuses: readonly ProblemStatus[] = ['open', 'in_progress', 'returned', 'extension_requested', 'extension_granted'];

/** States in which an escalated problem is still shown as escalated: everything short of verified or transferred. */
export const resolvedStatuses: readonly ProblemStatus[] = ['verified', 'transferred'];

/** The actor the audit chain names for escalations made by the rule itself (the hourly check at start-up and after). */
export const ESCALATION_SYSTEM_ACTOR: AuditActor = { id: null, name: '系统（逾期自动督办）' };

export type EscalationResult = { today: string; escalated: Record<`level${EscalationLevel}`, number>; problemIds: number[] };

/** The label a view shows for a problem: only while it is escalated and not yet resolved. */
export function escalationLabelOf(level: number, status: ProblemStatus): string | null {
  if (level !== 1 && level !== 2) return null;
  return resolvedStatuses.includes(status) ? null : escalationLabels[level];
}

/** The year of a problem `pr` (its inspection's, its supervision plan's, else its notification's): whose parameters apply. */
const problemYear = sql<number>`COALESCE(
  (SELECT i.year FROM inspections i WHERE i.id = pr.inspection_id),
  (SELECT sp.year FROM supervisions s JOIN supervision_plans sp ON sp.id = s.plan_id WHERE s.id = pr.supervision_id),
  EXTRACT(YEAR FROM pr.notified_on)::int)`;

/**
 * Raises every overdue, unrectified problem to the level it has reached on today's date (Asia/Shanghai) by the
 * steps of its year: one set-based UPDATE per level, one `problem.escalate` audit event per raised problem, all in
 * one transaction. Idempotent — a second run on the same day raises nothing. Level 1 runs first, so a problem
 * that went straight past both thresholds is recorded as 0 → 1 → 2.
 */
export async function escalateOverdueProblems(ctx: AppContext, actor: AuditActor = ESCALATION_SYSTEM_ACTOR): Promise<EscalationResult> {
  const today = todayInShanghai(ctx.clock);
  const now = ctx.clock.now();
  const statuses = [...escalatableStatuses];
  return ctx.db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${ESCALATION_LOCK})`.execute(trx);
    // The years of the problems past their deadline and not yet at the top level, each with its steps.
    const years = await sql<{ year: number }>`
      SELECT DISTINCT ${problemYear} AS year FROM problems pr
      WHERE pr.deadline IS NOT NULL AND pr.notified_on IS NOT NULL AND pr.deadline < ${today}::date
        AND pr.status = ANY(${statuses}::text[]) AND pr.escalation_level < 2`.execute(trx);
    if (years.rows.length === 0) return { today, escalated: { level1: 0, level2: 0 }, problemIds: [] };
    const parameters = await parametersForYears(trx, years.rows.map((row) => row.year));
    const steps = sql.join(
      [...parameters].map(([year, values]) => sql`(${year}::int, ${values.overdueSupervisionDays}::int, ${values.overdueCityReportMonths}::int)`),
    );
    // Both UPDATEs take their row locks before the audit chain's lock, the order every workflow action uses.
    const toLevel1 = await sql<{ id: number; deadline: string }>`
      WITH steps (year, overdue_days, city_report_months) AS (VALUES ${steps})
      UPDATE problems AS pr SET escalation_level = 1, escalated_at = ${now}, updated_at = ${now}
      FROM steps
      WHERE steps.year = ${problemYear} AND pr.deadline IS NOT NULL AND pr.notified_on IS NOT NULL
        AND pr.deadline + steps.overdue_days <= ${today}::date
        AND pr.status = ANY(${statuses}::text[]) AND pr.escalation_level < 1
      RETURNING pr.id, pr.deadline::text AS deadline`.execute(trx);
    // Month arithmetic in SQL: date + interval 'n months' clamps to the month's end, as addCalendarMonths does.
    const toLevel2 = await sql<{ id: number; deadline: string }>`
      WITH steps (year, overdue_days, city_report_months) AS (VALUES ${steps})
      UPDATE problems AS pr SET escalation_level = 2, escalated_at = ${now}, updated_at = ${now}
      FROM steps
      WHERE steps.year = ${problemYear} AND pr.deadline IS NOT NULL AND pr.notified_on IS NOT NULL
        AND (pr.deadline + make_interval(months => steps.city_report_months))::date < ${today}::date
        AND pr.status = ANY(${statuses}::text[]) AND pr.escalation_level < 2
      RETURNING pr.id, pr.deadline::text AS deadline`.execute(trx);
    const level1Ids = toLevel1.rows.map((row) => row.id).sort((a, b) => a - b);
    const level2Ids = toLevel2.rows.map((row) => row.id).sort((a, b) => a - b);
    const deadlines = new Map([...toLevel1.rows, ...toLevel2.rows].map((row) => [row.id, row.deadline]));
    for (const [level, ids] of [[1, level1Ids], [2, level2Ids]] as const) {
      for (const id of ids) {
        await appendAuditEvent(trx, ctx.clock, actor, {
          action: 'problem.escalate',
          entityType: 'problem',
          entityId: id,
          before: { escalationLevel: level - 1 },
          after: { escalationLevel: level, escalationLabel: escalationLabels[level], deadline: deadlines.get(id), checkedOn: today },
        });
      }
    }
    return { today, escalated: { level1: level1Ids.length, level2: level2Ids.length }, problemIds: [...new Set([...level1Ids, ...level2Ids])] };
  });
}

/** The office's 「立即检查逾期」: the same escalation run on demand, recorded in the office user's name. */
export async function escalateOverdueProblemsNow(ctx: AppContext, actor: Actor) {
  assertRole(actor, officeRoles, '执行逾期督办检查（仅限市扶贫办）');
  const result = await escalateOverdueProblems(ctx, { id: actor.id, name: actor.displayName });
  return { today: result.today, escalated: result.escalated };
}

type EscalatedProblemRow = {
  id: number;
  responsible_unit_code: string | null;
  responsible_unit_name: string;
  source: string;
  category: string;
  category_title: string | null;
  description: string;
  deadline: string;
  overdue_days: number;
  escalation_level: EscalationLevel;
  escalated_at: Date;
  status: ProblemStatus;
};

/**
 * For 市委、市政府 (and the office): the problems reported to them — level 2 and still unresolved — with
 * the county or unit responsible, the deadline and the days overdue, longest overdue first.
 */
export async function listProblemsReportedToCity(ctx: AppContext, actor: Actor) {
  if (!canReadLedgerSummary(actor)) {
    throw new AppError('FORBIDDEN', '您的角色无权查看报市委市政府的逾期问题（根据《督查巡查办法》第十八条，由市扶贫办向市委、市政府报告）');
  }
  const today = todayInShanghai(ctx.clock);
  const result = await sql<EscalatedProblemRow>`
    SELECT pr.id, pr.responsible_unit_code, COALESCE(au.name, u.name) AS responsible_unit_name, pr.source, pr.category, area.title AS category_title,
      pr.description, pr.deadline::text AS deadline, (${today}::date - pr.deadline) AS overdue_days,
      pr.escalation_level, pr.escalated_at, pr.status
    FROM problems pr
    LEFT JOIN assessment_units au ON au.code = pr.responsible_unit_code
    LEFT JOIN units u ON u.id = pr.responsible_unit_id
    LEFT JOIN supervision_checklist_items sci ON sci.id = pr.supervision_checklist_item_id
    LEFT JOIN supervision_checklist_items area ON area.year = sci.year AND area.code = pr.category
    WHERE pr.escalation_level = 2 AND NOT (pr.status = ANY(${[...resolvedStatuses]}::text[]))
    ORDER BY pr.deadline, pr.id
    LIMIT 1000`.execute(ctx.db);
  return {
    today,
    items: result.rows.map((row) => ({
      id: row.id,
      responsibleUnitCode: row.responsible_unit_code,
      responsibleUnitName: row.responsible_unit_name,
      category: row.category,
      categoryLabel: problemCategoryLabel(row.category, row.category_title),
      description: row.description,
      deadline: row.deadline,
      overdueDays: Math.max(0, row.overdue_days),
      escalationLevel: row.escalation_level,
      escalationLabel: escalationLabels[row.escalation_level],
      escalatedAt: row.escalated_at,
      status: row.status,
      statusLabel: rectificationWorkflow.stateLabels[row.status],
    })),
  };
}

/**
 * Runs the escalation once now and then every hour while the server runs; the timer does not keep the
 * process alive. Returns the function that stops it and waits for a run in progress, so the database can close.
 */
export function startEscalationSchedule(ctx: AppContext, report: (message: string) => void = console.log): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = escalateOverdueProblems(ctx)
      .then(({ escalated }) => {
        if (escalated.level1 + escalated.level2 > 0) {
          report(`逾期督办检查：${escalated.level1} 个问题升为「${escalationLabels[1]}」，${escalated.level2} 个问题「${escalationLabels[2]}」`);
        }
      })
      .catch((error: unknown) => console.error('逾期督办检查失败：', error));
  };
  run();
  const timer = setInterval(run, ESCALATION_CHECK_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    return running;
  };
}
