import { buildApp } from './app.ts';
import { openMigratedDatabase } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { purgeExpiredSessions } from './kernel/auth.ts';
import { AppError } from './kernel/errors.ts';
import { startEscalationSchedule } from './modules/rectifications/rectifications.escalation.ts';
import { describeDemoActivity, seedDemoActivityIfEmpty } from './seed/huizhou.activity.ts';
import { DEMO_PASSWORD, demoAccounts } from './seed/huizhou.data.ts';
import { seedDemoRegistryIfEmpty, seedIfEmpty } from './seed/huizhou.ts';

const startedAt = Date.now();
const config = loadConfig();

try {
  const { database, ctx, applied } = await openMigratedDatabase(config);
  const seeded = await seedIfEmpty(ctx, { demoAccounts: config.seedDemo });
  await purgeExpiredSessions(ctx);
  const app = await buildApp(config, database);
  await app.listen({ port: config.port, host: config.host });

  const url = `http://localhost:${config.port}`;
  const where = database.kind === 'pglite' ? `内置 PGlite，数据目录 ${config.dataDir}` : 'PostgreSQL 服务器（DATABASE_URL）';
  console.log(`\n督考 dukao ${config.version} 已启动：${url}   （${where}；用时 ${((Date.now() - startedAt) / 1000).toFixed(1)} 秒）`);
  if (applied.length > 0) console.log(`已执行数据库迁移：${applied.join(', ')}`);
  if (seeded.reference) console.log(`已载入惠州参考数据：${JSON.stringify(seeded.reference)}`);
  if (config.seedDemo) {
    console.log(`演示账户（密码均为 ${DEMO_PASSWORD}）：`);
    for (const account of demoAccounts) console.log(`  ${account.username.padEnd(11)} ${account.role.padEnd(17)} ${account.displayName}`);
  }
  console.log(`API 文档：${url}/api/docs    按 Ctrl+C 停止\n`);
  if (config.seedDemo) {
    // The demo registry is generated after the server is up; pages fill in as it loads.
    void seedDemoRegistryIfEmpty(ctx)
      .then((loaded) => loaded && console.log(`已生成演示建档立卡数据：${loaded.households} 户、${loaded.members} 人（含植入的"数字脱贫"样例）`))
      .catch((error: unknown) => console.error('演示建档立卡数据生成失败：', error));
    // A year of demo supervision and inspection work (2017), played through the API as the demo accounts on a first start.
    void seedDemoActivityIfEmpty(ctx, app)
      .then((created) => created && console.log(describeDemoActivity(created, url)))
      .catch((error: unknown) =>
        console.error(`演示督查巡查数据生成失败（服务器照常运行，已生成的部分保留）：${error instanceof Error ? error.message : String(error)}`),
      );
  }

  // 督18: overdue problems are escalated at start-up and then every hour.
  const stopEscalation = startEscalationSchedule(ctx);

  let isClosing = false;
  const shutdown = async (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    console.log(`收到 ${signal}，正在关闭……`);
    await stopEscalation();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  console.error(error instanceof AppError ? `启动失败：${error.message}` : error);
  process.exit(1);
}
