import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { sql } from 'kysely';
import type { AppContext } from '../../kernel/context.ts';
import { attributeLabels, causeLabels, csvCell, headerLabels, healthLabels, labourLabels, relationLabels, sexLabels, statusLabels } from './registry.format.ts';

type ExportRow = Record<string, unknown> & { household_id: number };

const yesNo = (flag: unknown) => (flag ? '是' : '否');
const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const label = (labels: Record<string, string>, code: unknown) => labels[String(code)] ?? text(code);

/**
 * Writes the whole registry in the import layout (UTF-8 with BOM, so Excel opens it), a batch of
 * households at a time. 身份证号 and phone are masked unless `withFullIds` — for the operator who
 * must re-import the file, never through the web.
 */
export async function exportRegistry(ctx: AppContext, out: Writable, options: { withFullIds: boolean }): Promise<{ households: number; rows: number }> {
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write(`\uFEFF${headerLabels.join(',')}\r\n`);
  let lastId = 0;
  let households = 0;
  let rows = 0;
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
    if (batch.rows.length === 0) break;
    const lines: string[] = [];
    for (const row of batch.rows) {
      const idNumber = options.withFullIds ? ctx.personalData.decrypt(String(row.id_cipher)) : text(row.id_masked);
      const phone = row.phone_cipher ? (options.withFullIds ? ctx.personalData.decrypt(String(row.phone_cipher)) : text(row.phone_masked)) : '';
      const cells = [
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
      lines.push(cells.map((cell) => csvCell(text(cell))).join(','));
    }
    await write(`${lines.join('\r\n')}\r\n`);
    rows += batch.rows.length;
    const ids = new Set(batch.rows.map((row) => Number(row.household_id)));
    households += ids.size;
    lastId = Math.max(...ids);
  }
  return { households, rows };
}
