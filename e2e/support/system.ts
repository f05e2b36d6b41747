import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../server/src/app.ts';
import { openMigratedDatabase } from '../../server/src/bootstrap.ts';
import { loadConfig } from '../../server/src/config.ts';
import type { AppContext } from '../../server/src/kernel/context.ts';
import { seedIfEmpty } from '../../server/src/seed/huizhou.ts';

export type RunningSystem = { url: string; browser: Browser; ctx: AppContext; newPage(): Promise<Page>; stop(): Promise<void> };

/** The pages a spec has open now, for the failure report (support/failures.ts). */
export const openPages = new Set<Page>();

/** What the browser refused under the server's Content-Security-Policy; a spec's `stop()` fails on any. */
function watchContentSecurityPolicy(page: Page, violations: string[]): void {
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
}

/** The real system as `npm start` runs it — embedded PGlite in a fresh data directory, the built web app — and Debian's Chromium. */
export async function startSystem(): Promise<RunningSystem> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-e2e-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
  const { database, ctx } = await openMigratedDatabase(config);
  await seedIfEmpty(ctx, { demoAccounts: true });
  const app = await buildApp(config, database);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const violations: string[] = [];
  return {
    url: address,
    browser,
    ctx,
    async newPage() {
      const context = await browser.newContext({ locale: 'zh-CN', baseURL: address });
      const page = await context.newPage();
      openPages.add(page);
      page.on('close', () => openPages.delete(page));
      watchContentSecurityPolicy(page, violations);
      return page;
    },
    async stop() {
      await browser.close();
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (violations.length > 0) throw new Error(`浏览器按 Content-Security-Policy 拒绝了 ${violations.length} 项：\n${violations.join('\n')}`);
    },
  };
}

/** Signs in through the login page as a person would. */
export async function logIn(page: Page, username: string, password = 'Demo@2017'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}
