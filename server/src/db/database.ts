import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  Kysely,
  PGliteDialect,
  PostgresDialect,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type TransactionSettings,
} from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { AppError } from '../kernel/errors.ts';
import { migrations } from './migrations/index.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
};

// Postgres returns bigint (int8) and numeric as strings by default; our bigints are sequence
// numbers and counts well inside the safe integer range.
pg.types.setTypeParser(20, (value) => Number(value));

/** Opens the database the configuration names: a PostgreSQL server if a URL is given, else embedded PGlite. */
export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir?: string; poolSize?: number }): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  if (!options.dataDir) throw new Error('openDatabase: dataDir or databaseUrl is required');
  return openEmbedded(options.dataDir);
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/** An in-memory PGlite database, for tests. */
export async function openMemoryDatabase(): Promise<Database> {
  const pglite = await PGlite.create();
  const db = new Kysely<DB>({ dialect: serialised(new PGliteDialect({ pglite })) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

async function openEmbedded(dataDir: string): Promise<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = acquireDataDirLock(dataDir);
  try {
    const pglite = await PGlite.create(path.join(dataDir, 'pglite'));
    const db = new Kysely<DB>({ dialect: serialised(new PGliteDialect({ pglite })) });
    return {
      db,
      kind: 'pglite',
      async close() {
        await db.destroy();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/**
 * PGlite is one connection. Kysely's PGlite driver hands that connection to every caller at
 * once, so a query issued while another request's transaction is open would run inside it.
 * This wrapper lends the connection to one caller (one query or one whole transaction) at a time.
 */
function serialised(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => new SerialDriver(dialect.createDriver()),
  };
}

class SerialDriver implements Driver {
  #inner: Driver;
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  init() {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
    return this.#inner.acquireConnection();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(connection);
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.#inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection) {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection) {
    return this.#inner.rollbackTransaction(connection);
  }

  destroy() {
    return this.#inner.destroy();
  }
}

/**
 * An embedded data directory may be opened by one process only: a second PGlite on the same
 * files would corrupt them. The lock file holds the owner's pid; a lock left by a dead process is taken over.
 */
function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'dukao.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const ownerPid = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(ownerPid) && ownerPid > 0 && ownerPid !== process.pid && isProcessAlive(ownerPid)) {
        throw new AppError(
          'DATA_DIR_LOCKED',
          `数据目录 ${dataDir} 正被进程 ${ownerPid}（通常是正在运行的督考服务器）使用。内置数据库同一时间只能由一个进程打开：请先停止服务器再执行此命令，或设置 DATABASE_URL 改用 PostgreSQL 服务器。`,
          { dataDir, ownerPid },
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`无法获取数据目录锁 ${lockPath}`);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Applies every pending migration; forward-only. Returns the names applied. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
