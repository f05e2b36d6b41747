import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, ProblemCategory, RecordMethod } from '../../db/schema.ts';
import { isOfficeRole, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent } from '../../kernel/audit.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { checklistTemplateYear, inspectionCategoryLabels } from '../checklists/checklists.service.ts';
import { recordMethodLabels } from './findings.schema.ts';

/** The four categories of problems of 督15. */
export const problemCategoryLabels: Record<ProblemCategory, string> = inspectionCategoryLabels;

/**
 * The label of a problem's category: one of the four of 督15, or for a supervision problem the title of
 * its 督9 area ('9.N'), which the caller's SQL reads from the checklist the problem was recorded against.
 */
export function problemCategoryLabel(category: string, areaTitle: string | null): string {
  return areaTitle ?? problemCategoryLabels[category as ProblemCategory] ?? category;
}

// ---------------------------------------------------------------------------------------------
// Field work of a team (督4, 督10, 督16): who may add to the working papers, and when. Shared by
// inspections (巡查) and supervisions (督查).

/** What the field-work guards need to know about an inspection or a supervision and the actor's place on its team. */
export type FieldWork = {
  /** 巡查 or 督查, for the messages. */
  activity: '巡查' | '督查';
  status: string;
  stateLabels: Record<string, string>;
  /** The actor's role on this work's team, or null when not on it. */
  teamRole: 'leader' | 'member' | null;
};

/** The states in which something may be added, and how the messages call that period. */
export type WorkWindow = { allowedFrom: readonly string[]; period: string };

/** Field work proper: only while the team is in the field. */
export function inFieldWindow(activity: '巡查' | '督查'): WorkWindow {
  return { allowedFrom: ['in_field'], period: `实地${activity}期间` };
}

/** Whether the actor sits on this work's team (as leader or member, through their person). */
export function isOnTeam(actor: Actor, work: Pick<FieldWork, 'teamRole'>): boolean {
  return (actor.role === 'team_leader' || actor.role === 'team_member') && work.teamRole !== null;
}

/** Whether the actor may add to the working papers now: the office or the team (or only its leader), in the window. */
export function canAddWorkingPaper(actor: Actor, work: FieldWork, window: WorkWindow, leaderOnly = false): boolean {
  if (!window.allowedFrom.includes(work.status)) return false;
  if (isOfficeRole(actor)) return true;
  return leaderOnly ? actor.role === 'team_leader' && work.teamRole === 'leader' : isOnTeam(actor, work);
}

function outsideWindow(work: Pick<FieldWork, 'activity' | 'stateLabels'>, status: string, window: WorkWindow, what: string): AppError {
  return new AppError('INVALID_STATE', `该${work.activity}当前状态为「${work.stateLabels[status] ?? status}」，只有在${window.period}才能${what}`, {
    currentState: status,
    allowedFrom: window.allowedFrom,
  });
}

/** Refuses (403) anyone but the office or this work's team (or its leader), and (409) outside the window. */
export function assertCanAddWorkingPaper(actor: Actor, work: FieldWork, what: string, window: WorkWindow = inFieldWindow(work.activity), leaderOnly = false): void {
  const allowed = isOfficeRole(actor) || (leaderOnly ? actor.role === 'team_leader' && work.teamRole === 'leader' : isOnTeam(actor, work));
  if (!allowed) throw new AppError('FORBIDDEN', `只有市扶贫办或本${work.activity}组${leaderOnly ? '组长' : '成员'}可以${what}`);
  if (!window.allowedFrom.includes(work.status)) throw outsideWindow(work, work.status, window, what);
}

/**
 * Runs `work` in a transaction that first re-reads the inspection or supervision under a row lock
 * and re-checks its state, so that nothing is added after the report went in concurrently.
 */
export async function withWorkInWindow<T>(
  ctx: AppContext,
  target: { table: 'inspections' | 'supervisions'; id: number; activity: '巡查' | '督查'; stateLabels: Record<string, string> },
  window: WorkWindow,
  what: string,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await sql<{ status: string }>`SELECT status FROM ${sql.table(target.table)} WHERE id = ${target.id} FOR UPDATE`.execute(trx);
    const status = locked.rows[0]?.status;
    if (status === undefined) throw new AppError('NOT_FOUND', `未找到编号为 ${target.id} 的${target.activity}，或您无权查看`);
    if (!window.allowedFrom.includes(status)) throw outsideWindow(target, status, window, what);
    return work(trx);
  });
}

/** A field record as the team's working papers show it, the same for inspections and supervisions. */
export type FieldRecordRow = {
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

export function toFieldRecordView(record: FieldRecordRow) {
  return {
    id: record.id,
    method: record.method,
    methodLabel: recordMethodLabels[record.method],
    recordDate: record.record_date,
    place: record.place,
    participants: record.participants,
    notes: record.notes,
    checklistItem: record.checklist_item_id ? { id: record.checklist_item_id, code: record.checklist_code, title: record.checklist_title } : null,
    recordedByName: record.recorded_by_name,
    createdAt: record.created_at,
  };
}

/**
 * The written report's draft (督10(3), 督16(3)) in the three parts both measures ask for: the
 * situation with the field records, the problems grouped by category, and the recommendations.
 */
export function assembleReportDraft(input: {
  title: string;
  headings: [situation: string, problems: string, suggestions: string];
  situation: string;
  records: { recordDate: string; methodLabel: string; place: string; notes: string }[];
  problemGroups: { label: string; problems: { description: string; evidence: string | null }[] }[];
  noProblems: string;
  suggestions: string[];
}): string {
  const lines: string[] = [input.title, '', input.headings[0], input.situation];
  for (const [index, record] of input.records.entries()) {
    lines.push(`${index + 1}. ${record.recordDate}，${record.methodLabel}（${record.place}）：${record.notes}`);
  }
  lines.push('', input.headings[1]);
  const groups = input.problemGroups.filter((group) => group.problems.length > 0);
  if (groups.length === 0) lines.push(input.noProblems);
  for (const [groupIndex, group] of groups.entries()) {
    lines.push(`（${chineseNumerals[groupIndex] ?? groupIndex + 1}）${group.label}`);
    for (const [index, problem] of group.problems.entries()) {
      lines.push(`${index + 1}. ${problem.description}${problem.evidence ? `（依据：${problem.evidence}）` : ''}`);
    }
  }
  lines.push('', input.headings[2]);
  for (const [index, suggestion] of input.suggestions.entries()) lines.push(`${index + 1}. ${suggestion}`);
  return lines.join('\n');
}

const chineseNumerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The first sentence of the situation: who, when, which methods, how many records. */
export function describeFieldWork(records: { recordDate: string; methodLabel: string }[]): { period: string; methods: string } {
  const dates = records.map((record) => record.recordDate).sort();
  const methods = [...new Set(records.map((record) => record.methodLabel))];
  return {
    period: dates.length > 0 ? `于${dates[0]}至${dates[dates.length - 1]}` : '',
    methods: methods.length > 0 ? `，采取${methods.join('、')}等方式` : '',
  };
}

// ---------------------------------------------------------------------------------------------
// The 责任清单 of 督15 (inspections) and of 督9 (supervisions).

export type ChecklistItemRow = { id: number; year: number; category: ProblemCategory; code: string; title: string };

/** The checklist (责任清单) of 督15 that applies to work of the given year, in the article's order. */
export async function listChecklistItems(db: Kysely<DB>, year: number): Promise<ChecklistItemRow[]> {
  const templateYear = await checklistTemplateYear(db, 'inspection', year);
  const result = await sql<ChecklistItemRow>`SELECT id, year, category, code, title FROM checklist_items
    WHERE year = ${templateYear} ORDER BY sort_order`.execute(db);
  return result.rows;
}

/** A checklist item of the template that applies to `year`; VALIDATION_FAILED naming the field otherwise. */
export async function requireChecklistItem(db: Kysely<DB> | Transaction<DB>, year: number, id: number, field = 'checklistItemId'): Promise<ChecklistItemRow> {
  const templateYear = await checklistTemplateYear(db, 'inspection', year);
  const result = await sql<ChecklistItemRow>`SELECT id, year, category, code, title FROM checklist_items
    WHERE id = ${id} AND year = ${templateYear}`.execute(db);
  const item = result.rows[0];
  if (!item) {
    throw new AppError('VALIDATION_FAILED', `字段「${field}」无效：编号为 ${id} 的清单事项不属于 ${year} 年度巡查责任清单`, {
      fields: [{ field, message: '清单事项不存在或不属于本年度' }],
    });
  }
  return item;
}

/** An item of the supervision checklist of 督9 with the key area it belongs to ('9.N' and its title). */
export type SupervisionChecklistItemRow = { id: number; year: number; area: number; code: string; title: string; area_code: string; area_title: string };


/**
 * An item of the 督9 checklist that applies to a supervision of `year` — with `subItemOnly`, one of
 * the sub-items (9.N.M), not a key area; VALIDATION_FAILED naming the field otherwise.
 */
export async function requireSupervisionChecklistItem(
  db: Kysely<DB> | Transaction<DB>,
  year: number,
  id: number,
  options: { subItemOnly: boolean; field?: string },
): Promise<SupervisionChecklistItemRow> {
  const field = options.field ?? 'checklistItemId';
  const result = await sql<SupervisionChecklistItemRow>`
    SELECT item.id, item.year, item.area, item.code, item.title, area.code AS area_code, area.title AS area_title
    FROM supervision_checklist_items item
    JOIN supervision_checklist_items area ON area.year = item.year AND area.code = '9.' || item.area
    WHERE item.id = ${id} AND item.year = ${await checklistTemplateYear(db, 'supervision', year)}`.execute(db);
  const item = result.rows[0];
  if (!item) {
    throw new AppError('VALIDATION_FAILED', `字段「${field}」无效：编号为 ${id} 的事项不属于 ${year} 年度督查责任清单（第九条）`, {
      fields: [{ field, message: '清单事项不存在或不属于本年度' }],
    });
  }
  if (options.subItemOnly && item.code === item.area_code) {
    throw new AppError('VALIDATION_FAILED', `字段「${field}」无效：「${item.title}」是第九条的一个方面，请选择该方面下的具体子项`, {
      fields: [{ field, message: '须选择具体子项' }],
    });
  }
  return item;
}

// ---------------------------------------------------------------------------------------------
// Problems found in field work, into the one ledger (SPEC §6).

export type FindingRow = {
  id: number;
  category: string;
  category_label: string | null;
  checklist_item_id: number | null;
  checklist_code: string | null;
  checklist_title: string | null;
  description: string;
  evidence: string;
  severity: 'general' | 'serious';
  requirement: string;
  notified_on: string | null;
  deadline: string | null;
  status: string;
  recorded_by_name: string;
  created_at: Date;
};

/** The problems an inspection found, in the order they were recorded. */
export async function listFindingsOfInspection(db: Kysely<DB>, inspectionId: number): Promise<FindingRow[]> {
  const result = await sql<FindingRow>`
    SELECT pr.id, pr.category, NULL AS category_label, pr.checklist_item_id, ci.code AS checklist_code, ci.title AS checklist_title, pr.description,
      pr.evidence, pr.severity, pr.requirement, pr.notified_on::text AS notified_on, pr.deadline::text AS deadline, pr.status,
      recorder.display_name AS recorded_by_name, pr.created_at
    FROM problems pr
    LEFT JOIN checklist_items ci ON ci.id = pr.checklist_item_id
    JOIN users recorder ON recorder.id = pr.recorded_by
    WHERE pr.source = 'inspection' AND pr.inspection_id = ${inspectionId}
    ORDER BY pr.id`.execute(db);
  return result.rows;
}

/**
 * The problems a supervision found, in the order they were recorded, each labelled with its key
 * area of 督9; with `notifiedOnly`, only those already notified to the supervised unit.
 */
export async function listFindingsOfSupervision(db: Kysely<DB>, supervisionId: number, options: { notifiedOnly: boolean }): Promise<FindingRow[]> {
  const result = await sql<FindingRow>`
    SELECT pr.id, pr.category, area.title AS category_label, pr.supervision_checklist_item_id AS checklist_item_id,
      item.code AS checklist_code, item.title AS checklist_title, pr.description, pr.evidence, pr.severity, pr.requirement,
      pr.notified_on::text AS notified_on, pr.deadline::text AS deadline, pr.status, recorder.display_name AS recorded_by_name, pr.created_at
    FROM problems pr
    LEFT JOIN supervision_checklist_items item ON item.id = pr.supervision_checklist_item_id
    LEFT JOIN supervision_checklist_items area ON area.year = item.year AND area.code = pr.category
    JOIN users recorder ON recorder.id = pr.recorded_by
    WHERE pr.source = 'supervision' AND pr.supervision_id = ${supervisionId}
      AND (NOT ${options.notifiedOnly} OR pr.notified_on IS NOT NULL)
    ORDER BY pr.id`.execute(db);
  return result.rows;
}

/** Who is responsible for a problem: a county (assessment unit) or an assistance unit — never both. */
export type ResponsibleUnit = { assessmentUnitCode: string } | { unitId: number };

type NewFinding = {
  description: string;
  evidence?: string | undefined;
  severity: 'general' | 'serious';
  requirement?: string | undefined;
};

/** Inserts one problem into the ledger, not yet notified, and audits it in the caller's transaction. */
async function insertFinding(
  trx: Transaction<DB>,
  clock: Clock,
  actor: Actor,
  origin: {
    source: 'inspection' | 'supervision';
    sourceId: number;
    category: string;
    checklistItemId: number | null;
    supervisionChecklistItemId: number | null;
    checklistCode: string;
    responsible: ResponsibleUnit;
  },
  finding: NewFinding,
): Promise<number> {
  const now = clock.now();
  const responsibleUnitCode = 'assessmentUnitCode' in origin.responsible ? origin.responsible.assessmentUnitCode : null;
  const responsibleUnitId = 'unitId' in origin.responsible ? origin.responsible.unitId : null;
  const inserted = await trx
    .insertInto('problems')
    .values({
      source: origin.source,
      source_id: origin.sourceId,
      inspection_id: origin.source === 'inspection' ? origin.sourceId : null,
      supervision_id: origin.source === 'supervision' ? origin.sourceId : null,
      category: origin.category,
      checklist_item_id: origin.checklistItemId,
      supervision_checklist_item_id: origin.supervisionChecklistItemId,
      responsible_unit_code: responsibleUnitCode,
      responsible_unit_id: responsibleUnitId,
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
      source: origin.source,
      ...(origin.source === 'inspection' ? { inspectionId: origin.sourceId } : { supervisionId: origin.sourceId }),
      checklistItem: origin.checklistCode,
      ...(responsibleUnitCode !== null ? { responsibleUnitCode } : { responsibleUnitId }),
      description: finding.description,
      severity: finding.severity,
      status: 'open',
    },
  });
  return inserted.id;
}

/** Records a problem found by an inspection into the ledger (not yet notified to the county); audited in the caller's transaction. */
export async function recordInspectionFinding(
  trx: Transaction<DB>,
  clock: Clock,
  actor: Actor,
  finding: NewFinding & { inspectionId: number; responsibleUnitCode: string; item: ChecklistItemRow },
): Promise<number> {
  return insertFinding(
    trx,
    clock,
    actor,
    {
      source: 'inspection',
      sourceId: finding.inspectionId,
      category: finding.item.category,
      checklistItemId: finding.item.id,
      supervisionChecklistItemId: null,
      checklistCode: finding.item.code,
      responsible: { assessmentUnitCode: finding.responsibleUnitCode },
    },
    finding,
  );
}

/**
 * Records a problem found by a supervision into the ledger (督9 key area '9.N' as its category),
 * against the supervised county or assistance unit; not yet notified; audited in the caller's transaction.
 */
export async function recordSupervisionFinding(
  trx: Transaction<DB>,
  clock: Clock,
  actor: Actor,
  finding: NewFinding & { supervisionId: number; responsible: ResponsibleUnit; item: SupervisionChecklistItemRow },
): Promise<number> {
  return insertFinding(
    trx,
    clock,
    actor,
    {
      source: 'supervision',
      sourceId: finding.supervisionId,
      category: finding.item.area_code,
      checklistItemId: null,
      supervisionChecklistItemId: finding.item.id,
      checklistCode: finding.item.code,
      responsible: finding.responsible,
    },
    finding,
  );
}

/** The problems of one inspection or one supervision. */
export type FindingsOf = { source: 'inspection'; inspectionId: number } | { source: 'supervision'; supervisionId: number };

function ofColumn(of: FindingsOf) {
  return of.source === 'inspection' ? { column: 'inspection_id' as const, id: of.inspectionId } : { column: 'supervision_id' as const, id: of.supervisionId };
}

/**
 * Notifies the responsible unit of every problem an inspection (督18) or a supervision (督12) found:
 * each gets the notification date and the rectification deadline, with one audit event per problem.
 */
export async function notifyFindings(trx: Transaction<DB>, clock: Clock, actor: Actor, of: FindingsOf, notifiedOn: string, deadline: string): Promise<number[]> {
  const { column, id } = ofColumn(of);
  const updated = await trx
    .updateTable('problems')
    .set({ notified_on: notifiedOn, deadline, updated_at: clock.now() })
    .where('source', '=', of.source)
    .where(column, '=', id)
    .where('notified_on', 'is', null)
    .returning('id')
    .execute();
  for (const { id: problemId } of updated) {
    await appendAuditEvent(trx, clock, { id: actor.id, name: actor.displayName }, {
      action: 'problem.notify',
      entityType: 'problem',
      entityId: problemId,
      before: { deadline: null },
      after: { notifiedOn, deadline },
    });
  }
  return updated.map((row) => row.id);
}

/** Notifies the county of every problem an inspection found (督18). */
export async function notifyInspectionFindings(trx: Transaction<DB>, clock: Clock, actor: Actor, inspectionId: number, notifiedOn: string, deadline: string): Promise<number[]> {
  return notifyFindings(trx, clock, actor, { source: 'inspection', inspectionId }, notifiedOn, deadline);
}

/** How many of an inspection's or a supervision's problems are not yet verified as rectified (nor transferred). */
export async function countUnresolvedFindingsOf(db: Kysely<DB> | Transaction<DB>, of: FindingsOf): Promise<number> {
  const { column, id } = ofColumn(of);
  const row = await db
    .selectFrom('problems')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('source', '=', of.source)
    .where(column, '=', id)
    .where('status', 'not in', ['verified', 'transferred'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many of an inspection's problems are not yet verified as rectified (nor transferred). */
export async function countUnresolvedFindings(db: Kysely<DB> | Transaction<DB>, inspectionId: number): Promise<number> {
  return countUnresolvedFindingsOf(db, { source: 'inspection', inspectionId });
}

/** The office's refusal to close work whose problems are not all verified (or transferred). */
export function unresolvedFindingsError(unresolved: number, activity: '巡查' | '督查'): AppError {
  return new AppError('RULE_VIOLATION', `尚有 ${unresolved} 个问题的整改未经市扶贫办核验通过，不能办结该${activity}`, { unresolved });
}
