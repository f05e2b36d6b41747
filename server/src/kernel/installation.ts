import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import type { InstallationKind } from '../db/schema.operations.ts';
import { appendAuditEvent, type AuditActor } from './audit.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';

export type { InstallationKind };

/*
 * A database is a demo installation or a real office's (production). The kind is written once, in the
 * `installation` row, when the installation is first set up; whatever reads "is this the demo?" reads
 * that row, never the configuration. A database without the row is treated as production.
 */

export const installationKindLabels: Record<InstallationKind, string> = { demo: '演示安装', production: '正式安装' };

/** How the installation is being set up: the server's first start, `db seed`, `demo seed`, or a test harness. */
export type InstallationSetting =
  | { by: 'server'; seedDemo: boolean | undefined; isNewDataDirectory: boolean }
  | { by: 'db seed'; seedDemo: boolean | undefined }
  | { by: 'demo seed' };

/**
 * The rule: a demo only for the data directory `npm start` creates itself (no DATABASE_URL, a data
 * directory that did not exist yet) or when asked for (`SEED_DEMO=true`, `npx dukao demo seed`);
 * production otherwise — with DATABASE_URL, after `db seed`, on a data directory that already existed.
 */
export function decideInstallationKind(setting: InstallationSetting): { kind: InstallationKind; reason: string } {
  if (setting.by === 'demo seed') return { kind: 'demo', reason: '由 npx dukao demo seed 建为演示安装' };
  const when = setting.by === 'server' ? '服务器首次启动时' : '运行 npx dukao db seed 时';
  if (setting.seedDemo === true) return { kind: 'demo', reason: `由 SEED_DEMO=true 指定（${when}）` };
  if (setting.seedDemo === false) return { kind: 'production', reason: `由 SEED_DEMO=false 指定（${when}）` };
  if (setting.by === 'db seed') return { kind: 'production', reason: '由 npx dukao db seed 载入参考数据，建为正式安装' };
  return setting.isNewDataDirectory
    ? { kind: 'demo', reason: '服务器首次启动时新建了内置数据库的数据目录（未设置 DATABASE_URL）' }
    : { kind: 'production', reason: '服务器首次启动时使用的是 PostgreSQL 服务器或已有的数据目录' };
}

/** True when the server would create the embedded data directory itself: no DATABASE_URL and no such directory yet. */
export function isNewEmbeddedDataDirectory(config: Pick<Config, 'databaseUrl' | 'dataDir'>): boolean {
  return !config.databaseUrl && !fs.existsSync(config.dataDir);
}

/** The recorded kind, or null when the installation has not been set up yet (readers then treat it as production). */
export async function readInstallation(db: Kysely<DB>): Promise<{ kind: InstallationKind; reason: string; createdAt: Date } | null> {
  const row = await db.selectFrom('installation').select(['kind', 'reason', 'created_at']).executeTakeFirst();
  return row ? { kind: row.kind, reason: row.reason, createdAt: row.created_at } : null;
}

/** True only for a recorded demo installation. */
export async function isDemoInstallation(db: Kysely<DB>): Promise<boolean> {
  return (await readInstallation(db))?.kind === 'demo';
}

/**
 * Records the installation's kind unless one is recorded already, audited in the same transaction;
 * returns the kind in force and whether this call wrote it. Concurrent first starts agree on one row.
 */
export async function settleInstallation(
  ctx: AppContext,
  actor: AuditActor,
  decided: { kind: InstallationKind; reason: string },
): Promise<{ kind: InstallationKind; reason: string; isNew: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('installation')
      .values({ kind: decided.kind, reason: decided.reason })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .returning(['kind', 'reason'])
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx.selectFrom('installation').select(['kind', 'reason']).executeTakeFirstOrThrow();
      return { ...existing, isNew: false };
    }
    await appendAuditEvent(trx, ctx.clock, actor, { action: 'installation.create', entityType: 'installation', entityId: 'installation', after: decided });
    return { ...inserted, isNew: true };
  });
}

/**
 * Makes the installation a demo one for `npx dukao demo seed`: a demo stays a demo, a database not set up yet
 * becomes one, and a production installation may become one only while it has no accounts — demo accounts
 * with a published password must never land beside real ones.
 */
export async function turnIntoDemoInstallation(ctx: AppContext, actor: AuditActor): Promise<{ isNew: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    // Serialises with a concurrent first start or another `demo seed`.
    const current = await trx.selectFrom('installation').select(['kind', 'reason']).forUpdate().executeTakeFirst();
    if (current?.kind === 'demo') return { isNew: false };
    const decided = decideInstallationKind({ by: 'demo seed' });
    if (!current) {
      await trx.insertInto('installation').values(decided).onConflict((conflict) => conflict.column('id').doNothing()).execute();
    } else {
      const accounts = await trx.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(accounts.n) > 0) {
        throw new AppError(
          'CONFLICT',
          `本库是正式安装（${current.reason}），已有 ${Number(accounts.n)} 个账户，不能载入演示数据：演示账户的密码是公开的。请另建一个数据目录（或数据库）来演示。`,
          { kind: current.kind, accounts: Number(accounts.n) },
        );
      }
      await trx.updateTable('installation').set({ kind: decided.kind, reason: decided.reason, updated_at: ctx.clock.now() }).execute();
    }
    await appendAuditEvent(trx, ctx.clock, actor, {
      action: current ? 'installation.change_kind' : 'installation.create',
      entityType: 'installation',
      entityId: 'installation',
      before: current ?? null,
      after: decided,
    });
    return { isNew: true };
  });
}
