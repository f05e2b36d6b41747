import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../testing/factories.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

type Case = { name: string; method: 'GET' | 'POST'; url: string; payload?: string | Buffer; contentType?: string };

// Counts of every governed table: a refused request must leave all of them as they were.
async function storedState(harness: TestApp) {
  const result = await sql<{ state: string }>`
    SELECT concat_ws(',',
      (SELECT count(*) FROM regions), (SELECT count(*) FROM units), (SELECT count(*) FROM people),
      (SELECT string_agg(id || ':' || rank || ':' || unit_id, ';' ORDER BY id) FROM people),
      (SELECT count(*) FROM person_change_requests), (SELECT string_agg(id || status, ';' ORDER BY id) FROM person_change_requests),
      (SELECT count(*) FROM audit_events), (SELECT count(*) FROM users)) AS state`.execute(harness.ctx.db);
  return result.rows[0]?.state;
}

describe('bad input gets a 4xx with the error shape, and nothing stored changes', () => {
  let harness: TestApp;
  let admin: Session;
  let personId: number;
  let requestId: number;

  beforeAll(async () => {
    harness = await createTestApp({ isolated: true });
    admin = await harness.login('admin');
    personId = (await createPerson(harness.ctx)).id;
    const created = await admin.post(`/api/people/${personId}/change-requests`, { rank: 'division', reason: '测试' });
    requestId = created.json().request.id;
  });
  afterAll(() => harness.close());

  const json = (value: unknown) => JSON.stringify(value);
  const cases = (): Case[] => [
    { name: 'bad JSON', method: 'POST', url: `/api/people/${personId}/change-requests`, payload: '{"rank": "division", reason: }' },
    { name: 'empty JSON body', method: 'POST', url: `/api/people/${personId}/change-requests`, payload: '' },
    { name: 'JSON array instead of object', method: 'POST', url: `/api/people/${personId}/change-requests`, payload: '[1,2,3]' },
    { name: 'wrong type', method: 'POST', url: `/api/people/${personId}/change-requests`, payload: json({ rank: 7, reason: '理由' }) },
    { name: 'unknown enum value', method: 'POST', url: `/api/people/${personId}/change-requests`, payload: json({ rank: 'general', reason: '理由' }) },
    { name: 'missing field', method: 'POST', url: `/api/people/${personId}/change-requests`, payload: json({ rank: 'division' }) },
    { name: 'nothing to change', method: 'POST', url: `/api/people/${personId}/change-requests`, payload: json({ reason: '理由' }) },
    { name: 'unknown unit id', method: 'POST', url: `/api/people/${personId}/change-requests`, payload: json({ unitId: 999999, reason: '理由' }) },
    { name: 'unit id out of integer range', method: 'POST', url: `/api/people/${personId}/change-requests`, payload: json({ unitId: 1e12, reason: '理由' }) },
    { name: 'unexpected field', method: 'POST', url: `/api/people/${personId}/change-requests`, payload: json({ rank: 'division', reason: '理由', status: 'approved' }) },
    { name: 'over-long string', method: 'POST', url: `/api/people/${personId}/change-requests`, payload: json({ rank: 'division', reason: '长'.repeat(501) }) },
    { name: 'SQL fragment in an id', method: 'GET', url: `/api/people/1%20OR%201=1` },
    { name: 'SQL fragment in a region code', method: 'GET', url: `/api/regions/4413'%3B%20DROP%20TABLE%20regions%3B--` },
    { name: 'script fragment in a code', method: 'GET', url: '/api/regions/%3Cscript%3Ealert(1)%3C%2Fscript%3E' },
    { name: 'negative id', method: 'GET', url: '/api/people/-5' },
    { name: 'unknown person', method: 'GET', url: '/api/people/2147483647' },
    { name: 'unknown region', method: 'GET', url: '/api/regions/999999999999' },
    { name: 'unknown change request', method: 'POST', url: '/api/person-change-requests/987654/approve', payload: json({}) },
    { name: 'bad query type', method: 'GET', url: '/api/people?page=abc' },
    { name: 'page size too large', method: 'GET', url: '/api/people?pageSize=100000' },
    { name: 'unknown status filter', method: 'GET', url: '/api/person-change-requests?status=done' },
    { name: 'empty search', method: 'GET', url: '/api/regions/search?q=' },
    { name: 'unknown route', method: 'GET', url: '/api/no-such-thing' },
    { name: 'wrong content type', method: 'POST', url: `/api/people/${personId}/change-requests`, payload: 'rank=division', contentType: 'application/x-www-form-urlencoded' },
    { name: '10 MB body', method: 'POST', url: `/api/people/${personId}/change-requests`, payload: json({ rank: 'division', reason: 'x'.repeat(10 * 1024 * 1024) }) },
    { name: 'reject without a note', method: 'POST', url: `/api/person-change-requests/${requestId}/reject`, payload: json({ note: '' }) },
  ];

  it('answers every malformed request with 4xx, a Chinese message and the error shape', async () => {
    const before = await storedState(harness);
    const results: string[] = [];
    for (const testCase of cases()) {
      const response = await admin.request({
        method: testCase.method,
        url: testCase.url,
        ...(testCase.payload === undefined ? {} : { payload: testCase.payload, headers: { 'content-type': testCase.contentType ?? 'application/json', 'x-csrf-token': admin.csrfToken } }),
      });
      const body = response.json() as { error?: { code?: string; message?: string; details?: unknown } };
      const isShaped = typeof body.error?.code === 'string' && /[\u4e00-\u9fff]/.test(body.error?.message ?? '') && 'details' in (body.error ?? {});
      results.push(`${testCase.name}: ${response.statusCode} ${isShaped ? 'shaped' : `UNSHAPED ${response.body.slice(0, 120)}`}`);
      expect(response.statusCode, testCase.name).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, testCase.name).toBeLessThan(500);
      expect(isShaped, `${testCase.name}: ${response.body.slice(0, 200)}`).toBe(true);
    }
    expect(await storedState(harness)).toBe(before);
    expect(results.filter((line) => line.includes('UNSHAPED'))).toEqual([]);
  });

  it('names the field and the rule in validation errors', async () => {
    const response = await admin.post(`/api/people/${personId}/change-requests`, { rank: 'general', reason: '理由' });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('rank');
    expect(error.details.fields[0].field).toBe('rank');
  });

  it('takes a POST without any body as "no input": fine for an action without input, a named 400 where input is required', async () => {
    const noInput = await admin.request({ method: 'POST', url: '/api/problems/escalate' });
    expect(noInput.statusCode).toBe(200);
    const required = await admin.request({ method: 'POST', url: `/api/people/${personId}/change-requests` });
    expect(required.statusCode).toBe(400);
    expect(required.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(required.json().error.message).toContain('请求体');
  });

  it('stores script fragments as inert text, never interpreting them', async () => {
    const reason = `<script>alert('x')</script>'; DROP TABLE people; --`;
    const created = await admin.post(`/api/people/${personId}/change-requests`, { rank: 'bureau', reason });
    expect(created.statusCode).toBe(201);
    expect(created.json().request.reason).toBe(reason);
    expect(created.headers['content-type']).toContain('application/json');
    const people = await harness.ctx.db.selectFrom('people').select('id').where('id', '=', personId).executeTakeFirst();
    expect(people?.id).toBe(personId);
  });

  it('serves health, the OpenAPI document and the docs page without a session', async () => {
    const health = await harness.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok', db: harness.ctx.dbKind, version: expect.any(String) });
    const openapi = await harness.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(openapi.statusCode).toBe(200);
    const document = openapi.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/regions/{code}', '/api/person-change-requests/{id}/approve']));
    const docs = await harness.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });
});
