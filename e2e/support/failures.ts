import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { openPages } from './system.ts';

const artifacts = path.resolve('test-results', 'e2e');

/** What a person would have seen on a page: its address, the open dialogs and the messages shown. */
async function describePage(page: Page): Promise<string> {
  const texts = async (selector: string) =>
    (await page.locator(selector).allInnerTexts().catch(() => [])).map((text) => text.replace(/\s+/g, ' ').trim().slice(0, 300)).filter(Boolean);
  const dialogs = await texts('[role="dialog"]:visible');
  const messages = await texts('.ant-message-notice:visible, .ant-alert:visible, [role="alert"]:visible');
  return [`  页面 ${page.url()}`, ...dialogs.map((text) => `    对话框：${text}`), ...messages.map((text) => `    提示：${text}`)].join('\n');
}

// When a test fails, print what each open page showed and keep a screenshot under test-results/e2e, so that a failure
// seen only in CI can be read from its log.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail' || openPages.size === 0) return;
  fs.mkdirSync(artifacts, { recursive: true });
  const name = context.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
  const reports: string[] = [];
  let index = 0;
  for (const page of openPages) {
    index += 1;
    const shot = path.join(artifacts, `${name}-${index}.png`);
    await page.screenshot({ path: shot, fullPage: true, timeout: 10_000 }).catch(() => undefined);
    reports.push(`${await describePage(page)}\n    截图：${shot}`);
  }
  console.error(`测试失败时打开的页面（${context.task.name}）：\n${reports.join('\n')}`);
});
