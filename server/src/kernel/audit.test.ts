import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/harness.ts';
import { appendAuditEvent, verifyAuditChain } from './audit.ts';

// Each test gets a database of its own: it damages the chain on purpose.
describe('audit hash chain (R-X1)', () => {
  let harness: TestApp;
  beforeEach(async () => {
    harness = await createTestApp({ isolated: true });
    await harness.ctx.db.transaction().execute(async (trx) => {
      for (let index = 0; index < 5; index += 1) {
        await appendAuditEvent(trx, harness.clock, { id: null, name: '测试' }, { action: 'test.event', entityType: 'test', entityId: index, before: { n: index }, after: { n: index + 1, 说明: '中文' } });
      }
    });
  });
  afterEach(() => harness.close());

  async function lastSeq(): Promise<number> {
    const row = await harness.ctx.db.selectFrom('audit_events').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    return Number(row.seq);
  }

  async function tamper(statement: ReturnType<typeof sql>) {
    await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(harness.ctx.db);
    await statement.execute(harness.ctx.db);
    await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(harness.ctx.db);
  }

  it('verifies an intact chain, through the API too', async () => {
    const result = await verifyAuditChain(harness.ctx.db);
    expect(result).toEqual({ ok: true, checked: await lastSeq(), firstBroken: null });
    const admin = await harness.login('admin');
    const response = await admin.get('/api/audit/verify');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ ok: true, firstBroken: null });
  });

  it('refuses UPDATE and DELETE on the table from ordinary SQL', async () => {
    await expect(sql`UPDATE audit_events SET actor_name = 'x' WHERE seq = 1`.execute(harness.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events WHERE seq = 1`.execute(harness.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('detects an event edited with raw SQL and names it', async () => {
    const target = (await lastSeq()) - 2;
    await tamper(sql`UPDATE audit_events SET after = '{"n": 999}'::jsonb WHERE seq = ${target}`);
    const result = await verifyAuditChain(harness.ctx.db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.seq).toBe(target);
    expect(result.firstBroken?.reason).toContain('改动');
    const admin = await harness.login('admin');
    expect((await admin.get('/api/audit/verify')).json()).toMatchObject({ ok: false, firstBroken: { seq: target } });
  });

  it('detects an event deleted with raw SQL and names where', async () => {
    const target = (await lastSeq()) - 1;
    await tamper(sql`DELETE FROM audit_events WHERE seq = ${target}`);
    const result = await verifyAuditChain(harness.ctx.db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.seq).toBe(target + 1);
    expect(result.firstBroken?.reason).toContain('缺失');
  });

  it('detects a deleted event even when the later events are renumbered to hide the gap', async () => {
    const target = (await lastSeq()) - 2;
    await tamper(sql`DELETE FROM audit_events WHERE seq = ${target}`);
    await tamper(sql`UPDATE audit_events SET seq = seq - 1 WHERE seq > ${target}`);
    const result = await verifyAuditChain(harness.ctx.db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.seq).toBe(target);
  });

  it('lets only office and discipline roles read the trail', async () => {
    const huidong = await harness.login('huidong');
    expect((await huidong.get('/api/audit/verify')).statusCode).toBe(403);
    const jiwei = await harness.login('jiwei');
    const events = await jiwei.get('/api/audit/events?entityType=test&limit=3');
    expect(events.statusCode).toBe(200);
    expect(events.json().items).toHaveLength(3);
  });
});
