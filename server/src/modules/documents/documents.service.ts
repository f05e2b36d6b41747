import ExcelJS from 'exceljs';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { IssuedDocumentKind } from '../../db/schema.documents.ts';
import { assertRole, isOfficeRole, officeRoles, type Actor } from '../../kernel/access.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { todayInShanghai } from '../../kernel/time.ts';
import { getInspection } from '../inspections/inspections.service.ts';
import { getSupervision } from '../supervisions/supervisions.service.ts';
import { getSummaryWithCommendations } from '../summaries/summaries.service.ts';
import { getTransfer } from '../transfers/transfers.service.ts';
import type { ProblemFilter } from '../rectifications/rectifications.repo.ts';
import { listRectifications } from '../rectifications/rectifications.service.ts';
import * as issue from './documents.issue.ts';
import { findIssuedFile, listRegister, type IssuedDocumentView, type RenderedDocument } from './documents.register.ts';

// Downloads. A document already issued is the file kept when it was issued, byte for byte; before its
// workflow step, a kind that has a draft is rendered as one (草稿, the number blank); a record sent
// before the register existed (migration 0011) is issued at its first download.

/** A file to send; `sha256` and `documentNumber` for a kept document, `isDraft` for a draft. */
export type GeneratedFile = { fileName: string; contentType: string; body: Buffer; sha256?: string; documentNumber?: string | null; isDraft?: boolean };

const draft = (rendered: RenderedDocument): GeneratedFile => ({ ...rendered, isDraft: true });

/**
 * The kept file of a record's document; issued now, in a transaction of its own, when the record
 * was sent before the register existed.
 */
async function keptOrIssued(ctx: AppContext, kind: IssuedDocumentKind, subjectId: number, issueNow: (trx: Transaction<DB>) => Promise<IssuedDocumentView>): Promise<GeneratedFile> {
  let kept = await findIssuedFile(ctx.db, kind, subjectId);
  if (!kept) {
    await ctx.db.transaction().execute(issueNow);
    kept = await findIssuedFile(ctx.db, kind, subjectId);
  }
  if (!kept) throw new Error(`the ${kind} of record ${subjectId} was issued but cannot be found`);
  return { fileName: kept.file_name, contentType: kept.content_type, body: kept.content, sha256: kept.sha256, documentNumber: kept.document_number };
}

/** The inspection team's written report (督16(3)) as kept when the leader submitted it. */
export async function inspectionReportDocument(ctx: AppContext, actor: Actor, inspectionId: number): Promise<GeneratedFile> {
  const detail = await getInspection(ctx, actor, inspectionId);
  if (!detail.inspection.report) throw new AppError('INVALID_STATE', '巡查组尚未提交书面报告（督16(3)），暂不能生成报告文书');
  return keptOrIssued(ctx, 'inspection_report', inspectionId, (trx) => issue.issueInspectionReport(trx, ctx.clock, actor, detail));
}

/**
 * 整改通知书 to the inspected county (督18), issued with the feedback; while the office prepares the
 * feedback (report submitted), a draft dated today.
 */
export async function rectificationNoticeDocument(ctx: AppContext, actor: Actor, inspectionId: number): Promise<GeneratedFile> {
  const detail = await getInspection(ctx, actor, inspectionId);
  const inspection = detail.inspection;
  // The notice as sent is read by whoever sees the inspection — the county it was sent to among them; only the office
  // issues it (a record sent before the register) or prepares its draft.
  const isSent = inspection.feedbackDate !== null && (await findIssuedFile(ctx.db, 'rectification_notice', inspectionId)) !== undefined;
  if (!isSent && !isOfficeRole(actor)) throw new AppError('FORBIDDEN', '整改通知书由市扶贫办制发');
  if (inspection.feedbackDate) return keptOrIssued(ctx, 'rectification_notice', inspectionId, (trx) => issue.issueRectificationNotice(trx, ctx.clock, actor, detail));
  if (inspection.status === 'report_submitted') {
    const today = todayInShanghai(ctx.clock);
    return draft(await issue.renderRectificationNotice(detail, { isDraft: true, year: Number(today.slice(0, 4)) }, today));
  }
  throw new AppError('INVALID_STATE', '尚未向被巡查县（区）反馈巡查情况，不能制发整改通知书（督18）');
}

/**
 * 督11: the city office's summary of the year's supervision to 市委、市政府, issued when the office head
 * reports it; a draft while it is edited. Readable by whoever may read the summary (the office; the leaders once submitted).
 */
export async function supervisionSummaryDocument(ctx: AppContext, actor: Actor, summaryId: number): Promise<GeneratedFile> {
  const content = await getSummaryWithCommendations(ctx, actor, summaryId);
  if (content.summary.status === 'submitted') return keptOrIssued(ctx, 'supervision_summary', summaryId, (trx) => issue.issueSupervisionSummary(trx, ctx.clock, actor, content));
  const today = todayInShanghai(ctx.clock);
  return draft(await issue.renderSupervisionSummary(content, { isDraft: true, year: Number(today.slice(0, 4)) }, today));
}

/** The problem ledger as a spreadsheet, within the caller's scope and filters. */
export async function ledgerWorkbook(ctx: AppContext, actor: Actor, filter: ProblemFilter): Promise<GeneratedFile> {
  const { items, today } = await listRectifications(ctx, actor, filter);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = issue.OFFICE;
  const sheet = workbook.addWorksheet('整改台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '序号', width: 6 },
    { header: '来源', width: 8 },
    { header: '巡查', width: 28 },
    { header: '责任单位', width: 12 },
    { header: '问题类别', width: 22 },
    { header: '问题描述', width: 40 },
    { header: '整改要求', width: 30 },
    { header: '反馈日期', width: 12 },
    { header: '整改期限', width: 12 },
    { header: '剩余天数', width: 9 },
    { header: '是否逾期', width: 9 },
    { header: '状态', width: 10 },
    { header: '整改措施', width: 30 },
    { header: '核查人', width: 12 },
  ];
  sheet.getRow(1).font = { bold: true };
  items.forEach((item, index) =>
    sheet.addRow([
      index + 1,
      item.sourceLabel,
      item.inspectionTitle ?? '',
      item.responsibleUnitName,
      item.categoryLabel,
      item.description,
      item.requirement ?? '',
      item.notifiedOn ?? '',
      item.deadline ?? '',
      item.daysLeft ?? '',
      item.isOverdue ? '是' : '否',
      item.statusLabel,
      item.measures ?? '',
      item.verifiedByName ?? '',
    ]),
  );
  sheet.autoFilter = { from: 'A1', to: 'N1' };
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName: `整改台账-${today}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body };
}

/** 移交函 (督17), issued when the problem was referred. */
export async function referralLetterDocument(ctx: AppContext, actor: Actor, transferId: number): Promise<GeneratedFile> {
  const transfer = await getTransfer(ctx, actor, transferId);
  return keptOrIssued(ctx, 'referral_letter', transferId, (trx) => issue.issueReferralLetter(trx, ctx.clock, actor, transfer));
}

/** The supervision team's written report (督10(3)) as kept when the leader submitted it; never to the supervised unit. */
export async function supervisionReportDocument(ctx: AppContext, actor: Actor, supervisionId: number): Promise<GeneratedFile> {
  const detail = await getSupervision(ctx, actor, supervisionId);
  const supervision = detail.supervision;
  if (supervision.report === null && supervision.reportSubmittedAt !== null) {
    throw new AppError('FORBIDDEN', '督查报告是督查组的工作底稿，被督查单位不能查阅；督查结果以市扶贫办的通报为准（督12）');
  }
  if (!supervision.report) throw new AppError('INVALID_STATE', '督查组尚未提交书面报告（督10(3)），暂不能生成督查报告文书');
  return keptOrIssued(ctx, 'supervision_report', supervisionId, (trx) => issue.issueSupervisionReport(trx, ctx.clock, actor, detail));
}

/** 督查结果通报 (督12), issued with the notification of the result; there is no draft — the result is written in the notification itself. */
export async function supervisionResultNoticeDocument(ctx: AppContext, actor: Actor, supervisionId: number): Promise<GeneratedFile> {
  if (!isOfficeRole(actor)) throw new AppError('FORBIDDEN', '督查结果通报由市扶贫办制发');
  const detail = await getSupervision(ctx, actor, supervisionId);
  const supervision = detail.supervision;
  if (!supervision.resultNotifiedOn || !supervision.rectificationDeadline || !supervision.resultText) {
    throw new AppError('INVALID_STATE', '尚未向被督查单位通报督查结果（督12），不能制发督查结果通报');
  }
  return keptOrIssued(ctx, 'supervision_result_notice', supervisionId, (trx) => issue.issueSupervisionResultNotice(trx, ctx.clock, actor, detail));
}

/** The register of issued documents of a year (发文登记簿), for the city office. */
export async function listDocumentRegister(ctx: AppContext, actor: Actor, filter: { year: number; registerCode?: string | undefined }): Promise<{ items: IssuedDocumentView[] }> {
  assertRole(actor, officeRoles, '查看发文登记');
  return { items: await listRegister(ctx.db, filter) };
}
