import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../server/src/seed/huizhou.data.ts';
import { logIn, startSystem, type RunningSystem } from './support/system.ts';

describe('golden path in Chromium', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  it("a county user browses its own county's towns and is refused another county's", async () => {
    const page = await system.newPage();
    await logIn(page, 'huidong');
    await expect.poll(() => page.getByText('惠东县联络员（演示）').first().isVisible(), { timeout: 20_000 }).toBe(true);

    await page.getByRole('menuitem', { name: '行政区划' }).click();
    // The home page lists the counties too: wait until the regions page has really opened.
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/\/regions\/4413$/);
    await expect.poll(() => page.getByRole('cell', { name: '惠东县' }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole('cell', { name: '博罗县' }).count()).toBe(0);

    await page.getByRole('cell', { name: '惠东县' }).click();
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/regions/441323');
    // The town is below the fold of a 720-pixel window: clicking waits for it and scrolls it into view.
    await page.getByRole('cell', { name: '高潭镇' }).click({ timeout: 30_000 });
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/regions/441323118');

    await page.goto('/regions/441322001');
    await expect.poll(() => page.getByText('未找到该区域或无权查看').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.context().close();
  });

  it('every demo role can sign in through the UI and sign out', async () => {
    for (const account of demoAccounts) {
      const page = await system.newPage();
      await logIn(page, account.username);
      await expect.poll(() => page.getByText(account.displayName).first().isVisible(), { timeout: 20_000, message: account.username }).toBe(true);
      await page.context().close();
    }
  });

  it('shows a wrong password as a readable Chinese message', async () => {
    const page = await system.newPage();
    await logIn(page, 'admin', 'wrong-password');
    await expect.poll(() => page.getByText('用户名或密码错误').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await page.context().close();
  });
});
