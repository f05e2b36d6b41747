import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../kernel/errors.ts';
import { parametersFor } from '../parameters/parameters.service.ts';
import type { AnomalyKind } from './registry.generate.ts';

// "数字脱贫" signals (R-R7; 考8(3), 督15(3)): each detector is one set-based statement over the registry, with the
// thresholds of the year in question (parameters.definitions holds their defaults).

export type SignalParameters = {
  year: number;
  exitIncomeLine: number;
  /** Exits in the last N days before 31 December count as "late". */
  lateWindowDays: number;
  /** A village is suspicious when at least this share of its exits in the year were late … */
  lateShare: number;
  /** … and at least this many. */
  lateMinimum: number;
  /** Incomes within this fraction above the exit line are "just above" it. */
  incomeMargin: number;
  /** Changes to the year recorded more than this many days after the cut-off. */
  graceDays: number;
  /** A return to poverty within this many days of the exit. */
  quickReturnDays: number;
  /** One operator's changes in one day are implausible above this many … */
  operatorDailyMinimum: number;
  /** … and above this multiple of the median operator-day. */
  operatorMedianMultiple: number;
};

export type SignalRow = { household_id: number; household_no: string; county_code: string; evidence: Record<string, unknown> };

/**
 * A detector's statement over the whole registry, or, with `householdId`, for that one household only: the
 * statement then filters on the household (or its village) first, so it costs a few index lookups however large
 * the registry, and gives exactly the row the whole-registry run gives for that household.
 */
type Detector = { kind: AnomalyKind; label: string; basis: string; query(p: SignalParameters, householdId?: number): RawBuilder<SignalRow> };

const cutoff = (p: SignalParameters) => `${p.year}-12-31`;
/** `AND <column> = householdId` when the run is for one household, else nothing. */
const onlyHousehold = (column: string, householdId: number | undefined) =>
  householdId === undefined ? sql`` : sql`AND ${sql.ref(column)} = ${householdId}`;

export const detectors: Detector[] = [
  {
    kind: 'exits_bunched_before_cutoff',
    label: '年底突击脱贫',
    basis: '考8(3)：弄虚作假、搞"数字脱贫"',
    query: (p, householdId) => sql<SignalRow>`
      WITH exits AS (
        SELECT id, household_no, county_code, village_code, exit_date FROM households WHERE exit_year = ${p.year} AND exit_date IS NOT NULL
          ${householdId === undefined ? sql`` : sql`AND village_code = (SELECT village_code FROM households WHERE id = ${householdId})`}
      ), villages AS (
        SELECT village_code, count(*)::int AS exits,
          (count(*) FILTER (WHERE exit_date > ${cutoff(p)}::date - ${p.lateWindowDays}::int))::int AS late
        FROM exits GROUP BY village_code
      )
      SELECT e.id AS household_id, e.household_no, e.county_code,
        jsonb_build_object('exitDate', e.exit_date, 'villageExits', v.exits, 'villageLateExits', v.late, 'windowDays', ${p.lateWindowDays}::int) AS evidence
      FROM exits e JOIN villages v USING (village_code)
      WHERE e.exit_date > ${cutoff(p)}::date - ${p.lateWindowDays}::int AND v.late >= ${p.lateMinimum}::int AND v.late >= ${p.lateShare}::numeric * v.exits
        ${onlyHousehold('e.id', householdId)}`,
  },
  {
    kind: 'income_just_above_line',
    label: '收入刚过脱贫线',
    basis: '考8(3)；督15(3)：脱贫质量不高',
    query: (p, householdId) => sql<SignalRow>`
      SELECT h.id AS household_id, h.household_no, h.county_code,
        jsonb_build_object('perCapitaIncome', i.per_capita_income, 'exitIncomeLine', ${p.exitIncomeLine}::numeric) AS evidence
      FROM households h JOIN household_incomes i ON i.household_id = h.id AND i.year = ${p.year}
      WHERE h.status = 'exited' AND h.exit_year = ${p.year}
        AND i.per_capita_income >= ${p.exitIncomeLine}::numeric AND i.per_capita_income < ${p.exitIncomeLine}::numeric * (1 + ${p.incomeMargin}::numeric)
        ${onlyHousehold('h.id', householdId)}`,
  },
  {
    kind: 'exit_without_guarantees',
    label: '未达"两不愁三保障"即脱贫',
    basis: '考8(3)：违反贫困退出规定',
    query: (_p, householdId) => sql<SignalRow>`
      SELECT id AS household_id, household_no, county_code,
        jsonb_build_object('foodClothing', food_clothing_secure, 'education', education_secured, 'medical', medical_secured, 'housing', housing_secured) AS evidence
      FROM households
      WHERE status = 'exited' AND NOT (food_clothing_secure AND education_secured AND medical_secured AND housing_secured)
        ${onlyHousehold('id', householdId)}`,
  },
  {
    kind: 'edit_after_cutoff',
    label: '截止日后补录、改动当年数据',
    basis: '考7：以 12 月 31 日为统计截止日；考10：对数据失真追责',
    query: (p, householdId) => sql<SignalRow>`
      SELECT DISTINCT ON (h.id) h.id AS household_id, h.household_no, h.county_code,
        jsonb_build_object('change', c.to_status, 'effectiveOn', c.effective_on, 'recordedAt', c.recorded_at, 'actor', c.actor_name) AS evidence
      FROM household_status_changes c JOIN households h ON h.id = c.household_id
      WHERE c.effective_on BETWEEN ${`${p.year}-01-01`}::date AND ${cutoff(p)}::date
        AND c.recorded_at > ((${cutoff(p)}::date + ${p.graceDays + 1}::int)::timestamp AT TIME ZONE 'Asia/Shanghai')
        ${onlyHousehold('c.household_id', householdId)}
      ORDER BY h.id, c.recorded_at, c.id`,
  },
  {
    kind: 'exit_then_return',
    label: '脱贫后短期内返贫',
    basis: '督15(3)：脱贫质量不高、脱贫稳定性低',
    query: (p, householdId) => sql<SignalRow>`
      SELECT DISTINCT ON (h.id) h.id AS household_id, h.household_no, h.county_code,
        jsonb_build_object('exitedOn', exited.effective_on, 'returnedOn', r.effective_on, 'days', r.effective_on - exited.effective_on) AS evidence
      FROM household_status_changes r
      JOIN households h ON h.id = r.household_id
      CROSS JOIN LATERAL (
        SELECT max(e.effective_on) AS effective_on FROM household_status_changes e
        WHERE e.household_id = r.household_id AND e.to_status = 'exited' AND e.effective_on <= r.effective_on
      ) exited
      WHERE r.to_status = 'returned' AND r.effective_on <= ${cutoff(p)}::date AND exited.effective_on IS NOT NULL
        AND r.effective_on - exited.effective_on <= ${p.quickReturnDays}::int
        ${onlyHousehold('r.household_id', householdId)}
      ORDER BY h.id, r.effective_on, r.id`,
  },
  {
    kind: 'operator_volume',
    label: '单人单日录入量异常',
    basis: '考10：数据提供者对数据真实性负责',
    // The limit is the larger of a floor and a multiple of the median operator-day of the year, which needs every
    // operator-day; for one household it is computed only when one of its own operator-days exceeds the floor
    // (an InitPlan runs on first use, and the CASE reaches it only then), so a quiet household costs index lookups.
    query: (p, householdId) => sql<SignalRow>`
      WITH daily AS (
        SELECT actor_name, (recorded_at AT TIME ZONE 'Asia/Shanghai')::date AS day, count(*)::int AS changes
        FROM household_status_changes
        WHERE note <> '批量导入' AND recorded_at >= (${`${p.year}-01-01`}::timestamp AT TIME ZONE 'Asia/Shanghai')
        GROUP BY 1, 2
      ), threshold AS (
        SELECT greatest(${p.operatorDailyMinimum}::numeric, ${p.operatorMedianMultiple}::numeric * percentile_cont(0.5) WITHIN GROUP (ORDER BY changes)) AS limit_per_day
        FROM daily
      ), candidates AS (${
        householdId === undefined
          ? sql`SELECT actor_name, day, changes FROM daily`
          : sql`
        SELECT own.actor_name, own.day, count(*)::int AS changes
        FROM (
          SELECT DISTINCT actor_name, (recorded_at AT TIME ZONE 'Asia/Shanghai')::date AS day
          FROM household_status_changes
          WHERE household_id = ${householdId} AND note <> '批量导入' AND recorded_at >= (${`${p.year}-01-01`}::timestamp AT TIME ZONE 'Asia/Shanghai')
        ) own
        JOIN household_status_changes c ON c.actor_name = own.actor_name AND c.note <> '批量导入'
          AND c.recorded_at >= (own.day::timestamp AT TIME ZONE 'Asia/Shanghai') AND c.recorded_at < ((own.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
        GROUP BY own.actor_name, own.day`
      }), heavy AS (
        SELECT d.actor_name, d.day, d.changes, (SELECT limit_per_day FROM threshold) AS limit_per_day
        FROM candidates d
        WHERE CASE WHEN d.changes > ${p.operatorDailyMinimum}::int THEN d.changes > (SELECT limit_per_day FROM threshold) ELSE false END
      )
      SELECT DISTINCT ON (h.id) h.id AS household_id, h.household_no, h.county_code,
        jsonb_build_object('operator', d.actor_name, 'day', d.day, 'changesThatDay', d.changes, 'dailyLimit', round(d.limit_per_day)) AS evidence
      FROM heavy d
      JOIN household_status_changes c ON c.actor_name = d.actor_name AND (c.recorded_at AT TIME ZONE 'Asia/Shanghai')::date = d.day AND c.note <> '批量导入'
        ${onlyHousehold('c.household_id', householdId)}
      JOIN households h ON h.id = c.household_id
      ORDER BY h.id, d.day, d.actor_name`,
  },
];

/** Runs every detector (or one) for a year; the rows carry the evidence for each flag. */
export async function runDetectors(db: Kysely<DB>, parameters: SignalParameters, only?: AnomalyKind): Promise<Map<AnomalyKind, SignalRow[]>> {
  const results = new Map<AnomalyKind, SignalRow[]>();
  for (const detector of detectors) {
    if (only && detector.kind !== only) continue;
    results.set(detector.kind, (await detector.query(parameters).execute(db)).rows);
  }
  return results;
}

/** One household's flags for a year: each detector run for that household alone (equal to its rows in `runDetectors`). */
export async function runDetectorsForHousehold(db: Kysely<DB>, parameters: SignalParameters, householdId: number): Promise<Map<AnomalyKind, SignalRow>> {
  const flags = new Map<AnomalyKind, SignalRow>();
  for (const detector of detectors) {
    const row = (await detector.query(parameters, householdId).execute(db)).rows[0];
    if (row) flags.set(detector.kind, row);
  }
  return flags;
}

/** The year's exit line and the year's thresholds (the measures' parameters of that year). */
export async function signalParametersFor(db: Kysely<DB>, year: number): Promise<SignalParameters> {
  const criteria = await db.selectFrom('exit_criteria').select('exit_income_line').where('year', '=', year).executeTakeFirst();
  if (!criteria) throw new AppError('NOT_FOUND', `未配置 ${year} 年的脱贫标准（exit_criteria），无法计算数字脱贫信号`);
  const parameters = await parametersFor(db, year);
  return {
    year,
    exitIncomeLine: Number(criteria.exit_income_line),
    lateWindowDays: parameters.signalLateWindowDays,
    lateShare: parameters.signalLateSharePercent / 100,
    lateMinimum: parameters.signalLateMinimum,
    incomeMargin: parameters.signalIncomeMarginPercent / 100,
    graceDays: parameters.signalGraceDays,
    quickReturnDays: parameters.signalQuickReturnDays,
    operatorDailyMinimum: parameters.signalOperatorDailyMinimum,
    operatorMedianMultiple: parameters.signalOperatorMedianMultiple,
  };
}
