import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { RawSession } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Clock } from './clock.ts';

export const GENESIS_HASH = '0'.repeat(64);
// Any constant will do; it only has to be the same for every writer of the chain.
const AUDIT_CHAIN_LOCK = 2017_0005;

export type AuditActor = { id: number | null; name: string };

/** A signed-in user as the audit log names them. */
export function auditActorOf(actor: { id: number; displayName: string }): AuditActor {
  return { id: actor.id, name: actor.displayName };
}

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
};

type HashedFields = {
  seq: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  prevHash: string;
};

/** JSON with object keys sorted at every depth, so that jsonb's reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entryValue]) => entryValue !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entryValue]) => `${JSON.stringify(key)}:${canonicalJson(entryValue)}`).join(',')}}`;
}

function hashEvent(fields: HashedFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

// Values go through JSON once before hashing so that what is hashed equals what jsonb gives back.
function normalise(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(canonicalJson(value)) as unknown);
}

/** The next event of the chain after `last`: every field, and its hash. Pure. */
function nextEvent(last: { seq: number; hash: string } | undefined, clock: Clock, actor: AuditActor, entry: AuditEntry) {
  // Truncated to milliseconds: what JavaScript hashes must equal what timestamptz gives back.
  const at = new Date(clock.now().getTime());
  const fields: HashedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    action: entry.action,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    before: normalise(entry.before),
    after: normalise(entry.after),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  return {
    seq: fields.seq,
    at,
    actor_id: fields.actorId,
    actor_name: fields.actorName,
    action: fields.action,
    entity_type: fields.entityType,
    entity_id: fields.entityId,
    before: fields.before === null ? null : JSON.stringify(fields.before),
    after: fields.after === null ? null : JSON.stringify(fields.after),
    prev_hash: fields.prevHash,
    hash: hashEvent(fields),
  };
}

/**
 * Takes the chain's transaction-scoped lock now, before any other lock the transaction takes:
 * a writer that locks something else first and appends later could deadlock with a workflow step
 * that appended first and waits for that something.
 */
export async function lockAuditChain(trx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
}

/**
 * Appends one event to the hash chain inside the caller's transaction: the change and its
 * event commit together or not at all. Writers are serialised by a transaction-scoped lock.
 */
export async function appendAuditEvent(trx: Transaction<DB>, clock: Clock, actor: AuditActor, entry: AuditEntry): Promise<number> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const event = nextEvent(last && { seq: Number(last.seq), hash: last.hash }, clock, actor, entry);
  await trx.insertInto('audit_events').values(event).execute();
  return event.seq;
}

/** The same, on a raw connection that is inside a transaction (the bulk import path). */
export async function appendAuditEventRaw(session: RawSession, clock: Clock, actor: AuditActor, entry: AuditEntry): Promise<number> {
  await session.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const [last] = await session.query<{ seq: number | string; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  const event = nextEvent(last && { seq: Number(last.seq), hash: last.hash }, clock, actor, entry);
  await session.query(
    `INSERT INTO audit_events (seq, at, actor_id, actor_name, action, entity_type, entity_id, before, after, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [event.seq, event.at, event.actor_id, event.actor_name, event.action, event.entity_type, event.entity_id, event.before, event.after, event.prev_hash, event.hash],
  );
  return event.seq;
}

export type ChainVerification = { ok: boolean; checked: number; firstBroken: null | { seq: number; reason: string } };

/** Re-derives every hash in order; names the first event that was edited, or the place where events are missing. */
export async function verifyAuditChain(db: Kysely<DB>, batchSize = 5000): Promise<ChainVerification> {
  let expectedPrevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return { ok: true, checked, firstBroken: null };
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return broken(checked, seq, `第 ${expectedSeq}${seq - expectedSeq > 1 ? `–${seq - 1}` : ''} 号事件缺失（已被删除）`);
      }
      if (row.prev_hash !== expectedPrevHash) {
        return broken(checked, seq, `第 ${seq} 号事件的前序哈希与第 ${seq - 1} 号事件不符（其前的事件被删除或改动）`);
      }
      const recomputed = hashEvent({
        seq,
        at: new Date(row.at).toISOString(),
        actorId: row.actor_id,
        actorName: row.actor_name,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        before: row.before ?? null,
        after: row.after ?? null,
        prevHash: row.prev_hash,
      });
      if (recomputed !== row.hash) {
        return broken(checked, seq, `第 ${seq} 号事件的内容与其哈希不符（事件已被改动）`);
      }
      expectedPrevHash = row.hash;
      expectedSeq = seq + 1;
      checked += 1;
    }
  }
}

function broken(checked: number, seq: number, reason: string): ChainVerification {
  return { ok: false, checked, firstBroken: { seq, reason } };
}
