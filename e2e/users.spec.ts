import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, startSystem, type RunningSystem } from './support/system.ts';

const submit = /提\s*交/;
const ok = /确\s*定/;
const NEW_PASSWORD = 'Gaotan#Fupin2026';

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

async function visible(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  await expect.poll(() => page.getByText(text).first().isVisible(), { timeout, message: String(text) }).toBe(true);
}

/** Types into a searchable select of the open dialog and takes the first matching option with Enter. */
async function choose(page: Page, label: string, text: string): Promise<void> {
  const box = page.getByRole('dialog').getByLabel(label, { exact: true });
  await box.click();
  await box.fill(text);
  await expect.poll(() => page.getByTitle(text, { exact: false }).first().isVisible(), { timeout: 15_000, message: text }).toBe(true);
  await box.press('Enter');
}

/**
 * The office administrator creates a county user in 用户管理 and reads the one-time password off its
 * dialog; returns it.
 */
async function createCountyUser(page: Page, username: string, displayName: string): Promise<string> {
  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.getByLabel('用户名', { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
  await dialog.getByLabel('用户名', { exact: true }).fill(username);
  await dialog.getByLabel('显示名称', { exact: true }).fill(displayName);
  await choose(page, '角色', '县（区）联络员');
  await choose(page, '考核单位', '惠东县');
  await dialog.getByRole('button', { name: submit }).click();

  const shown = page.getByRole('dialog', { name: `「${username}」的一次性密码` });
  await expect.poll(() => shown.isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await shown.getByText('该密码只显示这一次').isVisible()).toBe(true);
  expect(await shown.getByRole('button', { name: '复制密码' }).isVisible()).toBe(true);
  const password = (await shown.getByLabel('一次性密码').textContent())?.trim() ?? '';
  expect(password).toMatch(/^\S{16}$/);
  // A click beside the dialog or Esc does not lose the password; only its button closes it.
  await page.keyboard.press('Escape');
  expect(await shown.isVisible()).toBe(true);
  await shown.getByRole('button', { name: '我已记下，关闭' }).click();
  await expect.poll(() => shown.isVisible(), { timeout: 10_000 }).toBe(false);
  return password;
}

/** Signs in with the one-time password, is held in the change-password dialog until it is changed, and changes it. */
async function firstLogin(page: Page, username: string, oneTimePassword: string, displayName: string): Promise<void> {
  await logIn(page, username, oneTimePassword);
  const forced = page.getByRole('dialog', { name: '首次登录，请修改密码' });
  await expect.poll(() => forced.isVisible(), { timeout: 20_000 }).toBe(true);
  await page.keyboard.press('Escape');
  expect(await forced.isVisible()).toBe(true);
  expect(await forced.getByRole('button', { name: 'Close' }).count()).toBe(0);

  await forced.getByLabel('当前密码', { exact: true }).fill(oneTimePassword);
  // The server holds the new password to the policy and says which rule it breaks.
  await forced.getByLabel('新密码', { exact: true }).fill('short');
  await forced.getByLabel('确认新密码', { exact: true }).fill('short');
  await forced.getByRole('button', { name: ok }).click();
  await visible(page, /长度不足 10 位/);
  expect(await forced.isVisible()).toBe(true);

  await forced.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
  await forced.getByLabel('确认新密码', { exact: true }).fill(NEW_PASSWORD);
  await forced.getByRole('button', { name: ok }).click();
  await expect.poll(() => forced.isVisible(), { timeout: 15_000 }).toBe(false);
  await visible(page, displayName);
}

/** The county's own pages: its county in the region browser, another county's refused. */
async function seesOwnCounty(page: Page): Promise<void> {
  await page.goto('/regions');
  await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/\/regions\/4413$/);
  await expect.poll(() => page.getByRole('cell', { name: '惠东县' }).isVisible(), { timeout: 15_000 }).toBe(true);
  expect(await page.getByRole('cell', { name: '博罗县' }).count()).toBe(0);
  await page.goto('/regions/441322');
  await visible(page, '未找到该区域或无权查看');
}

describe('用户管理 in Chromium', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  it.each([
    ['desktop', desktop, 'hdliaison1', '惠东县联络员（一）'],
    ['phone', phone, 'hdliaison2', '惠东县联络员（二）'],
  ] as const)('at %s width the office creates a county user, who must change the one-time password and then works in the county', async (_width, viewport, username, displayName) => {
    const office = await system.newPage();
    await office.setViewportSize(viewport);
    await logIn(office, 'admin');
    await expect.poll(() => office.getByText('市扶贫办管理员（演示）').first().isVisible(), { timeout: 20_000 }).toBe(true);
    if (viewport === desktop) {
      await office.getByRole('menuitem', { name: '用户管理' }).click();
    } else {
      await office.goto('/users');
    }
    await expect.poll(() => office.getByRole('cell', { name: 'teamleader' }).isVisible(), { timeout: 15_000 }).toBe(true);

    const oneTimePassword = await createCountyUser(office, username, displayName);
    const row = office.getByRole('row').filter({ hasText: username });
    await expect.poll(() => row.getByText('待修改密码').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await row.getByText('惠东县').first().isVisible()).toBe(true);
    await office.context().close();

    const county = await system.newPage();
    await county.setViewportSize(viewport);
    await firstLogin(county, username, oneTimePassword, displayName);
    await seesOwnCounty(county);
    await county.context().close();
  });

  it('the office filters the list, and resets a password and disables an account from the row', async () => {
    const office = await system.newPage();
    await office.setViewportSize(desktop);
    await logIn(office, 'admin');
    await expect.poll(() => office.getByText('市扶贫办管理员（演示）').first().isVisible(), { timeout: 20_000 }).toBe(true);
    await office.goto('/users?role=county_user&scope=assessment_unit:HD');
    await expect.poll(() => office.getByRole('cell', { name: 'huidong', exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await office.getByRole('cell', { name: 'boluo', exact: true }).count()).toBe(0);

    const row = office.getByRole('row').filter({ has: office.getByRole('cell', { name: 'huidong', exact: true }) });
    await row.getByRole('button', { name: '重置密码' }).click();
    await office.getByRole('tooltip').getByRole('button', { name: ok }).click();
    const shown = office.getByRole('dialog', { name: '「huidong」的一次性密码' });
    await expect.poll(() => shown.isVisible(), { timeout: 15_000 }).toBe(true);
    await shown.getByRole('button', { name: '我已记下，关闭' }).click();
    await expect.poll(() => row.getByText('待修改密码').isVisible(), { timeout: 15_000 }).toBe(true);

    await row.getByRole('button', { name: '停用' }).click();
    await office.getByRole('tooltip').getByRole('button', { name: ok }).click();
    await expect.poll(() => row.getByRole('button', { name: '启用' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await office.context().close();

    const refused = await system.newPage();
    await logIn(refused, 'huidong');
    await visible(refused, '用户名或密码错误');
    await refused.context().close();
  });

  it('the office adds a person to the roster from 人员, who then appears in the list with the home county', async () => {
    const office = await system.newPage();
    await office.setViewportSize(desktop);
    await logIn(office, 'staff');
    await expect.poll(() => office.getByText('市扶贫办工作人员（演示）').first().isVisible(), { timeout: 20_000 }).toBe(true);
    await office.goto('/people');
    await office.getByRole('button', { name: '新增人员' }).click();
    const dialog = office.getByRole('dialog', { name: '新增人员' });
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(true);
    await dialog.getByRole('button', { name: submit }).click();
    await visible(office, '请填写姓名（至少 2 个字）');
    await dialog.getByLabel('姓名', { exact: true }).fill('欧阳晓峰');
    await dialog.getByLabel('女', { exact: true }).check();
    await choose(office, '单位', '惠州市审计局');
    await dialog.getByLabel('职务', { exact: true }).fill('副科长');
    await choose(office, '职级', '科级');
    await choose(office, '籍贯', '龙门县');
    await dialog.getByRole('button', { name: submit }).click();
    await visible(office, '已新增人员');
    await office.goto('/people?q=' + encodeURIComponent('欧阳晓峰'));
    const row = office.getByRole('row').filter({ hasText: '欧阳晓峰' });
    await expect.poll(() => row.getByText('龙门县').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await row.getByText('惠州市审计局').isVisible()).toBe(true);
    await office.context().close();
  });

  it('审计日志 names actions and record types in Chinese and filters by them from pickers', async () => {
    const office = await system.newPage();
    await office.setViewportSize(desktop);
    await logIn(office, 'admin');
    await expect.poll(() => office.getByText('市扶贫办管理员（演示）').first().isVisible(), { timeout: 20_000 }).toBe(true);
    await office.goto('/audit');
    await expect.poll(() => office.getByRole('cell', { name: '登录', exact: true }).first().isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await office.getByRole('cell', { name: 'auth.login', exact: true }).count()).toBe(0);
    const picker = office.getByLabel('动作', { exact: true });
    await picker.click();
    await picker.fill('创建用户');
    await expect.poll(() => office.getByTitle('创建用户').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await picker.press('Enter');
    await office.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => office.url(), { timeout: 10_000 }).toContain('action=user.create');
    // The filtered list replaces the unfiltered one: logins go, account creations stay.
    await expect.poll(() => office.getByRole('cell', { name: '登录', exact: true }).count(), { timeout: 15_000 }).toBe(0);
    expect(await office.getByRole('cell', { name: '创建用户', exact: true }).count()).toBeGreaterThan(0);
    expect(await office.getByRole('cell', { name: '用户', exact: true }).count()).toBeGreaterThan(0);
    await office.context().close();
  });
});
