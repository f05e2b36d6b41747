import ExcelJS from 'exceljs';
import { isOfficeRole, type Actor } from '../../kernel/access.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { getInspection } from '../inspections/inspections.service.ts';
import { getSupervision } from '../supervisions/supervisions.service.ts';
import { getSummaryWithCommendations } from '../summaries/summaries.service.ts';
import { getTransfer } from '../transfers/transfers.service.ts';
import type { ProblemFilter } from '../rectifications/rectifications.repo.ts';
import { listRectifications } from '../rectifications/rectifications.service.ts';
import { chineseDate, renderOfficialDocument, type OfficialSection } from './documents.official.ts';

const OFFICE = '惠州市扶贫开发领导小组办公室';
const LEADING_GROUP = '惠州市扶贫开发领导小组';

export type GeneratedFile = { fileName: string; contentType: string; body: Buffer };
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Splits report text into sections: lines like "一、…" become headings, "（一）…" subheadings, the rest paragraphs. */
export function sectionsFromText(text: string): OfficialSection[] {
  const sections: OfficialSection[] = [{ paragraphs: [] }];
  for (const line of text.split(/\r?\n/).map((value) => value.trim()).filter(Boolean)) {
    if (/^[一二三四五六七八九十]+、/.test(line)) sections.push({ heading: line, paragraphs: [] });
    else if (/^（[一二三四五六七八九十]+）/.test(line)) sections.push({ subheading: line, paragraphs: [] });
    else sections[sections.length - 1]!.paragraphs.push(line);
  }
  return sections.filter((section) => section.heading || section.subheading || section.paragraphs.length > 0);
}

/** The inspection team's written report (督16(3)) as an official document, from the submitted report or, before that, its draft. */
export async function inspectionReportDocument(ctx: AppContext, actor: Actor, inspectionId: number): Promise<GeneratedFile> {
  const detail = await getInspection(ctx, actor, inspectionId);
  const inspection = detail.inspection;
  if (!inspection.report) throw new AppError('INVALID_STATE', '巡查组尚未提交书面报告（督16(3)），暂不能生成报告文书');
  const teamName = detail.team?.name ?? '惠州市脱贫攻坚巡查组';
  const body = await renderOfficialDocument({
    issuer: teamName,
    documentNumber: null,
    title: `关于对${inspection.assessmentUnitName}脱贫攻坚工作巡查情况的报告`,
    addressee: OFFICE,
    sections: sectionsFromText(inspection.report),
    tables: detail.findings.length
      ? [{ caption: '巡查发现的问题', headers: ['序号', '问题类别', '问题描述', '整改要求'], rows: detail.findings.map((finding, index) => [String(index + 1), finding.categoryLabel, finding.description, finding.requirement ?? '']) }]
      : [],
    signatory: teamName,
    date: (inspection.reportSubmittedAt ? new Date(inspection.reportSubmittedAt) : ctx.clock.now()).toISOString().slice(0, 10),
  });
  return { fileName: `巡查报告-${inspection.assessmentUnitName}-${inspection.id}.docx`, contentType: DOCX, body };
}

/** 整改通知书 to the inspected county (督18): the problems, what is required, and the deadline the inspection's period after feedback. */
export async function rectificationNoticeDocument(ctx: AppContext, actor: Actor, inspectionId: number, documentNumber: string | undefined): Promise<GeneratedFile> {
  if (!isOfficeRole(actor)) throw new AppError('FORBIDDEN', '整改通知书由市扶贫办制发');
  const detail = await getInspection(ctx, actor, inspectionId);
  const inspection = detail.inspection;
  if (!inspection.feedbackDate || !inspection.rectificationDeadline) {
    throw new AppError('INVALID_STATE', '尚未向被巡查县（区）反馈巡查情况，不能制发整改通知书（督18）');
  }
  const unit = inspection.assessmentUnitName;
  const body = await renderOfficialDocument({
    issuer: OFFICE,
    documentNumber: documentNumber ?? `惠扶办〔${inspection.feedbackDate.slice(0, 4)}〕${inspection.id}号`,
    title: `关于${unit}脱贫攻坚巡查反馈问题限期整改的通知`,
    addressee: `中共${unit}委、${unit}人民政府`,
    sections: [
      {
        paragraphs: [
          `根据《惠州市新时期脱贫攻坚督查巡查工作办法》（惠扶〔2017〕5号）第十三条至第十八条规定，市扶贫办组织对${unit}脱贫攻坚工作进行了巡查，并于${chineseDate(inspection.feedbackDate)}反馈了巡查情况。现将巡查发现的问题及整改要求通知如下。`,
        ],
      },
      { heading: '一、存在问题及整改要求', paragraphs: [`巡查共发现问题 ${detail.findings.length} 个，详见附表。请逐项制定整改措施，明确责任单位、责任人和完成时限。`] },
      {
        heading: '二、整改时限',
        paragraphs: [`请于${chineseDate(inspection.rectificationDeadline)}前（反馈之日起 ${inspection.rectificationMonths} 个月内）将整改情况及佐证材料报送市扶贫办。市扶贫办将对整改情况逐项核查，未经核查确认的问题不视为整改完成。`],
      },
      { heading: '三、有关要求', paragraphs: ['整改情况能公开的，应当及时公开，接受社会监督。对整改不力、逾期未完成的，市扶贫办将提请市扶贫开发领导小组约谈相关负责人。'] },
    ],
    tables: [
      {
        caption: '附表：巡查反馈问题整改清单',
        headers: ['序号', '问题类别', '问题描述', '整改要求', '整改期限'],
        rows: detail.findings.map((finding, index) => [String(index + 1), finding.categoryLabel, finding.description, finding.requirement ?? '', finding.deadline ?? inspection.rectificationDeadline ?? '']),
      },
    ],
    signatory: OFFICE,
    date: inspection.feedbackDate,
    copyTo: `${LEADING_GROUP}各成员单位`,
    printedBy: OFFICE,
  });
  return { fileName: `整改通知书-${unit}-${inspection.id}.docx`, contentType: DOCX, body };
}

/** YYYY-MM-DD of an instant in Asia/Shanghai. */
function shanghaiDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * 督11: the city office's summary of the year's supervision to 市委、市政府 as an official report,
 * with an annex listing the approved commendations (通报表扬) and model cases (先进典型).
 * Readable by whoever may read the summary (the office; the leaders once submitted).
 */
export async function supervisionSummaryDocument(ctx: AppContext, actor: Actor, summaryId: number): Promise<GeneratedFile> {
  const { summary, commendations } = await getSummaryWithCommendations(ctx, actor, summaryId);
  const date = shanghaiDate(summary.submittedAt ? new Date(summary.submittedAt) : ctx.clock.now());
  const body = await renderOfficialDocument({
    issuer: OFFICE,
    documentNumber: `惠扶办〔${summary.year}〕${summary.id}号`,
    title: summary.title,
    addressee: '中共惠州市委、惠州市人民政府',
    sections: sectionsFromText(summary.body),
    tables: [
      {
        caption: `附件：${summary.year}年度通报表扬和先进典型名单`,
        headers: ['序号', '类别', '单位', '事迹/做法'],
        rows: commendations.length
          ? commendations.map((entry, index) => [String(index + 1), entry.kindLabel, entry.subject.name, `${entry.title}：${entry.description}`])
          : [['—', '—', '—', '本年度暂无经审定的通报表扬和先进典型']],
      },
    ],
    signatory: OFFICE,
    date,
    copyTo: `${LEADING_GROUP}各成员单位`,
    printedBy: OFFICE,
  });
  return { fileName: `督查工作总结-${summary.year}-${summary.id}.docx`, contentType: DOCX, body };
}

/** The problem ledger as a spreadsheet, within the caller's scope and filters. */
export async function ledgerWorkbook(ctx: AppContext, actor: Actor, filter: ProblemFilter): Promise<GeneratedFile> {
  const { items, today } = await listRectifications(ctx, actor, filter);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = OFFICE;
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

const recipientOrgans = {
  discipline_inspection: '中共惠州市纪律检查委员会、惠州市监察委员会',
  procuratorate: '惠州市人民检察院',
} as const;

type ReferralEvidence = {
  problem: { category: string; responsibleUnit: string; description: string; evidence: string | null; requirement: string | null };
  inspection: { title: string; assessmentUnitName: string; feedbackDate: string | null } | null;
  records: { method: string; date: string; place: string; notes: string }[];
  findings: { category: string; description: string; evidence: string | null }[];
};

/** 移交函 (督17): the office's letter referring a matter to 纪检监察 or 检察机关, with the list of evidence sent with it. */
export async function referralLetterDocument(ctx: AppContext, actor: Actor, transferId: number): Promise<GeneratedFile> {
  const transfer = await getTransfer(ctx, actor, transferId);
  const evidence = transfer.evidence as ReferralEvidence;
  const sentOn = new Date(transfer.transferredAt).toISOString().slice(0, 10);
  const unit = evidence.problem.responsibleUnit;
  const body = await renderOfficialDocument({
    issuer: OFFICE,
    documentNumber: `惠扶办函〔${sentOn.slice(0, 4)}〕${transfer.id}号`,
    title: `关于移交${unit}脱贫攻坚${evidence.inspection ? '巡查' : ''}发现问题线索的函`,
    addressee: recipientOrgans[transfer.recipientBody as keyof typeof recipientOrgans] ?? transfer.recipientBodyLabel,
    sections: [
      {
        paragraphs: [
          evidence.inspection
            ? `市扶贫办在组织开展“${evidence.inspection.title}”中发现，${unit}存在以下问题，涉嫌违纪违法。根据《惠州市新时期脱贫攻坚督查巡查工作办法》（惠扶〔2017〕5号）第十七条“涉及违纪违法的，按照有关规定移交纪检监察或检察机关”的规定，现将问题线索及有关材料移交你单位，请依规依纪依法处理，并将处理情况反馈我办。`
            : `市扶贫办在工作中发现，${unit}存在以下问题，涉嫌违纪违法。根据《惠州市新时期脱贫攻坚督查巡查工作办法》（惠扶〔2017〕5号）第十七条的规定，现将问题线索及有关材料移交你单位，请依规依纪依法处理，并将处理情况反馈我办。`,
        ],
      },
      { heading: '一、问题线索', paragraphs: [`（${evidence.problem.category}）${evidence.problem.description}`, ...(evidence.problem.evidence ? [`已掌握的证据：${evidence.problem.evidence}`] : [])] },
      { heading: '二、移交情况说明', paragraphs: transfer.summary.split(/\r?\n/).filter(Boolean) },
      { heading: '三、联系方式', paragraphs: ['联系人：市扶贫办督查科。'] },
    ],
    tables: [
      {
        caption: '附件：移交材料清单',
        headers: ['序号', '材料', '情况'],
        rows: [
          ...evidence.findings.map((finding) => ['巡查发现问题', `（${finding.category}）${finding.description}${finding.evidence ? `；证据：${finding.evidence}` : ''}`]),
          ...evidence.records.map((record) => [`${record.method}记录（${record.date}）`, `${record.place}：${record.notes}`]),
        ].map((row, index) => [String(index + 1), ...row]),
      },
    ],
    signatory: OFFICE,
    date: sentOn,
    printedBy: OFFICE,
  });
  return { fileName: `移交函-${unit}-${transfer.id}.docx`, contentType: DOCX, body };
}

/** Where a supervision's documents are addressed: the county's party committee and government, or the assistance unit. */
function supervisedAddressee(target: { kind: 'assessment_unit' | 'assistance_unit'; name: string }): string {
  return target.kind === 'assessment_unit' ? `中共${target.name}委、${target.name}人民政府` : target.name;
}

const SUPERVISION_TEAM = '惠州市脱贫攻坚督查组';

/** The supervision team's written report (督10(3)) as an official document, once the leader has submitted it. */
export async function supervisionReportDocument(ctx: AppContext, actor: Actor, supervisionId: number): Promise<GeneratedFile> {
  const detail = await getSupervision(ctx, actor, supervisionId);
  const supervision = detail.supervision;
  if (supervision.report === null && supervision.reportSubmittedAt !== null) {
    throw new AppError('FORBIDDEN', '督查报告是督查组的工作底稿，被督查单位不能查阅；督查结果以市扶贫办的通报为准（督12）');
  }
  if (!supervision.report) throw new AppError('INVALID_STATE', '督查组尚未提交书面报告（督10(3)），暂不能生成督查报告文书');
  const title = `关于对${supervision.target.name}脱贫攻坚工作开展${supervision.typeLabel}情况的报告`;
  const body = await renderOfficialDocument({
    issuer: SUPERVISION_TEAM,
    documentNumber: null,
    title,
    addressee: OFFICE,
    // The generated draft starts with the title, which the document already carries.
    sections: sectionsFromText(supervision.report.replace(/^\s*(关于[^\n]*报告)\s*\n/, (line, first: string) => (first === title ? '' : line))),
    tables: detail.findings.length
      ? [
          {
            caption: '督查发现的问题',
            headers: ['序号', '问题类别', '问题描述', '整改要求'],
            rows: detail.findings.map((finding, index) => [String(index + 1), finding.categoryLabel, finding.description, finding.requirement]),
          },
        ]
      : [],
    signatory: SUPERVISION_TEAM,
    date: (supervision.reportSubmittedAt ? new Date(supervision.reportSubmittedAt) : ctx.clock.now()).toISOString().slice(0, 10),
  });
  return { fileName: `督查报告-${supervision.target.name}-${supervision.id}.docx`, contentType: DOCX, body };
}

/** 督查结果通报 (督12): the office notifies the supervised county or unit of the result, the problems and the rectification deadline. */
export async function supervisionResultNoticeDocument(ctx: AppContext, actor: Actor, supervisionId: number, documentNumber: string | undefined): Promise<GeneratedFile> {
  if (!isOfficeRole(actor)) throw new AppError('FORBIDDEN', '督查结果通报由市扶贫办制发');
  const detail = await getSupervision(ctx, actor, supervisionId);
  const supervision = detail.supervision;
  if (!supervision.resultNotifiedOn || !supervision.rectificationDeadline || !supervision.resultText) {
    throw new AppError('INVALID_STATE', '尚未向被督查单位通报督查结果（督12），不能制发督查结果通报');
  }
  const unit = supervision.target.name;
  const body = await renderOfficialDocument({
    issuer: OFFICE,
    documentNumber: documentNumber ?? `惠扶办〔${supervision.resultNotifiedOn.slice(0, 4)}〕${supervision.id}号`,
    title: `关于${unit}脱贫攻坚${supervision.typeLabel}结果的通报`,
    addressee: supervisedAddressee(supervision.target),
    sections: [
      {
        paragraphs: [
          `根据《惠州市新时期脱贫攻坚督查巡查工作办法》（惠扶〔2017〕5号）第六条至第十二条规定和${supervision.year}年度督查计划，市扶贫办组织督查组对${unit}开展了${supervision.typeLabel}（${supervision.topic}）。现将督查结果通报如下。`,
        ],
      },
      { heading: '一、督查结果', paragraphs: supervision.resultText.split(/\r?\n/).map((line) => line.trim()).filter(Boolean) },
      {
        heading: '二、整改要求',
        paragraphs: [
          detail.findings.length
            ? `督查共发现问题 ${detail.findings.length} 个，详见附表。请逐项制定整改措施，明确责任人和完成时限。`
            : '督查未发现需要整改的问题，请继续巩固脱贫攻坚工作成效。',
          `请于${chineseDate(supervision.rectificationDeadline)}前将整改情况及佐证材料报送市扶贫办（第十二条）。未经市扶贫办核查确认的问题不视为整改完成。`,
        ],
      },
    ],
    tables: detail.findings.length
      ? [
          {
            caption: '附表：督查发现问题整改清单',
            headers: ['序号', '问题类别', '问题描述', '整改要求', '整改期限'],
            rows: detail.findings.map((finding, index) => [String(index + 1), finding.categoryLabel, finding.description, finding.requirement, finding.deadline ?? supervision.rectificationDeadline ?? '']),
          },
        ]
      : [],
    signatory: OFFICE,
    date: supervision.resultNotifiedOn,
    copyTo: `${LEADING_GROUP}各成员单位`,
    printedBy: OFFICE,
  });
  return { fileName: `督查结果通报-${unit}-${supervision.id}.docx`, contentType: DOCX, body };
}
