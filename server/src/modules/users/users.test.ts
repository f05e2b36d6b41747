import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordPolicyFailures } from '../../kernel/passwords.ts';
import { createPerson, uniqueSuffix } from '../../testing/factories.ts';
import { createTestApp, isPostgres, type Session, type TestApp } from '../../testing/harness.ts';
import { loadGeneratedHouseholds } from '../registry/registry.generated-output.ts';
import { defaultExitLineOf } from '../registry/registry.exit-criteria.ts';
import { generateHouseholds } from '../registry/registry.generate.ts';
import { huizhouVillages } from '../registry/registry.villages.ts';

const NEW_PASSWORD = 'Fresh#Pass2026';

type UserView = {
  id: number;
  username: string;
  role: string;
  scope: { kind: string; code: string | null; name: string };
  isActive: boolean;
  mustChangePassword: boolean;
  isLoginWaiting: boolean;
  actions: string[];
};

function newUsername(prefix: string): string {
  return `${prefix}-${uniqueSuffix()}`.toLowerCase();
}

/** Creates an account through the API as `admin`, returning it and its one-time password. */
async function createThroughApi(admin: Session, body: Record<string, unknown>): Promise<{ user: UserView; oneTimePassword: string }> {
  const response = await admin.post('/api/users', body);
  if (response.statusCode !== 201) throw new Error(`create user failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** Logs in with the one-time password and changes it, as every new user must first. */
async function firstLogin(harness: TestApp, username: string, oneTimePassword: string): Promise<Session> {
  const session = await harness.login(username, oneTimePassword);
  const changed = await session.post('/api/auth/password', { currentPassword: oneTimePassword, newPassword: NEW_PASSWORD });
  if (changed.statusCode !== 204) throw new Error(`password change failed: ${changed.statusCode} ${changed.body}`);
  return session;
}

async function auditEventsOf(harness: TestApp, userId: number) {
  return harness.ctx.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'user').where('entity_id', '=', String(userId)).orderBy('seq').execute();
}

describe('用户管理 over HTTP', () => {
  let harness: TestApp;
  let admin: Session;

  beforeAll(async () => {
    harness = await createTestApp();
    admin = await harness.login('admin');
  });
  afterAll(() => harness.close());

  it('refuses every role but the office administrator, naming the role', async () => {
    const staff = await harness.login('staff');
    const listed = await staff.get('/api/users');
    expect(listed.statusCode).toBe(403);
    expect(listed.json().error.message).toContain('市扶贫办工作人员');
    expect(listed.json().error.message).toContain('管理用户账户');
    const county = await harness.login('huidong');
    const created = await county.post('/api/users', { username: newUsername('x'), role: 'office_admin' });
    expect(created.statusCode).toBe(403);
    expect(created.json().error.message).toContain('县（区）联络员');
    const adminId = (await admin.get('/api/auth/me')).json().user.id as number;
    for (const url of [`/api/users/${adminId}/disable`, `/api/users/${adminId}/reset-password`]) {
      expect((await county.post(url)).statusCode).toBe(403);
    }
    expect((await county.post(`/api/users/${adminId}/change-role`, { role: 'county_user', assessmentUnitCode: 'HD' })).statusCode).toBe(403);
  });

  it('creates a county user with a one-time password that must be changed at first login', async () => {
    const username = newUsername('hd');
    const response = await admin.post('/api/users', { username, displayName: '惠东县联络员甲', role: 'county_user', assessmentUnitCode: 'HD' });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const { user, oneTimePassword } = response.json() as { user: UserView; oneTimePassword: string };
    expect(user).toMatchObject({ username, role: 'county_user', isActive: true, mustChangePassword: true, scope: { kind: 'assessment_unit', code: 'HD', name: '惠东县' } });
    expect(user.actions).toEqual(['disable', 'resetPassword', 'changeRole']);
    expect(passwordPolicyFailures(oneTimePassword, username)).toEqual([]);

    const login = await harness.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: oneTimePassword } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user).toMatchObject({ username, mustChangePassword: true, scope: { kind: 'assessment_unit', code: 'HD' } });
    const session = await harness.login(username, oneTimePassword);
    expect((await session.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    expect((await session.post('/api/auth/password', { currentPassword: oneTimePassword, newPassword: NEW_PASSWORD })).statusCode).toBe(204);
    expect((await session.get('/api/auth/me')).json().user).toMatchObject({ mustChangePassword: false, displayName: '惠东县联络员甲' });
    // The county's own pages, and not another county's.
    expect((await session.get('/api/regions/441323')).statusCode).toBe(200);
    expect((await session.get('/api/regions/441322')).statusCode).toBe(404);
    const stored = await harness.ctx.db.selectFrom('users').select(['password_hash', 'must_change_password']).where('username', '=', username).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.must_change_password).toBe(false);
  });

  it('names an assessment unit by its code, its name or its county code, and gives a default display name', async () => {
    for (const given of ['BL', '博罗县', '441322']) {
      const { user } = await createThroughApi(admin, { username: newUsername('bl'), role: 'county_user', assessmentUnitCode: given });
      expect(user.scope).toMatchObject({ kind: 'assessment_unit', code: 'BL', name: '博罗县' });
    }
    const { user } = await createThroughApi(admin, { username: newUsername('gt'), role: 'town_user', townCode: '441323118' });
    expect(user.scope).toMatchObject({ kind: 'town', code: '441323118', name: '惠东县高潭镇' });
    const detail = (await admin.get(`/api/users/${user.id}`)).json().user;
    expect(detail.displayName).toBe('镇（街道）联络员（惠东县高潭镇）');
  });

  it('creates scoped accounts of every kind: assistance unit by id or name, team member as a person, third party assigned or city-wide', async () => {
    const unit = await harness.ctx.db.selectFrom('units').select(['id', 'name']).where('name', '=', '广东电网有限责任公司惠州供电局').executeTakeFirstOrThrow();
    const byId = await createThroughApi(admin, { username: newUsername('au'), role: 'assist_unit_user', unitId: unit.id });
    expect(byId.user.scope).toMatchObject({ kind: 'unit', code: String(unit.id), name: unit.name });
    const person = await createPerson(harness.ctx);
    const member = await createThroughApi(admin, { username: newUsername('tm'), role: 'team_member', personId: person.id });
    expect(member.user.scope).toMatchObject({ kind: 'person', code: String(person.id) });
    expect(member.user.scope.name).toContain(person.name);
    const unlinked = await createThroughApi(admin, { username: newUsername('tl'), role: 'team_leader' });
    expect(unlinked.user.scope).toMatchObject({ kind: 'person', code: null, name: '未关联名册人员' });
    const assigned = await createThroughApi(admin, { username: newUsername('tp'), role: 'third_party', assessmentUnitCode: 'LM' });
    expect(assigned.user.scope).toMatchObject({ kind: 'assessment_unit', code: 'LM', name: '龙门县' });
    const cityWide = await createThroughApi(admin, { username: newUsername('tp'), role: 'third_party' });
    expect(cityWide.user.scope).toMatchObject({ kind: 'city', name: '全市' });
    const session = await firstLogin(harness, assigned.user.username, assigned.oneTimePassword);
    expect((await session.get('/api/auth/me')).json().user.scope).toMatchObject({ kind: 'assessment_unit', code: 'LM', name: '龙门县' });
  });

  it.each([
    [{ role: 'boss' }, 400, '字段「role」'],
    [{ role: 'county_user' }, 400, '字段「assessmentUnitCode」缺失：角色「县（区）联络员」（county_user）须指定考核单位'],
    [{ role: 'county_user', assessmentUnitCode: 'XX' }, 400, '字段「assessmentUnitCode」无效：不存在考核单位「XX」'],
    [{ role: 'town_user' }, 400, '字段「townCode」缺失'],
    [{ role: 'town_user', townCode: '441323999' }, 400, '不存在区划代码为「441323999」的镇（街道）'],
    [{ role: 'town_user', townCode: '4413' }, 400, '字段「townCode」须为 9 位镇（街道）区划代码'],
    [{ role: 'assist_unit_user', unitId: 999999 }, 400, '不存在编号或全称为「999999」的单位'],
    [{ role: 'team_member', personId: 999999 }, 400, '不存在编号为 999999 的人员'],
    [{ role: 'office_staff', townCode: '441323118' }, 400, '字段「townCode」不适用于角色「市扶贫办工作人员」（office_staff）：该角色不设范围（全市），请删除'],
    [{ role: 'county_user', assessmentUnitCode: 'HD', townCode: '441323118' }, 400, '该角色的范围是考核单位（字段「assessmentUnitCode」）'],
  ])('refuses %j with %i naming the field and the rule', async (body, status, message) => {
    const username = newUsername('bad');
    const response = await admin.post('/api/users', { username, ...body });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
    expect(response.json().error.message).toContain(message);
    expect(await harness.ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()).toBeUndefined();
  });

  it('refuses a duplicate or malformed username', async () => {
    const duplicate = await admin.post('/api/users', { username: 'staff', role: 'office_staff' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({ code: 'CONFLICT', message: '用户名「staff」已被使用，请换一个' });
    const malformed = await admin.post('/api/users', { username: '张三', role: 'office_staff' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toContain('字段「username」用户名须为 2–40 位小写字母、数字或 _ . -');
    // Usernames are case-insensitive, as at login.
    const upper = await admin.post('/api/users', { username: 'STAFF', role: 'office_staff' });
    expect(upper.statusCode).toBe(409);
  });

  it('holds new passwords to the policy at first login', async () => {
    const username = newUsername('pw');
    const { oneTimePassword } = await createThroughApi(admin, { username, role: 'office_staff' });
    const session = await harness.login(username, oneTimePassword);
    for (const [newPassword, reason] of [
      ['Short#1', '长度不足 10 位'],
      ['alllowercase', '现缺少大写字母、数字、符号'],
      [`X#9${username}`, `不得包含用户名「${username}」`],
      ['Password@123', '常见或默认密码'],
    ] as const) {
      const refused = await session.post('/api/auth/password', { currentPassword: oneTimePassword, newPassword });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message).toContain('新密码（newPassword）不符合密码规则');
      expect(refused.json().error.message).toContain(reason);
    }
    expect((await session.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
  });

  it('disables an account, ending its sessions so that it cannot sign in, and enables it again', async () => {
    const { user, oneTimePassword } = await createThroughApi(admin, { username: newUsername('dis'), role: 'county_user', assessmentUnitCode: 'LM' });
    const session = await firstLogin(harness, user.username, oneTimePassword);
    const disabled = await admin.post(`/api/users/${user.id}/disable`);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().user).toMatchObject({ isActive: false, actions: ['enable', 'resetPassword', 'changeRole'] });
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    const login = await harness.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: NEW_PASSWORD } });
    expect(login.statusCode).toBe(401);
    const again = await admin.post(`/api/users/${user.id}/disable`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已是停用状态');
    expect((await admin.get(`/api/users?isActive=false&q=${user.username}`)).json().items.map((item: UserView) => item.id)).toEqual([user.id]);

    const enabled = await admin.post(`/api/users/${user.id}/enable`);
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json().user.isActive).toBe(true);
    expect((await admin.post(`/api/users/${user.id}/enable`)).statusCode).toBe(409);
    await harness.login(user.username, NEW_PASSWORD);

    const events = (await auditEventsOf(harness, user.id)).map((event) => event.action);
    expect(events).toEqual(expect.arrayContaining(['user.create', 'user.disable', 'user.enable']));
    const disableEvent = (await auditEventsOf(harness, user.id)).find((event) => event.action === 'user.disable')!;
    expect(disableEvent).toMatchObject({ actor_name: '市扶贫办管理员（演示）', before: { isActive: true }, after: { isActive: false, sessionsEnded: 1 } });
  });

  it('resets a password: the old one stops working, sessions end, a lock-out is released and the new one must be changed', async () => {
    const { user, oneTimePassword } = await createThroughApi(admin, { username: newUsername('rst'), role: 'office_staff' });
    const session = await firstLogin(harness, user.username, oneTimePassword);
    // Some address has failed on the account and must wait.
    await harness.ctx.db
      .insertInto('login_throttles')
      .values({ account: user.username, client: 'address:198.51.100.99', failures: 9, last_failed_at: new Date(), blocked_until: new Date(Date.now() + 3600_000) })
      .execute();
    expect(((await admin.get(`/api/users/${user.id}`)).json().user as UserView).isLoginWaiting).toBe(true);
    const reset = await admin.post(`/api/users/${user.id}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect(reset.headers['cache-control']).toBe('no-store');
    const { oneTimePassword: second, user: after } = reset.json() as { oneTimePassword: string; user: UserView };
    expect(second).not.toBe(oneTimePassword);
    expect(after.mustChangePassword).toBe(true);
    expect(after.isLoginWaiting).toBe(false);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    await expect(harness.login(user.username, NEW_PASSWORD)).rejects.toThrow(/401/);
    const fresh = await harness.login(user.username, second);
    expect((await fresh.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
  });

  it('changes role and scope by the same rules, taking effect on the next request', async () => {
    const { user, oneTimePassword } = await createThroughApi(admin, { username: newUsername('chg'), role: 'county_user', assessmentUnitCode: 'HD' });
    const session = await firstLogin(harness, user.username, oneTimePassword);
    const toTown = await admin.post(`/api/users/${user.id}/change-role`, { role: 'town_user', townCode: '441323118' });
    expect(toTown.statusCode).toBe(200);
    expect(toTown.json().user).toMatchObject({ role: 'town_user', scope: { kind: 'town', code: '441323118' } });
    expect((await session.get('/api/auth/me')).json().user).toMatchObject({ role: 'town_user', scope: { kind: 'town', code: '441323118' } });
    const stored = await harness.ctx.db.selectFrom('users').select(['assessment_unit_code', 'town_code']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ assessment_unit_code: null, town_code: '441323118' });

    const unchanged = await admin.post(`/api/users/${user.id}/change-role`, { role: 'town_user', townCode: '441323118' });
    expect(unchanged.statusCode).toBe(400);
    expect(unchanged.json().error.message).toBe('角色和范围与现状相同，无需更改');
    const stray = await admin.post(`/api/users/${user.id}/change-role`, { role: 'office_staff', unitId: 1 });
    expect(stray.statusCode).toBe(400);
    expect(stray.json().error.message).toContain('字段「unitId」不适用于角色「市扶贫办工作人员」');
    const missing = await admin.post(`/api/users/${user.id}/change-role`, { role: 'assist_unit_user' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('字段「unitId」缺失');

    const event = (await auditEventsOf(harness, user.id)).find((candidate) => candidate.action === 'user.change_role')!;
    expect(event).toMatchObject({ before: { role: 'county_user', assessmentUnitCode: 'HD', townCode: null }, after: { role: 'town_user', assessmentUnitCode: null, townCode: '441323118' } });
  });

  it('never lets an administrator change, disable or reset their own account', async () => {
    const adminId = (await admin.get('/api/auth/me')).json().user.id as number;
    const self = (await admin.get(`/api/users/${adminId}`)).json().user as UserView & { isSelf: boolean };
    expect(self).toMatchObject({ isSelf: true, actions: [] });
    const demoted = await admin.post(`/api/users/${adminId}/change-role`, { role: 'office_staff' });
    expect(demoted.statusCode).toBe(422);
    expect(demoted.json().error).toMatchObject({ code: 'RULE_VIOLATION', details: { rule: 'no_self_change' } });
    expect(demoted.json().error.message).toContain('不能更改自己的账户');
    const rescoped = await admin.post(`/api/users/${adminId}/change-role`, { role: 'county_user', assessmentUnitCode: 'HD' });
    expect(rescoped.statusCode).toBe(422);
    const disabled = await admin.post(`/api/users/${adminId}/disable`);
    expect(disabled.statusCode).toBe(422);
    expect(disabled.json().error.message).toContain('不能停用自己的账户');
    const reset = await admin.post(`/api/users/${adminId}/reset-password`);
    expect(reset.statusCode).toBe(422);
    expect(reset.json().error.message).toContain('请通过「修改密码」更改自己的密码');
    expect((await harness.ctx.db.selectFrom('users').select(['role', 'is_active']).where('id', '=', adminId).executeTakeFirstOrThrow())).toEqual({ role: 'office_admin', is_active: true });
  });

  it('a second administrator created by the first can manage the first, but not raise their own rights', async () => {
    const { user, oneTimePassword } = await createThroughApi(admin, { username: newUsername('adm'), role: 'office_admin' });
    const second = await firstLogin(harness, user.username, oneTimePassword);
    const adminId = (await admin.get('/api/auth/me')).json().user.id as number;
    const firstSeenBySecond = (await second.get(`/api/users/${adminId}`)).json().user as UserView;
    expect(firstSeenBySecond.actions).toEqual(['disable', 'resetPassword', 'changeRole']);
    expect((await second.post(`/api/users/${user.id}/change-role`, { role: 'office_staff' })).statusCode).toBe(422);
    // Demoted by the first, the second loses the page at once.
    expect((await admin.post(`/api/users/${user.id}/change-role`, { role: 'office_staff' })).statusCode).toBe(200);
    expect((await second.get('/api/users')).statusCode).toBe(403);
  });

  it('lists with filters by role, scope, active state and text, with each row’s actions', async () => {
    const tag = uniqueSuffix().toLowerCase();
    const made = await createThroughApi(admin, { username: `flt-${tag}`, displayName: `筛选测试${tag}`, role: 'county_user', assessmentUnitCode: 'ZK' });
    const byText = (await admin.get(`/api/users?q=${encodeURIComponent(`筛选测试${tag}`)}`)).json();
    expect(byText).toMatchObject({ total: 1, items: [{ id: made.user.id, actions: ['disable', 'resetPassword', 'changeRole'] }] });
    const byAll = (await admin.get(`/api/users?role=county_user&scope=assessment_unit:ZK&isActive=true&q=flt-${tag}`)).json();
    expect(byAll.items.map((item: UserView) => item.id)).toEqual([made.user.id]);
    expect((await admin.get(`/api/users?role=town_user&q=flt-${tag}`)).json().total).toBe(0);
    const cityWide = (await admin.get('/api/users?scope=city&role=office_admin')).json().items as UserView[];
    expect(cityWide.some((item) => item.username === 'admin')).toBe(true);
    const badFilter = await admin.get('/api/users?scope=county:HD');
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().error.message).toContain('字段「scope」');
    const rules = (await admin.get('/api/users/roles')).json().items as { role: string; scopeField: string | null; isScopeRequired: boolean }[];
    expect(rules.find((rule) => rule.role === 'county_user')).toMatchObject({ scopeField: 'assessmentUnitCode', isScopeRequired: true });
    expect(rules.find((rule) => rule.role === 'third_party')).toMatchObject({ scopeField: 'assessmentUnitCode', isScopeRequired: false });
  });

  it('audits every change without a password or its hash', async () => {
    const { user, oneTimePassword } = await createThroughApi(admin, { username: newUsername('aud'), role: 'county_user', assessmentUnitCode: 'HY' });
    const reset = (await admin.post(`/api/users/${user.id}/reset-password`)).json() as { oneTimePassword: string };
    await admin.post(`/api/users/${user.id}/change-role`, { role: 'county_user', assessmentUnitCode: 'DYW' });
    await admin.post(`/api/users/${user.id}/disable`);
    await admin.post(`/api/users/${user.id}/enable`);
    const events = await auditEventsOf(harness, user.id);
    expect(events.map((event) => event.action)).toEqual(['user.create', 'user.password_reset', 'user.change_role', 'user.disable', 'user.enable']);
    const hashes = await harness.ctx.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    for (const event of events) {
      const text = JSON.stringify([event.before, event.after]);
      expect(text).not.toContain(oneTimePassword);
      expect(text).not.toContain(reset.oneTimePassword);
      expect(text).not.toContain('$argon2');
      expect(text).not.toContain(hashes.password_hash);
      expect(event.actor_name).toBe('市扶贫办管理员（演示）');
    }
    expect(events[0]!.after).toMatchObject({ username: user.username, role: 'county_user', assessmentUnitCode: 'HY', mustChangePassword: true, oneTimePasswordIssued: true });
  });
});

describe('a third party assigned to an assessment unit reads only that unit', () => {
  let harness: TestApp;
  let admin: Session;

  beforeAll(async () => {
    // Its own registry, so that other files' counts are untouched.
    harness = await createTestApp({ isolated: true });
    const villages = await huizhouVillages();
    const households = generateHouseholds({ households: 400, seed: 7, year: 2017, withAnomalies: false, isForFile: false, villages, exitLineOf: defaultExitLineOf });
    await harness.ctx.withRawSession(async (session) => {
      await session.query('BEGIN');
      await loadGeneratedHouseholds(session, harness.ctx.personalData, households);
      await session.query('COMMIT');
    });
    admin = await harness.login('admin');
  });
  afterAll(() => harness.close());

  it('lists the households of its unit only, while an unassigned third party sees the whole city', async () => {
    const assigned = await createThroughApi(admin, { username: newUsername('tphd'), role: 'third_party', assessmentUnitCode: 'HD' });
    const evaluator = await firstLogin(harness, assigned.user.username, assigned.oneTimePassword);
    const cityWide = await harness.login('thirdparty');

    const inHuidong = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM households WHERE county_code = '441323'`.execute(harness.ctx.db)).rows[0]!.n;
    const all = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM households`.execute(harness.ctx.db)).rows[0]!.n;
    expect(inHuidong).toBeGreaterThan(0);
    expect(all).toBeGreaterThan(inHuidong);

    const own = (await evaluator.get('/api/registry/households?pageSize=200')).json() as { total: number; items: { villageCode: string; headName: string }[] };
    expect(own.total).toBe(inHuidong);
    expect(own.items.every((item) => item.villageCode.startsWith('441323'))).toBe(true);
    // Still the minimal personal data of a third party (R-R6).
    expect(own.items.every((item) => /^.\**$/.test(item.headName))).toBe(true);
    expect((await evaluator.get('/api/registry/households?countyCode=441322')).json().total).toBe(0);
    expect((await evaluator.get('/api/regions/441322')).statusCode).toBe(404);
    expect((await cityWide.get('/api/registry/households')).json().total).toBe(all);

    // Withdrawn from the assignment, it reads the whole city again.
    expect((await admin.post(`/api/users/${assigned.user.id}/change-role`, { role: 'third_party' })).statusCode).toBe(200);
    expect((await evaluator.get('/api/registry/households')).json().total).toBe(all);
  });
});

// Two administrators disabling each other at the same moment: the row locks serialise them, so the
// second sees the first's change and the office keeps one administrator.
describe.runIf(isPostgres)('the last administrator under concurrent changes (PostgreSQL)', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await createTestApp({ isolated: true });
  });
  afterAll(() => harness.close());

  it('of two administrators disabling each other at once exactly one succeeds, and the other is refused by the last-administrator rule', async () => {
    const first = await harness.login('admin');
    const { user: secondUser, oneTimePassword } = await createThroughApi(first, { username: newUsername('adm'), role: 'office_admin' });
    const second = await firstLogin(harness, secondUser.username, oneTimePassword);
    const firstId = (await first.get('/api/auth/me')).json().user.id as number;

    let pending: Promise<Awaited<ReturnType<Session['post']>>[]> | undefined;
    await harness.ctx.db.transaction().execute(async (trx) => {
      // Hold the administrators' rows so that both requests pass authentication and wait at the same lock.
      await trx.selectFrom('users').select('id').where('role', '=', 'office_admin').where('is_active', '=', true).forUpdate().execute();
      pending = Promise.all([first.post(`/api/users/${secondUser.id}/disable`), second.post(`/api/users/${firstId}/disable`)]);
      const waiting = async () =>
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`.execute(harness.ctx.db)).rows[0]!.n;
      await expect.poll(waiting, { timeout: 30_000 }).toBe(2);
    });
    const responses = await pending!;
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 422]);
    const refused = responses.find((response) => response.statusCode === 422)!;
    expect(refused.json().error).toMatchObject({ code: 'RULE_VIOLATION', details: { rule: 'last_active_admin' } });
    expect(refused.json().error.message).toContain('最后一个启用的市扶贫办管理员账户');
    const active = await harness.ctx.db.selectFrom('users').select('id').where('role', '=', 'office_admin').where('is_active', '=', true).execute();
    expect(active).toHaveLength(1);
  });
});
