import type { Writable } from 'node:stream';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { AppContext } from '../../kernel/context.ts';
import { attributeLabels, causeLabels, csvCell, digitColumns, headerLabels, healthLabels, labourLabels, registryColumns, relationLabels, sexLabels, statusLabels } from './registry.format.ts';
import { REGISTRY_SHEET_NAME, registrySheetColumns, styleHeaderRow } from './registry.workbook.ts';

type ExportRow = Record<string, unknown> & { household_id: number };
export type ExportFormat = 'csv' | 'xlsx';

const yesNo = (flag: unknown) => (flag ? '是' : '否');
const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const label = (labels: Record<string, string>, code: unknown) => labels[String(code)] ?? text(code);

/** The registry's rows in the import layout, a batch of households at a time; values as the database gives them. */
async function* exportBatches(ctx: AppContext, withFullIds: boolean): AsyncGenerator<{ cells: unknown[][]; households: number }> {
  let lastId = 0;
  for (;;) {
    const batch = await sql<ExportRow>`
      WITH page AS (SELECT * FROM households WHERE id > ${lastId} ORDER BY id LIMIT 2000)
      SELECT h.id AS household_id, h.*, i.year AS income_year, i.wage_income, i.production_income, i.property_income, i.transfer_income,
        i.production_costs, i.per_capita_income, m.name AS member_name, m.id_cipher, m.id_masked, m.sex, m.relation, m.ethnicity,
        m.education, m.schooling, m.health, m.labour_ability, m.migrant_months, m.has_dibao, m.has_medical_insurance, m.has_pension_insurance,
        (SELECT max(effective_on) FROM household_status_changes c WHERE c.household_id = h.id AND c.to_status = h.status AND h.status IN ('returned', 'removed')) AS status_date
      FROM page h
      JOIN household_members m ON m.household_id = h.id
      LEFT JOIN LATERAL (SELECT * FROM household_incomes WHERE household_id = h.id ORDER BY year DESC LIMIT 1) i ON true
      ORDER BY h.id, m.relation <> 'head', m.id`.execute(ctx.db);
    if (batch.rows.length === 0) return;
    const cells = batch.rows.map((row) => {
      const idNumber = withFullIds ? ctx.personalData.decrypt(String(row.id_cipher)) : text(row.id_masked);
      const phone = row.phone_cipher ? (withFullIds ? ctx.personalData.decrypt(String(row.phone_cipher)) : text(row.phone_masked)) : '';
      return [
        row.household_no, row.village_code, row.head_name, label(attributeLabels, row.attribute), row.identification_standard, row.identified_year,
        label(statusLabels, row.status), row.exit_date, row.status_date, label(causeLabels, row.main_cause),
        (row.other_causes as string[]).map((cause) => label(causeLabels, cause)).join('、'), row.housing_grade, yesNo(row.has_safe_water),
        yesNo(row.has_electricity), yesNo(row.has_sanitary_toilet), yesNo(row.food_clothing_secure), yesNo(row.education_secured),
        yesNo(row.medical_secured), yesNo(row.housing_secured), row.assistance_person, row.assistance_unit, phone, row.income_year,
        row.wage_income, row.production_income, row.property_income, row.transfer_income, row.production_costs, row.per_capita_income,
        row.member_name, idNumber, label(sexLabels, row.sex), label(relationLabels, row.relation), row.ethnicity, row.education, row.schooling,
        label(healthLabels, row.health), label(labourLabels, row.labour_ability), row.migrant_months, yesNo(row.has_dibao),
        yesNo(row.has_medical_insurance), yesNo(row.has_pension_insurance),
      ];
    });
    const ids = new Set(batch.rows.map((row) => Number(row.household_id)));
    yield { cells, households: ids.size };
    lastId = Math.max(...ids);
  }
}

// Per column, how an exported value becomes an XLSX cell: digit columns and all other text as strings (in the
// text-formatted digit columns a spreadsheet keeps every digit), dates as dates, amounts, years and months as numbers.
const xlsxCellOf = registryColumns.map((entry): ((value: unknown) => ExcelJS.CellValue) => {
  if (digitColumns.has(entry.key)) return text;
  if (entry.kind === 'date') return (value) => (value ? new Date(`${text(value)}T00:00:00Z`) : null);
  if (entry.kind === 'money' || entry.kind === 'year' || entry.kind === 'months') return (value) => (value === null || value === undefined || value === '' ? null : Number(value));
  return (value) => text(value) || null;
});

/**
 * Writes the whole registry in the import layout, a batch of households at a time: as CSV (UTF-8 with BOM, so
 * Excel opens it), or as an XLSX workbook whose 户编号, 村代码, 电话 and 身份证号 columns are text — opened and saved
 * by Excel, WPS or Calc (as XLSX or as CSV), it imports unchanged. 身份证号 and phone are masked unless `withFullIds`
 * — for the operator who must re-import the file, never through the web. The XLSX writer ends `out`.
 */
export async function exportRegistry(
  ctx: AppContext,
  out: Writable,
  options: { withFullIds: boolean; format?: ExportFormat },
): Promise<{ households: number; rows: number }> {
  let households = 0;
  let rows = 0;
  if (options.format === 'xlsx') {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(REGISTRY_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = registrySheetColumns;
    const header = sheet.addRow(headerLabels);
    styleHeaderRow(header);
    header.commit();
    for await (const batch of exportBatches(ctx, options.withFullIds)) {
      for (const cells of batch.cells) sheet.addRow(cells.map((value, index) => xlsxCellOf[index]!(value))).commit();
      rows += batch.cells.length;
      households += batch.households;
    }
    sheet.commit();
    await workbook.commit();
    return { households, rows };
  }
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(`\uFEFF${headerLabels.join(',')}\r\n`);
  for await (const batch of exportBatches(ctx, options.withFullIds)) {
    await write(`${batch.cells.map((cells) => cells.map((cell) => csvCell(text(cell))).join(',')).join('\r\n')}\r\n`);
    rows += batch.cells.length;
    households += batch.households;
  }
  return { households, rows };
}
