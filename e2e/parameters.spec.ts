import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, startSystem, type RunningSystem } from './support/system.ts';

const submit = /提\s*交/;
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

async function visible(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  await expect.poll(() => page.getByText(text).first().isVisible(), { timeout, message: String(text) }).toBe(true);
}

/** The table row of one parameter, found by its label. */
function rowOf(page: Page, label: string) {
  return page.getByRole('row').filter({ has: page.getByText(label, { exact: true }) });
}

describe('参数配置 in Chromium (issue 9 §3)', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  it('the office administrator sets 2018’s 督18 period, and the page refuses changes once 2018’s work has started', async () => {
    const page = await system.newPage();
    await page.setViewportSize(desktop);
    await logIn(page, 'admin');
    await expect.poll(() => page.getByText('市扶贫办管理员（演示）').first().isVisible(), { timeout: 20_000 }).toBe(true);
    await page.getByRole('menuitem', { name: '参数配置' }).click();
    await visible(page, '巡查整改期限');

    await page.goto('/parameters?year=2018');
    const period = rowOf(page, '巡查整改期限');
    await expect.poll(() => period.getByText('沿用 2017 年').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await period.getByText('督18').isVisible()).toBe(true);
    expect(await period.getByText('2 个月').count()).toBe(2);

    await period.getByRole('button', { name: '修改「巡查整改期限」' }).click();
    const dialog = page.getByRole('dialog', { name: '修改「巡查整改期限」（2018 年度）' });
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await dialog.getByText('并于2个月内向市扶贫办反馈整改情况', { exact: false }).isVisible()).toBe(true);
    await dialog.getByLabel('新的取值').fill('3');
    await dialog.getByRole('button', { name: submit }).click();
    await visible(page, '已保存「巡查整改期限」');
    await expect.poll(() => period.getByText('3 个月').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await period.getByText('2018 年设定').isVisible()).toBe(true);
    expect(await period.getByText('已调整').isVisible()).toBe(true);
    expect(await period.getByText('市扶贫办管理员（演示）').isVisible()).toBe(true);

    // 2018's work starts (an inspection is proposed): the page says why nothing can change and offers no 修改.
    const admin = await system.ctx.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    await system.ctx.db
      .insertInto('inspections')
      .values({ year: 2018, title: '2018年第一轮脱贫攻坚巡查', assessment_unit_code: 'LM', reason: '测试', rectification_months: 3, status: 'proposed', proposed_by: admin.id })
      .execute();
    await page.reload();
    await visible(page, '本年度参数已不能修改');
    await visible(page, /年度工作开始后，该年度适用的参数不得修改.*2018 年度的巡查「2018年第一轮脱贫攻坚巡查」/);
    await expect.poll(() => period.getByText('3 个月').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole('button', { name: /^修改「/ }).count()).toBe(0);

    // 2019 has not started: it follows 2018 and may still change.
    await page.goto('/parameters?year=2019');
    await expect.poll(() => rowOf(page, '巡查整改期限').getByText('沿用 2018 年').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole('button', { name: '修改「巡查组组长最低职级」' }).isVisible()).toBe(true);
    await page.context().close();
  });

  it('office staff read the parameters at phone width without being offered changes', async () => {
    const page = await system.newPage();
    await page.setViewportSize(phone);
    await logIn(page, 'staff');
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).not.toBe('/login');
    await page.goto('/parameters?year=2019');
    await visible(page, '巡查组组长最低职级');
    await visible(page, '处级以上');
    expect(await page.getByRole('button', { name: /^修改「/ }).count()).toBe(0);
    await page.context().close();
  });
});
