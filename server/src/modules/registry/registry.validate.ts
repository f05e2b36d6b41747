import { checkIdNumber } from './registry.idnumber.ts';
import { causeLabels, headerLabels, registryColumns, type Attribute, type Cause, type HouseholdStatus } from './registry.format.ts';

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

/**
 * Validates one data row of the import layout: required fields, codes, numbers, dates, the
 * 身份证号 checksum and birth date, and the rules that tie status to dates. Pure: no database.
 */
export function validateRow(cells: string[], line: number, today: string): { row: ParsedRow | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const values: Record<string, unknown> = { line };
  const fail = (label: string, value: string, reason: string) => errors.push({ line, column: label, value, reason });

  registryColumns.forEach((entry, index) => {
    const raw = (cells[index] ?? '').trim();
    if (raw === '') {
      if (entry.isRequired) fail(entry.label, raw, '必填项为空');
      values[entry.key] = entry.kind === 'causes' ? [] : null;
      return;
    }
    switch (entry.kind) {
      case 'text':
        if (raw.length > 100) fail(entry.label, raw.slice(0, 20), '超过 100 个字符');
        values[entry.key] = raw;
        break;
      case 'code': {
        const code = reverseCodes.get(entry.key)?.get(raw);
        if (!code) fail(entry.label, raw, `不是有效取值（可选：${Object.values((entry as { codes: Record<string, string> }).codes).join('、')}）`);
        values[entry.key] = code;
        break;
      }
      case 'year': {
        const year = Number(raw);
        if (!/^\d{4}$/.test(raw) || year < 2000 || year > 2100) fail(entry.label, raw, '须为 2000–2100 之间的四位年份');
        values[entry.key] = year;
        break;
      }
      case 'date': {
        const date = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(raw);
        const iso = date ? `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}` : '';
        if (!date || Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
          fail(entry.label, raw, '须为有效日期，格式如 2017-06-30');
        } else if (iso > today) fail(entry.label, raw, '不能晚于今天');
        values[entry.key] = iso;
        break;
      }
      case 'money': {
        const amount = Number(raw.replace(/,/g, ''));
        if (!/^-?[\d,]+(\.\d{1,2})?$/.test(raw) || !Number.isFinite(amount) || Math.abs(amount) > 1e9) fail(entry.label, raw, '须为金额（元，最多两位小数）');
        values[entry.key] = amount;
        break;
      }
      case 'boolean': {
        const flag = booleanWords.get(raw);
        if (flag === undefined) fail(entry.label, raw, '须为「是」或「否」');
        values[entry.key] = flag;
        break;
      }
      case 'months': {
        const months = Number(raw);
        if (!/^\d{1,2}$/.test(raw) || months > 12) fail(entry.label, raw, '须为 0–12 的整数');
        values[entry.key] = months;
        break;
      }
      case 'causes': {
        const causes = raw.split(/[、,，;；\s]+/).filter(Boolean);
        const unknown = causes.filter((cause) => !causeByLabel.has(cause));
        if (unknown.length > 0) fail(entry.label, raw, `无法识别：${unknown.join('、')}`);
        values[entry.key] = causes.map((cause) => causeByLabel.get(cause)).filter(Boolean);
        break;
      }
      case 'grade':
        if (!/^[A-D]$/.test(raw.toUpperCase())) fail(entry.label, raw, '须为 A、B、C 或 D');
        values[entry.key] = raw.toUpperCase();
        break;
      case 'phone':
        if (!/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/.test(raw)) fail(entry.label, raw, '须为 11 位手机号或带区号的固定电话');
        values[entry.key] = raw.replace(/-/g, '');
        break;
      case 'idNumber': {
        const facts = checkIdNumber(raw, today);
        if ('reason' in facts) fail(entry.label, maskForReport(raw), facts.reason);
        else values.birth_date = facts.birthDate;
        values[entry.key] = raw.toUpperCase();
        break;
      }
    }
  });

  if (cells.length > registryColumns.length && cells.slice(registryColumns.length).some((cell) => cell.trim() !== '')) {
    fail('(整行)', '', `列数为 ${cells.length}，应为 ${registryColumns.length}`);
  }
  if (errors.length === 0) checkRowRules(values, line, errors);
  return errors.length === 0 ? { row: values as ParsedRow, errors } : { row: null, errors };
}

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
