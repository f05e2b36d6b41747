import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { insertJob } from '../../kernel/jobs.ts';
import { DEMO_PASSWORD } from '../../seed/huizhou.data.ts';
import { createTestApp, isPostgres, type Session, type TestApp } from '../../testing/harness.ts';
import { defaultExitLineOf } from './registry.exit-criteria.ts';
import { csvCell, headerLabels } from './registry.format.ts';
import { householdRecords } from './registry.generated-output.ts';
import { generateHouseholds, type GeneratedHousehold } from './registry.generate.ts';
import { IMPORT_JOB_LOCK_CLASS } from './registry.import-jobs.ts';
import { huizhouVillages } from './registry.villages.ts';

type JobView = { id: string; status: string; fileName: string; rowsRead: number; result: { status: string; householdsImported: number } | null; failure: string | null };

function toCsv(households: GeneratedHousehold[]): string {
  return `${[headerLabels, ...households.flatMap(householdRecords)].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The job as a freshly started application answers it (the staff member signs in to it anew). */
async function jobThrough(app: FastifyInstance, id: string, username = 'staff'): Promise<{ statusCode: number; job: JobView }> {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  const session = login.cookies.find((cookie) => cookie.name === 'dukao_session')!.value;
  const response = await app.inject({ method: 'GET', url: `/api/registry/imports/${id}`, cookies: { dukao_session: session } });
  return { statusCode: response.statusCode, job: (response.json() as { job: JobView }).job };
}

// The registry's counts must be this file's alone, so each run gets a database of its own.
describe('registry import jobs live in the jobs table and survive a restart', () => {
  let harness: TestApp;
  let staff: Session;
  let households: GeneratedHousehold[];
  let dataDir: string;
  const restarted: FastifyInstance[] = [];

  /** A new start of the application on the same database, as after a restart of the server. */
  async function restart(): Promise<FastifyInstance> {
    const app = await buildApp(harness.ctx.config, harness.database);
    restarted.push(app);
    return app;
  }

  async function registryState(): Promise<string> {
    const result = await sql<{ state: string }>`SELECT concat_ws(',', (SELECT count(*) FROM households), (SELECT count(*) FROM household_members),
      (SELECT count(*) FROM household_status_changes), (SELECT count(*) FROM audit_events WHERE action LIKE 'registry%')) AS state`.execute(harness.ctx.db);
    return result.rows[0]!.state;
  }

  async function upload(fileName: string, csv: string): Promise<JobView> {
    const response = await staff.request({
      method: 'POST',
      url: `/api/registry/imports?format=csv&fileName=${encodeURIComponent(fileName)}`,
      headers: { 'content-type': 'text/csv' },
      payload: Buffer.from(csv),
    });
    expect(response.statusCode).toBe(202);
    return (response.json() as { job: JobView }).job;
  }

  async function untilFinished(id: string): Promise<JobView> {
    await expect.poll(async () => (await staff.get(`/api/registry/imports/${id}`)).json().job.status, { timeout: 60_000, interval: 200 }).toMatch(/^(done|failed)$/);
    return (await staff.get(`/api/registry/imports/${id}`)).json().job as JobView;
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dukao-import-jobs-'));
    harness = await createTestApp({ isolated: true, config: { dataDir } });
    staff = await harness.login('staff');
    const villages = await huizhouVillages();
    households = [...generateHouseholds({ households: 30, seed: 808, year: 2017, withAnomalies: false, isForFile: true, villages, exitLineOf: defaultExitLineOf })];
  });
  afterAll(async () => {
    for (const app of restarted) await app.close();
    await harness?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports an upload in the background; the result with its counts is a row a restarted application still answers', async () => {
    const started = await upload('第一批.csv', toCsv(households.slice(0, 10)));
    expect(started).toMatchObject({ status: 'running', fileName: '第一批.csv' });
    const finished = await untilFinished(started.id);
    expect(finished).toMatchObject({ status: 'done', failure: null, result: { status: 'imported', householdsImported: 10 } });

    const row = await harness.ctx.db.selectFrom('jobs').selectAll().where('id', '=', started.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'registry_import', status: 'done', file_name: '第一批.csv', rows_read: finished.rowsRead });
    expect(row.finished_at).not.toBeNull();
    expect(row.result).toMatchObject({ status: 'imported', householdsImported: 10 });

    const app = await restart();
    expect(await jobThrough(app, started.id)).toMatchObject({ statusCode: 200, job: { status: 'done', result: { householdsImported: 10 } } });
    // Neither the owner nor the office: as if it did not exist.
    const stranger = await jobThrough(app, started.id, 'huidong');
    expect(stranger.statusCode).toBe(404);
  });

  it('marks a job its dead process left receiving or running as failed at the next start, saying the registry was not changed', async () => {
    const staffId = (await harness.ctx.db.selectFrom('users').select('id').where('username', '=', 'staff').executeTakeFirstOrThrow()).id;
    await insertJob(harness.ctx.db, harness.ctx.clock, { id: 'a1b2c3d4e5f60001', kind: 'registry_import', status: 'running', fileName: '全市数据.csv', ownerId: staffId });
    await insertJob(harness.ctx.db, harness.ctx.clock, { id: 'a1b2c3d4e5f60002', kind: 'registry_import', status: 'receiving', fileName: '上传一半.csv', ownerId: staffId });
    const uploads = path.join(dataDir, 'uploads');
    fs.mkdirSync(uploads, { recursive: true });
    fs.writeFileSync(path.join(uploads, 'a1b2c3d4e5f60001.csv'), '半个文件');
    const before = await registryState();

    const app = await restart();
    const running = await jobThrough(app, 'a1b2c3d4e5f60001');
    expect(running.job.status).toBe('failed');
    expect(running.job.failure).toMatch(/服务器在导入过程中停止或重启.*建档立卡数据未作任何改动/u);
    const receiving = await jobThrough(app, 'a1b2c3d4e5f60002');
    expect(receiving.job).toMatchObject({ status: 'failed', failure: expect.stringMatching(/接收上传文件时停止或重启，导入没有开始/u) });
    expect(fs.existsSync(path.join(uploads, 'a1b2c3d4e5f60001.csv'))).toBe(false);
    expect(await registryState()).toBe(before);
    const row = await harness.ctx.db.selectFrom('jobs').select(['finished_at']).where('id', '=', 'a1b2c3d4e5f60001').executeTakeFirstOrThrow();
    expect(row.finished_at).not.toBeNull();
  });

  it('says so when the import had committed and only the recording of its result was lost', async () => {
    const started = await upload('第二批.csv', toCsv(households.slice(10, 20)));
    expect((await untilFinished(started.id)).status).toBe('done');
    // As if the process had died between the import's commit and the job's update.
    await harness.ctx.db.updateTable('jobs').set({ status: 'running', finished_at: null, result: null }).where('id', '=', started.id).execute();

    const app = await restart();
    const { job } = await jobThrough(app, started.id);
    expect(job.status).toBe('failed');
    expect(job.failure).toMatch(/文件已导入（审计事件第 \d+ 号）/u);
  });

  it.runIf(isPostgres)('leaves alone a job another server process is still working on (it holds the job lock)', async () => {
    const staffId = (await harness.ctx.db.selectFrom('users').select('id').where('username', '=', 'staff').executeTakeFirstOrThrow()).id;
    const id = 'b1b2c3d4e5f60003';
    await insertJob(harness.ctx.db, harness.ctx.clock, { id, kind: 'registry_import', status: 'running', fileName: '别的服务器.csv', ownerId: staffId });
    await harness.ctx.withRawSession(async (otherServer) => {
      await otherServer.query('SELECT pg_advisory_lock($1, hashtext($2))', [IMPORT_JOB_LOCK_CLASS, id]);
      try {
        const app = await restart();
        expect((await jobThrough(app, id)).job.status).toBe('running');
      } finally {
        await otherServer.query('SELECT pg_advisory_unlock($1, hashtext($2))', [IMPORT_JOB_LOCK_CLASS, id]);
      }
    });
    const app = await restart();
    expect((await jobThrough(app, id)).job.status).toBe('failed');
  });
});
