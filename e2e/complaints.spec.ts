import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, startSystem, type RunningSystem } from './support/system.ts';

// Who wrote the named complaint: none of it may ever appear on the county's screens.
const AUTHOR = { name: '欧阳明珠', phone: '13912345678' };

/** Calls the API as the page's signed-in user, with the session's CSRF token, as the web app does. */
async function apiAs(page: Page, method: 'GET' | 'POST', url: string, body?: unknown) {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'dukao_csrf')?.value ?? '';
  const response = await page.request.fetch(url, { method, headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' }, ...(body === undefined ? {} : { data: body }) });
  if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

async function closeDrawer(page: Page, title: string) {
  const drawer = page.getByRole('dialog', { name: title });
  await drawer.getByRole('button', { name: /关闭|Close/ }).click();
  await expect.poll(() => drawer.isVisible(), { timeout: 10_000 }).toBe(false);
}

async function signedIn(system: RunningSystem, username: string, displayName: string) {
  const page = await system.newPage();
  await logIn(page, username);
  await expect.poll(() => page.getByText(displayName).first().isVisible(), { timeout: 20_000 }).toBe(true);
  return page;
}

describe('complaints and public disclosure in Chromium (督4, 督18)', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  it('an anonymous complaint filed on the public page is tracked by its code; the county never sees an author', async () => {
    // The public form, without signing in.
    const visitor = await system.newPage();
    await visitor.goto('/public/complaints/new');
    await visitor.getByLabel('举报事项').fill('村里危房改造补助被截留');
    await visitor.getByLabel('具体情况').fill('麻榨镇某村危房改造补助至今未发到户。');
    await visitor.getByLabel('地点').click();
    // The first level is the 7 assessment units of 考2, 大亚湾 and 仲恺 among them.
    for (const unit of ['惠东县', '博罗县', '龙门县', '惠城区', '惠阳区', '大亚湾区', '仲恺高新区']) {
      await expect.poll(() => visitor.getByRole('menuitemcheckbox', { name: unit }).isVisible(), { timeout: 15_000, message: unit }).toBe(true);
    }
    await visitor.getByRole('menuitemcheckbox', { name: '龙门县' }).click();
    await visitor.getByRole('menuitemcheckbox', { name: '麻榨镇' }).click();
    await visitor.keyboard.press('Escape');
    await visitor.getByLabel('匿名举报').click();
    expect(await visitor.getByLabel('姓名').count()).toBe(0);
    await visitor.getByRole('button', { name: '提交举报' }).click();
    await expect.poll(() => visitor.getByText('举报已提交').isVisible(), { timeout: 15_000 }).toBe(true);
    const code = /[A-HJ-NP-Z2-9]{12}/.exec(await visitor.getByTestId('tracking-code').innerText())?.[0];
    expect(code).toBeDefined();
    expect(visitor.url()).toContain('/public/complaints/new');

    await visitor.getByRole('button', { name: '查询办理结果' }).click();
    await expect.poll(() => visitor.url()).toContain(`/public/complaints/track?code=${code}`);
    await expect.poll(() => visitor.getByText('待受理').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => visitor.getByText('龙门县 麻榨镇').isVisible()).toBe(true);

    // A named complaint through the same public API, for the check that the county never sees who wrote it.
    const named = await visitor.request.post('/api/public/complaints', {
      data: { subject: '扶贫资金被挪用', content: '村干部挪用扶贫资金', regionCode: '441324100', isAnonymous: false, ...AUTHOR },
    });
    expect(named.status()).toBe(201);
    await visitor.context().close();

    // The office assigns both to 龙门县 from its inbox.
    const staff = await signedIn(system, 'staff', '市扶贫办工作人员（演示）');
    await staff.getByRole('menuitem', { name: '群众举报' }).click();
    for (const subject of ['村里危房改造补助被截留', '扶贫资金被挪用']) {
      await staff.getByRole('button', { name: subject }).click();
      const drawer = staff.getByRole('dialog', { name: subject });
      await expect.poll(() => drawer.getByRole('button', { name: '交办县（区）' }).isVisible(), { timeout: 15_000 }).toBe(true);
      await drawer.getByRole('button', { name: '交办县（区）' }).click();
      const modal = staff.getByRole('dialog', { name: '交办县（区）' });
      await expect.poll(() => modal.getByText('龙门县').isVisible(), { timeout: 15_000 }).toBe(true);
      await modal.getByRole('button', { name: '提交' }).click();
      await expect.poll(() => drawer.getByText('已交办县（区）').isVisible(), { timeout: 15_000 }).toBe(true);
      await closeDrawer(staff, subject);
    }
    // The office sees the author of the named one.
    await staff.getByRole('button', { name: '扶贫资金被挪用' }).click();
    await expect.poll(() => staff.getByText(AUTHOR.name, { exact: false }).first().isVisible(), { timeout: 15_000 }).toBe(true);
    // Typing the author's name into the answer, which the county reads, warns and shows the county's version.
    await staff.getByRole('dialog', { name: '扶贫资金被挪用' }).getByRole('button', { name: '答复' }).click();
    const answer = staff.getByRole('dialog', { name: '答复' });
    await answer.getByRole('textbox').fill(`${AUTHOR.name}同志，您好，回访电话已登记`);
    await expect.poll(() => answer.getByText('这段文字含有举报人的姓名').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => answer.getByText('欧***同志，您好，回访电话已登记').isVisible()).toBe(true);
    await staff.context().close();

    // 龙门县 sees the matters, and nobody's identity.
    const longmen = await signedIn(system, 'longmen', '龙门县联络员（演示）');
    await longmen.getByRole('menuitem', { name: '群众举报' }).click();
    await expect.poll(() => longmen.getByRole('button', { name: '扶贫资金被挪用' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => longmen.getByRole('button', { name: '村里危房改造补助被截留' }).isVisible()).toBe(true);
    for (const subject of ['扶贫资金被挪用', '村里危房改造补助被截留']) {
      await longmen.getByRole('button', { name: subject }).click();
      await expect.poll(() => longmen.getByRole('dialog', { name: subject }).getByText('举报人信息仅市扶贫办可见').isVisible(), { timeout: 15_000 }).toBe(true);
      const text = await longmen.locator('body').innerText();
      for (const secret of [AUTHOR.name, AUTHOR.phone, code!]) expect(text).not.toContain(secret);
      await closeDrawer(longmen, subject);
    }
    const inbox = await apiAs(longmen, 'GET', '/api/complaints');
    for (const secret of [AUTHOR.name, AUTHOR.phone, code!]) expect(JSON.stringify(inbox)).not.toContain(secret);
    await longmen.context().close();
  });

  it('a verified rectification the office discloses appears, redacted, on the public page', async () => {
    const staff = await signedIn(system, 'staff', '市扶贫办工作人员（演示）');
    const longmen = await signedIn(system, 'longmen', '龙门县联络员（演示）');
    const filed = await staff.request.post('/api/public/complaints', { data: { subject: '低保金被冒领', content: '低保金被冒领', regionCode: '441324100', isAnonymous: true } });
    const code = ((await filed.json()) as { trackingCode: string }).trackingCode;
    const list = (await apiAs(staff, 'GET', `/api/complaints?q=${code}`)) as { items: { id: number }[] };
    const complaintId = list.items[0]!.id;
    await apiAs(staff, 'POST', `/api/complaints/${complaintId}/assign`, { unitCode: 'LM' });
    const created = (await apiAs(staff, 'POST', `/api/complaints/${complaintId}/create-problem`, {
      category: 'project_funds',
      description: '村会计钟德胜冒领五保户低保金，联系电话 13800138000',
      requirement: '追回资金并严肃处理',
    })) as { problemId: number };
    await apiAs(longmen, 'POST', `/api/rectifications/${created.problemId}/submit`, { measures: '已追回资金，钟德胜已被免职', evidence: '追缴凭证' });
    await apiAs(staff, 'POST', `/api/rectifications/${created.problemId}/verify`, {});
    await longmen.context().close();

    // The disclosure decision in the ledger.
    await staff.goto('/rectifications?status=verified');
    const row = staff.getByRole('row').filter({ hasText: '冒领五保户低保金' });
    await expect.poll(() => row.getByRole('button', { name: '公开决定' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await row.getByRole('button', { name: '公开决定' }).click();
    const modal = staff.getByRole('dialog', { name: '公开决定' });
    await modal.getByLabel('理由').fill('典型案例，公开接受群众监督');
    await modal.getByLabel('需隐去的其他姓名（逗号分隔）').fill('钟德胜');
    await modal.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => modal.getByText('将公开的内容（已脱敏）').isVisible(), { timeout: 15_000 }).toBe(true);
    await staff.context().close();

    // Anyone reads it, redacted.
    const visitor = await system.newPage();
    await visitor.goto('/public/rectifications');
    await expect.poll(() => visitor.getByText('村会计钟**冒领五保户低保金，联系电话 138****8000').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => visitor.getByText('已追回资金，钟**已被免职').isVisible()).toBe(true);
    const text = await visitor.locator('body').innerText();
    expect(text).not.toContain('钟德胜');
    expect(text).not.toContain('13800138000');
    expect(visitor.url()).toContain('/public/rectifications');
    await visitor.context().close();
  });
});
