import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, startSystem, type RunningSystem } from './support/system.ts';

const submit = /提\s*交/;

async function visible(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  await expect.poll(() => page.getByText(text).first().isVisible(), { timeout, message: String(text) }).toBe(true);
}

describe('督查计划 in Chromium (督6, 督8)', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  it('the office drafts and approves the plan, proposes and approves a 综合督查 of 龙门县, and the coverage table shows 龙门县 covered', async () => {
    const page = await system.newPage();
    await logIn(page, 'admin');
    await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.getByRole('menuitem', { name: '督查计划' }).click();
    await page.goto('/supervisions?year=2017');
    await visible(page, '该年度尚未制定督查计划');
    const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
    await expect.poll(() => row('龙门县').getByText('尚未覆盖').isVisible(), { timeout: 15_000 }).toBe(true);

    await page.getByRole('button', { name: '制定年度督查计划' }).click();
    await page.getByRole('dialog').getByRole('button', { name: submit }).click();
    await visible(page, '2017年度脱贫攻坚督查计划');
    await page.getByRole('button', { name: '批准年度督查计划' }).click();
    await visible(page, '已批准年度督查计划');

    await page.getByRole('button', { name: '提出督查事项' }).click();
    const dialog = page.getByRole('dialog', { name: '提出督查事项' });
    const target = dialog.getByLabel('督查对象', { exact: true });
    await target.click();
    await target.fill('龙门县');
    await expect.poll(() => page.getByTitle('龙门县').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await target.press('Enter');
    await dialog.getByLabel('督查事项').fill('2017年度龙门县脱贫攻坚综合督查');
    await dialog.getByRole('button', { name: submit }).click();
    await visible(page, '已提出督查事项');

    const supervisionRow = page.getByRole('row').filter({ hasText: '2017年度龙门县脱贫攻坚综合督查' });
    await expect.poll(() => supervisionRow.getByText('待市扶贫办批准').isVisible(), { timeout: 15_000 }).toBe(true);
    await supervisionRow.getByRole('button', { name: /批\s*准/ }).click();
    await expect.poll(() => supervisionRow.getByText('已批准（待组建督查组）').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => row('龙门县').getByText('已覆盖').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await row('惠东县').getByText('尚未覆盖').isVisible()).toBe(true);
  });
});
