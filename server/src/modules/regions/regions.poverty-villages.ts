import { createReadStream } from 'node:fs';
import { appendAuditEvent, type AuditActor } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { readCsvRecords } from '../registry/registry.csv.ts';

/*
 * The year's 省定相对贫困村 (R-O1): the province names them, the office records them on the real village records.
 * A file replaces that year's list whole — it is the list as published, not a change to it.
 */

export type PovertyVillageEntry = { villageCode: string; exitYear: number | null };

/** Reads a CSV with the columns 村代码 and (optionally) 出列年份; every problem comes back with its line. */
export async function readPovertyVillageFile(file: string): Promise<PovertyVillageEntry[]> {
  const records = readCsvRecords(createReadStream(file), 'auto');
  const header = (await records.next()).value?.map((cell) => cell.trim()) ?? [];
  const codeAt = header.indexOf('村代码');
  const exitAt = header.indexOf('出列年份');
  if (codeAt === -1) throw new AppError('VALIDATION_FAILED', `文件「${file}」的第一行须为表头，含「村代码」列（可另有「出列年份」列）`);
  const entries: PovertyVillageEntry[] = [];
  const problems: { line: number; field: string; value: string; message: string }[] = [];
  let line = 1;
  for await (const record of records) {
    line += 1;
    const code = (record[codeAt] ?? '').trim();
    const exit = exitAt === -1 ? '' : (record[exitAt] ?? '').trim();
    if (!code && !exit) continue;
    if (!/^\d{12}$/u.test(code)) problems.push({ line, field: '村代码', value: code, message: '须为 12 位村（居）委会代码' });
    if (exit && !/^20\d{2}$/u.test(exit)) problems.push({ line, field: '出列年份', value: exit, message: '须为四位年份，未出列留空' });
    entries.push({ villageCode: code, exitYear: exit ? Number(exit) : null });
  }
  if (problems.length > 0) throw invalidEntries(problems);
  return entries;
}

function invalidEntries(problems: { line?: number; field: string; value: string; message: string }[]): AppError {
  const first = problems[0]!;
  return new AppError(
    'VALIDATION_FAILED',
    `${first.line === undefined ? '' : `第 ${first.line} 行`}「${first.field}」（${first.value}）：${first.message}${problems.length > 1 ? `，共 ${problems.length} 处问题` : ''}；贫困村名单未改动`,
    { fields: problems },
  );
}

/** Replaces the year's poverty-village list in one audited transaction; the codes must be village records already loaded. */
export async function replacePovertyVillages(ctx: AppContext, actor: AuditActor, year: number, entries: readonly PovertyVillageEntry[]) {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new AppError('VALIDATION_FAILED', `年度「${year}」无效：须为 2000–2100 的年份`, { fields: [{ field: 'year', message: '年度无效' }] });
  const codes = entries.map((entry) => entry.villageCode);
  const known = new Set(
    codes.length === 0 ? [] : (await ctx.db.selectFrom('regions').select('code').where('level', '=', 'village').where('code', 'in', codes).execute()).map((row) => row.code),
  );
  const seen = new Set<string>();
  const problems = entries.flatMap((entry) => {
    const repeated = seen.has(entry.villageCode);
    seen.add(entry.villageCode);
    if (repeated) return [{ field: '村代码', value: entry.villageCode, message: '在名单中重复' }];
    if (!known.has(entry.villageCode)) return [{ field: '村代码', value: entry.villageCode, message: '不是已载入区划中的村（居）委会' }];
    if (entry.exitYear !== null && entry.exitYear > year) return [{ field: '出列年份', value: String(entry.exitYear), message: `晚于名单年度 ${year}` }];
    return [];
  });
  if (problems.length > 0) throw invalidEntries(problems);
  return ctx.db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('poverty_villages').where('year', '=', year).returning('village_code').execute();
    if (entries.length > 0) {
      await trx
        .insertInto('poverty_villages')
        .values(entries.map((entry) => ({ village_code: entry.villageCode, year, exit_status: entry.exitYear === null ? 'not_exited' : 'exited', exit_year: entry.exitYear, is_demo: false })))
        .execute();
    }
    const exited = entries.filter((entry) => entry.exitYear !== null).length;
    await appendAuditEvent(trx, ctx.clock, actor, {
      action: 'poverty_villages.replace',
      entityType: 'poverty_villages',
      entityId: String(year),
      before: { count: removed.length },
      after: { count: entries.length, exited },
    });
    return { year, replaced: removed.length, count: entries.length, exited };
  });
}
