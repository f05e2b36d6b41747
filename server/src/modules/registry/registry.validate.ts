import { checkIdNumber } from './registry.idnumber.ts';
import { causeLabels, digitColumns, headerLabels, registryColumns, type Attribute, type Cause, type HouseholdStatus } from './registry.format.ts';
import { dateOfSerial, isIdNumberCutToFifteenDigits, isScientificNotation, SAVED_AS_NUMBER_REASON, shortScientific } from './registry.spreadsheet.ts';

export type RowError = { line: number; column: string; value: string; reason: string };

export type ParsedRow = {
  line: number;
  household_no: string;
  village_code: string;
  head_name: string;
  attribute: Attribute;
  identification_standard: string;
  identified_year: number;
  status: HouseholdStatus;
  exit_date: string | null;
  status_date: string | null;
  main_cause: Cause;
  other_causes: Cause[];
  housing_grade: string | null;
  has_safe_water: boolean;
  has_electricity: boolean;
  has_sanitary_toilet: boolean;
  food_clothing_secure: boolean;
  education_secured: boolean;
  medical_secured: boolean;
  housing_secured: boolean;
  assistance_person: string | null;
  assistance_unit: string | null;
  phone: string | null;
  income_year: number;
  wage_income: number;
  production_income: number;
  property_income: number;
  transfer_income: number;
  production_costs: number;
  per_capita_income: number;
  member_name: string;
  id_number: string;
  birth_date: string;
  sex: 'male' | 'female';
  relation: string;
  ethnicity: string;
  education: string;
  schooling: string;
  health: string;
  labour_ability: string;
  migrant_months: number;
  has_dibao: boolean;
  has_medical_insurance: boolean;
  has_pension_insurance: boolean;
};

const reverseCodes = new Map(
  registryColumns.filter((entry) => 'codes' in entry).map((entry) => [entry.key, new Map(Object.entries((entry as { codes: Record<string, string> }).codes).map(([code, label]) => [label, code]))]),
);
const causeByLabel = new Map<string, Cause>(Object.entries(causeLabels).map(([code, label]) => [label, code as Cause]));
const booleanWords = new Map([
  ['是', true],
  ['否', false],
  ['有', true],
  ['无', false],
  ['Y', true],
  ['N', false],
]);

/** Checks the header row against the layout; returns the problems, empty when it matches. */
export function checkHeader(cells: string[]): RowError[] {
  const normalised = cells.map((cell, index) => (index === 0 ? cell.replace(/^\uFEFF/, '') : cell).trim());
  const problems: RowError[] = [];
  headerLabels.forEach((label, index) => {
    if (normalised[index] !== label) {
      problems.push({ line: 1, column: label, value: normalised[index] ?? '', reason: `第 ${index + 1} 列表头应为「${label}」` });
    }
  });
  if (normalised.length > headerLabels.length && normalised.slice(headerLabels.length).some((cell) => cell !== '')) {
    problems.push({ line: 1, column: '(表头)', value: normalised.slice(headerLabels.length).join(','), reason: `多出 ${normalised.length - headerLabels.length} 列` });
  }
  return problems;
}

// Per column, what a row's cell is checked against, worked out once rather than on every row.
const columnRules = registryColumns.map((entry) => {
  const codes = 'codes' in entry ? (entry as { codes: Record<string, string> }).codes : undefined;
  return {
    key: entry.key,
    label: entry.label,
    kind: entry.kind,
    isRequired: entry.isRequired,
    isDigits: digitColumns.has(entry.key),
    byLabel: codes ? reverseCodes.get(entry.key)! : undefined,
    codeReason: codes ? `不是有效取值（可选：${Object.values(codes).join('、')}）` : '',
  };
});
const columnCount = columnRules.length;

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const isDigitAt = (text: string, index: number) => {
  const code = text.charCodeAt(index);
  return code >= DIGIT_0 && code <= DIGIT_9;
};
const daysInMonth = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

/**
 * 2017-06-30, 2017/6/30 or 2017.6.30 as ISO yyyy-mm-dd, or '' when it is not such a date of the
 * (proleptic Gregorian) calendar — the days JavaScript's Date accepts and gives back unchanged.
 */
function isoDate(raw: string): { iso: string; isValid: boolean } {
  const date = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(raw);
  if (!date) return { iso: '', isValid: false };
  const month = date[2]!;
  const day = date[3]!;
  const iso = `${date[1]}-${month.length === 1 ? `0${month}` : month}-${day.length === 1 ? `0${day}` : day}`;
  const monthNumber = Number(month);
  const dayNumber = Number(day);
  return { iso, isValid: monthNumber >= 1 && monthNumber <= 12 && dayNumber >= 1 && dayNumber <= daysInMonth(Number(date[1]), monthNumber) };
}

// The common ISO form, checked without a regular expression.
function isPlainIsoDate(raw: string): boolean {
  if (raw.length !== 10 || raw.charCodeAt(4) !== 0x2d || raw.charCodeAt(7) !== 0x2d) return false;
  for (const index of [0, 1, 2, 3, 5, 6, 8, 9]) if (!isDigitAt(raw, index)) return false;
  return true;
}

// A date serial in a CSV (a date column formatted as a number before it was saved): five digits, 1927 to 2173.
const dateSerialPattern = /^\d{5}$/;

const moneyPattern = /^-?[\d,]+(\.\d{1,2})?$/;
const causeSeparators = /[、,，;；\s]+/;
const phonePattern = /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/;

/**
 * Validates one data row of the import layout: required fields, codes, numbers, dates (a date
 * serial too), the 身份证号 checksum and birth date, digits that a spreadsheet program saved as a
 * number and so lost (refused with SAVED_AS_NUMBER_REASON), and the rules that tie status to
 * dates. Pure: no database.
 */
export function validateRow(cells: string[], line: number, today: string): { row: ParsedRow | null; errors: RowError[] } {
  const errors: RowError[] = [];
  // Values by column index; the row object is built once at the end (one fixed shape, not 42 keyed additions).
  const values: unknown[] = new Array(columnCount);
  let birthDate: string | undefined;
  const fail = (label: string, value: string, reason: string) => {
    errors.push({ line, column: label, value, reason });
  };

  for (let index = 0; index < columnCount; index += 1) {
    const entry = columnRules[index]!;
    const cell = cells[index];
    const raw = cell === undefined ? '' : cell.trim();
    if (raw === '') {
      if (entry.isRequired) fail(entry.label, raw, '必填项为空');
      values[index] = entry.kind === 'causes' ? [] : null;
      continue;
    }
    switch (entry.kind) {
      case 'text':
        if (entry.isDigits && isScientificNotation(raw)) fail(entry.label, raw, SAVED_AS_NUMBER_REASON);
        else if (raw.length > 100) fail(entry.label, raw.slice(0, 20), '超过 100 个字符');
        values[index] = raw;
        break;
      case 'code': {
        const code = entry.byLabel!.get(raw);
        if (!code) fail(entry.label, raw, entry.codeReason);
        values[index] = code;
        break;
      }
      case 'year': {
        const year = Number(raw);
        if (raw.length !== 4 || !isDigitAt(raw, 0) || !isDigitAt(raw, 1) || !isDigitAt(raw, 2) || !isDigitAt(raw, 3) || year < 2000 || year > 2100) {
          fail(entry.label, raw, '须为 2000–2100 之间的四位年份');
        }
        values[index] = year;
        break;
      }
      case 'date': {
        let iso = raw;
        let isValid: boolean;
        if (isPlainIsoDate(raw)) {
          const month = Number(raw.slice(5, 7));
          const day = Number(raw.slice(8, 10));
          isValid = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(raw.slice(0, 4)), month);
        } else if (dateSerialPattern.test(raw)) {
          iso = dateOfSerial(Number(raw), false)!;
          isValid = true;
        } else ({ iso, isValid } = isoDate(raw));
        if (!isValid) fail(entry.label, raw, '须为有效日期，格式如 2017-06-30');
        else if (iso > today) fail(entry.label, raw, '不能晚于今天');
        values[index] = iso;
        break;
      }
      case 'money': {
        const amount = Number(raw.includes(',') ? raw.replace(/,/g, '') : raw);
        if (!moneyPattern.test(raw) || !Number.isFinite(amount) || Math.abs(amount) > 1e9) fail(entry.label, raw, '须为金额（元，最多两位小数）');
        values[index] = amount;
        break;
      }
      case 'boolean': {
        const flag = booleanWords.get(raw);
        if (flag === undefined) fail(entry.label, raw, '须为「是」或「否」');
        values[index] = flag;
        break;
      }
      case 'months': {
        const months = Number(raw);
        if (!(raw.length <= 2 && isDigitAt(raw, 0) && (raw.length === 1 || isDigitAt(raw, 1))) || months > 12) fail(entry.label, raw, '须为 0–12 的整数');
        values[index] = months;
        break;
      }
      case 'causes': {
        const codes: Cause[] = [];
        const unknown: string[] = [];
        for (const cause of raw.split(causeSeparators)) {
          if (!cause) continue;
          const code = causeByLabel.get(cause);
          if (code) codes.push(code);
          else unknown.push(cause);
        }
        if (unknown.length > 0) fail(entry.label, raw, `无法识别：${unknown.join('、')}`);
        values[index] = codes;
        break;
      }
      case 'grade': {
        const grade = raw.toUpperCase();
        if (!(grade === 'A' || grade === 'B' || grade === 'C' || grade === 'D')) fail(entry.label, raw, '须为 A、B、C 或 D');
        values[index] = grade;
        break;
      }
      case 'phone':
        if (isScientificNotation(raw)) fail(entry.label, raw, SAVED_AS_NUMBER_REASON);
        else if (!phonePattern.test(raw)) fail(entry.label, raw, '须为 11 位手机号或带区号的固定电话');
        values[index] = raw.includes('-') ? raw.replace(/-/g, '') : raw;
        break;
      case 'idNumber': {
        if (isScientificNotation(raw)) {
          fail(entry.label, shortScientific(raw), SAVED_AS_NUMBER_REASON);
          break;
        }
        const facts = checkIdNumber(raw, today);
        if ('reason' in facts) fail(entry.label, maskForReport(raw), isIdNumberCutToFifteenDigits(raw) ? SAVED_AS_NUMBER_REASON : facts.reason);
        else birthDate = facts.birthDate;
        values[index] = raw.toUpperCase();
        break;
      }
    }
  }

  if (cells.length > columnCount) {
    for (let index = columnCount; index < cells.length; index += 1) {
      if (cells[index]!.trim() !== '') {
        fail('(整行)', '', `列数为 ${cells.length}，应为 ${columnCount}`);
        break;
      }
    }
  }
  if (errors.length > 0) return { row: null, errors };
  const row = rowOf(line, values, birthDate);
  checkRowRules(row, line, errors);
  return errors.length === 0 ? { row, errors } : { row: null, errors };
}

// The row object from the values by column index, in one literal: V8 gives every row the same shape.
function rowOf(line: number, values: unknown[], birthDate: string | undefined): ParsedRow {
  const row = {
    line,
    household_no: values[0],
    village_code: values[1],
    head_name: values[2],
    attribute: values[3],
    identification_standard: values[4],
    identified_year: values[5],
    status: values[6],
    exit_date: values[7],
    status_date: values[8],
    main_cause: values[9],
    other_causes: values[10],
    housing_grade: values[11],
    has_safe_water: values[12],
    has_electricity: values[13],
    has_sanitary_toilet: values[14],
    food_clothing_secure: values[15],
    education_secured: values[16],
    medical_secured: values[17],
    housing_secured: values[18],
    assistance_person: values[19],
    assistance_unit: values[20],
    phone: values[21],
    income_year: values[22],
    wage_income: values[23],
    production_income: values[24],
    property_income: values[25],
    transfer_income: values[26],
    production_costs: values[27],
    per_capita_income: values[28],
    member_name: values[29],
    id_number: values[30],
    sex: values[31],
    relation: values[32],
    ethnicity: values[33],
    education: values[34],
    schooling: values[35],
    health: values[36],
    labour_ability: values[37],
    migrant_months: values[38],
    has_dibao: values[39],
    has_medical_insurance: values[40],
    has_pension_insurance: values[41],
    birth_date: birthDate,
  };
  return row as unknown as ParsedRow;
}
const rowKeys = Object.keys(rowOf(0, [], undefined)).slice(1, -1);
if (rowKeys.join() !== registryColumns.map((entry) => entry.key).join()) throw new Error('registry.validate: rowOf does not follow the column order of registryColumns');

// An error report must not leak the full number either.
function maskForReport(raw: string): string {
  return raw.length >= 10 ? `${raw.slice(0, 6)}****${raw.slice(-4)}` : raw;
}

function checkRowRules(values: Record<string, unknown>, line: number, errors: RowError[]): void {
  const fail = (column: string, value: string, reason: string) => errors.push({ line, column, value, reason });
  const status = values.status as HouseholdStatus;
  const exitDate = values.exit_date as string | null;
  const statusDate = values.status_date as string | null;
  if ((status === 'exited' || status === 'returned') && !exitDate) fail('脱贫日期', '', `脱贫状态为「${status === 'exited' ? '已脱贫' : '返贫'}」时必须填写脱贫日期`);
  if (status === 'not_exited' && exitDate) fail('脱贫日期', exitDate, '未脱贫户不应有脱贫日期');
  if ((status === 'returned' || status === 'removed') && !statusDate) fail('状态变更日期', '', '返贫或清退时必须填写状态变更日期');
  if (status === 'returned' && exitDate && statusDate && statusDate < exitDate) fail('状态变更日期', statusDate, '返贫日期不能早于脱贫日期');
  if (exitDate && Number(exitDate.slice(0, 4)) < (values.identified_year as number)) fail('脱贫日期', exitDate, '脱贫日期不能早于识别年度');
  const idNumber = values.id_number as string;
  const expectedSex = Number(idNumber[16]) % 2 === 1 ? 'male' : 'female';
  if (values.sex !== expectedSex) fail('性别', values.sex === 'male' ? '男' : '女', '与身份证号第 17 位所示性别不符');
}
