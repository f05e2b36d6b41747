import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { sql, type RawBuilder } from 'kysely';
import type { AppContext } from '../../kernel/context.ts';
import { presentPerson, showName, type PersonalDataAccess } from '../../kernel/privacy.ts';
import { csvCell, statusLabels } from './registry.format.ts';
import type { AnomalyKind } from './registry.generate.ts';
import type { SignalRow } from './registry.signals.ts';

// All cases of one 数字脱贫 detector as CSV (UTF-8 with BOM, so Excel and WPS open it), read through a
// cursor and written as the client takes them: the detector runs once, memory stays flat.

type Evidence = Record<string, unknown>;

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const money = (value: unknown) => (value === null || value === undefined || value === '' ? '' : Number(value).toFixed(2));
const guaranteeLabels: [key: string, label: string][] = [
  ['foodClothing', '不愁吃穿'],
  ['education', '义务教育有保障'],
  ['medical', '基本医疗有保障'],
  ['housing', '住房安全有保障'],
];

/** The finding behind a flag, in one Chinese sentence (the same wording as the signals page). */
export function describeSignalEvidence(kind: AnomalyKind, evidence: Evidence): string {
  const e = evidence;
  switch (kind) {
    case 'exits_bunched_before_cutoff':
      return `${text(e.exitDate)} 脱贫；本村当年脱贫 ${text(e.villageExits)} 户，其中 ${text(e.villageLateExits)} 户集中在截止日前 ${text(e.windowDays)} 天内`;
    case 'income_just_above_line': {
      const income = Number(e.perCapitaIncome);
      const line = Number(e.exitIncomeLine);
      const share = line > 0 ? `${(((income - line) / line) * 100).toFixed(1)}%` : '';
      return `收入 ${money(e.perCapitaIncome)} 元 / 脱贫线 ${money(e.exitIncomeLine)} 元（仅高出 ${share}）`;
    }
    case 'exit_without_guarantees':
      return `未达到：${guaranteeLabels.filter(([key]) => e[key] === false).map(([, label]) => label).join('、') || '无'}`;
    case 'edit_after_cutoff': {
      const change = text(e.change);
      const changeLabel = statusLabels[change as keyof typeof statusLabels] ?? change;
      const recordedAt = new Date(text(e.recordedAt));
      const recorded = Number.isNaN(recordedAt.getTime())
        ? text(e.recordedAt)
        : new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(recordedAt);
      return `${text(e.actor)} 于 ${recorded} 录入 ${text(e.effectiveOn)} 生效的「${changeLabel}」`;
    }
    case 'exit_then_return':
      return `${text(e.exitedOn)} 脱贫，${text(e.returnedOn)} 返贫，相隔 ${text(e.days)} 天`;
    case 'operator_volume':
      return `${text(e.operator)} 在 ${text(e.day)} 一天内录入 ${text(e.changesThatDay)} 次变更（合理上限 ${text(e.dailyLimit)} 次）`;
  }
}

const header = ['信号', '户编号', '户主姓名', '户主身份证号（脱敏）', '县（区）', '镇（街道）', '村（社区）', '当前状态', '情况', '依据'];

/** A spreadsheet cell that cannot run as a formula (a leading =, +, - or @ is quoted away). */
function safeCell(value: unknown): string {
  const raw = text(value);
  return csvCell(/^[=+\-@]/.test(raw) ? `'${raw}` : raw);
}

/** Resolves once the chunk is accepted; stops (throws) when the client has gone. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) throw new Error('client gone');
  if (out.write(chunk)) return;
  await Promise.race([once(out, 'drain'), once(out, 'close').then(() => Promise.reject(new Error('client gone')))]);
}

type ExportRow = {
  household_no: string;
  head_name: string;
  head_id_masked: string | null;
  county_name: string;
  town_name: string;
  village_name: string;
  status: keyof typeof statusLabels;
  evidence: Evidence;
};

/**
 * Writes every household the detector flags within `visible` (an SQL condition on households `h`) as CSV rows,
 * ordered by county and household number; the head's name and 身份证号 as the masking policy lets the reader see
 * them (the stored masked form, never decrypted). Ends `out` when done; returns the number of households.
 */
export async function writeSignalCsv(
  ctx: AppContext,
  out: Writable,
  detector: { kind: AnomalyKind; label: string; basis: string; query: RawBuilder<SignalRow> },
  visible: RawBuilder<boolean>,
  access: PersonalDataAccess,
): Promise<number> {
  let households = 0;
  await ctx.db.transaction().execute(async (trx) => {
    await sql`
      DECLARE signal_export NO SCROLL CURSOR FOR
      SELECT d.household_no, h.head_name, head.id_masked AS head_id_masked, c.name AS county_name, t.name AS town_name, v.name AS village_name,
        h.status, d.evidence
      FROM (${detector.query}) d
      JOIN households h ON h.id = d.household_id
      JOIN regions c ON c.code = h.county_code JOIN regions t ON t.code = h.town_code JOIN regions v ON v.code = h.village_code
      LEFT JOIN LATERAL (SELECT id_masked FROM household_members m WHERE m.household_id = h.id AND m.relation = 'head' ORDER BY m.id LIMIT 1) head ON true
      WHERE ${visible}
      ORDER BY d.county_code, d.household_no`.execute(trx);
    await write(out, `\uFEFF${header.join(',')}\r\n`);
    for (;;) {
      const batch = (await sql<ExportRow>`FETCH 1000 FROM signal_export`.execute(trx)).rows;
      if (batch.length === 0) break;
      const lines = batch.map((row) =>
        [
          detector.label,
          row.household_no,
          showName(access, row.head_name),
          presentPerson(access, { name: row.head_name, idMasked: row.head_id_masked }).idNumber,
          row.county_name,
          row.town_name,
          row.village_name,
          statusLabels[row.status] ?? row.status,
          describeSignalEvidence(detector.kind, row.evidence),
          detector.basis,
        ]
          .map(safeCell)
          .join(','),
      );
      await write(out, `${lines.join('\r\n')}\r\n`);
      households += batch.length;
    }
    await sql`CLOSE signal_export`.execute(trx);
  });
  out.end();
  return households;
}
