import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../seed/huizhou.data.ts';
import { createTestApp, fixedClock, type TestApp } from '../../testing/harness.ts';

describe('accounts and sessions', () => {
  let harness: TestApp;
  const clock = fixedClock(new Date('2026-03-03T02:00:00Z'));

  beforeAll(async () => {
    harness = await createTestApp({ clock, isolated: true, config: { loginBackoffAfter: 3, loginBackoffMaxMinutes: 15 } });
  });
  afterAll(() => harness.close());

  it.each(demoAccounts.map((account) => [account.username, account.role]))('demo account %s logs in as %s', async (username, role) => {
    const session = await harness.login(username);
    const me = await session.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username, role });
  });

  it('sets an httpOnly SameSite=Strict session cookie and a readable CSRF cookie', async () => {
    const response = await harness.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'Demo@2017' } });
    const session = response.cookies.find((cookie) => cookie.name === 'dukao_session');
    const csrf = response.cookies.find((cookie) => cookie.name === 'dukao_csrf');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(csrf?.httpOnly).toBeFalsy();
    expect(csrf?.value).toBe(response.json().csrfToken);
  });

  it('lists the demo accounts without a session, for the login page', async () => {
    const response = await harness.app.inject({ method: 'GET', url: '/api/auth/demo-accounts' });
    expect(response.statusCode).toBe(200);
    expect(response.json().password).toBe('Demo@2017');
    expect(response.json().items.map((account: { username: string }) => account.username)).toEqual(demoAccounts.map((account) => account.username));
  });

  it('stores argon2id hashes, never the password', async () => {
    const user = await harness.ctx.db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password with a Chinese message', async () => {
    const response = await harness.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'staff', password: 'wrong-password' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(response.json().error.message).toContain('用户名或密码错误');
  });

  it('finding 5: failures make that client wait (429, Retry-After), audited; the right password elsewhere still works', async () => {
    const attempt = (password: string, remoteAddress = '198.51.100.7', cookies: Record<string, string> = {}) =>
      harness.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lgroup', password }, remoteAddress, cookies });
    // The owner's usual browser has signed in before and holds the device cookie the server signed for lgroup.
    const usual = await attempt('Demo@2017', '198.51.100.7');
    const device = usual.cookies.find((cookie) => cookie.name === 'dukao_device')!;
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    expect((await attempt('bad-1')).statusCode).toBe(401);
    expect((await attempt('bad-2')).statusCode).toBe(401);
    const third = await attempt('bad-3');
    expect(third.statusCode).toBe(401);
    expect(third.headers['retry-after']).toBe('30');
    const waiting = await attempt('Demo@2017');
    expect(waiting.statusCode).toBe(429);
    expect(waiting.headers['retry-after']).toBe('30');
    expect(waiting.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 30 } });
    expect(waiting.json().error.message).toContain('30 秒');

    // A client that has not failed is never refused: another address, and the owner's device at the same address.
    expect((await attempt('Demo@2017', '203.0.113.20')).statusCode).toBe(200);
    expect((await attempt('Demo@2017', '198.51.100.7', { dukao_device: device.value })).statusCode).toBe(200);
    // A device cookie signed for another account, or forged, does not make a client trusted.
    const forged = `${device.value.split('.')[0]}.forged`;
    expect((await attempt('Demo@2017', '198.51.100.7', { dukao_device: forged })).statusCode).toBe(429);

    const backoff = await harness.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'auth.backoff').executeTakeFirst();
    expect(backoff?.after).toMatchObject({ client: 'address:198.51.100.7', failures: 3, waitSeconds: 30 });

    // Each further failure doubles the wait; the right password after the wait clears the client's count.
    clock.advance(31_000);
    expect((await attempt('bad-4')).headers['retry-after']).toBe('60');
    clock.advance(61_000);
    expect((await attempt('Demo@2017')).statusCode).toBe(200);
    expect((await attempt('bad-5')).statusCode).toBe(401);
    expect((await attempt('Demo@2017')).statusCode).toBe(200);
  });

  it('a client failing on many accounts waits on all of them; other clients are not affected', async () => {
    const attempt = (username: string, password: string, remoteAddress: string) =>
      harness.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
    // loginBackoffAfter 3 → 12 failures on different accounts from one address.
    for (let index = 0; index < 12; index += 1) expect((await attempt(`nobody${index}`, 'guess', '192.0.2.44')).statusCode).toBe(401);
    expect((await attempt('leader', 'Demo@2017', '192.0.2.44')).statusCode).toBe(429);
    expect((await attempt('leader', 'Demo@2017', '192.0.2.45')).statusCode).toBe(200);
  });

  it('answers 401 without a session and 403 for a state-changing request without the CSRF token', async () => {
    expect((await harness.app.inject({ method: 'GET', url: '/api/regions' })).statusCode).toBe(401);
    const session = await harness.login('staff');
    const withoutToken = await session.request({ method: 'POST', url: '/api/auth/logout', headers: { 'x-csrf-token': '' } });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().error.code).toBe('CSRF_FAILED');
    const wrongToken = await session.request({ method: 'POST', url: '/api/auth/logout', headers: { 'x-csrf-token': 'forged' } });
    expect(wrongToken.statusCode).toBe(403);
    expect((await session.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('logs out: the session no longer works', async () => {
    const session = await harness.login('orgdept');
    expect((await session.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('changes a password: policy enforced, old password refused, new one works, other sessions ended', async () => {
    const first = await harness.login('teammember');
    const second = await harness.login('teammember');
    const weak = await first.post('/api/auth/password', { currentPassword: 'Demo@2017', newPassword: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('新密码（newPassword）不符合密码规则：长度不足 10 位');
    const withUsername = await first.post('/api/auth/password', { currentPassword: 'Demo@2017', newPassword: 'Teammember#2026' });
    expect(withUsername.statusCode).toBe(400);
    expect(withUsername.json().error.message).toContain('不得包含用户名「teammember」');
    const wrongCurrent = await first.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Better2026pw' });
    expect(wrongCurrent.statusCode).toBe(400);
    expect((await first.post('/api/auth/password', { currentPassword: 'Demo@2017', newPassword: 'Better2026pw' })).statusCode).toBe(204);
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
    expect((await first.get('/api/auth/me')).statusCode).toBe(200);
    await expect(harness.login('teammember')).rejects.toThrow(/401/);
    await harness.login('teammember', 'Better2026pw');
    const event = await harness.ctx.db.selectFrom('audit_events').select('action').where('action', '=', 'user.password_change').executeTakeFirst();
    expect(event?.action).toBe('user.password_change');
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  let trusting: TestApp;
  let naive: TestApp;
  beforeAll(async () => {
    [trusting, naive] = await Promise.all([createTestApp({ config: { trustProxy: true, loginBackoffAfter: 5 } }), createTestApp({ config: { trustProxy: false, loginBackoffAfter: 5 } })]);
  });
  afterAll(() => Promise.all([trusting.close(), naive.close()]));

  const attempt = (harness: TestApp, password: string, forwardedFor: string, forwardedProto = 'http') =>
    harness.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'orgdept', password },
      remoteAddress: '10.0.0.1',
      headers: { 'x-forwarded-for': forwardedFor, 'x-forwarded-proto': forwardedProto },
    });

  it('tells clients apart by X-Forwarded-For only when the proxy is trusted', async () => {
    for (let index = 0; index < 5; index += 1) await attempt(trusting, 'wrong', '203.0.113.5');
    expect((await attempt(trusting, 'Demo@2017', '203.0.113.5')).statusCode).toBe(429);
    expect((await attempt(trusting, 'Demo@2017', '203.0.113.6')).statusCode).toBe(200);
    // Without TRUST_PROXY every client of the proxy is the proxy's address — and a forged header changes nothing.
    for (let index = 0; index < 5; index += 1) await attempt(naive, 'wrong', '203.0.113.5');
    expect((await attempt(naive, 'Demo@2017', '203.0.113.6')).statusCode).toBe(429);
  });

  it('sets Secure cookies when the trusted proxy says the request came over HTTPS', async () => {
    const secure = await attempt(trusting, 'Demo@2017', '203.0.113.9', 'https');
    expect(secure.cookies.find((cookie) => cookie.name === 'dukao_session')?.secure).toBe(true);
    const plain = await attempt(trusting, 'Demo@2017', '203.0.113.9', 'http');
    expect(plain.cookies.find((cookie) => cookie.name === 'dukao_session')?.secure).toBeFalsy();
    const spoofed = await attempt(naive, 'Demo@2017', '203.0.113.10', 'https');
    expect(spoofed.cookies.find((cookie) => cookie.name === 'dukao_session')?.secure).toBeFalsy();
  });
});
