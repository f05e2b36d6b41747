import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { digitColumns, registryColumns, type RegistryColumn } from './registry.format.ts';

/*
 * What a spreadsheet program (Excel, WPS, LibreOffice Calc) does to a registry file, and how the import reads it back.
 *
 * - A date cell is a number of days (a serial) with a date format: 43069 is 2017-11-30. In the 1900 date system
 *   (Excel's default) serial 1 is 1900-01-01 and serial 60 the 29 February 1900 that never was (Lotus 1-2-3's leap-year
 *   bug, kept for compatibility); in the 1904 system (old Mac Excel, a workbook setting) serial 0 is 1904-01-01.
 * - Digits typed into a cell that is not text become a number, which keeps 15 significant digits: an 18-digit 身份证号
 *   or a 17-digit 户编号 loses its last digits, and a CSV saved back shows the number as the cell shows it —
 *   「4.4132E+17」 or 「441322196511230000」. What was lost cannot be recovered, so such a value is refused with the
 *   reason and the remedy, never "repaired"; a number that kept all its digits (fewer than 16) is read as its digits.
 */

/** The reason given for a 身份证号, 户编号 or other digit column that a spreadsheet program saved as a number. */
export const SAVED_AS_NUMBER_REASON = '被电子表格软件当作数字保存，后几位已丢失；请把该列设为「文本」后重新录入，或使用导入模板';

/** The title in A1 of the template's instructions sheet; a worksheet that starts with it holds no data. */
export const INSTRUCTIONS_SHEET_TITLE = '填写说明';

const MS_PER_DAY = 86_400_000;
const SECONDS_PER_DAY = 86_400;
// Serial 0 of each system, counted so that serial n is n days later (in the 1900 system from serial 61 on).
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const LOTUS_LEAP_DAY = 60;
const LAST_SERIAL = 2_958_465; // 9999-12-31 in the 1900 system

/**
 * The calendar day (ISO yyyy-mm-dd) of a spreadsheet date serial, the time of day dropped; serial 60 of the 1900
 * system is 1900-02-29, a day that does not exist, for the validator to refuse. Null when it is no serial at all.
 */
export function dateOfSerial(serial: number, is1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < (is1904 ? 0 : 1) || serial > LAST_SERIAL) return null;
  // To the nearest second first, so a time of 23:59:59.9999 stored as x.99999999 does not fall to the day before midnight.
  const day = Math.floor(Math.round(serial * SECONDS_PER_DAY) / SECONDS_PER_DAY);
  if (is1904) return isoDay(EPOCH_1904 + day * MS_PER_DAY);
  if (day === LOTUS_LEAP_DAY) return '1900-02-29';
  return isoDay(EPOCH_1900 + (day < LOTUS_LEAP_DAY ? day + 1 : day) * MS_PER_DAY);
}

const isoDay = (milliseconds: number) => new Date(milliseconds).toISOString().slice(0, 10);

// A spreadsheet number keeps 15 significant digits: every integer below 10^15 is exact, and at 10^15 digits were lost.
const LARGEST_INTACT = 1e15;

/**
 * A number from a digit column as text: its digits when all of them survived, otherwise in scientific notation
 * with the 15 significant digits a spreadsheet keeps (4.4132319470418E+17), the form the validator refuses with
 * SAVED_AS_NUMBER_REASON.
 */
export function digitsOfNumber(value: number): string {
  if (!Number.isInteger(value)) return String(value);
  if (Math.abs(value) < LARGEST_INTACT) return String(value);
  return Number(value.toPrecision(15)).toExponential().replace('e', 'E');
}

const scientificPattern = /^[+-]?\d+(?:[.,]\d+)?E[+-]?\d+$/i;

/** True for a value in scientific notation: a number of digits as a spreadsheet program shows or saves it. */
export function isScientificNotation(raw: string): boolean {
  return (raw.includes('E') || raw.includes('e')) && scientificPattern.test(raw);
}

/**
 * True for 18 digits ending in 000 — what a number keeps of an 18-digit 身份证号 (its first 15 digits) when a CSV is
 * saved with the digits shown in full. The caller asks only once the checksum has failed: a real number may end in 000.
 */
export function isIdNumberCutToFifteenDigits(raw: string): boolean {
  return raw.length === 18 && raw.endsWith('000') && /^\d{18}$/.test(raw);
}

/** A number in scientific notation shortened to five significant digits for an error report (4.4132E+17): enough to recognise, too little to identify a person. */
export function shortScientific(raw: string): string {
  const value = Number(raw.replace(',', '.'));
  return Number.isFinite(value) ? value.toPrecision(5).replace('e', 'E') : raw.slice(0, 10);
}

type CellColumn = Pick<RegistryColumn, 'kind'> & { isDigits: boolean };

const cellColumns: CellColumn[] = registryColumns.map((entry) => ({ kind: entry.kind, isDigits: digitColumns.has(entry.key) }));

/** A money amount with the floating-point noise of a formula (1234.5600000001) rounded off; anything finer stays for the validator to refuse. */
function moneyText(value: number): string {
  const cents = Math.round(value * 100);
  return Math.abs(cents - value * 100) < 1e-6 ? String(cents / 100) : String(value);
}

function numberText(value: number, column: CellColumn | undefined, is1904: boolean): string {
  if (!column) return String(value);
  if (column.kind === 'date') return dateOfSerial(value, is1904) ?? String(value);
  if (column.isDigits) return digitsOfNumber(value);
  if (column.kind === 'money') return moneyText(value);
  return String(value);
}

/**
 * The text of an XLSX cell value (as exceljs gives it) in the registry column it stands in: dates from serials or
 * Date values, digits from numbers that kept them all (else the scientific notation the validator refuses), 是/否
 * from TRUE/FALSE, the text of rich text and hyperlinks, the result of a formula.
 */
export function spreadsheetCellText(value: unknown, column: CellColumn | undefined, is1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, column, is1904);
  if (typeof value === 'boolean') return column?.kind === 'boolean' ? (value ? '是' : '否') : value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((run: { text?: unknown }) => String(run.text ?? '')).join('');
    if ('text' in value) return spreadsheetCellText(value.text, column, is1904);
    if ('result' in value) return spreadsheetCellText(value.result, column, is1904);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

const date1904Pattern = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/;

/**
 * The text of a part of the package, decoded as UTF-8 across chunk boundaries: exceljs decodes each chunk on its
 * own, so a Chinese character split between two chunks of the unzipped XML becomes「��」(exceljs issues #2063, #2084).
 */
async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

type ReaderInternals = {
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
};
const exceljsReader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals;

/**
 * exceljs's streaming reader with two faults mended, by overriding three of its internal steps (exceljs 4.4): the
 * shared strings and worksheets reach its XML parser as text decoded across chunks (`utf8Text`), and the workbook's
 * date system is read here — exceljs takes date1904 only when written "1", LibreOffice writes "true". The
 * spreadsheet tests read Chinese text across chunk boundaries and a 1904 workbook saved by LibreOffice.
 */
class RegistryWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  is1904 = false;

  async _parseWorkbook(entry: Readable): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const xml = Buffer.concat(chunks);
    this.is1904 = date1904Pattern.test(xml.toString('utf8'));
    await exceljsReader._parseWorkbook.call(this, Readable.from([xml]));
  }

  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown> {
    return exceljsReader._parseSharedStrings.call(this, Readable.from(utf8Text(entry)));
  }

  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown> {
    return exceljsReader._parseWorksheet.call(this, utf8Text(iterator), sheetNo);
  }
}

/** A row of a file as text, with its number in the file (for the error report). */
export type SheetRecord = { line: number; cells: string[] };

/**
 * The rows of the registry worksheet of an XLSX file as text with their row numbers, each cell read for its
 * column (`spreadsheetCellText`); the first row is the header. The registry worksheet is the first one that
 * does not start with the template's 填写说明.
 */
export async function* readWorkbookRecords(stream: Readable): AsyncGenerator<SheetRecord> {
  const workbook = new RegistryWorkbookReader(stream, { sharedStrings: 'cache', worksheets: 'emit', styles: 'ignore', hyperlinks: 'ignore' });
  for await (const worksheet of workbook) {
    let isFirstRow = true;
    let isInstructions = false;
    for await (const row of worksheet) {
      const values = (row.values as unknown[]).slice(1);
      if (isFirstRow) {
        isFirstRow = false;
        isInstructions = spreadsheetCellText(values[0], undefined, false).trim() === INSTRUCTIONS_SHEET_TITLE;
      }
      // The instructions are read through to their end, so that the next worksheet follows in the stream.
      if (isInstructions) continue;
      const cells = new Array<string>(values.length);
      for (let index = 0; index < values.length; index += 1) cells[index] = spreadsheetCellText(values[index], cellColumns[index], workbook.is1904);
      yield { line: row.number, cells };
    }
    if (!isInstructions) return;
  }
}
