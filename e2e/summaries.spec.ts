import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, startSystem, type RunningSystem } from './support/system.ts';

const submit = /提\s*交/;

async function visible(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  await expect.poll(() => page.getByText(text).first().isVisible(), { timeout, message: String(text) }).toBe(true);
}

async function signedIn(system: RunningSystem, username: string): Promise<Page> {
  const page = await system.newPage();
  await logIn(page, username);
  await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 20_000 }).toBe(true);
  return page;
}

describe('督查总结与表扬 in Chromium (督11)', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  it('the office proposes a commendation of 博罗县, the office head approves it, drafts a summary naming it and submits it; the city leader reads it', async () => {
    const staff = await signedIn(system, 'staff');
    await staff.getByRole('menuitem', { name: '督查总结与表扬' }).click();
    await staff.goto('/summaries?year=2017');
    await staff.getByRole('button', { name: '提出表扬或先进典型' }).click();
    const dialog = staff.getByRole('dialog', { name: '提出表扬或先进典型' });
    const subject = dialog.getByLabel('单位', { exact: true });
    await subject.click();
    await subject.fill('博罗县');
    await expect.poll(() => staff.getByTitle('博罗县').first().isVisible(), { timeout: 15_000 }).toBe(true);
    await subject.press('Enter');
    await dialog.getByLabel('标题').fill('产业扶贫成效显著');
    await dialog.getByLabel('事迹/做法').fill('博罗县推行“企业+合作社+贫困户”模式，带动贫困户稳定增收。');
    await dialog.getByRole('button', { name: submit }).click();
    await visible(staff, '已提出，待市扶贫办主任审定');
    const staffRow = staff.getByRole('row').filter({ hasText: '产业扶贫成效显著' });
    await expect.poll(() => staffRow.getByText('待市扶贫办主任审定').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await staffRow.getByRole('button', { name: '审定通过' }).count()).toBe(0);

    const admin = await signedIn(system, 'admin');
    await admin.goto('/summaries?year=2017');
    const adminRow = admin.getByRole('row').filter({ hasText: '产业扶贫成效显著' });
    await adminRow.getByRole('button', { name: '审定通过' }).click();
    const decision = admin.getByRole('dialog');
    await decision.getByLabel('意见').fill('同意通报表扬');
    await decision.getByRole('button', { name: submit }).click();
    await expect.poll(() => adminRow.getByText('已审定').isVisible(), { timeout: 15_000 }).toBe(true);

    await admin.getByRole('tab', { name: '工作总结' }).click();
    await admin.getByRole('button', { name: '生成草稿' }).click();
    const body = admin.getByLabel('正文');
    await expect.poll(() => body.inputValue(), { timeout: 15_000 }).toContain('予以通报表扬：博罗县（产业扶贫成效显著）');
    await admin.getByRole('button', { name: /保\s*存/ }).click();
    await visible(admin, '已保存');
    const summaryRow = admin.getByRole('row').filter({ hasText: '关于2017年全市脱贫攻坚督查工作情况的报告' });
    await expect.poll(() => summaryRow.getByText('草稿').isVisible(), { timeout: 15_000 }).toBe(true);
    await summaryRow.getByRole('button', { name: '报送市委、市政府' }).click();
    await admin.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => summaryRow.getByText('已报送市委、市政府').isVisible(), { timeout: 15_000 }).toBe(true);
    // Reporting it issues it: the row shows the number it took from the office's register of the year it is sent in (issue 9 §5.12).
    await expect.poll(() => summaryRow.getByText(/惠扶办〔\d{4}〕\d+号/).isVisible(), { timeout: 15_000 }).toBe(true);

    const leader = await signedIn(system, 'leader');
    await leader.getByRole('menuitem', { name: '督查总结与表扬' }).click();
    await leader.goto('/summaries?year=2017&tab=summary');
    const leaderRow = leader.getByRole('row').filter({ hasText: '关于2017年全市脱贫攻坚督查工作情况的报告' });
    await expect.poll(() => leaderRow.getByText('已报送市委、市政府').isVisible(), { timeout: 15_000 }).toBe(true);
    await leaderRow.getByRole('button', { name: '查看' }).click();
    await expect.poll(() => leader.getByLabel('正文').inputValue(), { timeout: 15_000 }).toContain('博罗县');
    expect(await leader.getByRole('button', { name: '生成草稿' }).count()).toBe(0);

    // The leader downloads the document twice and gets the same file, the one kept when it was issued.
    const href = await leaderRow.getByRole('link', { name: '下载公文（DOCX）' }).getAttribute('href');
    const downloads = await leader.evaluate(async (url) => {
      const once = async () => {
        const response = await fetch(url);
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await response.arrayBuffer()));
        return { sha256: [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join(''), etag: response.headers.get('etag'), status: response.headers.get('x-document-status') };
      };
      return [await once(), await once()];
    }, href!);
    expect(downloads[0]!.status).toBe('issued');
    expect(downloads[1]!.sha256).toBe(downloads[0]!.sha256);
    expect(downloads[0]!.etag).toBe(`"${downloads[0]!.sha256}"`);
  });
});
