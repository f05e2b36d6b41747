import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, digitColumns, headerLabels, registryColumns } from '../server/src/modules/registry/registry.format.ts';
import { householdRecords } from '../server/src/modules/registry/registry.generated-output.ts';
import { generateHouseholds } from '../server/src/modules/registry/registry.generate.ts';
import { defaultExitLineOf } from '../server/src/modules/registry/registry.exit-criteria.ts';
import { huizhouVillages } from '../server/src/modules/registry/registry.villages.ts';
import { logIn, startSystem, type RunningSystem } from './support/system.ts';

describe('建档立卡 import in Chromium (R-R5)', () => {
  let system: RunningSystem;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-import-e2e-'));
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(async () => {
    await system?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('the office uploads a CSV with progress; a file with a bad 身份证号 is refused whole and names the row, a good one is imported', async () => {
    const villages = await huizhouVillages();
    const households = [...generateHouseholds({ households: 12, seed: 20261127, year: 2017, withAnomalies: false, isForFile: true, villages, exitLineOf: defaultExitLineOf })];
    const rows = households.flatMap(householdRecords);
    const write = (name: string, body: string[][]) => {
      const file = path.join(workDir, name);
      fs.writeFileSync(file, `\uFEFF${[headerLabels, ...body].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`);
      return file;
    };
    const idColumn = headerLabels.findIndex((label) => label.includes('身份证'));
    const broken = rows.map((cells, index) => (index === 2 ? cells.map((cell, column) => (column === idColumn ? '44132219800101001X' : cell)) : cells));

    const page = await system.newPage();
    await logIn(page, 'staff');
    await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.goto('/registry/import');
    await expect.poll(() => page.getByText('导入建档立卡数据').first().isVisible(), { timeout: 15_000 }).toBe(true);

    await page.locator('input[type=file]').setInputFiles(write('有错误的文件.csv', broken));
    await page.getByRole('button', { name: '上传并导入' }).click();
    await expect.poll(() => page.getByText('文件未导入：存在不合格的行（全有或全无），数据未作任何改动').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByRole('cell', { name: '4', exact: true }).first().isVisible()).toBe(true);

    await page.getByRole('button', { name: '导入另一个文件' }).click();
    await page.locator('input[type=file]').setInputFiles(write('合格的文件.csv', rows));
    await page.getByRole('button', { name: '上传并导入' }).click();
    await expect.poll(() => page.getByText('导入完成').first().isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByText(String(households.length), { exact: true }).first().isVisible()).toBe(true);
  });

  it('the template button downloads the XLSX template; filled in with bare date serials, it imports and the dates are right (issue 9 §5.14)', async () => {
    const page = await system.newPage();
    await logIn(page, 'staff');
    await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.goto('/registry/import');
    const templateButton = page.getByRole('link', { name: '下载导入模板（XLSX）' });
    await expect.poll(() => templateButton.isVisible(), { timeout: 15_000 }).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), templateButton.click()]);
    expect(download.suggestedFilename()).toBe('建档立卡导入模板.xlsx');
    const templateFile = path.join(workDir, 'template.xlsx');
    await download.saveAs(templateFile);
    expect(fs.readFileSync(templateFile).subarray(0, 2).toString()).toBe('PK');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(templateFile);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['建档立卡', '填写说明']);
    const sheet = workbook.getWorksheet('建档立卡')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...headerLabels]);

    // Households of their own (another seed, household numbers in a range the first test does not use).
    const villages = await huizhouVillages();
    const households = [...generateHouseholds({ households: 6, seed: 43069, year: 2017, withAnomalies: false, isForFile: true, villages, exitLineOf: defaultExitLineOf })];
    const rows = households.flatMap(householdRecords).map((cells) => [`${cells[0]!.slice(0, 12)}9${cells[0]!.slice(13)}`, ...cells.slice(1)]);
    const serialOf = (iso: string) => (Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) - Date.UTC(1899, 11, 30)) / 86_400_000;
    for (const cells of rows) {
      const row = sheet.addRow(
        cells.map((cell, index): ExcelJS.CellValue => {
          const entry = registryColumns[index]!;
          if (cell === '') return null;
          if (digitColumns.has(entry.key)) return cell;
          if (entry.kind === 'date') return serialOf(cell);
          if (entry.kind === 'money' || entry.kind === 'year' || entry.kind === 'months') return Number(cell);
          return cell;
        }),
      );
      // A bare serial: the date columns without their date format, as a column formatted as a number would hold them.
      registryColumns.forEach((entry, index) => {
        if (entry.kind === 'date') row.getCell(index + 1).numFmt = 'General';
      });
    }
    const filled = path.join(workDir, '填好的模板.xlsx');
    await workbook.xlsx.writeFile(filled);
    const exited = households.find((household) => household.exitDate)!;
    const exitColumn = headerLabels.indexOf('脱贫日期') + 1;
    expect(typeof sheet.getRow(rows.findIndex((cells) => cells[30] === exited.members[0]!.idNumber) + 2).getCell(exitColumn).value).toBe('number');

    await page.locator('input[type=file]').setInputFiles(filled);
    await page.getByRole('button', { name: '上传并导入' }).click();
    await expect.poll(() => page.getByText('导入完成').first().isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByText(String(households.length), { exact: true }).first().isVisible()).toBe(true);
    const stored = await system.ctx.db
      .selectFrom('households')
      .select(['exit_date'])
      .where('household_no', '=', `${exited.householdNo.slice(0, 12)}9${exited.householdNo.slice(13)}`)
      .executeTakeFirstOrThrow();
    expect(stored.exit_date).toBe(exited.exitDate);
  });
});
