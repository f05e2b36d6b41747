import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
import { from as copyFrom } from 'pg-copy-streams';
import { migrations } from './migrations/index.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/**
 * A single connection used outside Kysely, for bulk paths that need COPY: the registry import.
 * It runs plain SQL strings with $n parameters, and streams rows in PostgreSQL's text COPY format.
 */
export type RawSession = {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  copyIn(table: string, columns: readonly string[], lines: AsyncIterable<string>): Promise<number>;
};

export type Database = {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Lends one connection, exclusively, for the duration of `work`. */
  withRawSession<T>(work: (session: RawSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

// Postgres returns bigint (int8) and numeric as strings by default; our bigints are sequence
// numbers and counts well inside the safe integer range.
pg.types.setTypeParser(20, (value) => Number(value));
// (PGlite gets the same parsers below.)
// A calendar date is a calendar date: keep 'YYYY-MM-DD' rather than a Date at some time zone's midnight.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value) => value);
const INT8_OID = 20;
const pgliteOptions = { parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => Number(value) } };

/** Opens the database the configuration names: a PostgreSQL server if a URL is given, else embedded PGlite. */
export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir?: string; poolSize?: number }): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  if (!options.dataDir) throw new Error('openDatabase: dataDir or databaseUrl is required');
  return openEmbedded(options.dataDir);
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server ends (restart, administrator command) is dropped by the pool and
  // replaced on the next query; without a listener its error would crash the process.
  pool.on('error', (error) => console.warn(`PostgreSQL 空闲连接已断开，将自动重连：${error.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    async withRawSession(work) {
      const client = await pool.connect();
      try {
        return await work({
          query: async (text, params) => (await client.query(text, params)).rows,
          async copyIn(table, columns, lines) {
            const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
            await pipeline(Readable.from(lines), sink);
            return Number(sink.rowCount ?? 0);
          },
        });
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}

/** An in-memory PGlite database, for tests. */
export async function openMemoryDatabase(): Promise<Database> {
  return wrapPGlite(await PGlite.create(pgliteOptions), () => {});
}

async function openEmbedded(dataDir: string): Promise<Database> {
  fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = acquireDataDirLock(dataDir);
  try {
    return wrapPGlite(await PGlite.create(path.join(dataDir, 'pglite'), pgliteOptions), releaseLock);
  } catch (error) {
    releaseLock();
    throw error;
  }
}

// PGlite reads COPY input from a blob; lines are sent in blobs of about this size so memory stays bounded.
const PGLITE_COPY_CHUNK_BYTES = 8 * 1024 * 1024;

function wrapPGlite(pglite: PGlite, releaseLock: () => void): Database {
  const mutex = new Mutex();
  const db = new Kysely<DB>({ dialect: serialised(new PGliteDialect({ pglite }), mutex) });
  return {
    db,
    kind: 'pglite',
    async withRawSession(work) {
      const release = await mutex.acquire();
      try {
        return await work({
          query: async (text, params) => (await pglite.query<never>(text, params)).rows,
          async copyIn(table, columns, lines) {
            let chunk: string[] = [];
            let chunkBytes = 0;
            let count = 0;
            const flush = async () => {
              if (chunk.length === 0) return;
              await pglite.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob(chunk) });
              count += chunk.length;
              chunk = [];
              chunkBytes = 0;
            };
            for await (const line of lines) {
              chunk.push(line);
              chunkBytes += line.length * 3;
              if (chunkBytes >= PGLITE_COPY_CHUNK_BYTES) await flush();
            }
            await flush();
            return count;
          },
        });
      } finally {
        release();
      }
    },
    async close() {
      await db.destroy();
      releaseLock();
    },
  };
}

/** A first-come, first-served lock. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();

  async acquire(): Promise<() => void> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  }
}

/**
 * PGlite is one connection. Kysely's PGlite driver hands that connection to every caller at
 * once, so a query issued while another request's transaction is open would run inside it.
 * This wrapper lends the connection to one caller (one query or one whole transaction) at a time.
 */
function serialised(dialect: Dialect, mutex: Mutex): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => new SerialDriver(dialect.createDriver(), mutex),
  };
}

class SerialDriver implements Driver {
  #inner: Driver;
  #mutex: Mutex;
  #release: (() => void) | undefined;

  constructor(inner: Driver, mutex: Mutex) {
    this.#inner = inner;
    this.#mutex = mutex;
  }

  init() {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.#release = await this.#mutex.acquire();
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

/** Another living process holds the embedded data directory (the database layer's own error; the CLI prints it as it is). */
export class DataDirectoryLockedError extends Error {
  constructor(
    message: string,
    readonly ownerPid: number,
  ) {
    super(message);
    this.name = 'DataDirectoryLockedError';
  }
}

/**
 * An embedded data directory may be opened by one process only: a second PGlite on the same
 * files would corrupt them. The lock file holds the owner's pid; a lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'dukao.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const ownerPid = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(ownerPid) && ownerPid > 0 && ownerPid !== process.pid && isProcessAlive(ownerPid)) {
        throw new DataDirectoryLockedError(
          `数据目录 ${dataDir} 正被进程 ${ownerPid}（通常是正在运行的督考服务器）使用。内置数据库同一时间只能由一个进程打开：请先停止服务器再执行此命令，或设置 DATABASE_URL 改用 PostgreSQL 服务器。`,
          ownerPid,
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
