import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { verifyAuditChain } from '../kernel/audit.ts';
import { AppError } from '../kernel/errors.ts';
import { createPersonalDataCipher } from '../kernel/personal-data.ts';
import { readTar, tarEnd, tarHeader, tarPadding, type TarEntry } from './backup.tar.ts';
import { acquireDataDirLock, openDatabase, type Database } from './database.ts';

/*
 * Backup and restore of the embedded database: one .tar.gz holding a manifest, the PGlite data directory and
 * the personal-data key directory (without the key, 身份证号 cannot be decrypted), and last the SHA-256 of every
 * file. The backup is taken with the database open and idle in this process after a CHECKPOINT — what PGlite's
 * own dumpDataDir does, streamed from disk instead of built in memory — so the data directory is held (its lock
 * file) from the first file to the last. A restore unpacks into a directory beside the data, checks every file's
 * hash, opens the database, verifies the audit chain and decrypts a 身份证号, and only then puts it in place.
 */

const MANIFEST = 'dukao-backup.json';
const CHECKSUMS = 'SHA256SUMS';
/** What of DATA_DIR a backup holds: the database and the key; not the lock file, not uploads in flight. */
const BACKED_UP = ['pglite', 'keys'] as const;
const KEY_FILE = path.join('keys', 'personal-data.key');

export type BackupManifest = {
  format: 'dukao-backup';
  formatVersion: 1;
  createdAt: string;
  appVersion: string;
  dataDir: string;
  /** The PostgreSQL major version of the PGlite files (PG_VERSION). */
  postgresVersion: string | null;
  migrations: string[];
  installation: string | null;
  auditEvents: number;
  auditHead: string | null;
  households: number;
  members: number;
  /** Where 身份证号's key was: the key file under keys/ (in the backup), or DATA_KEY (not in it — keep it apart). */
  keySource: 'key file' | 'DATA_KEY';
  files: number;
  bytes: number;
};

type DatabaseFacts = Pick<BackupManifest, 'migrations' | 'installation' | 'auditEvents' | 'auditHead' | 'households' | 'members'>;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function refuseForPostgres(config: Config, what: 'backup' | 'restore'): void {
  if (!config.databaseUrl) return;
  throw new AppError(
    'BAD_REQUEST',
    what === 'backup'
      ? '已设置 DATABASE_URL：PostgreSQL 服务器上的数据请用 pg_dump 备份（pg_dump -Fc -d "$DATABASE_URL" -f dukao.dump），并另行妥善保管 DATA_KEY——没有它身份证号无法解密。详见 README「数据在哪里、如何备份」。'
      : '已设置 DATABASE_URL：PostgreSQL 服务器上的数据请用 pg_restore 恢复（pg_restore --clean --if-exists -d "$DATABASE_URL" dukao.dump），并以备份时的 DATA_KEY 启动。详见 README「数据在哪里、如何备份」。',
  );
}

/** What the open database holds, read only from the tables its applied migrations created (a backup never migrates). */
async function readDatabaseFacts(database: Database): Promise<DatabaseFacts> {
  const migrations = (await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(database.db)).rows.map((row) => row.name);
  const audit = await sql<{ events: number; head: string | null }>`
    SELECT (SELECT count(*) FROM audit_events)::int AS events, (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1) AS head`.execute(database.db);
  const hasRegistry = migrations.includes('0002_registry');
  const registry = hasRegistry
    ? (await sql<{ households: number; members: number }>`SELECT (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM household_members)::int AS members`.execute(database.db)).rows[0]!
    : { households: 0, members: 0 };
  const installation = migrations.includes('0008_installation_jobs')
    ? ((await sql<{ kind: string }>`SELECT kind FROM installation`.execute(database.db)).rows[0]?.kind ?? null)
    : null;
  return { migrations, installation, auditEvents: audit.rows[0]!.events, auditHead: audit.rows[0]!.head, ...registry };
}

type FileToCopy = { name: string; absolute: string; type: 'file' | 'directory'; size: number; mode: number; mtime: Date };

/** Every directory and file under the backed-up parts of the data directory, parents first, in a stable order. */
function listDataFiles(dataDir: string): FileToCopy[] {
  const found: FileToCopy[] = [];
  const visit = (relative: string) => {
    const absolute = path.join(dataDir, relative);
    const stat = fs.lstatSync(absolute);
    const name = relative.split(path.sep).join('/');
    if (stat.isDirectory()) {
      found.push({ name, absolute, type: 'directory', size: 0, mode: stat.mode, mtime: stat.mtime });
      for (const child of fs.readdirSync(absolute).sort()) visit(path.join(relative, child));
    } else if (stat.isFile()) {
      found.push({ name, absolute, type: 'file', size: stat.size, mode: stat.mode, mtime: stat.mtime });
    } else {
      throw new AppError('BAD_REQUEST', `数据目录中有无法备份的文件类型（不是普通文件或目录）：${absolute}`);
    }
  };
  for (const part of BACKED_UP) if (fs.existsSync(path.join(dataDir, part))) visit(part);
  return found;
}

async function* archiveOf(manifest: BackupManifest, files: FileToCopy[]): AsyncGenerator<Buffer> {
  const text = (name: string, content: string) => {
    const bytes = Buffer.from(content, 'utf8');
    return [tarHeader({ name, type: 'file', size: bytes.length, mode: 0o600, mtime: new Date(manifest.createdAt) }), bytes, tarPadding(bytes.length)];
  };
  yield* text(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  const sums: string[] = [];
  for (const file of files) {
    yield tarHeader(file);
    if (file.type === 'directory') continue;
    const hash = createHash('sha256');
    let copied = 0;
    for await (const chunk of fs.createReadStream(file.absolute) as AsyncIterable<Buffer>) {
      copied += chunk.length;
      if (copied > file.size) break;
      hash.update(chunk);
      yield chunk;
    }
    if (copied !== file.size) throw new AppError('CONFLICT', `备份过程中文件 ${file.name} 被改动（大小由 ${file.size} 变为 ${copied} 字节），备份作废`);
    yield tarPadding(file.size);
    sums.push(`${hash.digest('hex')}  ${file.name}`);
  }
  yield* text(CHECKSUMS, `${sums.join('\n')}\n`);
  yield tarEnd;
}

/**
 * Writes a backup of the embedded data directory (database and key directory) to `file`. Refuses while another
 * process (the server) holds the data directory, and an existing file unless `force`; a failed backup leaves no file.
 */
export async function backupDataDir(config: Config, file: string, options: { force: boolean }): Promise<{ file: string; manifest: BackupManifest; archiveBytes: number }> {
  refuseForPostgres(config, 'backup');
  const target = path.resolve(file);
  if (!fs.existsSync(path.join(config.dataDir, 'pglite'))) {
    throw new AppError('NOT_FOUND', `数据目录 ${config.dataDir} 中没有内置数据库（pglite/），没有可备份的内容`);
  }
  if (fs.existsSync(target) && !options.force) throw new AppError('CONFLICT', `文件 ${target} 已存在；要覆盖它请加 --force`);
  if (target.startsWith(`${config.dataDir}${path.sep}`)) throw new AppError('BAD_REQUEST', `备份文件不能写在数据目录 ${config.dataDir} 之内`);

  // Opening takes the data directory's lock: refused, with the owner's pid, while the server runs.
  const database = await openDatabase({ dataDir: config.dataDir });
  const partial = `${target}.partial`;
  try {
    const facts = await readDatabaseFacts(database);
    await sql`CHECKPOINT`.execute(database.db);
    const files = listDataFiles(config.dataDir);
    const versionFile = path.join(config.dataDir, 'pglite', 'PG_VERSION');
    const manifest: BackupManifest = {
      format: 'dukao-backup',
      formatVersion: 1,
      createdAt: new Date().toISOString(),
      appVersion: config.version,
      dataDir: config.dataDir,
      postgresVersion: fs.existsSync(versionFile) ? fs.readFileSync(versionFile, 'utf8').trim() : null,
      ...facts,
      keySource: config.dataKey ? 'DATA_KEY' : 'key file',
      files: files.filter((entry) => entry.type === 'file').length,
      bytes: files.reduce((sum, entry) => sum + entry.size, 0),
    };
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await pipeline(Readable.from(archiveOf(manifest, files)), zlib.createGzip({ level: 6 }), fs.createWriteStream(partial, { mode: 0o600 }));
    fs.renameSync(partial, target);
    return { file: target, manifest, archiveBytes: fs.statSync(target).size };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    await database.close();
  }
}

/** What a backup wrote, for the terminal. */
export function describeBackup(backup: { file: string; manifest: BackupManifest; archiveBytes: number }): string[] {
  const { manifest } = backup;
  return [
    `已写出备份 ${backup.file}（${megabytes(backup.archiveBytes)}，压缩前 ${megabytes(manifest.bytes)}）：`,
    `  内置数据库 pglite/（PostgreSQL ${manifest.postgresVersion ?? '?'}，${manifest.files} 个文件）和密钥目录 keys/，取自 ${manifest.dataDir}`,
    `  数据库结构 ${manifest.migrations.at(-1) ?? '（未迁移）'}；安装类型 ${manifest.installation ?? '（未登记）'}；建档立卡 ${manifest.households} 户、${manifest.members} 人`,
    `  审计链 ${manifest.auditEvents} 个事件，最新事件哈希 ${manifest.auditHead ?? '（无）'}`,
    manifest.keySource === 'DATA_KEY'
      ? '  注意：身份证号的密钥来自环境变量 DATA_KEY，不在备份中——请把 DATA_KEY 与备份分开、妥善保管，恢复后以同一 DATA_KEY 运行。'
      : '  身份证号的密钥文件 keys/personal-data.key 在备份中：此文件与数据同等机密，请妥善保管。',
  ];
}

export type RestoreReport = {
  file: string;
  dataDir: string;
  manifest: BackupManifest;
  replaced: string[];
  auditChecked: number;
  auditHead: string | null;
  idNumberCheck: 'decrypted' | 'none stored';
};

const isPathInside = (name: string) =>
  BACKED_UP.some((part) => name === part || name.startsWith(`${part}/`)) && !name.split('/').some((segment) => segment === '..' || segment === '' || segment === '.');

/** Unpacks a backup into `into`, checking each file against the archive's SHA-256 list; returns its manifest. */
async function unpackBackup(file: string, into: string): Promise<BackupManifest> {
  // Filled in as the entries come.
  const read: { manifest: BackupManifest | null; listed: Map<string, string> | null } = { manifest: null, listed: null };
  const computed = new Map<string, string>();
  const source = fs.createReadStream(file).pipe(zlib.createGunzip()) as AsyncIterable<Buffer>;
  await readTar(source, async (entry: TarEntry, content) => {
    if (!read.manifest) {
      if (entry.name !== MANIFEST) throw new AppError('BAD_REQUEST', `${file} 不是督考的备份文件（第一项应为 ${MANIFEST}）`);
      let text = '';
      for await (const chunk of content) text += chunk.toString('utf8');
      const parsed = JSON.parse(text) as BackupManifest;
      if (parsed.format !== 'dukao-backup' || parsed.formatVersion !== 1) throw new AppError('BAD_REQUEST', `${file} 的备份格式无法识别（${String(parsed.format)} ${String(parsed.formatVersion)}）`);
      read.manifest = parsed;
      return;
    }
    if (entry.name === CHECKSUMS) {
      let text = '';
      for await (const chunk of content) text += chunk.toString('utf8');
      read.listed = new Map(
        text
          .split('\n')
          .filter(Boolean)
          .map((line) => [line.slice(66), line.slice(0, 64)] as const),
      );
      return;
    }
    if (!isPathInside(entry.name)) throw new AppError('BAD_REQUEST', `备份中有不应出现的路径：${entry.name}`);
    const destination = path.join(into, ...entry.name.split('/'));
    if (entry.type === 'directory') {
      fs.mkdirSync(destination, { recursive: true, mode: entry.mode & 0o777 });
      return;
    }
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    const hash = createHash('sha256');
    await pipeline(
      content,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          yield chunk;
        }
      },
      fs.createWriteStream(destination, { mode: entry.mode & 0o777 }),
    );
    computed.set(entry.name, hash.digest('hex'));
  });
  const { manifest: found, listed: sums } = read;
  if (!found || !sums) throw new AppError('BAD_REQUEST', `${file} 不完整（缺少清单或校验和），可能在写出时中断`);
  const mismatched = [...computed].filter(([name, hash]) => sums.get(name) !== hash).map(([name]) => name);
  if (mismatched.length > 0 || sums.size !== computed.size || computed.size !== found.files) {
    throw new AppError('BAD_REQUEST', `${file} 已损坏：${mismatched.length > 0 ? `${mismatched.slice(0, 3).join('、')} 等 ${mismatched.length} 个文件的校验和不符` : `文件数与清单不符（清单 ${found.files} 个，实有 ${computed.size} 个）`}`);
  }
  return found;
}

/**
 * Restores a backup into the embedded data directory. Refuses while another process holds the directory, and a
 * directory that holds a database or key unless `force`; the current data is replaced only after the restored copy
 * has opened, passed the audit chain check (same count and head as at backup time) and decrypted a 身份证号.
 */
export async function restoreDataDir(config: Config, file: string, options: { force: boolean }): Promise<RestoreReport> {
  refuseForPostgres(config, 'restore');
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new AppError('NOT_FOUND', `备份文件 ${source} 不存在`);
  const isCreatedHere = !fs.existsSync(config.dataDir);
  fs.mkdirSync(config.dataDir, { recursive: true });
  const releaseLock = acquireDataDirLock(config.dataDir);
  const staging = path.join(config.dataDir, `.restore-${process.pid}`);
  let isRestored = false;
  try {
    // Left by an earlier restore that did not finish (the lock says it is not running).
    for (const entry of fs.readdirSync(config.dataDir)) {
      if (entry.startsWith('.restore-')) fs.rmSync(path.join(config.dataDir, entry), { recursive: true, force: true });
    }
    const present = fs.readdirSync(config.dataDir).filter((entry) => entry !== 'dukao.lock');
    if (present.length > 0 && !options.force) {
      throw new AppError(
        'CONFLICT',
        `数据目录 ${config.dataDir} 不是空的（有 ${present.join('、')}）：恢复会替换其中的数据库和密钥。确认要替换请加 --force，或改用空的 DATA_DIR。`,
      );
    }
    fs.mkdirSync(staging, { mode: 0o700 });
    const manifest = await unpackBackup(source, staging).catch((error: unknown) => {
      if (error instanceof AppError) throw error;
      // zlib and tar speak English: say what it means.
      throw new AppError('BAD_REQUEST', `${source} 无法读取：不是督考的备份文件，或文件已损坏（${error instanceof Error ? error.message : String(error)}）。数据目录未作改动。`);
    });
    const checked = await checkRestoredCopy(config, staging, manifest);

    // Into place: the old parts aside first, so that a failure on the way puts them back. A part the backup does not
    // hold (keys/, when the key was DATA_KEY) stays as it is.
    const restored = BACKED_UP.filter((part) => fs.existsSync(path.join(staging, part)));
    const replaced = restored.filter((part) => fs.existsSync(path.join(config.dataDir, part)));
    const aside = path.join(staging, 'replaced');
    fs.mkdirSync(aside);
    for (const part of replaced) fs.renameSync(path.join(config.dataDir, part), path.join(aside, part));
    try {
      for (const part of restored) fs.renameSync(path.join(staging, part), path.join(config.dataDir, part));
    } catch (error) {
      for (const part of restored) fs.rmSync(path.join(config.dataDir, part), { recursive: true, force: true });
      for (const part of replaced) fs.renameSync(path.join(aside, part), path.join(config.dataDir, part));
      throw error;
    }
    // Uploads of imports that ran against the replaced database mean nothing now.
    fs.rmSync(path.join(config.dataDir, 'uploads'), { recursive: true, force: true });
    isRestored = true;
    return { file: source, dataDir: config.dataDir, manifest, replaced: [...replaced], ...checked };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    releaseLock();
    // A failed restore leaves no empty data directory behind (the server would take it for an existing installation).
    if (!isRestored && isCreatedHere) fs.rmSync(config.dataDir, { recursive: true, force: true });
  }
}

/** Opens the unpacked copy and checks it against the manifest: the audit chain, and that the key decrypts a 身份证号. */
async function checkRestoredCopy(config: Config, staging: string, manifest: BackupManifest): Promise<Pick<RestoreReport, 'auditChecked' | 'auditHead' | 'idNumberCheck'>> {
  let database: Database;
  try {
    database = await openDatabase({ dataDir: staging });
  } catch (error) {
    throw new AppError(
      'BAD_REQUEST',
      `备份中的数据库无法打开（备份来自 PostgreSQL ${manifest.postgresVersion ?? '?'}、督考 ${manifest.appVersion}）：${error instanceof Error ? error.message : String(error)}。数据目录未作改动。`,
    );
  }
  try {
    const facts = await readDatabaseFacts(database);
    const chain = await verifyAuditChain(database.db);
    if (!chain.ok) throw new AppError('BAD_REQUEST', `备份中的审计链不完整：第 ${chain.firstBroken?.seq} 号事件异常——${chain.firstBroken?.reason}。数据目录未作改动。`);
    if (facts.auditEvents !== manifest.auditEvents || facts.auditHead !== manifest.auditHead) {
      throw new AppError('BAD_REQUEST', `恢复出的审计链（${facts.auditEvents} 个事件）与备份时（${manifest.auditEvents} 个事件）不符。数据目录未作改动。`);
    }
    const sample = await sql<{ id_cipher: string }>`SELECT id_cipher FROM household_members LIMIT 1`.execute(database.db);
    const cipherText = sample.rows[0]?.id_cipher;
    if (cipherText === undefined) return { auditChecked: chain.checked, auditHead: facts.auditHead, idNumberCheck: 'none stored' };
    const keyFile = path.join(staging, KEY_FILE);
    const key = config.dataKey ?? (fs.existsSync(keyFile) ? fs.readFileSync(keyFile, 'utf8').trim() : null);
    if (!key) {
      throw new AppError('BAD_REQUEST', '备份中没有密钥文件（备份时密钥来自 DATA_KEY），也没有设置 DATA_KEY：恢复后身份证号将无法解密。请以备份时的 DATA_KEY 运行恢复。数据目录未作改动。');
    }
    try {
      createPersonalDataCipher(Buffer.from(key, 'base64')).decrypt(cipherText);
    } catch {
      throw new AppError(
        'BAD_REQUEST',
        `${config.dataKey ? '设置的 DATA_KEY ' : '备份中的密钥文件'}解不开备份中的身份证号：密钥与数据不是一套。${config.dataKey ? '请改用备份时的 DATA_KEY。' : ''}数据目录未作改动。`,
      );
    }
    return { auditChecked: chain.checked, auditHead: facts.auditHead, idNumberCheck: 'decrypted' };
  } finally {
    await database.close();
  }
}

/** What a restore read and checked, for the terminal. */
export function describeRestore(report: RestoreReport): string[] {
  const { manifest } = report;
  return [
    `已从 ${report.file} 恢复到 ${report.dataDir}${report.replaced.length > 0 ? `（替换了原有的 ${report.replaced.join('、')}）` : ''}：`,
    `  备份于 ${manifest.createdAt}，取自 ${manifest.dataDir}；内置数据库 ${manifest.files} 个文件（${megabytes(manifest.bytes)}），校验和全部相符`,
    `  数据库结构 ${manifest.migrations.at(-1) ?? '（未迁移）'}；安装类型 ${manifest.installation ?? '（未登记）'}；建档立卡 ${manifest.households} 户、${manifest.members} 人`,
    `  审计链完整：${report.auditChecked} 个事件，最新事件哈希 ${report.auditHead ?? '（无）'}，与备份时一致`,
    report.idNumberCheck === 'decrypted' ? '  身份证号可以解密（密钥与数据是一套）' : '  库中没有加密的身份证号',
  ];
}
