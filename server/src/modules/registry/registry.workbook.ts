import ExcelJS from 'exceljs';
import { causeLabels, digitColumns, headerLabels, registryColumns, type RegistryColumn } from './registry.format.ts';
import { INSTRUCTIONS_SHEET_TITLE } from './registry.spreadsheet.ts';

/*
 * The registry layout as an XLSX worksheet, shared by the import template and the XLSX export: the header row of
 * the import format, and columns formatted so that a spreadsheet program keeps what it is given — the digit columns
 * (户编号, 行政村代码, 联系电话, 身份证号) as text (@), so typing or pasting 18 digits keeps 18 digits; dates as dates;
 * amounts with two decimals.
 */

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const REGISTRY_SHEET_NAME = '建档立卡';

export const TEXT_FORMAT = '@';
const DATE_FORMAT = 'yyyy-mm-dd';
const MONEY_FORMAT = '0.00';
// Rows of the template that carry the drop-down lists; a file may have more rows, they are only without the list.
const TEMPLATE_ROWS = 20_000;

type LayoutColumn = (typeof registryColumns)[number];

function numberFormatOf(entry: LayoutColumn): string | undefined {
  if (digitColumns.has(entry.key)) return TEXT_FORMAT;
  if (entry.kind === 'date') return DATE_FORMAT;
  if (entry.kind === 'money') return MONEY_FORMAT;
  return undefined;
}

function widthOf(entry: RegistryColumn): number {
  if (entry.kind === 'idNumber') return 22;
  if (entry.key === 'household_no') return 20;
  return Math.max(10, Math.min(24, entry.label.length * 2 + 4));
}

/** The worksheet columns of the registry layout: width and, per column, the number format (text for the digit columns). */
export const registrySheetColumns: Partial<ExcelJS.Column>[] = registryColumns.map((entry) => {
  const numFmt = numberFormatOf(entry);
  return { key: entry.key, width: widthOf(entry), ...(numFmt ? { style: { numFmt } } : {}) };
});

/** Styles the header row (bold, shaded, text) of a registry worksheet. */
export function styleHeaderRow(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.numFmt = TEXT_FORMAT;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
}

const yearRange = { min: 2000, max: 2100 };

/** What a cell of the column must hold, in the words of the 填写说明 sheet. */
function instructionOf(entry: RegistryColumn): string {
  const choices = entry.codes ? Object.values(entry.codes).join('、') : '';
  switch (entry.kind) {
    case 'text':
      if (entry.key === 'household_no') return '户编号，文本格式，照录全部数字';
      if (entry.key === 'village_code') return '12 位村（居）行政区划代码，文本格式';
      return '文字，最多 100 个字符';
    case 'code':
      return `从下拉列表选择：${choices}`;
    case 'year':
      return `四位年份（${yearRange.min}–${yearRange.max}），如 2017`;
    case 'date':
      return '日期，如 2017-06-30（日期格式或文本均可）；不能晚于导入当天';
    case 'money':
      return '金额（元），最多两位小数';
    case 'boolean':
      return '是 或 否';
    case 'months':
      return '0–12 的整数';
    case 'causes':
      return `可填多项，用「、」分隔：${Object.values(causeLabels).join('、')}`;
    case 'grade':
      return 'A、B、C 或 D';
    case 'phone':
      return '11 位手机号或带区号的固定电话，文本格式';
    case 'idNumber':
      return '18 位公民身份号码（末位可为 X），文本格式；与性别、出生日期须一致';
  }
}

const generalNotes = [
  '一、每行填一名家庭成员；户编号、村代码、户主、属性、状态、收入等户信息在该户的每一行重复填写，各行须一致；每户有且只有一名「户主」。',
  '二、请在「建档立卡」工作表中填写，不要修改表头（第一行），不要增删或调换列；本「填写说明」工作表导入时不读。',
  '三、户编号、行政村代码、联系电话、身份证号四列已设为「文本」格式，请保持：设为「常规」或「数值」后，电子表格软件把长串数字当作数字保存，只保留 15 位有效数字，身份证号等后几位会丢失且无法恢复，导入时该行会被拒绝。',
  '四、从其他表格复制时，请用「选择性粘贴 → 数值」或「只保留文本」；若源表中身份证号已显示为 4.41322E+17 或末几位为 000，说明已丢失，须按原件重新录入。',
  '五、另存为 CSV 时，这四列在文本格式下会原样保存；保存后请勿再用电子表格软件打开并保存 CSV 文件，或直接上传本 XLSX 文件。',
  '六、导入默认全有或全无：任何一行不合格，整个文件都不导入，并给出错误报告（行号、列、原因）；也可勾选「允许部分导入」，只导入无误的户。',
];

/** Adds the 填写说明 sheet: general rules, then per column whether it is required and what it holds. */
function addInstructionsSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET_TITLE);
  sheet.columns = [{ width: 8 }, { width: 22 }, { width: 10 }, { width: 90 }];
  sheet.addRow([INSTRUCTIONS_SHEET_TITLE]).font = { bold: true, size: 14 };
  for (const note of generalNotes) {
    const row = sheet.addRow([note]);
    sheet.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    row.height = 36;
  }
  sheet.addRow([]);
  const header = sheet.addRow(['列', '表头', '是否必填', '填写要求']);
  header.font = { bold: true };
  registryColumns.forEach((entry, index) => {
    const row = sheet.addRow([columnLetter(index + 1), entry.label, entry.isRequired ? '必填' : '选填', instructionOf(entry)]);
    row.getCell(4).alignment = { wrapText: true };
  });
}

/** A, B, …, Z, AA, … for a 1-based column number. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

type WithDataValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

/** Drop-down lists for the coded columns, 是/否 and the housing grade; whole numbers for years and months. */
function addValidations(sheet: ExcelJS.Worksheet): void {
  const validations = (sheet as unknown as WithDataValidations).dataValidations;
  registryColumns.forEach((entry, index) => {
    const range = `${columnLetter(index + 1)}2:${columnLetter(index + 1)}${TEMPLATE_ROWS + 1}`;
    const common = { allowBlank: !entry.isRequired, showErrorMessage: true, errorTitle: entry.label, error: instructionOf(entry) };
    const list = entry.kind === 'code' ? Object.values(entry.codes ?? {}) : entry.kind === 'boolean' ? ['是', '否'] : entry.kind === 'grade' ? ['A', 'B', 'C', 'D'] : null;
    if (list) validations.add(range, { ...common, type: 'list', formulae: [`"${list.join(',')}"`] });
    else if (entry.kind === 'year') validations.add(range, { ...common, type: 'whole', operator: 'between', formulae: [yearRange.min, yearRange.max] });
    else if (entry.kind === 'months') validations.add(range, { ...common, type: 'whole', operator: 'between', formulae: [0, 12] });
  });
}

/**
 * The import template: the 建档立卡 worksheet with the header row of the import format, its digit columns
 * text-formatted and its coded columns as drop-down lists, and the 填写说明 sheet. Imports as it is (no data rows:
 * 「文件没有数据行」); filled in, it imports with every digit kept.
 */
export function importTemplateWorkbook(): Promise<Buffer> {
  // The same for everyone and for the life of the process: built once.
  templateBytes ??= buildImportTemplate().catch((error: unknown) => {
    templateBytes = undefined;
    throw error;
  });
  return templateBytes;
}

let templateBytes: Promise<Buffer> | undefined;

async function buildImportTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'dukao';
  const sheet = workbook.addWorksheet(REGISTRY_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = registrySheetColumns;
  styleHeaderRow(sheet.addRow(headerLabels));
  addValidations(sheet);
  addInstructionsSheet(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
