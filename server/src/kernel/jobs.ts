import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { JobKind, JobStatus } from '../db/schema.operations.ts';
import type { Clock } from './clock.ts';

export type { JobKind, JobStatus };

/*
 * Long jobs as rows, so that what a job did, or that it was cut short, survives the process: the
 * registry import (modules/registry/registry.import-jobs.ts) and the demo's first-start generation
 * (seed/huizhou.ts, seed/demo.ts). This file owns the `jobs` table; the others call it. A job row is
 * bookkeeping, not a governed record: what a job changes in the registry is audited by the job itself.
 */

export type Job = {
  id: string;
  kind: JobKind;
  status: JobStatus;
  fileName: string | null;
  ownerId: number | null;
  rowsRead: number;
  progress: unknown;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  result: unknown;
  failure: string | null;
};

type Executor = Kysely<DB> | Transaction<DB>;

function toJob(row: {
  id: string;
  kind: JobKind;
  status: JobStatus;
  file_name: string | null;
  owner_id: number | null;
  rows_read: number;
  progress: unknown;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  result: unknown;
  failure: string | null;
}): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    fileName: row.file_name,
    ownerId: row.owner_id,
    rowsRead: Number(row.rows_read),
    progress: row.progress ?? null,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    result: row.result ?? null,
    failure: row.failure,
  };
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** Inserts a job; false when a job with this id exists already (nothing changed). */
export async function insertJob(
  db: Executor,
  clock: Clock,
  job: { id: string; kind: JobKind; status: 'receiving' | 'running'; fileName?: string | null; ownerId?: number | null; progress?: unknown },
): Promise<boolean> {
  const now = clock.now();
  const inserted = await db
    .insertInto('jobs')
    .values({
      id: job.id,
      kind: job.kind,
      status: job.status,
      file_name: job.fileName ?? null,
      owner_id: job.ownerId ?? null,
      progress: json(job.progress),
      started_at: now,
      updated_at: now,
    })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** One job of a kind by its id, or undefined. */
export async function findJob(db: Executor, kind: JobKind, id: string, options: { forUpdate?: boolean } = {}): Promise<Job | undefined> {
  let query = db.selectFrom('jobs').selectAll().where('id', '=', id).where('kind', '=', kind);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toJob(row) : undefined;
}

/** The jobs of a kind still receiving or running (as far as the table knows). */
export async function findUnfinishedJobs(db: Executor, kind: JobKind): Promise<Job[]> {
  const rows = await db.selectFrom('jobs').selectAll().where('kind', '=', kind).where('status', 'in', ['receiving', 'running']).orderBy('started_at').execute();
  return rows.map(toJob);
}

/** Moves a job on: a new status or progress while it runs. Only an unfinished job moves (returns false otherwise). */
export async function updateRunningJob(db: Executor, clock: Clock, id: string, change: { status?: 'running'; rowsRead?: number; progress?: unknown }): Promise<boolean> {
  const updated = await db
    .updateTable('jobs')
    .set({
      ...(change.status ? { status: change.status } : {}),
      ...(change.rowsRead !== undefined ? { rows_read: change.rowsRead } : {}),
      ...(change.progress !== undefined ? { progress: json(change.progress) } : {}),
      updated_at: clock.now(),
    })
    .where('id', '=', id)
    .where('status', 'in', ['receiving', 'running'])
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** Ends a job as done (with its result) or failed (with a Chinese message saying what happened to the data). */
export async function finishJob(
  db: Executor,
  clock: Clock,
  id: string,
  outcome: { status: 'done'; result: unknown; rowsRead?: number; progress?: unknown } | { status: 'failed'; failure: string; progress?: unknown },
  options: { onlyIfUnfinished?: boolean } = {},
): Promise<boolean> {
  const now = clock.now();
  let query = db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      finished_at: now,
      updated_at: now,
      ...(outcome.status === 'done' ? { result: json(outcome.result), failure: null } : { failure: outcome.failure }),
      ...(outcome.status === 'done' && outcome.rowsRead !== undefined ? { rows_read: outcome.rowsRead } : {}),
      ...(outcome.progress !== undefined ? { progress: json(outcome.progress) } : {}),
    })
    .where('id', '=', id);
  if (options.onlyIfUnfinished) query = query.where('status', 'in', ['receiving', 'running']);
  const updated = await query.executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** Takes up a failed or interrupted job again (the demo generation resumes where it stopped). */
export async function resumeJob(db: Executor, clock: Clock, id: string): Promise<void> {
  await db.updateTable('jobs').set({ status: 'running', finished_at: null, failure: null, updated_at: clock.now() }).where('id', '=', id).where('status', '<>', 'done').execute();
}
