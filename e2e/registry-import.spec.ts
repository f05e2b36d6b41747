import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, headerLabels } from '../server/src/modules/registry/registry.format.ts';
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
});
