import { buildApp } from './app.ts';
import { openMigratedDatabase } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { DataDirectoryLockedError } from './db/database.ts';
import { purgeExpiredSessions } from './kernel/auth.ts';
import { AppError } from './kernel/errors.ts';
import { decideInstallationKind, installationKindLabels, isNewEmbeddedDataDirectory, settleInstallation } from './kernel/installation.ts';
import { startEscalationSchedule } from './modules/rectifications/rectifications.escalation.ts';
import { describeDemoActivityOutcome, describeDemoRegistryOutcome, seedDemoData } from './seed/demo.ts';
import { DEMO_PASSWORD, demoAccounts } from './seed/huizhou.data.ts';
import { describeUnfinishedDemoRegistry, seedDemoAccounts, seedReferenceData } from './seed/huizhou.ts';

const startedAt = Date.now();
const config = loadConfig();

try {
  // Decided before the database is opened, which creates the directory.
  const isNewDataDirectory = isNewEmbeddedDataDirectory(config);
  const { database, ctx, applied } = await openMigratedDatabase(config);
  const seeded = await seedReferenceData(ctx);
  const installation = await settleInstallation(ctx, { id: null, name: '系统初始化' }, decideInstallationKind({ by: 'server', seedDemo: config.seedDemo, isNewDataDirectory }));
  const isDemo = installation.kind === 'demo';
  if (isDemo) await seedDemoAccounts(ctx);
  await purgeExpiredSessions(ctx);
  const app = await buildApp(config, database);
  await app.listen({ port: config.port, host: config.host });

  const url = `http://localhost:${config.port}`;
  const where = database.kind === 'pglite' ? `内置 PGlite，数据目录 ${config.dataDir}` : 'PostgreSQL 服务器（DATABASE_URL）';
  console.log(`\n督考 dukao ${config.version} 已启动：${url}   （${where}；用时 ${((Date.now() - startedAt) / 1000).toFixed(1)} 秒）`);
  if (applied.length > 0) console.log(`已执行数据库迁移：${applied.join(', ')}`);
  if (seeded.reference) console.log(`已载入惠州参考数据：${JSON.stringify(seeded.reference)}`);
  console.log(`${installationKindLabels[installation.kind]}${installation.isNew ? '（本次登记）' : ''}：${installation.reason}`);
  if (config.seedDemo !== undefined && config.seedDemo !== isDemo && !installation.isNew) {
    console.log(`SEED_DEMO=${String(config.seedDemo)} 未起作用：安装类型只在首次建立时决定（见 README「配置」）。`);
  }
  if (isDemo) {
    console.log(`演示账户（密码均为 ${DEMO_PASSWORD}）：`);
    for (const account of demoAccounts) console.log(`  ${account.username.padEnd(11)} ${account.role.padEnd(17)} ${account.displayName}`);
  }
  console.log(`API 文档：${url}/api/docs    按 Ctrl+C 停止\n`);
  if (isDemo) {
    // After the server is up, so pages fill in as it loads: the demo registry (resumed if a start was cut short),
    // then, on the complete registry only, a year of demo supervision and inspection work (2017) played through the API.
    const unfinished = await describeUnfinishedDemoRegistry(ctx);
    if (unfinished) console.log(unfinished);
    void seedDemoData(ctx, app)
      .then(({ registry, activity }) => {
        if (registry.state !== 'complete') console.log(describeDemoRegistryOutcome(registry));
        const line = describeDemoActivityOutcome(activity, url);
        if (line) console.log(line);
      })
      .catch((error: unknown) => console.error(`演示数据没有生成完（服务器照常运行）：${error instanceof Error ? error.message : String(error)}`));
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
  console.error(error instanceof AppError || error instanceof DataDirectoryLockedError ? `启动失败：${error.message}` : error);
  process.exit(1);
}
