import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { openMigratedDatabase } from '../../bootstrap.ts';
import { seedIfEmpty } from '../../seed/huizhou.ts';
import { dukao as cli } from '../../testing/cli.ts';
import { testConfig } from '../../testing/config.ts';
import { isPostgres } from '../../testing/harness.ts';



function oneTimePasswordIn(output: string): string {
  const match = /一次性密码：(\S+)/.exec(output);
  if (!match) throw new Error(`no one-time password in: ${output}`);
  return match[1]!;
}

/** Opens the data directory in this process (the CLI must not be running), does the work, closes it. */
async function withDataDir<T>(dataDir: string, work: (opened: Awaited<ReturnType<typeof openMigratedDatabase>>) => Promise<T>): Promise<T> {
  const opened = await openMigratedDatabase(testConfig({ dataDir }));
  try {
    return await work(opened);
  } finally {
    await opened.database.close();
  }
}

// The first-administrator path on an embedded data directory; PGlite only, like the other CLI tests.
describe.skipIf(isPostgres)('dukao users on an installation without accounts', () => {
  let dataDir: string;
  let firstPassword: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-users-cli-'));
    expect((await cli(dataDir, 'db', 'migrate')).code).toBe(0);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('creates the first administrator with a one-time password, audited by 命令行 without the password', async () => {
    const created = await cli(dataDir, 'users', 'create', '--username', 'admin', '--role', 'office_admin', '--display-name', '系统管理员');
    expect(created.code).toBe(0);
    expect(created.output).toContain('已创建用户「admin」：系统管理员，市扶贫办管理员，范围：全市——这是本系统的第一个账户。');
    expect(created.output).toContain('首次登录后须立即修改密码');
    firstPassword = oneTimePasswordIn(created.output);
    expect(firstPassword).toHaveLength(16);

    await withDataDir(dataDir, async ({ ctx }) => {
      const users = await ctx.db.selectFrom('users').select(['username', 'role', 'must_change_password', 'password_hash']).execute();
      expect(users).toHaveLength(1);
      expect(users[0]).toMatchObject({ username: 'admin', role: 'office_admin', must_change_password: true });
      const event = await ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'user.create').executeTakeFirstOrThrow();
      expect(event.actor_name).toBe('命令行');
      expect(event.actor_id).toBeNull();
      const text = JSON.stringify(event.after);
      expect(text).not.toContain(firstPassword);
      expect(text).not.toContain(users[0]!.password_hash);
    });
  });

  it('lets the first administrator sign in with it, obliged to change it', async () => {
    await withDataDir(dataDir, async ({ database }) => {
      const app = await buildApp(testConfig({ dataDir }), database);
      try {
        const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: firstPassword } });
        expect(login.statusCode).toBe(200);
        expect(login.json().user).toMatchObject({ username: 'admin', displayName: '系统管理员', role: 'office_admin', mustChangePassword: true });
      } finally {
        await app.close();
      }
    });
  });

  it('creates a county user once the reference data is loaded, naming the unit by its county code', async () => {
    const beforeSeed = await cli(dataDir, 'users', 'create', '--username', 'huidong', '--role', 'county_user', '--scope', '441323');
    expect(beforeSeed.code).toBe(1);
    expect(beforeSeed.output).toContain('错误：选项 --scope 无效：不存在考核单位「441323」');
    await withDataDir(dataDir, async ({ ctx }) => {
      const seeded = await seedIfEmpty(ctx, { demoAccounts: false });
      expect(seeded.accounts).toEqual([]);
    });
    const created = await cli(dataDir, 'users', 'create', '--username', 'huidong', '--role', 'county_user', '--scope', '441323');
    expect(created.code).toBe(0);
    expect(created.output).toContain('已创建用户「huidong」：县（区）联络员（惠东县），县（区）联络员，范围：惠东县。');
    expect(created.output).not.toContain('第一个账户');
  });

  it.each([
    [['--username', 'x1', '--role', 'boss'], '错误：选项 --role 无效：「boss」不是已知角色。可用角色：office_admin（市扶贫办管理员）'],
    [['--username', 'x2', '--role', 'county_user'], '错误：选项 --scope 缺失：角色「县（区）联络员」（county_user）须指定考核单位'],
    [['--username', 'x3', '--role', 'county_user', '--scope', 'XX'], '错误：选项 --scope 无效：不存在考核单位「XX」'],
    [['--username', 'x4', '--role', 'town_user', '--scope', '高潭镇'], '错误：选项 --scope 无效：不存在区划代码为「高潭镇」的镇（街道）'],
    [['--username', 'x5', '--role', 'assist_unit_user', '--scope', '不存在的单位'], '错误：选项 --scope 无效：不存在编号或全称为「不存在的单位」的单位'],
    [['--username', 'x6', '--role', 'office_staff', '--scope', 'HD'], '错误：选项 --scope 不适用：角色「市扶贫办工作人员」（office_staff）不设范围（全市），请去掉'],
    [['--username', 'admin', '--role', 'office_staff'], '错误：用户名「admin」已被使用，请换一个'],
    [['--username', '管理员', '--role', 'office_staff'], '错误：选项 --username 无效：用户名须为 2–40 位小写字母、数字或 _ . -'],
    [['--role', 'office_staff'], '错误：缺少选项 --username'],
  ])('refuses users create %j in Chinese, naming the option', async (args, message) => {
    const refused = await cli(dataDir, 'users', 'create', ...args);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(message);
  });

  it('brings the office’s own roster and poverty villages in from files', async () => {
    const roster = path.join(dataDir, '..', `${path.basename(dataDir)}-roster.csv`);
    fs.writeFileSync(roster, '姓名,性别,单位,职务,职级,籍贯地代码\n陈志强,男,惠州市财政局,处长,处级,441323\n');
    const imported = await cli(dataDir, 'people', 'import', roster);
    expect(imported.output).toContain('已在人员名册中新增 1 人。');
    const villages = path.join(dataDir, '..', `${path.basename(dataDir)}-villages.csv`);
    fs.writeFileSync(villages, '村代码,出列年份\n441324100201,\n');
    const flagged = await cli(dataDir, 'regions', 'poverty-villages', villages, '--year', '2017');
    expect(flagged.output).toContain('2017 年度省定相对贫困村名单：1 个（其中已出列 0 个），替换了原有的 0 个。');
    fs.rmSync(roster);
    fs.rmSync(villages);
  });

  it('created nothing for the refused commands, and creates an assistance unit’s user by the unit’s name', async () => {
    const created = await cli(dataDir, 'users', 'create', '--username', 'gongdian', '--role', 'assist_unit_user', '--scope', '广东电网有限责任公司惠州供电局');
    expect(created.code).toBe(0);
    await withDataDir(dataDir, async ({ ctx }) => {
      const usernames = (await ctx.db.selectFrom('users').select('username').orderBy('id').execute()).map((user) => user.username);
      expect(usernames).toEqual(['admin', 'huidong', 'gongdian']);
    });
  });

  it('resets a password: a new one-time password, the old one refused', async () => {
    const reset = await cli(dataDir, 'users', 'reset-password', 'admin');
    expect(reset.code).toBe(0);
    expect(reset.output).toContain('已重置「admin」的密码');
    const second = oneTimePasswordIn(reset.output);
    expect(second).not.toBe(firstPassword);
    await withDataDir(dataDir, async ({ database, ctx }) => {
      const app = await buildApp(testConfig({ dataDir }), database);
      try {
        const old = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: firstPassword } });
        expect(old.statusCode).toBe(401);
        const fresh = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: second } });
        expect(fresh.json().user.mustChangePassword).toBe(true);
      } finally {
        await app.close();
      }
      const event = await ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'user.password_reset').executeTakeFirstOrThrow();
      expect(event.actor_name).toBe('命令行');
      expect(JSON.stringify([event.before, event.after])).not.toContain(second);
    });
    const unknown = await cli(dataDir, 'users', 'reset-password', 'nobody');
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.output).toContain('错误：用户「nobody」不存在');
  });
});
