import http from 'node:http';
import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

// The gates (login, CSRF, one-time password) are decided on the route that will run, never on the URL as written.
describe('gates on the routed path', () => {
  let harness: TestApp;
  let staff: Session;

  beforeAll(async () => {
    harness = await createTestApp();
    staff = await harness.login('staff');
  });
  afterAll(() => harness.close());

  const spellings = (path: string) => [
    path,
    path.replace('/api/', '/%61pi/'),
    path.replace('/api/', '/%61%70%69/'),
    `/${path}`,
    path.replace('/api/', '/API/'),
    path.replace('/api/', '/api/./'),
    path.replace('/api/', '/api//'),
    `${path}/`,
    path.replace(/\/([^/]*)$/, '%2F$1'),
    path.replace('/api/', '/api/%2e/'),
  ];

  it('finding 3: no spelling of a path reaches a session route without a login', async () => {
    const ids = await harness.ctx.db.selectFrom('units').select('id').limit(1).executeTakeFirstOrThrow();
    for (const path of [`/api/units/${ids.id}`, '/api/checklist-items', '/api/supervision-checklist-items', '/api/complaints', '/api/audit/events']) {
      for (const url of spellings(path)) {
        const response = await harness.app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
        expect(response.json().error.code, url).toMatch(/^(UNAUTHENTICATED|NOT_FOUND)$/);
      }
    }
  });

  it('finding 3: no spelling of a path takes a state-changing request without the CSRF token', async () => {
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM complaints`.execute(harness.ctx.db);
    const body = { channel: 'hotline', subject: '测试', content: '测试内容', regionCode: '441323', isAnonymous: true };
    for (const url of spellings('/api/complaints')) {
      const response = await staff.request({ method: 'POST', url, payload: body, headers: { 'x-csrf-token': '' } });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.json().error.code, url).toMatch(/^(CSRF_FAILED|NOT_FOUND)$/);
    }
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM complaints`.execute(harness.ctx.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    // The same request with the token, through the encoded spelling, is the real route.
    const accepted = await staff.post('/%61pi/complaints', body);
    expect(accepted.statusCode).toBe(201);
  });

  it('every registered /api route outside the documentation needs a session unless it is declared public', () => {
    const open = harness.app.routeTable.filter((route) => route.url.startsWith('/api/') && route.access === 'public').map((route) => route.url);
    for (const url of open) expect(url).toMatch(/^\/api\/(public\/|docs|openapi\.json|health|auth\/(login|demo-accounts))/);
    expect(harness.app.routeTable.filter((route) => route.url.startsWith('/api/') && route.access === 'session').length).toBeGreaterThan(80);
  });

  it('a user with a one-time password may only change it (or see who they are, or leave)', async () => {
    await harness.ctx.db.updateTable('users').set({ must_change_password: true }).where('username', '=', 'teamleader').execute();
    try {
      const session = await harness.login('teamleader');
      expect((await session.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
      const refused = await session.get('/api/inspections');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect((await session.get('/%61pi/inspections')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    } finally {
      await harness.ctx.db.updateTable('users').set({ must_change_password: false }).where('username', '=', 'teamleader').execute();
    }
  });

  it('finding 4: a NUL byte or an unpaired surrogate is 400 naming the field — with or without a login — and nothing is stored', async () => {
    const cases = [
      { url: '/api/auth/login', payload: '{"username":"admin\\u0000","password":"x"}', session: null, field: 'username' },
      { url: '/api/public/complaints', payload: '{"subject":"a\\u0000b","content":"c","regionCode":"441323","isAnonymous":true}', session: null, field: 'subject' },
      { url: '/api/public/complaints', payload: '{"subject":"a\\ud800b","content":"c","regionCode":"441323","isAnonymous":true}', session: null, field: 'subject' },
      { url: '/api/complaints', payload: '{"channel":"hotline","subject":"s","content":"x\\u0000","regionCode":"441323","isAnonymous":true}', session: staff, field: 'content' },
    ];
    const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM complaints`.execute(harness.ctx.db);
    for (const item of cases) {
      const options = { method: 'POST' as const, url: item.url, payload: item.payload, headers: { 'content-type': 'application/json' } };
      const response = item.session ? await item.session.request(options) : await harness.app.inject(options);
      expect(response.statusCode, item.url).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.message).toContain(`字段「${item.field}」`);
      expect(response.json().error.details.fields[0].field).toBe(item.field);
    }
    for (const url of ['/api/registry/households?q=%00', '/api/complaints?q=a%00', '/api/regions/search?q=%00', '/api/regions/4413%00']) {
      const response = await staff.get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.message, url).toContain('空字符');
    }
    const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM complaints`.execute(harness.ctx.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('finding 6: security headers, no-store on the API, and error replies in the one shape', async () => {
    const me = await staff.get('/api/auth/me');
    expect(me.headers['cache-control']).toBe('no-store');
    expect(me.headers['content-security-policy']).toContain("script-src 'self'");
    expect(me.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(me.headers['x-content-type-options']).toBe('nosniff');
    expect(me.headers['x-frame-options']).toBeDefined();
    const household = await staff.get('/api/registry/households');
    expect(household.headers['cache-control']).toBe('no-store');
    const unknown = await harness.app.inject({ method: 'GET', url: '/api/no-such-route' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('接口不存在'), details: null } });
    const large = await staff.request({ method: 'POST', url: '/api/complaints', payload: JSON.stringify({ content: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(large.statusCode).toBe(413);
    expect(large.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('finding 6: oversized headers (431) and a malformed request get the error shape too', async () => {
    // Listening for real: the HTTP parser refuses these before Fastify, which inject() never reaches. Closed with the harness.
    const port = Number(new URL(await harness.app.listen({ port: 0, host: '127.0.0.1' })).port);
    const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port, path: '/api/health', headers: { cookie: `x=${'a'.repeat(20_000)}` } }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
      request.end();
    });
    expect(reply.status).toBe(431);
    expect(JSON.parse(reply.body)).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: expect.stringContaining('请求头过大'), details: null } });
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = new net.Socket();
      let data = '';
      socket.connect(port, '127.0.0.1', () => socket.write('GET /\x01 HTTP/1.1\r\n\r\n'));
      socket.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)).error.code).toBe('BAD_REQUEST');
  });
});
