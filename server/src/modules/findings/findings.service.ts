import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, ProblemCategory } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';
import { appendAuditEvent } from '../../kernel/audit.ts';
import type { Clock } from '../../kernel/clock.ts';
import { AppError } from '../../kernel/errors.ts';

/** The four categories of problems of 督15. */
export const problemCategoryLabels: Record<ProblemCategory, string> = {
  work_style: '干部工作作风问题',
  project_funds: '扶贫项目资金管理使用问题',
  identification_exit: '贫困村和贫困人口识别、退出问题',
  discipline_complaints: '纪检、监察、审计和社会监督发现的违纪违规问题及群众反映强烈的突出问题',
};

export type ChecklistItemRow = { id: number; year: number; category: ProblemCategory; code: string; title: string };

/** The year whose 责任清单 applies to work of `year`: the latest template not after it (or the earliest). */
function checklistYear(year: number) {
  return sql<number>`(SELECT COALESCE(MAX(year) FILTER (WHERE year <= ${year}), MIN(year)) FROM checklist_items)`;
}

/** The checklist (责任清单) of 督15 that applies to work of the given year, in the article's order. */
export async function listChecklistItems(db: Kysely<DB>, year: number): Promise<ChecklistItemRow[]> {
  const result = await sql<ChecklistItemRow>`SELECT id, year, category, code, title FROM checklist_items
    WHERE year = ${checklistYear(year)} ORDER BY sort_order`.execute(db);
  return result.rows;
}

/** A checklist item of the template that applies to `year`; VALIDATION_FAILED naming the field otherwise. */
export async function requireChecklistItem(db: Kysely<DB> | Transaction<DB>, year: number, id: number, field = 'checklistItemId'): Promise<ChecklistItemRow> {
  const result = await sql<ChecklistItemRow>`SELECT id, year, category, code, title FROM checklist_items
    WHERE id = ${id} AND year = ${checklistYear(year)}`.execute(db);
  const item = result.rows[0];
  if (!item) {
    throw new AppError('VALIDATION_FAILED', `字段「${field}」无效：编号为 ${id} 的清单事项不属于 ${year} 年度巡查责任清单`, {
      fields: [{ field, message: '清单事项不存在或不属于本年度' }],
    });
  }
  return item;
}

export type FindingRow = {
  id: number;
  category: ProblemCategory;
  checklist_item_id: number | null;
  checklist_code: string | null;
  checklist_title: string | null;
  description: string;
  evidence: string;
  severity: 'general' | 'serious';
  requirement: string;
  deadline: string | null;
  status: string;
  recorded_by_name: string;
  created_at: Date;
};

/** The problems an inspection found, in the order they were recorded. */
export async function listFindingsOfInspection(db: Kysely<DB>, inspectionId: number): Promise<FindingRow[]> {
  const result = await sql<FindingRow>`
    SELECT pr.id, pr.category, pr.checklist_item_id, ci.code AS checklist_code, ci.title AS checklist_title, pr.description,
      pr.evidence, pr.severity, pr.requirement, pr.deadline::text AS deadline, pr.status, recorder.display_name AS recorded_by_name, pr.created_at
    FROM problems pr
    LEFT JOIN checklist_items ci ON ci.id = pr.checklist_item_id
    JOIN users recorder ON recorder.id = pr.recorded_by
    WHERE pr.source = 'inspection' AND pr.inspection_id = ${inspectionId}
    ORDER BY pr.id`.execute(db);
  return result.rows;
}

/** Records a problem found by an inspection into the ledger (not yet notified to the county); audited in the caller's transaction. */
export async function recordInspectionFinding(
  trx: Transaction<DB>,
  clock: Clock,
  actor: Actor,
  finding: {
    inspectionId: number;
    responsibleUnitCode: string;
    item: ChecklistItemRow;
    description: string;
    evidence?: string | undefined;
    severity: 'general' | 'serious';
    requirement?: string | undefined;
  },
): Promise<number> {
  const now = clock.now();
  const inserted = await trx
    .insertInto('problems')
    .values({
      source: 'inspection',
      source_id: finding.inspectionId,
      inspection_id: finding.inspectionId,
      category: finding.item.category,
      checklist_item_id: finding.item.id,
      responsible_unit_code: finding.responsibleUnitCode,
      description: finding.description,
      evidence: finding.evidence ?? '',
      severity: finding.severity,
      requirement: finding.requirement ?? '',
      status: 'open',
      recorded_by: actor.id,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAuditEvent(trx, clock, { id: actor.id, name: actor.displayName }, {
    action: 'problem.record',
    entityType: 'problem',
    entityId: inserted.id,
    after: {
      source: 'inspection',
      inspectionId: finding.inspectionId,
      checklistItem: finding.item.code,
      responsibleUnitCode: finding.responsibleUnitCode,
      description: finding.description,
      severity: finding.severity,
      status: 'open',
    },
  });
  return inserted.id;
}

/**
 * Notifies the responsible unit of every problem an inspection found (督18): each gets the
 * notification date and the rectification deadline, with one audit event per problem.
 */
export async function notifyInspectionFindings(
  trx: Transaction<DB>,
  clock: Clock,
  actor: Actor,
  inspectionId: number,
  notifiedOn: string,
  deadline: string,
): Promise<number[]> {
  const updated = await trx
    .updateTable('problems')
    .set({ notified_on: notifiedOn, deadline, updated_at: clock.now() })
    .where('source', '=', 'inspection')
    .where('inspection_id', '=', inspectionId)
    .where('notified_on', 'is', null)
    .returning('id')
    .execute();
  for (const { id } of updated) {
    await appendAuditEvent(trx, clock, { id: actor.id, name: actor.displayName }, {
      action: 'problem.notify',
      entityType: 'problem',
      entityId: id,
      before: { deadline: null },
      after: { notifiedOn, deadline },
    });
  }
  return updated.map((row) => row.id);
}

/** How many of an inspection's problems are not yet verified as rectified (nor transferred). */
export async function countUnresolvedFindings(db: Kysely<DB> | Transaction<DB>, inspectionId: number): Promise<number> {
  const row = await db
    .selectFrom('problems')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('source', '=', 'inspection')
    .where('inspection_id', '=', inspectionId)
    .where('status', 'not in', ['verified', 'transferred'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
