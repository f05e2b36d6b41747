import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../server/src/kernel/clock.ts';
import { addCalendarMonths, todayInShanghai } from '../server/src/kernel/time.ts';
import { logIn, startSystem, type RunningSystem } from './support/system.ts';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let crc = 0xffffffff;
  for (const byte of body) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  const crcBytes = Buffer.alloc(4);
  crcBytes.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return Buffer.concat([length, body, crcBytes]);
}

/** A real 32×32 green PNG, as a phone photo would be for the purpose of the page. */
function greenSquarePng(): Buffer {
  const size = 32;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [30, 160, 70]).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function signedIn(system: RunningSystem, username: string): Promise<Page> {
  const page = await system.newPage();
  await logIn(page, username);
  await expect.poll(() => page.getByRole('button', { name: '退出登录' }).isVisible(), { timeout: 20_000, message: username }).toBe(true);
  return page;
}

/** Opens the ledger and unfolds the problem's row, where its evidence is. */
async function openProblem(page: Page, description: string): Promise<void> {
  await page.goto('/rectifications');
  const row = page.getByRole('row', { name: new RegExp(description) });
  await expect.poll(() => row.isVisible(), { timeout: 20_000, message: description }).toBe(true);
  await row.getByRole('button', { name: '展开行' }).click();
}

/** Whether the thumbnail is on the page and the browser actually decoded the image. */
function isThumbnailShown(page: Page, fileName: string): Promise<boolean> {
  const image = page.getByRole('img', { name: fileName }).first();
  return image
    .isVisible()
    .then(
      (visible) =>
        visible &&
        image.evaluate((element) => {
          // The e2e project has no DOM types; these are HTMLImageElement's.
          const decoded = element as unknown as { complete: boolean; naturalWidth: number };
          return decoded.complete && decoded.naturalWidth === 32;
        }),
    );
}

describe('rectification evidence photos in Chromium (R-S6)', () => {
  let system: RunningSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system?.stop());

  it('the county uploads a photo to its notified problem and sees the thumbnail; the office opens the preview', async () => {
    // A problem of 龙门县 already fed back to it: an inspection through feedback, as the ledger would hold it.
    const db = system.ctx.db;
    const office = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const today = todayInShanghai(systemClock);
    const description = `入户核查照片缺失-${Date.now()}`;
    const inspection = await db
      .insertInto('inspections')
      .values({
        year: 2017,
        title: '附件浏览器测试巡查',
        assessment_unit_code: 'LM',
        reason: '测试',
        rectification_months: 2,
        status: 'feedback_issued',
        proposed_by: office.id,
        decided_by: office.id,
        decided_at: new Date(),
        report: '巡查报告',
        report_submitted_by: office.id,
        report_submitted_at: new Date(),
        feedback_date: today,
        feedback_text: '请按期整改',
        feedback_by: office.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('problems')
      .values({
        source: 'inspection',
        source_id: inspection.id,
        inspection_id: inspection.id,
        category: 'identification_exit',
        responsible_unit_code: 'LM',
        description,
        notified_on: today,
        deadline: addCalendarMonths(today, 2),
        recorded_by: office.id,
      })
      .execute();

    const county = await signedIn(system, 'longmen');
    await openProblem(county, description);
    await expect.poll(() => county.getByRole('button', { name: '上传照片或文件' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await county.locator('input[type="file"]').first().setInputFiles({ name: '整改后入户照片.png', mimeType: 'image/png', buffer: greenSquarePng() });
    await expect.poll(() => county.getByText('已上传：整改后入户照片.png').first().isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => isThumbnailShown(county, '整改后入户照片.png'), { timeout: 15_000 }).toBe(true);
    // A file that is not a photo or document is refused in the browser before anything is sent.
    await county.locator('input[type="file"]').first().setInputFiles({ name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('不是照片') });
    await expect.poll(() => county.getByText('「说明.txt」的类型不受支持').first().isVisible(), { timeout: 10_000 }).toBe(true);
    await county.context().close();

    const staff = await signedIn(system, 'staff');
    await openProblem(staff, description);
    await expect.poll(() => isThumbnailShown(staff, '整改后入户照片.png'), { timeout: 15_000 }).toBe(true);
    await staff.getByRole('img', { name: '整改后入户照片.png' }).first().click();
    const preview = staff.getByRole('dialog');
    await expect.poll(() => preview.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => preview.getByRole('img').first().getAttribute('src'), { timeout: 10_000 }).toMatch(/^\/api\/attachments\/\d+\/content$/);
    await staff.context().close();
  });
});
