import { sql } from 'kysely';
import { assertRole, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { problemCategoryLabel } from '../findings/findings.service.ts';
import { getRectification } from '../rectifications/rectifications.service.ts';
import { rectificationWorkflow } from '../rectifications/rectifications.workflow.ts';
import { redactPersonalData } from '../../kernel/redaction.ts';
import { disclosureDecisionLabels } from './disclosures.schema.ts';

const disclosureRoles = ['office_admin', 'office_staff'] as const;

/**
 * 督18, R-I8: the office decides whether a verified rectification is published, and why. What the
 * public will read — problem, requirement and measures — is redacted now and stored with the
 * decision: names known to the registry, the roster, a linked complaint or the office, 身份证号
 * and phone numbers are masked. A later decision replaces the earlier one; both are audited.
 */
export async function decideDisclosure(
  ctx: AppContext,
  actor: Actor,
  problemId: number,
  body: { decision: 'disclose' | 'withhold'; reason: string; extraNames?: string[] | undefined },
) {
  assertRole(actor, disclosureRoles, '决定整改结果是否公开（须由市扶贫办决定）');
  await getRectification(ctx, actor, problemId);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    // The row lock keeps a concurrent return of the problem from slipping between the check and the decision.
    // An assistance unit's problem (督12) has no county: only the names of people are looked for then.
    const locked = await sql<{ status: string; description: string; requirement: string; measures: string | null; county_code: string | null }>`
      SELECT pr.status, pr.description, pr.requirement, pr.measures, au.county_code
      FROM problems pr LEFT JOIN assessment_units au ON au.code = pr.responsible_unit_code
      WHERE pr.id = ${problemId} FOR UPDATE OF pr`.execute(trx);
    const problem = locked.rows[0];
    if (!problem) throw notFound(`编号为 ${problemId} 的问题`);
    if (problem.status !== 'verified') {
      throw new AppError(
        'INVALID_STATE',
        `该问题当前状态为「${rectificationWorkflow.stateLabels[problem.status as keyof typeof rectificationWorkflow.stateLabels] ?? problem.status}」，只有核验整改到位的问题才能决定是否公开`,
        { currentState: problem.status, action: 'decideDisclosure' },
      );
    }
    const previous = await trx.selectFrom('problem_disclosures').select(['decision', 'reason']).where('problem_id', '=', problemId).executeTakeFirst();
    let published: { description: string; requirement: string; measures: string } | null = null;
    if (body.decision === 'disclose') {
      const text = [problem.description, problem.requirement, problem.measures ?? ''].join('\n');
      const names = await sql<{ name: string }>`
        SELECT DISTINCT candidate.name FROM (
          SELECT p.name FROM people p
          UNION ALL SELECT h.head_name FROM households h WHERE h.county_code = ${problem.county_code}
          UNION ALL SELECT m.name FROM household_members m JOIN households h ON h.id = m.household_id WHERE h.county_code = ${problem.county_code}
          UNION ALL SELECT c.complainant_name FROM complaints c WHERE c.problem_id = ${problemId} AND c.complainant_name IS NOT NULL
        ) candidate
        WHERE length(candidate.name) >= 2 AND strpos(${text}, candidate.name) > 0`.execute(trx);
      const known = [...names.rows.map((row) => row.name), ...(body.extraNames ?? [])];
      published = {
        description: redactPersonalData(problem.description, known),
        requirement: redactPersonalData(problem.requirement, known),
        measures: redactPersonalData(problem.measures ?? '', known),
      };
    }
    const values = {
      decision: body.decision,
      reason: body.reason,
      published_description: published?.description ?? null,
      published_requirement: published?.requirement ?? null,
      published_measures: published?.measures ?? null,
      decided_by: actor.id,
      decided_at: now,
    };
    await trx
      .insertInto('problem_disclosures')
      .values({ problem_id: problemId, ...values })
      .onConflict((conflict) => conflict.column('problem_id').doUpdateSet(values))
      .execute();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'problem.decideDisclosure',
      entityType: 'problem',
      entityId: problemId,
      before: previous ?? null,
      after: { decision: body.decision, reason: body.reason, redactedNames: body.extraNames?.length ?? 0 },
    });
  });
  return getDisclosure(ctx, actor, problemId);
}

type DisclosureRow = {
  problem_id: number;
  decision: 'disclose' | 'withhold';
  reason: string;
  published_description: string | null;
  published_requirement: string | null;
  published_measures: string | null;
  decided_by_name: string;
  decided_at: Date;
};

function toDisclosureView(row: DisclosureRow) {
  return {
    problemId: row.problem_id,
    decision: row.decision,
    decisionLabel: disclosureDecisionLabels[row.decision],
    reason: row.reason,
    published: row.decision === 'disclose' ? { description: row.published_description, requirement: row.published_requirement, measures: row.published_measures } : null,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at,
  };
}

const disclosureSelect = sql`SELECT d.problem_id, d.decision, d.reason, d.published_description, d.published_requirement, d.published_measures,
    decider.display_name AS decided_by_name, d.decided_at
  FROM problem_disclosures d JOIN users decider ON decider.id = d.decided_by`;

/** The disclosure decision on one problem (null when none yet); for the office. */
export async function getDisclosure(ctx: AppContext, actor: Actor, problemId: number) {
  assertRole(actor, disclosureRoles, '查看公开决定');
  await getRectification(ctx, actor, problemId);
  const result = await sql<DisclosureRow>`${disclosureSelect} WHERE d.problem_id = ${problemId}`.execute(ctx.db);
  return result.rows[0] ? toDisclosureView(result.rows[0]) : null;
}

/** Every disclosure decision, for the office's ledger. */
export async function listDisclosures(ctx: AppContext, actor: Actor) {
  assertRole(actor, disclosureRoles, '查看公开决定');
  const result = await sql<DisclosureRow>`${disclosureSelect} ORDER BY d.decided_at DESC LIMIT 5000`.execute(ctx.db);
  return { items: result.rows.map(toDisclosureView) };
}

type PublicRow = {
  problem_id: number;
  unit_code: string | null;
  unit_name: string;
  category: string;
  category_title: string | null;
  published_description: string;
  published_requirement: string;
  published_measures: string;
  notified_on: string | null;
  deadline: string | null;
  reported_at: Date | null;
  verified_at: Date;
  disclosed_at: Date;
};

/**
 * The public page of 督18: rectifications the office decided to publish, still verified, with
 * only the redacted text stored at the decision — nothing else of the problem leaves the office.
 */
export async function listPublishedRectifications(ctx: AppContext, unitCode: string | undefined) {
  const result = await sql<PublicRow>`
    SELECT pr.id AS problem_id, au.code AS unit_code, coalesce(au.name, unit.name) AS unit_name, pr.category, area.title AS category_title, d.published_description,
      d.published_requirement, d.published_measures, pr.notified_on::text AS notified_on, pr.deadline::text AS deadline,
      pr.reported_at, pr.verified_at, d.decided_at AS disclosed_at
    FROM problem_disclosures d
    JOIN problems pr ON pr.id = d.problem_id
    LEFT JOIN assessment_units au ON au.code = pr.responsible_unit_code
    LEFT JOIN units unit ON unit.id = pr.responsible_unit_id
    LEFT JOIN supervision_checklist_items sci ON sci.id = pr.supervision_checklist_item_id
    LEFT JOIN supervision_checklist_items area ON area.year = sci.year AND area.code = pr.category
    WHERE d.decision = 'disclose' AND pr.status = 'verified'
      AND (${unitCode ?? null}::text IS NULL OR au.code = ${unitCode ?? null})
    ORDER BY d.decided_at DESC, pr.id DESC
    LIMIT 500`.execute(ctx.db);
  return {
    items: result.rows.map((row) => ({
      id: row.problem_id,
      unitCode: row.unit_code,
      unitName: row.unit_name,
      categoryLabel: problemCategoryLabel(row.category, row.category_title),
      problem: row.published_description,
      requirement: row.published_requirement,
      measures: row.published_measures,
      notifiedOn: row.notified_on,
      deadline: row.deadline,
      reportedAt: row.reported_at,
      verifiedAt: row.verified_at,
      disclosedAt: row.disclosed_at,
    })),
  };
}
