import type { CommendationKind, SupervisionStatus, SupervisionSummaryStatus } from '../../db/schema.supervisions.ts';
import { assertRole, type Actor } from '../../kernel/access.ts';
import { appendAuditEvent } from '../../kernel/audit.ts';
import { inTransaction, type AppContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { todayInShanghai } from '../../kernel/time.ts';
import { applyTransition, availableActions } from '../../kernel/workflow.ts';
import { issueSupervisionSummary } from '../documents/documents.issue.ts';
import { listIssuedDocumentsOf, type IssuedDocumentView } from '../documents/documents.register.ts';
import { findAssessmentUnit } from '../regions/regions.service.ts';
import { getCoverage, getSupervision } from '../supervisions/supervisions.service.ts';
import { supervisionWorkflow } from '../supervisions/supervisions.workflow.ts';
import { findUnitById } from '../units/units.service.ts';
import { summaryOfficeRoles, summaryReaders } from './summaries.policy.ts';
import * as repo from './summaries.repo.ts';
import { commendationKindLabels } from './summaries.schema.ts';
import { commendationWorkflow, supervisionSummaryWorkflow } from './summaries.workflow.ts';

const notFoundCommendation = (id: number) => notFound(`编号为 ${id} 的通报表扬/先进典型`);
const notFoundSummary = (id: number) => notFound(`编号为 ${id} 的督查工作总结`);

function invalidField(field: string, message: string, rule: string): AppError {
  return new AppError('VALIDATION_FAILED', `字段「${field}」无效：${message}`, { fields: [{ field, message: rule }] });
}

// ---- commendations and model cases (督11) ----

function toCommendationView(actor: Actor, row: repo.CommendationRow) {
  return {
    id: row.id,
    year: row.year,
    kind: row.kind,
    kindLabel: commendationKindLabels[row.kind],
    subject: { kind: row.subject_kind, assessmentUnitCode: row.assessment_unit_code, unitId: row.unit_id, name: row.subject_name },
    supervisionId: row.supervision_id,
    supervisionTopic: row.supervision_topic,
    title: row.title,
    description: row.description,
    status: row.status,
    statusLabel: commendationWorkflow.stateLabels[row.status],
    proposedByName: row.proposed_by_name,
    createdAt: row.created_at,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at,
    decisionNote: row.decision_note,
    actions: availableActions(commendationWorkflow, actor, row.status),
  };
}

export type CommendationView = ReturnType<typeof toCommendationView>;

/** Commendations and model cases the actor may see: all for city-wide readers, the approved ones about itself for a county or unit. */
export async function listCommendations(ctx: AppContext, actor: Actor, filter: repo.CommendationFilter): Promise<CommendationView[]> {
  const rows = await repo.listVisibleCommendations(ctx.db, actor, filter);
  return rows.map((row) => toCommendationView(actor, row));
}

/** One commendation or model case; NOT_FOUND outside the actor's view. */
export async function getCommendation(ctx: AppContext, actor: Actor, id: number): Promise<CommendationView> {
  const row = await repo.findVisibleCommendation(ctx.db, actor, id);
  if (!row) throw notFoundCommendation(id);
  return toCommendationView(actor, row);
}

const supervisionResultStates = ['report_submitted', 'result_notified', 'closed'];

/** The supervision a proposal cites, which must exist, have its report in, be of the same year and have the subject as its target. */
async function assertSupervisionOfSubject(
  ctx: AppContext,
  actor: Actor,
  body: { year: number; assessmentUnitCode?: string | undefined; unitId?: number | undefined; supervisionId: number },
): Promise<void> {
  let detail: Awaited<ReturnType<typeof getSupervision>>;
  try {
    detail = await getSupervision(ctx, actor, body.supervisionId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') {
      throw invalidField('supervisionId', `不存在编号为 ${body.supervisionId} 的督查`, '督查不存在');
    }
    throw error;
  }
  const supervision = detail.supervision;
  const isTarget =
    body.assessmentUnitCode !== undefined ? supervision.target.assessmentUnitCode === body.assessmentUnitCode : supervision.target.unitId === body.unitId;
  if (!isTarget) {
    throw invalidField(
      body.assessmentUnitCode !== undefined ? 'assessmentUnitCode' : 'unitId',
      `编号为 ${supervision.id} 的督查对象是${supervision.target.name}，据此督查提出的表扬或先进典型只能是${supervision.target.name}`,
      '须为该督查的督查对象',
    );
  }
  if (supervision.year !== body.year) {
    throw invalidField('year', `编号为 ${supervision.id} 的督查属于 ${supervision.year} 年度督查计划，不是 ${body.year} 年`, '须与督查所属年度一致');
  }
  if (!supervisionResultStates.includes(supervision.status)) {
    throw invalidField('supervisionId', `编号为 ${supervision.id} 的督查尚未提交督查报告（当前状态：${supervision.statusLabel}），督查结果出来后才能据此提出表扬或先进典型`, '督查尚无结果');
  }
}

/**
 * 督11: the city office proposes a commendation of a county (district) or assistance unit whose
 * supervision went well, or a model case found through supervision — from a supervision's results
 * (its target only) or directly. Audited; awaits the office head.
 */
export async function proposeCommendation(
  ctx: AppContext,
  actor: Actor,
  body: {
    year: number;
    kind: CommendationKind;
    assessmentUnitCode?: string | undefined;
    unitId?: number | undefined;
    supervisionId?: number | undefined;
    title: string;
    description: string;
  },
): Promise<CommendationView> {
  assertRole(actor, summaryOfficeRoles, '提出通报表扬或先进典型（须由市扶贫办提出，第十一条）');
  if (body.assessmentUnitCode !== undefined && !(await findAssessmentUnit(ctx.db, body.assessmentUnitCode))) {
    throw invalidField('assessmentUnitCode', `不存在代码为 ${body.assessmentUnitCode} 的县（区）`, '县（区）不存在');
  }
  if (body.unitId !== undefined) {
    const unit = await findUnitById(ctx.db, body.unitId);
    if (!unit) throw invalidField('unitId', `不存在编号为 ${body.unitId} 的单位`, '单位不存在');
    if (unit.assistance_category === null) throw invalidField('unitId', `${unit.name}不是帮扶单位，表扬对象须为县（区）或帮扶单位`, '须为帮扶单位');
  }
  if (body.supervisionId !== undefined) await assertSupervisionOfSubject(ctx, actor, { ...body, supervisionId: body.supervisionId });
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const inserted = await trx
      .insertInto('commendations')
      .values({
        year: body.year,
        kind: body.kind,
        assessment_unit_code: body.assessmentUnitCode ?? null,
        unit_id: body.unitId ?? null,
        supervision_id: body.supervisionId ?? null,
        title: body.title,
        description: body.description,
        status: 'proposed',
        proposed_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'commendation.propose',
      entityType: 'commendation',
      entityId: inserted.id,
      after: {
        year: body.year,
        kind: body.kind,
        assessmentUnitCode: body.assessmentUnitCode ?? null,
        unitId: body.unitId ?? null,
        supervisionId: body.supervisionId ?? null,
        title: body.title,
        status: 'proposed',
      },
    });
    return inserted.id;
  });
  return getCommendation(ctx, actor, id);
}

/** 督11: the office head approves or rejects a proposal, with a note; of two concurrent decisions exactly one succeeds. */
export async function decideCommendation(ctx: AppContext, actor: Actor, id: number, action: 'approve' | 'reject', note: string | undefined): Promise<CommendationView> {
  await getCommendation(ctx, actor, id);
  await ctx.db.transaction().execute((trx) =>
    applyTransition(trx, ctx.clock, actor, commendationWorkflow, action, id, { decided_by: actor.id, decided_at: ctx.clock.now(), decision_note: note ?? null }),
  );
  return getCommendation(ctx, actor, id);
}

// ---- the office's summary to 市委、市政府 (督11) ----

function toSummaryView(actor: Actor, row: repo.SummaryRow) {
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    body: row.body,
    status: row.status,
    statusLabel: supervisionSummaryWorkflow.stateLabels[row.status],
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedByName: row.submitted_by_name,
    submittedAt: row.submitted_at,
    isEditable: row.status === 'draft' && summaryOfficeRoles.includes(actor.role),
    actions: availableActions(supervisionSummaryWorkflow, actor, row.status),
  };
}

export type SummaryView = ReturnType<typeof toSummaryView>;

/** The summaries the actor may read: all for the office, the submitted ones for 市委、市政府 and the leading group; FORBIDDEN for anyone else. */
export async function listSummaries(
  ctx: AppContext,
  actor: Actor,
  filter: { year?: number | undefined; status?: SupervisionSummaryStatus | undefined },
): Promise<(SummaryView & { documents: IssuedDocumentView[] })[]> {
  assertRole(actor, summaryReaders, '查看督查工作总结');
  const rows = await repo.listVisibleSummaries(ctx.db, actor, filter);
  // A few a year: each with its 文号 and SHA-256 once reported.
  return Promise.all(rows.map(async (row) => ({ ...toSummaryView(actor, row), documents: await listIssuedDocumentsOf(ctx.db, 'supervision_summary', row.id) })));
}

/** One summary; NOT_FOUND when the actor may not read it (a draft for a city leader, anything for a county). */
export async function getSummary(ctx: AppContext, actor: Actor, id: number): Promise<SummaryView & { documents: IssuedDocumentView[] }> {
  const row = await repo.findVisibleSummary(ctx.db, actor, id);
  if (!row) throw notFoundSummary(id);
  // With its 文号 and SHA-256 once reported.
  return { ...toSummaryView(actor, row), documents: await listIssuedDocumentsOf(ctx.db, 'supervision_summary', id) };
}

/** 督11: the office writes the year's summary (usually the edited generated draft); audited. */
export async function createSummary(ctx: AppContext, actor: Actor, body: { year: number; title: string; body: string }): Promise<SummaryView> {
  assertRole(actor, summaryOfficeRoles, '撰写督查工作总结（须由市扶贫办汇总，第十一条）');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const inserted = await trx
      .insertInto('supervision_summaries')
      .values({ year: body.year, title: body.title, body: body.body, status: 'draft', created_by: actor.id, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'supervision_summary.create',
      entityType: 'supervision_summary',
      entityId: inserted.id,
      after: { year: body.year, title: body.title, body: body.body, status: 'draft' },
    });
    return inserted.id;
  });
  return getSummary(ctx, actor, id);
}

/** The office edits a summary while it is a draft; once submitted it is refused with INVALID_STATE. Audited with what changed. */
export async function updateSummary(ctx: AppContext, actor: Actor, id: number, body: { title?: string | undefined; body?: string | undefined }): Promise<SummaryView> {
  await getSummary(ctx, actor, id);
  assertRole(actor, summaryOfficeRoles, '修改督查工作总结');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('supervision_summaries').select(['title', 'body', 'status']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
    if (before.status !== 'draft') {
      throw new AppError('INVALID_STATE', `该督查工作总结当前状态为「${supervisionSummaryWorkflow.stateLabels[before.status]}」，已报送的总结不能再修改`, {
        currentState: before.status,
        allowedFrom: ['draft'],
      });
    }
    const changes = { ...(body.title !== undefined ? { title: body.title } : {}), ...(body.body !== undefined ? { body: body.body } : {}) };
    await trx.updateTable('supervision_summaries').set({ ...changes, updated_at: ctx.clock.now() }).where('id', '=', id).execute();
    await appendAuditEvent(trx, ctx.clock, { id: actor.id, name: actor.displayName }, {
      action: 'supervision_summary.update',
      entityType: 'supervision_summary',
      entityId: id,
      before: { ...(body.title !== undefined ? { title: before.title } : {}), ...(body.body !== undefined ? { body: before.body } : {}) },
      after: changes,
    });
  });
  return getSummary(ctx, actor, id);
}

/** 督11: the office head reports the summary to 市委、市政府; of two concurrent submissions exactly one succeeds. */
export async function submitSummary(ctx: AppContext, actor: Actor, id: number): Promise<SummaryView> {
  await getSummary(ctx, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    await applyTransition(trx, ctx.clock, actor, supervisionSummaryWorkflow, 'submit', id, { submitted_by: actor.id, submitted_at: ctx.clock.now() });
    // Reported as an official document: numbered and kept in the same transaction.
    await issueSupervisionSummary(trx, ctx.clock, actor, await getSummaryWithCommendations(inTransaction(ctx, trx), actor, id));
  });
  return getSummary(ctx, actor, id);
}

/** A summary with the year's approved commendations and model cases, for its official document and annex. */
export async function getSummaryWithCommendations(ctx: AppContext, actor: Actor, id: number) {
  const summary = await getSummary(ctx, actor, id);
  const commendations = (await repo.listApprovedCommendations(ctx.db, summary.year)).map((row) => toCommendationView(actor, row));
  return { summary, commendations };
}

// ---- the generated draft ----

const ordinals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function chineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** Names joined with 、, the first `limit` of them and 等 N 个 beyond. */
function nameList(names: string[], limit = 10): string {
  if (names.length <= limit) return names.join('、');
  return `${names.slice(0, limit).join('、')}等 ${names.length} 个`;
}

/**
 * 督11: the figures of the year's supervision, each an SQL aggregate — supervisions by type and
 * state, 综合督查 coverage (through the supervisions service), problems found per 督9 area with
 * their rectification, the approved commendations and model cases, and the year's inspections.
 */
async function collectFigures(ctx: AppContext, actor: Actor, year: number) {
  const today = todayInShanghai(ctx.clock);
  const [supervisionCounts, coverage, areas, approved, inspections] = await Promise.all([
    repo.countSupervisions(ctx.db, year),
    getCoverage(ctx, actor, year),
    repo.countSupervisionProblemsByArea(ctx.db, year, today),
    repo.listApprovedCommendations(ctx.db, year),
    repo.countInspections(ctx.db, year),
  ]);
  const countOf = (predicate: (row: repo.SupervisionCountRow) => boolean) => supervisionCounts.filter(predicate).reduce((sum, row) => sum + row.count, 0);
  const byStatus = (Object.keys(supervisionWorkflow.stateLabels) as SupervisionStatus[])
    .map((status) => ({ status, label: supervisionWorkflow.stateLabels[status], count: countOf((row) => row.status === status) }))
    .filter((entry) => entry.count > 0);
  const counties = coverage.items.filter((item) => item.kind === 'assessment_unit');
  const units = coverage.items.filter((item) => item.kind === 'assistance_unit');
  const sum = (key: keyof Omit<repo.AreaProblemRow, 'code' | 'title'>) => areas.reduce((total, area) => total + area[key], 0);
  const rectification = { total: sum('total'), verified: sum('verified'), reported: sum('reported'), overdue: sum('overdue'), transferred: sum('transferred') };
  return {
    year,
    asOf: today,
    supervisions: {
      total: countOf(() => true),
      comprehensive: countOf((row) => row.type === 'comprehensive'),
      special: countOf((row) => row.type === 'special'),
      byStatus,
    },
    coverage: {
      assessmentUnits: { total: counties.length, covered: counties.filter((item) => item.isCovered).length },
      assistanceUnits: { total: units.length, covered: units.filter((item) => item.isCovered).length },
      notCovered: coverage.notCovered.map((item) => ({ kind: item.kind, name: item.name })),
    },
    problemsByArea: areas,
    rectification: { ...rectification, inProgress: rectification.total - rectification.verified - rectification.reported - rectification.transferred },
    commendations: approved.map((row) => ({ id: row.id, kind: row.kind, kindLabel: commendationKindLabels[row.kind], subjectName: row.subject_name, title: row.title })),
    inspections,
  };
}

export type SummaryFigures = Awaited<ReturnType<typeof collectFigures>>;

/** The draft's text: 基本情况, problems by 督9 area, rectification, commendations and model cases, suggestions. */
function composeDraft(figures: SummaryFigures): string {
  const { year, supervisions, coverage, rectification, inspections } = figures;
  const lines: string[] = [];
  lines.push(`根据《惠州市新时期脱贫攻坚督查巡查工作办法》（惠扶〔2017〕5号）第十一条的规定，现将${year}年全市脱贫攻坚督查工作情况报告如下。`);

  lines.push('一、督查工作开展情况');
  if (supervisions.total === 0) {
    lines.push(`${year}年度督查计划尚未安排督查事项。`);
  } else {
    const states = supervisions.byStatus.map((entry) => `${entry.label} ${entry.count} 项`).join('，');
    lines.push(`${year}年度督查计划共安排督查 ${supervisions.total} 项，其中综合督查 ${supervisions.comprehensive} 项、专项督查 ${supervisions.special} 项。截至${chineseDate(figures.asOf)}，${states}。`);
  }
  const counties = coverage.assessmentUnits;
  const units = coverage.assistanceUnits;
  const coverageLine = `综合督查覆盖方面，全市 ${counties.total} 个县（区）中已有 ${counties.covered} 个开展了综合督查，${units.total} 个帮扶单位中已有 ${units.covered} 个开展了综合督查`;
  lines.push(
    coverage.notCovered.length === 0
      ? `${coverageLine}，实现了每个县（区）和帮扶单位每年至少一次综合督查的要求。`
      : `${coverageLine}；尚未开展综合督查的有${nameList(coverage.notCovered.map((item) => item.name))}。`,
  );
  const pendingInspections = inspections.proposed > 0 ? `；另有 ${inspections.proposed} 项巡查待市委、市政府批准` : '';
  lines.push(
    `同期，经市委、市政府批准开展巡查 ${inspections.inspections} 次，巡查发现问题 ${inspections.problems} 个，其中涉嫌违纪违法、移交纪检监察机关或检察机关 ${inspections.transferred} 个${pendingInspections}。`,
  );

  lines.push('二、督查发现的主要问题');
  const found = figures.problemsByArea.filter((area) => area.total > 0);
  if (found.length === 0) {
    lines.push('各督查组本年度尚未登记督查发现的问题。');
  } else {
    const byArea = found.map((area) => `“${area.title}”方面 ${area.total} 个`).join('，');
    lines.push(`各督查组共发现问题 ${rectification.total} 个。按第九条督查内容分类：${byArea}。`);
    const most = [...found].sort((a, b) => b.total - a.total)[0]!;
    lines.push(`问题主要集中在“${most.title}”方面（${most.total} 个，占 ${Math.round((most.total * 100) / rectification.total)}%）。`);
  }

  lines.push('三、问题整改情况');
  if (rectification.total === 0) {
    lines.push('暂无需要整改的督查发现问题。');
  } else {
    const transferred = rectification.transferred > 0 ? `，移交纪检监察或检察机关 ${rectification.transferred} 个` : '';
    lines.push(
      `督查发现的 ${rectification.total} 个问题中，已整改并经市扶贫办核查确认 ${rectification.verified} 个，已报送整改情况、待核查 ${rectification.reported} 个，正在整改 ${rectification.inProgress} 个${transferred}；已过整改期限仍未经核查确认（逾期）的 ${rectification.overdue} 个。未经核查确认的问题不视为整改完成。`,
    );
  }

  lines.push('四、通报表扬和先进典型');
  const praised = figures.commendations.filter((entry) => entry.kind === 'commendation');
  const models = figures.commendations.filter((entry) => entry.kind === 'model_case');
  if (praised.length === 0 && models.length === 0) lines.push('本年度暂无经审定的通报表扬和先进典型。');
  if (praised.length > 0) {
    lines.push(`对督查情况好的 ${praised.length} 个县（区）和单位予以通报表扬：${praised.map((entry) => `${entry.subjectName}（${entry.title}）`).join('；')}。`);
  }
  if (models.length > 0) {
    lines.push(`通过督查发现先进典型 ${models.length} 个：${models.map((entry) => `${entry.subjectName}“${entry.title}”`).join('；')}，其经验做法见附件，建议总结推广。`);
  }

  lines.push('五、意见建议');
  const suggestions: string[] = [];
  if (coverage.notCovered.length > 0) {
    suggestions.push(`抓紧对尚未开展综合督查的 ${coverage.notCovered.length} 个县（区）和帮扶单位开展综合督查，确保每个县（区）、每个帮扶单位每年至少开展一次综合督查。`);
  }
  if (rectification.overdue > 0) {
    suggestions.push(`对逾期未完成整改的 ${rectification.overdue} 个问题由市扶贫办挂牌督办，整改不力的提请市扶贫开发领导小组约谈相关负责人。`);
  }
  if (rectification.reported > 0) suggestions.push(`对已报送整改情况的 ${rectification.reported} 个问题抓紧逐项核查，经核查确认后方可销号。`);
  if (found.length > 0) {
    const most = [...found].sort((a, b) => b.total - a.total)[0]!;
    suggestions.push(`针对“${most.title}”方面问题相对集中的情况，督促相关县（区）和单位举一反三、建章立制，开展专项整治。`);
  }
  suggestions.push('将督查结果作为扶贫开发工作成效考核的重要参考，对督查中发现的问题督促纠正到位。');
  suggestions.push('总结推广先进典型经验，发挥示范带动作用，推动全市脱贫攻坚工作责任、政策、工作落实。');
  suggestions.forEach((suggestion, index) => lines.push(`${ordinals[index]}是${suggestion}`));
  return lines.join('\n');
}

/** 督11: a draft of the office's summary for the year, generated from the data; nothing is stored. */
export async function generateSummaryDraft(ctx: AppContext, actor: Actor, year: number) {
  assertRole(actor, summaryOfficeRoles, '生成督查工作总结草稿（须由市扶贫办汇总，第十一条）');
  const figures = await collectFigures(ctx, actor, year);
  return { year, title: `关于${year}年全市脱贫攻坚督查工作情况的报告`, body: composeDraft(figures), figures };
}

/** The figures alone, for the charts of 市委、市政府, the leading group and the office. */
export async function getSummaryFigures(ctx: AppContext, actor: Actor, year: number): Promise<SummaryFigures> {
  assertRole(actor, summaryReaders, '查看督查工作统计');
  return collectFigures(ctx, actor, year);
}
