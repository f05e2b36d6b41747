import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../kernel/access.ts';
import type { Clock } from '../../kernel/clock.ts';
import { addCalendarMonths } from '../../kernel/time.ts';
import type { getInspection } from '../inspections/inspections.service.ts';
import type { getSummaryWithCommendations } from '../summaries/summaries.service.ts';
import type { getSupervision } from '../supervisions/supervisions.service.ts';
import type { getTransfer } from '../transfers/transfers.service.ts';
import { chineseDate, renderOfficialDocument, type OfficialSection } from './documents.official.ts';
import { blankDocumentNumber, issueDocument, OFFICE_REGISTER, type IssuedDocumentView, type RenderedDocument } from './documents.register.ts';

// What each document says, built from the records the workflow services return, and the issue of
// each at the workflow step that sends it. This file imports the other modules' types only: their
// services call it inside their own transactions.

export type InspectionDetail = Awaited<ReturnType<typeof getInspection>>;
export type SupervisionDetail = Awaited<ReturnType<typeof getSupervision>>;
export type SummaryWithCommendations = Awaited<ReturnType<typeof getSummaryWithCommendations>>;
export type TransferView = Awaited<ReturnType<typeof getTransfer>>;

export const OFFICE = '惠州市扶贫开发领导小组办公室';
const LEADING_GROUP = '惠州市扶贫开发领导小组';
const SUPERVISION_TEAM = '惠州市脱贫攻坚督查组';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD of an instant in Asia/Shanghai (R-X5). */
export function shanghaiDate(instant: Date | string): string {
  return SHANGHAI_DATE.format(new Date(instant));
}

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

/** A draft's 文号 line and file-name mark, or the issued number. */
type Numbering = { documentNumber: string; isDraft: false } | { isDraft: true; year: number };

function numberLine(numbering: Numbering, register = OFFICE_REGISTER): string {
  return numbering.isDraft ? blankDocumentNumber(register, numbering.year) : numbering.documentNumber;
}

const draftSuffix = (numbering: Numbering) => (numbering.isDraft ? '（草稿）' : '');

// ---- 巡查 (督13–18) ----

/** The inspection team's written report (督16(3)) as an official document; a team's report carries no 文号. */
export async function renderInspectionReport(detail: InspectionDetail, date: string): Promise<RenderedDocument> {
  const inspection = detail.inspection;
  const teamName = detail.team?.name ?? '惠州市脱贫攻坚巡查组';
  const title = `关于对${inspection.assessmentUnitName}脱贫攻坚工作巡查情况的报告`;
  const body = await renderOfficialDocument({
    issuer: teamName,
    documentNumber: null,
    title,
    addressee: OFFICE,
    sections: sectionsFromText(inspection.report ?? ''),
    tables: detail.findings.length
      ? [{ caption: '巡查发现的问题', headers: ['序号', '问题类别', '问题描述', '整改要求'], rows: detail.findings.map((finding, index) => [String(index + 1), finding.categoryLabel, finding.description, finding.requirement ?? '']) }]
      : [],
    signatory: teamName,
    date,
  });
  return { title, fileName: `巡查报告-${inspection.assessmentUnitName}-${inspection.id}.docx`, contentType: DOCX, body };
}

/**
 * 整改通知书 to the inspected county (督18): the problems, what is required, and the deadline the
 * rectification period after feedback. A draft, before the feedback, counts from `feedbackDate` as given.
 */
export async function renderRectificationNotice(detail: InspectionDetail, numbering: Numbering, feedbackDate: string): Promise<RenderedDocument> {
  const inspection = detail.inspection;
  const deadline = inspection.rectificationDeadline ?? addCalendarMonths(feedbackDate, inspection.rectificationMonths);
  const unit = inspection.assessmentUnitName;
  const title = `关于${unit}脱贫攻坚巡查反馈问题限期整改的通知`;
  const body = await renderOfficialDocument({
    issuer: OFFICE,
    documentNumber: numberLine(numbering),
    isDraft: numbering.isDraft,
    title,
    addressee: `中共${unit}委、${unit}人民政府`,
    sections: [
      {
        paragraphs: [
          `根据《惠州市新时期脱贫攻坚督查巡查工作办法》（惠扶〔2017〕5号）第十三条至第十八条规定，市扶贫办组织对${unit}脱贫攻坚工作进行了巡查，并于${chineseDate(feedbackDate)}反馈了巡查情况。现将巡查发现的问题及整改要求通知如下。`,
        ],
      },
      { heading: '一、存在问题及整改要求', paragraphs: [`巡查共发现问题 ${detail.findings.length} 个，详见附表。请逐项制定整改措施，明确责任单位、责任人和完成时限。`] },
      {
        heading: '二、整改时限',
        paragraphs: [`请于${chineseDate(deadline)}前（反馈之日起 ${inspection.rectificationMonths} 个月内）将整改情况及佐证材料报送市扶贫办。市扶贫办将对整改情况逐项核查，未经核查确认的问题不视为整改完成。`],
      },
      { heading: '三、有关要求', paragraphs: ['整改情况能公开的，应当及时公开，接受社会监督。对整改不力、逾期未完成的，市扶贫办将提请市扶贫开发领导小组约谈相关负责人。'] },
    ],
    tables: [
      {
        caption: '附表：巡查反馈问题整改清单',
        headers: ['序号', '问题类别', '问题描述', '整改要求', '整改期限'],
        rows: detail.findings.map((finding, index) => [String(index + 1), finding.categoryLabel, finding.description, finding.requirement ?? '', finding.deadline ?? deadline]),
      },
    ],
    signatory: OFFICE,
    date: feedbackDate,
    copyTo: `${LEADING_GROUP}各成员单位`,
    printedBy: OFFICE,
  });
  return { title, fileName: `整改通知书-${unit}-${inspection.id}${draftSuffix(numbering)}.docx`, contentType: DOCX, body };
}

/** Keeps the team's report as submitted (督16(3)), in the transaction of the submission. */
export function issueInspectionReport(trx: Transaction<DB>, clock: Clock, actor: Actor, detail: InspectionDetail): Promise<IssuedDocumentView> {
  const date = shanghaiDate(detail.inspection.reportSubmittedAt ?? clock.now());
  return issueDocument(trx, clock, actor, {
    kind: 'inspection_report',
    subjectId: detail.inspection.id,
    issuer: detail.team?.name ?? '惠州市脱贫攻坚巡查组',
    issuedOn: date,
    render: () => renderInspectionReport(detail, date),
  });
}

/** Issues the 整改通知书 with the next 惠扶办 number, in the transaction of the feedback to the county (督18). */
export function issueRectificationNotice(trx: Transaction<DB>, clock: Clock, actor: Actor, detail: InspectionDetail): Promise<IssuedDocumentView> {
  const feedbackDate = detail.inspection.feedbackDate!;
  return issueDocument(trx, clock, actor, {
    kind: 'rectification_notice',
    subjectId: detail.inspection.id,
    issuer: OFFICE,
    issuedOn: feedbackDate,
    render: (documentNumber) => renderRectificationNotice(detail, { documentNumber: documentNumber!, isDraft: false }, feedbackDate),
  });
}

// ---- 移交 (督17) ----

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
export async function renderReferralLetter(transfer: TransferView, documentNumber: string): Promise<RenderedDocument> {
  const evidence = transfer.evidence as ReferralEvidence;
  const sentOn = shanghaiDate(transfer.transferredAt);
  const unit = evidence.problem.responsibleUnit;
  const title = `关于移交${unit}脱贫攻坚${evidence.inspection ? '巡查' : ''}发现问题线索的函`;
  const body = await renderOfficialDocument({
    issuer: OFFICE,
    documentNumber,
    title,
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
  return { title, fileName: `移交函-${unit}-${transfer.id}.docx`, contentType: DOCX, body };
}

/** Issues the 移交函 with the next 惠扶办函 number, in the transaction that refers the problem (督17). */
export function issueReferralLetter(trx: Transaction<DB>, clock: Clock, actor: Actor, transfer: TransferView): Promise<IssuedDocumentView> {
  return issueDocument(trx, clock, actor, {
    kind: 'referral_letter',
    subjectId: transfer.id,
    issuer: OFFICE,
    issuedOn: shanghaiDate(transfer.transferredAt),
    render: (documentNumber) => renderReferralLetter(transfer, documentNumber!),
  });
}

// ---- 督查 (督6–12) ----

/** Where a supervision's documents are addressed: the county's party committee and government, or the assistance unit. */
function supervisedAddressee(target: { kind: 'assessment_unit' | 'assistance_unit'; name: string }): string {
  return target.kind === 'assessment_unit' ? `中共${target.name}委、${target.name}人民政府` : target.name;
}

/** The supervision team's written report (督10(3)) as an official document; a team's report carries no 文号. */
export async function renderSupervisionReport(detail: SupervisionDetail, date: string): Promise<RenderedDocument> {
  const supervision = detail.supervision;
  const title = `关于对${supervision.target.name}脱贫攻坚工作开展${supervision.typeLabel}情况的报告`;
  const body = await renderOfficialDocument({
    issuer: SUPERVISION_TEAM,
    documentNumber: null,
    title,
    addressee: OFFICE,
    // The generated draft starts with the title, which the document already carries.
    sections: sectionsFromText((supervision.report ?? '').replace(/^\s*(关于[^\n]*报告)\s*\n/, (line, first: string) => (first === title ? '' : line))),
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
    date,
  });
  return { title, fileName: `督查报告-${supervision.target.name}-${supervision.id}.docx`, contentType: DOCX, body };
}

/** 督查结果通报 (督12): the office notifies the supervised county or unit of the result, the problems and the rectification deadline. */
export async function renderSupervisionResultNotice(detail: SupervisionDetail, documentNumber: string): Promise<RenderedDocument> {
  const supervision = detail.supervision;
  const unit = supervision.target.name;
  const deadline = supervision.rectificationDeadline ?? '';
  const title = `关于${unit}脱贫攻坚${supervision.typeLabel}结果的通报`;
  const body = await renderOfficialDocument({
    issuer: OFFICE,
    documentNumber,
    title,
    addressee: supervisedAddressee(supervision.target),
    sections: [
      {
        paragraphs: [
          `根据《惠州市新时期脱贫攻坚督查巡查工作办法》（惠扶〔2017〕5号）第六条至第十二条规定和${supervision.year}年度督查计划，市扶贫办组织督查组对${unit}开展了${supervision.typeLabel}（${supervision.topic}）。现将督查结果通报如下。`,
        ],
      },
      { heading: '一、督查结果', paragraphs: (supervision.resultText ?? '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean) },
      {
        heading: '二、整改要求',
        paragraphs: [
          detail.findings.length
            ? `督查共发现问题 ${detail.findings.length} 个，详见附表。请逐项制定整改措施，明确责任人和完成时限。`
            : '督查未发现需要整改的问题，请继续巩固脱贫攻坚工作成效。',
          `请于${chineseDate(deadline)}前将整改情况及佐证材料报送市扶贫办（第十二条）。未经市扶贫办核查确认的问题不视为整改完成。`,
        ],
      },
    ],
    tables: detail.findings.length
      ? [
          {
            caption: '附表：督查发现问题整改清单',
            headers: ['序号', '问题类别', '问题描述', '整改要求', '整改期限'],
            rows: detail.findings.map((finding, index) => [String(index + 1), finding.categoryLabel, finding.description, finding.requirement, finding.deadline ?? deadline]),
          },
        ]
      : [],
    signatory: OFFICE,
    date: supervision.resultNotifiedOn!,
    copyTo: `${LEADING_GROUP}各成员单位`,
    printedBy: OFFICE,
  });
  return { title, fileName: `督查结果通报-${unit}-${supervision.id}.docx`, contentType: DOCX, body };
}

/** Keeps the team's report as submitted (督10(3)), in the transaction of the submission. */
export function issueSupervisionReport(trx: Transaction<DB>, clock: Clock, actor: Actor, detail: SupervisionDetail): Promise<IssuedDocumentView> {
  const date = shanghaiDate(detail.supervision.reportSubmittedAt ?? clock.now());
  return issueDocument(trx, clock, actor, {
    kind: 'supervision_report',
    subjectId: detail.supervision.id,
    issuer: SUPERVISION_TEAM,
    issuedOn: date,
    render: () => renderSupervisionReport(detail, date),
  });
}

/** Issues the 督查结果通报 with the next 惠扶办 number, in the transaction of the notification (督12). */
export function issueSupervisionResultNotice(trx: Transaction<DB>, clock: Clock, actor: Actor, detail: SupervisionDetail): Promise<IssuedDocumentView> {
  return issueDocument(trx, clock, actor, {
    kind: 'supervision_result_notice',
    subjectId: detail.supervision.id,
    issuer: OFFICE,
    issuedOn: detail.supervision.resultNotifiedOn!,
    render: (documentNumber) => renderSupervisionResultNotice(detail, documentNumber!),
  });
}

/**
 * 督11: the city office's summary of the year's supervision to 市委、市政府 as an official report,
 * with an annex listing the approved commendations (通报表扬) and model cases (先进典型).
 */
export async function renderSupervisionSummary({ summary, commendations }: SummaryWithCommendations, numbering: Numbering, date: string): Promise<RenderedDocument> {
  const body = await renderOfficialDocument({
    issuer: OFFICE,
    documentNumber: numberLine(numbering),
    isDraft: numbering.isDraft,
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
  return { title: summary.title, fileName: `督查工作总结-${summary.year}-${summary.id}${draftSuffix(numbering)}.docx`, contentType: DOCX, body };
}

/** Issues the summary with the next 惠扶办 number, in the transaction that reports it to 市委、市政府 (督11). */
export function issueSupervisionSummary(trx: Transaction<DB>, clock: Clock, actor: Actor, content: SummaryWithCommendations): Promise<IssuedDocumentView> {
  const date = shanghaiDate(content.summary.submittedAt ?? clock.now());
  return issueDocument(trx, clock, actor, {
    kind: 'supervision_summary',
    subjectId: content.summary.id,
    issuer: OFFICE,
    issuedOn: date,
    render: (documentNumber) => renderSupervisionSummary(content, { documentNumber: documentNumber!, isDraft: false }, date),
  });
}
