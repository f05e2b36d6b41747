import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../seed/huizhou.data.ts';
import { createTestApp, fixedClock, type TestApp } from '../../testing/harness.ts';

describe('accounts and sessions', () => {
  let harness: TestApp;
  const clock = fixedClock(new Date('2026-03-03T02:00:00Z'));

  beforeAll(async () => {
    harness = await createTestApp({ clock, isolated: true, config: { loginMaxFailures: 3, loginLockMinutes: 15 } });
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

  it('locks an account after repeated failures, audits the lock, and releases it after the lock time', async () => {
    const attempt = (password: string) =>
      harness.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lgroup', password } });
    expect((await attempt('bad-1')).statusCode).toBe(401);
    expect((await attempt('bad-2')).statusCode).toBe(401);
    expect((await attempt('bad-3')).statusCode).toBe(423);
    const locked = await attempt('Demo@2017');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.message).toContain('锁定');
    const lockEvent = await harness.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'user.lock').executeTakeFirst();
    expect(lockEvent).toBeDefined();
    clock.advance(16 * 60_000);
    expect((await attempt('Demo@2017')).statusCode).toBe(200);
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

describe('login rate limiting', () => {
  let harness: TestApp;
  beforeAll(async () => {
    harness = await createTestApp({ config: { loginRatePerMinute: 3 } });
  });
  afterAll(() => harness.close());

  it('answers 429 once a client exceeds the attempts per minute', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await harness.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});
