import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, startSystem, type RunningSystem } from './support/system.ts';

describe('责任清单 in Chromium (R-S5)', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  it('the office starts the 2019 supervision checklist from 2017’s and adds a sub-item under 精准识别、精准退出情况', async () => {
    const page = await system.newPage();
    await logIn(page, 'staff');
    await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.getByRole('menuitem', { name: '责任清单' }).click();
    await expect.poll(() => page.getByText('9.4 精准识别、精准退出情况').isVisible(), { timeout: 15_000 }).toBe(true);
    // Data that loaded is not topped by a failure banner (issue: 「数据加载失败」 above a loaded checklist).
    expect(await page.getByText('数据加载失败').count()).toBe(0);
    expect(await page.locator('.ant-alert-error').count()).toBe(0);

    await page.goto('/checklists?kind=supervision&year=2019');
    await expect.poll(() => page.getByText('2019 年度尚未制定自己的清单，现沿用 2017 年度清单。').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: '沿用 2017 年度清单制定本年度清单' }).click();
    await expect.poll(() => page.getByText('已制定本年度责任清单').isVisible(), { timeout: 15_000 }).toBe(true);

    const area = page.locator('.ant-card').filter({ hasText: '9.4 精准识别、精准退出情况' });
    await area.getByRole('button', { name: '增加子项' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('清单事项').fill('“数字脱贫”专项核查情况');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => area.getByRole('cell', { name: '9.4.3' }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await area.getByRole('cell', { name: '“数字脱贫”专项核查情况' }).isVisible()).toBe(true);
  });
});
