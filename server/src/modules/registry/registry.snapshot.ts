import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { appendAuditEvent, type AuditActor } from '../../kernel/audit.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { householdsAsOf } from './registry.as-of.ts';

export type SnapshotSummary = { id: number; asOf: string; takenAt: Date; takenBy: string; householdCount: number; memberCount: number; contentHash: string };

/**
 * Freezes the registry as of a cut-off date (R-R4, 考7: 31 December): each household registered by then, with its
 * status and exit date as of that day (from its dated status history, `householdsAsOf`), members, income of the year and the
 * year before, and whether 两不愁三保障 is met — one row per household, each with its own hash, and a
 * content hash over all of them. The rows are immutable (a trigger refuses UPDATE and DELETE), so
 * later edits never change a snapshot; taking the same cut-off again over unchanged data gives the same hash.
 * Members and the assurance flags have no history: they are read as they stand when the snapshot is taken.
 */
export async function takeSnapshot(ctx: AppContext, actor: AuditActor, asOf: string): Promise<SnapshotSummary> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) {
    throw new AppError('VALIDATION_FAILED', `截止日期「${asOf}」无效，格式应为 2017-12-31`, { fields: [{ field: 'asOf', message: '日期无效' }] });
  }
  const year = Number(asOf.slice(0, 4));
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = (await sql<{ id: number }>`SELECT nextval('registry_snapshots_id_seq')::int AS id`.execute(trx)).rows[0]!;
    await sql`
      INSERT INTO registry_snapshot_households (snapshot_id, household_id, household_no, village_code, town_code, county_code, attribute,
        status, exit_year, exit_date, member_count, disabled_count, per_capita_income, previous_income, two_assurances_met, row_hash)
      WITH exit_at AS (
        SELECT household_id, max(effective_on) AS exit_date
        FROM household_status_changes WHERE to_status = 'exited' AND effective_on <= ${asOf}::date GROUP BY household_id
      ), member_counts AS (
        SELECT household_id, count(*)::int AS members, (count(*) FILTER (WHERE health = 'disabled'))::int AS disabled
        FROM household_members GROUP BY household_id
      ), frozen AS (
        SELECT h.id, h.household_no, h.village_code, h.town_code, h.county_code, h.attribute, h.status_as_of AS status,
          extract(year FROM x.exit_date)::int AS exit_year, x.exit_date, coalesce(m.members, 0) AS members, coalesce(m.disabled, 0) AS disabled,
          income.per_capita_income, previous.per_capita_income AS previous_income,
          (h.food_clothing_secure AND h.education_secured AND h.medical_secured AND h.housing_secured) AS two_assurances_met
        FROM (${householdsAsOf(asOf)}) h
        LEFT JOIN exit_at e ON e.household_id = h.id
        -- Without an exit in the history (a household without history), the exit date of record: exited or returned as of
        -- the cut-off means it lies on or before it.
        CROSS JOIN LATERAL (SELECT coalesce(e.exit_date, CASE WHEN h.status_as_of IN ('exited', 'returned')
          THEN coalesce(h.exit_date, make_date(h.exit_year, 12, 31)) END) AS exit_date) x
        LEFT JOIN member_counts m ON m.household_id = h.id
        LEFT JOIN household_incomes income ON income.household_id = h.id AND income.year = ${year}
        LEFT JOIN household_incomes previous ON previous.household_id = h.id AND previous.year = ${year - 1}
      )
      SELECT ${id}, f.*, md5(concat_ws('|', f.id, f.household_no, f.village_code, f.attribute, f.status, f.exit_date, f.members, f.disabled,
        f.per_capita_income, f.previous_income, f.two_assurances_met))
      FROM frozen f`.execute(trx);
    const totals = (
      await sql<{ households: number; members: number; content_hash: string }>`
        SELECT count(*)::int AS households, coalesce(sum(member_count), 0)::int AS members,
          encode(sha256(convert_to(${asOf} || ':' || coalesce(string_agg(row_hash, '' ORDER BY household_id), ''), 'UTF8')), 'hex') AS content_hash
        FROM registry_snapshot_households WHERE snapshot_id = ${id}`.execute(trx)
    ).rows[0]!;
    const takenAt = ctx.clock.now();
    await trx
      .insertInto('registry_snapshots')
      .values({ id, as_of: asOf, taken_at: takenAt, taken_by: actor.name, household_count: totals.households, member_count: totals.members, content_hash: totals.content_hash })
      .execute();
    await appendAuditEvent(trx, ctx.clock, actor, {
      action: 'registry.snapshot',
      entityType: 'registry_snapshot',
      entityId: id,
      after: { asOf, householdCount: totals.households, memberCount: totals.members, contentHash: totals.content_hash },
    });
    return { id, asOf, takenAt, takenBy: actor.name, householdCount: totals.households, memberCount: totals.members, contentHash: totals.content_hash };
  });
}

/** Recomputes a stored snapshot's content hash from its frozen rows: equal to the recorded hash unless the rows were tampered with. */
export async function recomputeSnapshotHash(db: Kysely<DB>, snapshotId: number): Promise<string | null> {
  const row = (
    await sql<{ content_hash: string | null }>`
      SELECT encode(sha256(convert_to(s.as_of::text || ':' || coalesce(string_agg(h.row_hash, '' ORDER BY h.household_id), ''), 'UTF8')), 'hex') AS content_hash
      FROM registry_snapshots s LEFT JOIN registry_snapshot_households h ON h.snapshot_id = s.id
      WHERE s.id = ${snapshotId} GROUP BY s.as_of`.execute(db)
  ).rows[0];
  return row?.content_hash ?? null;
}

export async function listSnapshots(db: Kysely<DB>): Promise<SnapshotSummary[]> {
  const rows = await db.selectFrom('registry_snapshots').selectAll().orderBy('id', 'desc').execute();
  return rows.map((row) => ({ id: row.id, asOf: row.as_of, takenAt: row.taken_at, takenBy: row.taken_by, householdCount: row.household_count, memberCount: row.member_count, contentHash: row.content_hash }));
}

/** Households per county and status in two snapshots, and how many moved between statuses. */
export async function diffSnapshots(db: Kysely<DB>, fromId: number, toId: number) {
  const counts = await sql<{ county_code: string; county_name: string; status: string; from_count: number; to_count: number }>`
    SELECT h.county_code, r.name AS county_name, h.status,
      (count(*) FILTER (WHERE h.snapshot_id = ${fromId}))::int AS from_count,
      (count(*) FILTER (WHERE h.snapshot_id = ${toId}))::int AS to_count
    FROM registry_snapshot_households h JOIN regions r ON r.code = h.county_code
    WHERE h.snapshot_id IN (${fromId}, ${toId})
    GROUP BY h.county_code, r.name, h.status ORDER BY h.county_code, h.status`.execute(db);
  const transitions = await sql<{ county_code: string; from_status: string | null; to_status: string | null; households: number }>`
    SELECT coalesce(b.county_code, a.county_code) AS county_code, a.status AS from_status, b.status AS to_status, count(*)::int AS households
    FROM (SELECT * FROM registry_snapshot_households WHERE snapshot_id = ${fromId}) a
    FULL JOIN (SELECT * FROM registry_snapshot_households WHERE snapshot_id = ${toId}) b ON a.household_id = b.household_id
    WHERE a.status IS DISTINCT FROM b.status
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(db);
  return { counts: counts.rows, transitions: transitions.rows };
}
