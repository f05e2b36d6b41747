import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { convertWithCalc, hasLibreOffice } from '../../testing/libreoffice.ts';
import { defaultExitLineOf } from './registry.exit-criteria.ts';
import { exportRegistry, type ExportFormat } from './registry.export.ts';
import { csvCell, headerLabels, registryColumns } from './registry.format.ts';
import { householdRecords } from './registry.generated-output.ts';
import { generateHouseholds } from './registry.generate.ts';
import { importRegistryFile, type ImportResult } from './registry.import.ts';
import { readWorkbookRecords, SAVED_AS_NUMBER_REASON } from './registry.spreadsheet.ts';
import { validateRow } from './registry.validate.ts';
import { huizhouVillages } from './registry.villages.ts';
import { importTemplateWorkbook } from './registry.workbook.ts';

const actor = { id: null, name: '测试' };

async function exportTo(harness: TestApp, file: string, format: ExportFormat): Promise<void> {
  const out = fs.createWriteStream(file);
  await exportRegistry(harness.ctx, out, { withFullIds: true, format });
  if (!out.writableFinished) await new Promise((resolve) => out.end(resolve));
}

/** The registry of a database in the export layout, full IDs: households and members with every field the import sets. */
async function registryText(harness: TestApp, workDir: string): Promise<string> {
  const file = path.join(workDir, `state-${Math.random().toString(36).slice(2)}.csv`);
  await exportTo(harness, file, 'csv');
  return fs.readFileSync(file, 'utf8');
}

function importFile(harness: TestApp, file: string): Promise<ImportResult> {
  return importRegistryFile(
    harness.ctx,
    { stream: fs.createReadStream(file), format: file.endsWith('.xlsx') ? 'xlsx' : 'csv', encoding: 'auto', fileName: path.basename(file) },
    { isPartial: false, actor },
  );
}

async function workbookRecords(file: string): Promise<string[][]> {
  const records: string[][] = [];
  for await (const { cells } of readWorkbookRecords(fs.createReadStream(file))) records.push(cells);
  return records;
}

// A county's data clerk opens the office's file in a spreadsheet program and saves it (LibreOffice Calc here; Excel
// and WPS do the same). A file that imports goes into a database of its own, so what it adds can be compared whole;
// one that is refused must leave the registry as it was.
describe.skipIf(!hasLibreOffice())('a registry file through LibreOffice Calc (issue 9 §5.14)', () => {
  let source: TestApp;
  let workDir: string;
  let original: string;
  let exportedXlsx: string;
  let generatedCsv: string;
  const databases: TestApp[] = [];
  const freshDatabase = async () => {
    const harness = await createTestApp({ isolated: true });
    databases.push(harness);
    return harness;
  };

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-calc-'));
    source = await freshDatabase();
    const villages = await huizhouVillages();
    const households = [...generateHouseholds({ households: 60, seed: 914, year: 2017, withAnomalies: false, isForFile: true, villages, exitLineOf: defaultExitLineOf })];
    // The generator writes the file an office would send out: IDs, household numbers and dates as plain digits.
    generatedCsv = path.join(workDir, 'generated.csv');
    fs.writeFileSync(generatedCsv, `\uFEFF${[headerLabels, ...households.flatMap(householdRecords)].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`);
    expect(await importFile(source, generatedCsv)).toMatchObject({ status: 'imported', householdsImported: 60, errorCount: 0 });
    original = await registryText(source, workDir);
    exportedXlsx = path.join(workDir, 'exported.xlsx');
    await exportTo(source, exportedXlsx, 'xlsx');
  });
  afterAll(async () => {
    for (const harness of databases) await harness.close();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('the XLSX export, opened and saved by Calc as XLSX and as CSV, imports unchanged: same households, members, IDs and dates', async () => {
    const [asXlsx] = await convertWithCalc([exportedXlsx], 'xlsx', path.join(workDir, 'calc-xlsx'));
    const [asCsv] = await convertWithCalc([exportedXlsx], 'csv', path.join(workDir, 'calc-csv'));
    expect(fs.readFileSync(asCsv!, 'utf8')).toMatch(/\d{17}[\dX]/); // the IDs kept as text, all 18 characters

    for (const file of [asXlsx!, asCsv!]) {
      const target = await freshDatabase();
      const result = await importFile(target, file);
      expect(result.errors).toEqual([]);
      expect(result).toMatchObject({ status: 'imported', householdsImported: 60 });
      expect(await registryText(target, workDir)).toBe(original);
    }
  }, 240_000);

  it('the generated CSV, opened and saved again as CSV by Calc (IDs in scientific notation), is refused naming each row and column and saying why', async () => {
    const [resaved] = await convertWithCalc([generatedCsv], 'csv', path.join(workDir, 'calc-resaved'));
    expect(fs.readFileSync(resaved!, 'utf8')).toMatch(/4\.4\d*E\+01[67]/);
    const result = await importFile(source, resaved!);
    expect(result.status).toBe('refused');
    const first = result.errors.filter((error) => error.line === 2).map((error) => `第 ${error.line} 行「${error.column}」（${error.value}）：${error.reason}`);
    expect(first).toEqual([
      expect.stringMatching(new RegExp(`^第 2 行「户编号」（4\\.4\\d+E\\+016）：${SAVED_AS_NUMBER_REASON}$`)),
      expect.stringMatching(new RegExp(`^第 2 行「身份证号」（4\\.\\d{4}E\\+17）：${SAVED_AS_NUMBER_REASON}$`)),
    ]);
    // Every ID that ends in a digit became a number; one ending in X stayed text and imports as it is.
    const idsOfDigits = original.trim().split('\r\n').slice(1).filter((line) => /^\d{18}$/.test(line.split(',')[30]!)).length;
    expect(result.errors.filter((error) => error.column === '身份证号' && error.reason === SAVED_AS_NUMBER_REASON)).toHaveLength(idsOfDigits);
    expect(await registryText(source, workDir)).toBe(original);
  }, 120_000);

  it('the generated CSV saved by Calc as XLSX: its dates are read as dates, its IDs refused as numbers that lost their digits', async () => {
    const [asXlsx] = await convertWithCalc([generatedCsv], 'xlsx', path.join(workDir, 'calc-csv-to-xlsx'));
    const result = await importFile(source, asXlsx!);
    expect(result.status).toBe('refused');
    const columns = new Set(result.errors.map((error) => error.column));
    expect([...columns].sort()).toEqual(['户编号', '身份证号']);
    expect(result.errors.every((error) => error.reason === SAVED_AS_NUMBER_REASON)).toBe(true);
    expect(result.errors.find((error) => error.column === '身份证号')!.value).toMatch(/^4\.\d{4}E\+17$/);
    expect(await registryText(source, workDir)).toBe(original);
  }, 120_000);

  it('the template, filled in and saved by Calc, reads as the generated file does', async () => {
    const rows = fs.readFileSync(generatedCsv, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((line) => line.split(','));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await importTemplateWorkbook()) as never);
    const sheet = workbook.getWorksheet('建档立卡')!;
    // As a clerk types them: digits into the text columns stay text, a date into a date column becomes its serial,
    // amounts and years become numbers.
    for (const cells of rows) {
      sheet.addRow(cells.map((cell, index): ExcelJS.CellValue => {
        const kind = registryColumns[index]!.kind;
        if (cell === '') return null;
        if (kind === 'date') return Number(cell.slice(0, 4)) >= 1900 ? (Date.UTC(Number(cell.slice(0, 4)), Number(cell.slice(5, 7)) - 1, Number(cell.slice(8, 10))) - Date.UTC(1899, 11, 30)) / 86_400_000 : cell;
        if (kind === 'money' || kind === 'year' || kind === 'months') return Number(cell);
        return cell;
      }));
    }
    const filled = path.join(workDir, 'filled-template.xlsx');
    await workbook.xlsx.writeFile(filled);
    const [saved] = await convertWithCalc([filled], 'xlsx', path.join(workDir, 'calc-template'));
    // Calc writes the template's formatted empty cells below the data: rows without a value, which the import skips.
    const [header, ...records] = (await workbookRecords(saved!)).filter((cells) => cells.some((cell) => cell !== ''));
    expect(header).toEqual(headerLabels);
    expect(records).toHaveLength(rows.length);
    const today = '2018-06-30';
    records.forEach((cells, index) => {
      const read = validateRow(cells, index + 2, today);
      expect(read.errors).toEqual([]);
      expect(read.row).toEqual(validateRow(rows[index]!, index + 2, today).row);
    });
    // These households are in the registry already: that is the only thing the import has to say about the file.
    const result = await importFile(source, saved!);
    expect(result.rowsRead).toBe(rows.length);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.filter((error) => !/已在建档立卡库中/.test(error.reason))).toEqual([]);
  }, 120_000);

  it('a workbook in the 1904 date system, saved by Calc (date1904="true"), reads the same dates', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(exportedXlsx);
    workbook.properties.date1904 = true;
    const file1904 = path.join(workDir, 'exported-1904.xlsx');
    await workbook.xlsx.writeFile(file1904);
    const [saved] = await convertWithCalc([file1904], 'xlsx', path.join(workDir, 'calc-1904'));
    expect(await readWorkbookXml(saved!)).toMatch(/date1904="true"/);
    expect(await workbookRecords(saved!)).toEqual(await workbookRecords(exportedXlsx));
  }, 120_000);
});

describe('the XLSX import template over HTTP', () => {
  let harness: TestApp;
  beforeAll(async () => {
    harness = await createTestApp();
  });
  afterAll(() => harness.close());

  it('is an XLSX for those who prepare registry files — the office, counties, towns — and refused to others', async () => {
    for (const username of ['staff', 'huidong', 'gaotan']) {
      const response = await (await harness.login(username)).get('/api/registry/import-template.xlsx');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(response.headers['content-disposition']).toContain(encodeURIComponent('建档立卡导入模板.xlsx'));
      expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
    const refused = await (await harness.login('thirdparty')).get('/api/registry/import-template.xlsx');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('无权下载建档立卡导入模板');
  });
});

async function readWorkbookXml(file: string): Promise<string> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  return zip.file('xl/workbook.xml')!.async('string');
}
