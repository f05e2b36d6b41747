import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { assertRole, isOfficeRole, type Actor } from '../../kernel/access.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import { findJob, findUnfinishedJobs, finishJob, insertJob, updateRunningJob, type Job, type JobStatus } from '../../kernel/jobs.ts';
import { importRegistryFile, type ImportResult } from './registry.import.ts';
import { registryWriterRoles } from './registry.policy.ts';

/*
 * An upload through the web is received onto disk, then imported in the background while the page polls.
 * The job is a row of `jobs` (kind registry_import), so a restart cannot lose it: at start-up a job still
 * receiving or running is marked failed, saying the registry was not changed — true, because the import is
 * one transaction, which the restart rolled back.
 *
 * Which jobs are really still at work? In this process: the ones in `liveJobs`. On PostgreSQL another server
 * process may share the database, so a job's process holds a session advisory lock on the job for as long as
 * it works on it; the start-up check fails only jobs whose lock it can take (their process is gone). PGlite is
 * one process by its lock file, so there every job not live here was cut short.
 */

/** The advisory lock namespace of import jobs (with hashtext(job id) as the second key). */
export const IMPORT_JOB_LOCK_CLASS = 2017_0008;

const MESSAGE_INTERRUPTED_RECEIVING = '服务器在接收上传文件时停止或重启，导入没有开始，建档立卡数据未作任何改动。请重新上传文件。';
const MESSAGE_INTERRUPTED_RUNNING = '服务器在导入过程中停止或重启，导入没有完成；导入在一个事务中进行，建档立卡数据未作任何改动。请重新上传文件。';
const MESSAGE_UPLOAD_BROKEN = '上传没有完成（连接中断或被取消），导入没有开始，建档立卡数据未作任何改动。';
const MESSAGE_INTERNAL = '导入时发生内部错误，数据未作任何改动';

export type ImportJobView = {
  id: string;
  status: JobStatus;
  fileName: string;
  rowsRead: number;
  startedAt: Date;
  finishedAt: Date | null;
  result: ImportResult | null;
  failure: string | null;
};

type LiveJob = ImportJobView & { ownerId: number };

/**
 * The jobs this process is working on, per database: their progress is fresher here than in the table
 * (on PGlite the one connection is busy with the import itself, so the table catches up when it ends).
 */
const liveJobsByDatabase = new WeakMap<Kysely<DB>, Map<string, LiveJob>>();

function liveJobsOf(ctx: AppContext): Map<string, LiveJob> {
  let jobs = liveJobsByDatabase.get(ctx.db);
  if (!jobs) {
    jobs = new Map();
    liveJobsByDatabase.set(ctx.db, jobs);
  }
  return jobs;
}

const uploadDirOf = (ctx: AppContext) => path.join(ctx.config.dataDir, 'uploads');

function removeUploads(ctx: AppContext, id: string): void {
  for (const format of ['csv', 'xlsx']) fs.rmSync(path.join(uploadDirOf(ctx), `${id}.${format}`), { force: true });
}

/** Runs `work` while this process holds the job's advisory lock (PostgreSQL); on PGlite simply runs it. */
async function whileHoldingJobLock(ctx: AppContext, id: string, work: () => Promise<void>): Promise<void> {
  if (ctx.dbKind !== 'postgres') return work();
  return ctx.withRawSession(async (session) => {
    await session.query('SELECT pg_advisory_lock($1, hashtext($2))', [IMPORT_JOB_LOCK_CLASS, id]);
    try {
      await work();
    } finally {
      await session.query('SELECT pg_advisory_unlock($1, hashtext($2))', [IMPORT_JOB_LOCK_CLASS, id]);
    }
  });
}

/**
 * Receives an uploaded file onto disk, then imports it in the background; the caller polls the
 * job for progress (rows read) and the result with its error report. Answers once the file is in.
 */
export async function startImport(
  ctx: AppContext,
  actor: Actor,
  body: Readable,
  options: { format: 'csv' | 'xlsx'; encoding: 'auto' | 'utf8' | 'gb18030'; partial: boolean; fileName?: string | undefined },
): Promise<ImportJobView> {
  assertRole(actor, registryWriterRoles, '导入建档立卡数据');
  if (!isOfficeRole(actor)) throw new AppError('FORBIDDEN', '批量导入由市扶贫办执行；县（区）请将文件报市扶贫办，或逐户办理状态变更');
  const id = randomBytes(8).toString('hex');
  const fileName = options.fileName ?? `upload.${options.format}`;
  await insertJob(ctx.db, ctx.clock, { id, kind: 'registry_import', status: 'receiving', fileName, ownerId: actor.id });
  const live: LiveJob = { id, ownerId: actor.id, status: 'receiving', fileName, rowsRead: 0, startedAt: ctx.clock.now(), finishedAt: null, result: null, failure: null };
  const liveJobs = liveJobsOf(ctx);
  liveJobs.set(id, live);

  fs.mkdirSync(uploadDirOf(ctx), { recursive: true });
  const file = path.join(uploadDirOf(ctx), `${id}.${options.format}`);
  let markReceived!: (error?: unknown) => void;
  const received = new Promise<void>((resolve, reject) => (markReceived = (error) => (error === undefined ? resolve() : reject(error))));

  const finish = async (outcome: { status: 'done'; result: ImportResult } | { status: 'failed'; failure: string }) => {
    Object.assign(live, outcome, { finishedAt: ctx.clock.now() });
    if (outcome.status === 'done') live.rowsRead = outcome.result.rowsRead;
    const recorded = await finishJob(ctx.db, ctx.clock, id, outcome.status === 'done' ? { ...outcome, rowsRead: outcome.result.rowsRead } : outcome).catch(() => false);
    // Once the table holds the outcome it answers; if it could not be written, this process keeps answering.
    if (recorded) liveJobs.delete(id);
  };

  void whileHoldingJobLock(ctx, id, async () => {
    try {
      await pipeline(body, fs.createWriteStream(file));
    } catch (error) {
      await finish({ status: 'failed', failure: MESSAGE_UPLOAD_BROKEN });
      markReceived(error);
      return;
    }
    await updateRunningJob(ctx.db, ctx.clock, id, { status: 'running' });
    live.status = 'running';
    markReceived();

    // Progress goes to the table too (for other server processes), one write at a time, the latest count winning.
    let pendingRows: number | null = null;
    let progressWrites = Promise.resolve();
    const recordProgress = (rowsRead: number) => {
      live.rowsRead = rowsRead;
      const isWriteQueued = pendingRows !== null;
      pendingRows = rowsRead;
      if (isWriteQueued) return;
      progressWrites = progressWrites
        .then(async () => {
          const rows = pendingRows!;
          pendingRows = null;
          await updateRunningJob(ctx.db, ctx.clock, id, { rowsRead: rows });
        })
        .catch(() => undefined);
    };
    try {
      const result = await importRegistryFile(ctx, { stream: fs.createReadStream(file), format: options.format, encoding: options.encoding, fileName }, {
        isPartial: options.partial,
        actor: { id: actor.id, name: actor.displayName },
        onProgress: ({ rowsRead }) => recordProgress(rowsRead),
      });
      await progressWrites;
      await finish({ status: 'done', result });
    } catch (error) {
      await progressWrites;
      await finish({ status: 'failed', failure: error instanceof AppError ? error.message : MESSAGE_INTERNAL });
    } finally {
      fs.rmSync(file, { force: true });
    }
  }).catch(async (error: unknown) => {
    // The lock could not be taken or released (the database went away): say so to the poller, keep the server up.
    if (live.status === 'receiving') markReceived(error);
    if (live.finishedAt === null) await finish({ status: 'failed', failure: MESSAGE_INTERNAL });
  });

  await received;
  return describeImportJob(live);
}

/** The job with its progress and result, for its owner or the office; anyone else is told it does not exist. */
export async function getImportJob(ctx: AppContext, actor: Actor, id: string): Promise<ImportJobView> {
  const live = liveJobsOf(ctx).get(id);
  const job = live ?? (await findJob(ctx.db, 'registry_import', id));
  if (!job || (job.ownerId !== actor.id && !isOfficeRole(actor))) throw notFound('该导入任务');
  return live ? describeImportJob(live) : describeStoredJob(job as Job);
}

function describeImportJob(job: LiveJob): ImportJobView {
  return { id: job.id, status: job.status, fileName: job.fileName, rowsRead: job.rowsRead, startedAt: job.startedAt, finishedAt: job.finishedAt, result: job.result, failure: job.failure };
}

function describeStoredJob(job: Job): ImportJobView {
  return {
    id: job.id,
    status: job.status,
    fileName: job.fileName ?? '',
    rowsRead: job.rowsRead,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    result: (job.result as ImportResult | null) ?? null,
    failure: job.failure,
  };
}

/**
 * At start-up: every import job left receiving or running by a process that is gone is marked failed,
 * with a message saying the registry was not changed, and its uploaded file is removed. Returns how many.
 */
export async function failInterruptedImportJobs(ctx: AppContext): Promise<number> {
  const live = liveJobsOf(ctx);
  let failed = 0;
  for (const job of await findUnfinishedJobs(ctx.db, 'registry_import')) {
    if (live.has(job.id)) continue;
    const isFailedNow = await ctx.db.transaction().execute(async (trx) => {
      if (ctx.dbKind === 'postgres') {
        const probe = await sql<{ isFree: boolean }>`SELECT pg_try_advisory_xact_lock(${IMPORT_JOB_LOCK_CLASS}, hashtext(${job.id})) AS "isFree"`.execute(trx);
        // Another server process is still at work on it.
        if (!probe.rows[0]?.isFree) return false;
      }
      const failure = job.status === 'receiving' ? MESSAGE_INTERRUPTED_RECEIVING : await describeInterruptedRun(trx, job);
      return finishJob(trx, ctx.clock, job.id, { status: 'failed', failure }, { onlyIfUnfinished: true });
    });
    if (isFailedNow) {
      removeUploads(ctx, job.id);
      failed += 1;
    }
  }
  return failed;
}

/**
 * What became of an import whose process died while running: nothing, unless its transaction had committed
 * (its audit event is there) and only the recording of the result was lost.
 */
async function describeInterruptedRun(db: Kysely<DB>, job: Job): Promise<string> {
  let query = db
    .selectFrom('audit_events')
    .select('seq')
    .where('action', '=', 'registry.import')
    .where('entity_id', '=', job.fileName ?? '')
    .where('at', '>=', job.startedAt);
  if (job.ownerId !== null) query = query.where('actor_id', '=', job.ownerId);
  const committed = await query.orderBy('seq').limit(1).executeTakeFirst();
  return committed
    ? `服务器在导入完成之后、记下结果之前停止或重启：文件已导入（审计事件第 ${committed.seq} 号），但错误报告没有保存下来。`
    : MESSAGE_INTERRUPTED_RUNNING;
}
