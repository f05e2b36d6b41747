import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { breakTitle } from './documents.title.ts';

// Chinese official-document layout after GB/T 9704-2012: A4 with margins 37/35/28/26 mm, the issuing
// organ's mark in red over a red rule, the document number, a 二号小标宋 title, 三号仿宋 body at a
// fixed 28.95-point line, 黑体 and 楷体 headings, the signing organ and date, and the 印发 line.

const RED = 'C00000';
const FONT_TITLE = '方正小标宋简体';
const FONT_BODY = '仿宋_GB2312';
const FONT_HEADING = '黑体';
const FONT_SUBHEADING = '楷体_GB2312';
const SIZE_TITLE = 44; // 二号, in half-points
const SIZE_BODY = 32; // 三号
const SIZE_SMALL = 28; // 四号
const LINE = { line: 579, lineRule: LineRuleType.EXACT }; // 28.95 pt
const TEXT_WIDTH_MM = 210 - 28 - 26;
/** Full-width characters on one line of the 二号 title: 156 mm ÷ 22 pt (7.76 mm) = 20. */
export const TITLE_LINE_WIDTH = Math.floor(TEXT_WIDTH_MM / ((SIZE_TITLE / 2) * (25.4 / 72)));

export type OfficialSection = { heading?: string; subheading?: string; paragraphs: string[] };
export type OfficialTable = { caption: string; headers: string[]; rows: string[][] };

export type OfficialDocument = {
  /** 发文机关标志, e.g. 惠州市扶贫开发领导小组办公室. */
  issuer: string;
  /** 发文字号, e.g. 惠扶办〔2017〕12号 (a draft's is left blank: 惠扶办〔2017〕 号 with the number blank); omitted for reports of a team. */
  documentNumber: string | null;
  /** A draft is marked 草稿 above the organ's mark: not yet issued, so not yet numbered or kept. */
  isDraft?: boolean;
  title: string;
  /** 主送机关. */
  addressee: string | null;
  sections: OfficialSection[];
  tables?: OfficialTable[];
  /** 落款 (the signing organ) and the date, YYYY-MM-DD. */
  signatory: string;
  date: string;
  /** 抄送. */
  copyTo?: string;
  /** 印发机关 for the closing line. */
  printedBy?: string;
};

/** 2017-05-03 → 2017年5月3日. */
export function chineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

const run = (text: string, options: { font?: string; size?: number; bold?: boolean; color?: string } = {}) =>
  new TextRun({ text, font: { eastAsia: options.font ?? FONT_BODY, ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size: options.size ?? SIZE_BODY, bold: options.bold ?? false, ...(options.color ? { color: options.color } : {}) });

const titleRunOptions = { font: { eastAsia: FONT_TITLE, ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size: SIZE_TITLE } as const;

const bodyParagraph = (text: string) => new Paragraph({ children: [run(text)], indent: { firstLine: 640 }, spacing: LINE, alignment: AlignmentType.JUSTIFIED });

function cell(text: string, isHeader: boolean) {
  return new TableCell({
    children: [new Paragraph({ children: [run(text, { size: SIZE_SMALL - 4, font: isHeader ? FONT_HEADING : FONT_BODY })], alignment: isHeader ? AlignmentType.CENTER : AlignmentType.LEFT })],
  });
}

// The text block is 210 − 28 − 26 = 156 mm wide.
const TEXT_WIDTH_TWIPS = convertMillimetersToTwip(TEXT_WIDTH_MM);
const columnWeight = (header: string) => (header === '序号' ? 1 : /描述|情况|措施|做法/.test(header) ? 5 : 2.5);

function table(spec: OfficialTable): (Paragraph | Table)[] {
  const weights = spec.headers.map(columnWeight);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  return [
    new Paragraph({ children: [run(spec.caption, { font: FONT_HEADING })], alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 } }),
    new Table({
      width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
      columnWidths: weights.map((weight) => Math.floor((TEXT_WIDTH_TWIPS * weight) / totalWeight)),
      rows: [
        new TableRow({ tableHeader: true, children: spec.headers.map((header) => cell(header, true)) }),
        ...spec.rows.map((row) => new TableRow({ children: row.map((value) => cell(value, false)) })),
      ],
    }),
  ];
}

/** Renders an official document to DOCX bytes. */
export async function renderOfficialDocument(document: OfficialDocument): Promise<Buffer> {
  // The organ's mark stays on one line: at most 32 pt, smaller for long names.
  const issuerMark = `${document.issuer}${document.documentNumber ? '文件' : ''}`;
  const markSize = Math.min(64, Math.floor((2 * 156) / (issuerMark.length * 0.3528 * 1.05)));
  const children: (Paragraph | Table)[] = [];
  // Where GB/T 9704 puts 份号、密级和紧急程度 (top left, 黑体), a draft says what it is.
  if (document.isDraft) children.push(new Paragraph({ children: [run('草稿（未发文，无文号）', { font: FONT_HEADING })], spacing: LINE }));
  children.push(
    new Paragraph({ children: [run(issuerMark, { font: FONT_TITLE, size: markSize, color: RED })], alignment: AlignmentType.CENTER, spacing: { before: 240, after: 480 } }),
  );
  if (document.documentNumber) {
    children.push(new Paragraph({ children: [run(document.documentNumber)], alignment: AlignmentType.CENTER, spacing: { after: 120 } }));
  }
  children.push(
    new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 1 } }, spacing: { after: 480 } }),
    // Broken by meaning (GB/T 9704 §7.3.3), one explicit line break per line, so no word processor re-wraps it.
    new Paragraph({
      children: breakTitle(document.title, TITLE_LINE_WIDTH).map((line, index) => new TextRun({ ...titleRunOptions, text: line, ...(index > 0 ? { break: 1 } : {}) })),
      alignment: AlignmentType.CENTER,
      spacing: { after: 480, line: 700, lineRule: LineRuleType.AT_LEAST },
    }),
  );
  if (document.addressee) children.push(new Paragraph({ children: [run(`${document.addressee}：`)], spacing: LINE }));
  for (const section of document.sections) {
    if (section.heading) children.push(new Paragraph({ children: [run(section.heading, { font: FONT_HEADING })], indent: { firstLine: 640 }, spacing: LINE }));
    if (section.subheading) children.push(new Paragraph({ children: [run(section.subheading, { font: FONT_SUBHEADING })], indent: { firstLine: 640 }, spacing: LINE }));
    for (const paragraph of section.paragraphs) children.push(bodyParagraph(paragraph));
  }
  for (const spec of document.tables ?? []) children.push(...table(spec));
  children.push(
    new Paragraph({ children: [], spacing: { before: 600 } }),
    new Paragraph({ children: [run(document.signatory)], alignment: AlignmentType.RIGHT, indent: { right: 1280 }, spacing: LINE }),
    new Paragraph({ children: [run(chineseDate(document.date))], alignment: AlignmentType.RIGHT, indent: { right: 1280 }, spacing: LINE }),
  );
  if (document.copyTo) {
    children.push(new Paragraph({ children: [run(`抄送：${document.copyTo}。`, { size: SIZE_SMALL })], spacing: { before: 600 }, border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 } } }));
  }
  if (document.printedBy) {
    children.push(
      new Paragraph({
        children: [run(`${document.printedBy}`, { size: SIZE_SMALL }), run(`\u3000\u3000${chineseDate(document.date)}印发`, { size: SIZE_SMALL })],
        border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 }, bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 4 } },
        spacing: { before: document.copyTo ? 0 : 600 },
      }),
    );
  }
  const doc = new Document({
    creator: document.issuer,
    title: document.title,
    styles: { default: { document: { run: { font: FONT_BODY, size: SIZE_BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: { top: convertMillimetersToTwip(37), bottom: convertMillimetersToTwip(35), left: convertMillimetersToTwip(28), right: convertMillimetersToTwip(26) },
          },
        },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: SIZE_SMALL })] })] }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
