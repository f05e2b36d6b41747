import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../kernel/context.ts';
import { findJob, finishJob, insertJob } from '../kernel/jobs.ts';
import { describeDemoActivity, seedDemoActivityIfEmpty, type DemoActivityResult } from './huizhou.activity.ts';
import { seedDemoRegistry, type DemoRegistryOutcome, type DemoRegistryProgress } from './huizhou.ts';

/*
 * The demo's data after its accounts: the generated registry (a resumable job), then — only once the registry is
 * complete — the 2017 supervision and inspection work played through the HTTP API. Used by the server on a demo
 * installation's start (in the background) and by `npx dukao demo seed` (in the foreground).
 */

const DEMO_ACTIVITY_JOB = 'demo-activity-2017';

export type DemoActivityOutcome =
  | { state: 'played'; result: DemoActivityResult }
  | { state: 'complete' }
  /** Not played: the registry is not the complete demo one, or supervision work exists already. */
  | { state: 'not_played'; reason: string }
  /** An earlier attempt stopped part-way; what it made is kept, and it is not played again on top. */
  | { state: 'interrupted'; failure: string };

/** Plays the demo activity once, recorded as a job so that an attempt cut short is reported, not silently replayed. */
export async function seedDemoActivity(ctx: AppContext, app: FastifyInstance): Promise<DemoActivityOutcome> {
  const job = await findJob(ctx.db, 'demo_activity', DEMO_ACTIVITY_JOB);
  if (job?.status === 'done') return { state: 'complete' };
  if (job) {
    return { state: 'interrupted', failure: job.failure ?? '上次生成时服务器停止或重启' };
  }
  const existing = await ctx.db.selectFrom('supervision_plans').select('id').limit(1).executeTakeFirst();
  if (existing) return { state: 'not_played', reason: '库中已有督查计划' };
  if (!(await insertJob(ctx.db, ctx.clock, { id: DEMO_ACTIVITY_JOB, kind: 'demo_activity', status: 'running' }))) {
    return { state: 'not_played', reason: '另一进程正在生成' };
  }
  try {
    const result = await seedDemoActivityIfEmpty(ctx, app);
    await finishJob(ctx.db, ctx.clock, DEMO_ACTIVITY_JOB, { status: 'done', result });
    return result ? { state: 'played', result } : { state: 'not_played', reason: '库中已有督查计划' };
  } catch (error) {
    const failure = `生成到一半时出错：${error instanceof Error ? error.message : String(error)}`;
    await finishJob(ctx.db, ctx.clock, DEMO_ACTIVITY_JOB, { status: 'failed', failure }).catch(() => undefined);
    throw error;
  }
}

/** The demo registry, then the demo activity on the complete registry only. Throws DemoRegistryIncomplete when the registry stops part-way. */
export async function seedDemoData(
  ctx: AppContext,
  app: FastifyInstance,
  options: { onBatch?: (progress: DemoRegistryProgress) => void } = {},
): Promise<{ registry: DemoRegistryOutcome; activity: DemoActivityOutcome }> {
  const registry = await seedDemoRegistry(ctx, options);
  if (registry.state === 'not_generated') {
    return { registry, activity: { state: 'not_played', reason: '建档立卡库不是由演示数据生成任务写入的' } };
  }
  if (registry.state === 'busy') return { registry, activity: { state: 'not_played', reason: '演示建档立卡数据仍在生成' } };
  return { registry, activity: await seedDemoActivity(ctx, app) };
}

/** One line on what became of the demo registry. */
export function describeDemoRegistryOutcome(outcome: DemoRegistryOutcome): string {
  const format = (count: number) => count.toLocaleString('zh-CN');
  switch (outcome.state) {
    case 'generated':
      return `已生成演示建档立卡数据：${format(outcome.households)} 户、${format(outcome.members)} 人（含植入的"数字脱贫"样例）${outcome.resumedFrom > 0 ? `，其中 ${format(outcome.resumedFrom)} 户是上次中断前载入的` : ''}`;
    case 'complete':
      return `演示建档立卡数据已完整：${format(outcome.households)} 户、${format(outcome.members)} 人。`;
    case 'not_generated':
      return `建档立卡库已有 ${format(outcome.households)} 户（不是由演示数据生成任务写入的），不再生成演示建档立卡数据；演示督查巡查工作只在演示建档立卡数据完整后生成。`;
    case 'busy':
      return `另一进程正在生成演示建档立卡数据（已载入 ${format(outcome.households)} 户），本次不重复生成。`;
  }
}

/** One line on what became of the demo activity, or null when there is nothing to say. */
export function describeDemoActivityOutcome(outcome: DemoActivityOutcome, baseUrl: string): string | null {
  switch (outcome.state) {
    case 'played':
      return describeDemoActivity(outcome.result, baseUrl);
    case 'complete':
      return null;
    case 'not_played':
      return `未生成演示督查巡查工作：${outcome.reason}。`;
    case 'interrupted':
      return `2017 年度演示督查巡查工作上次没有生成完（${outcome.failure}）：已生成的部分保留，不在其上重复生成；需要完整的演示时，请用新的数据目录重新开始。`;
  }
}
