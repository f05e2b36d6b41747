import { createReadStream } from 'node:fs';
import type { Rank } from '../../db/schema.ts';
import type { AuditActor } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { readCsvRecords } from '../registry/registry.csv.ts';
import { personBody, rankLabels, ranks } from './people.schema.ts';
import { addPeople, type PersonInput, type PersonInputProblem } from './people.service.ts';

/*
 * The roster from a file (R-O4): a real office brings its leading-group member units' staff in once, from the
 * spreadsheet it keeps, instead of typing them in. CSV in UTF-8 or GB18030, one person a line, columns by header.
 */

/** The file's columns: header text → field. 籍贯 may be left empty. */
export const rosterColumns = [
  { header: '姓名', field: 'name' },
  { header: '性别', field: 'gender' },
  { header: '单位', field: 'unit' },
  { header: '职务', field: 'post' },
  { header: '职级', field: 'rank' },
  { header: '籍贯地代码', field: 'homeRegionCode' },
] as const;

const genderByText: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female', male: 'male', female: 'female' };
const rankByText = new Map<string, Rank>(ranks.flatMap((rank) => [[rank, rank] as const, [rankLabels[rank], rank] as const]));

/** Reads and checks the whole file, then adds everyone in one transaction; nothing is added when any line is wrong. */
export async function importRosterFile(ctx: AppContext, actor: AuditActor, file: string): Promise<{ added: number }> {
  const units = new Map((await ctx.db.selectFrom('units').select(['id', 'name']).execute()).map((unit) => [unit.name, unit.id]));
  const records = readCsvRecords(createReadStream(file), 'auto');
  const header = (await records.next()).value?.map((cell) => cell.trim());
  if (!header) throw new AppError('VALIDATION_FAILED', `文件「${file}」是空的：第一行须为表头 ${rosterColumns.map((column) => column.header).join(',')}`);
  const positions = rosterColumns.map((column) => header.indexOf(column.header));
  const missing = rosterColumns.filter((column, index) => positions[index] === -1 && column.field !== 'homeRegionCode');
  if (missing.length > 0) {
    throw new AppError('VALIDATION_FAILED', `文件缺少列：${missing.map((column) => `「${column.header}」`).join('、')}（表头须为 ${rosterColumns.map((column) => column.header).join(',')}）`);
  }
  const people: (PersonInput & { line: number })[] = [];
  const problems: PersonInputProblem[] = [];
  let line = 1;
  for await (const record of records) {
    line += 1;
    const cell = (field: (typeof rosterColumns)[number]['field']) => {
      const position = positions[rosterColumns.findIndex((column) => column.field === field)]!;
      return position === -1 ? '' : (record[position] ?? '').trim();
    };
    if (record.every((value) => value.trim() === '')) continue;
    const fail = (header: string, value: string, message: string) => problems.push({ line, field: header, value, message });
    const unitId = units.get(cell('unit'));
    if (unitId === undefined) fail('单位', cell('unit'), '不是已登记单位的全称');
    const gender = genderByText[cell('gender')];
    if (!gender) fail('性别', cell('gender'), '须为「男」或「女」');
    const rank = rankByText.get(cell('rank'));
    if (!rank) fail('职级', cell('rank'), `须为 ${ranks.map((value) => rankLabels[value]).join('、')} 之一`);
    if (unitId === undefined || !gender || !rank) continue;
    const parsed = personBody.safeParse({ name: cell('name'), gender, unitId, post: cell('post'), rank, homeRegionCode: cell('homeRegionCode') || null });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = rosterColumns.find((candidate) => candidate.field === issue.path[0]);
        fail(column?.header ?? String(issue.path[0]), column ? cell(column.field) : '', issue.message);
      }
      continue;
    }
    people.push({ ...parsed.data, line });
  }
  if (problems.length > 0) {
    const first = problems[0]!;
    throw new AppError('VALIDATION_FAILED', `第 ${first.line} 行「${first.field}」（${first.value}）：${first.message}${problems.length > 1 ? `，共 ${problems.length} 处问题` : ''}；未新增任何人员`, { fields: problems });
  }
  if (people.length === 0) throw new AppError('VALIDATION_FAILED', '文件中没有人员：表头之后至少要有一行');
  await addPeople(ctx, actor, people);
  return { added: people.length };
}
