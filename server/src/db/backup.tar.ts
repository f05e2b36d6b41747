// The POSIX ustar format, just what a backup needs: regular files and directories, written and read as streams,
// so that a data directory of any size passes through in constant memory and `tar tzf` can list a backup.

const BLOCK = 512;
// An ustar size field holds 11 octal digits.
const MAX_ENTRY_BYTES = 8 ** 11 - 1;

export type TarEntry = { name: string; type: 'file' | 'directory'; size: number; mode: number; mtime: Date };

function writeString(header: Buffer, value: string, offset: number, length: number): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new Error(`tar: "${value}" is longer than ${length} bytes`);
  bytes.copy(header, offset);
}

function writeOctal(header: Buffer, value: number, offset: number, length: number): void {
  writeString(header, `${Math.floor(value).toString(8).padStart(length - 1, '0')}\0`, offset, length);
}

/** The 512-byte header of one entry; long paths are split into the ustar prefix and name. */
export function tarHeader(entry: TarEntry): Buffer {
  if (entry.size > MAX_ENTRY_BYTES) throw new Error(`tar: ${entry.name} is larger than 8 GiB`);
  const header = Buffer.alloc(BLOCK);
  const name = entry.type === 'directory' && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name;
  let prefix = '';
  let rest = name;
  if (Buffer.byteLength(name) > 100) {
    let split = name.lastIndexOf('/', name.length - 2);
    while (split > 0 && (Buffer.byteLength(name.slice(0, split)) > 155 || Buffer.byteLength(name.slice(split + 1)) > 100)) split = name.lastIndexOf('/', split - 1);
    if (split <= 0) throw new Error(`tar: the path ${name} is too long`);
    prefix = name.slice(0, split);
    rest = name.slice(split + 1);
  }
  writeString(header, rest, 0, 100);
  writeOctal(header, entry.mode & 0o7777, 100, 8);
  writeOctal(header, 0, 108, 8);
  writeOctal(header, 0, 116, 8);
  writeOctal(header, entry.type === 'file' ? entry.size : 0, 124, 12);
  writeOctal(header, entry.mtime.getTime() / 1000, 136, 12);
  header.fill(' ', 148, 156);
  header.write(entry.type === 'file' ? '0' : '5', 156, 'latin1');
  writeString(header, 'ustar\0', 257, 6);
  writeString(header, '00', 263, 2);
  writeString(header, prefix, 345, 155);
  let checksum = 0;
  for (const byte of header) checksum += byte;
  writeString(header, `${checksum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return header;
}

/** Zero bytes that bring an entry of this size to a whole block. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** The end of an archive: two zero blocks. */
export const tarEnd = Buffer.alloc(BLOCK * 2);

function readString(header: Buffer, offset: number, length: number): string {
  const field = header.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function readOctal(header: Buffer, offset: number, length: number): number {
  const text = readString(header, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** Exactly-sized reads over a stream of chunks. */
class ByteReader {
  #chunks: AsyncIterator<Buffer>;
  #pending: Buffer = Buffer.alloc(0);

  constructor(source: AsyncIterable<Buffer>) {
    this.#chunks = source[Symbol.asyncIterator]();
  }

  /** Up to `limit` bytes, whatever is at hand first; an empty buffer at the end of the stream. */
  async readSome(limit: number): Promise<Buffer> {
    if (this.#pending.length === 0) {
      const next = await this.#chunks.next();
      if (next.done) return Buffer.alloc(0);
      this.#pending = next.value;
    }
    const taken = this.#pending.subarray(0, limit);
    this.#pending = this.#pending.subarray(taken.length);
    return taken;
  }

  async readExactly(size: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let total = 0;
    while (total < size) {
      const part = await this.readSome(size - total);
      if (part.length === 0) throw new Error('tar: the archive ends in the middle of an entry');
      parts.push(part);
      total += part.length;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
  }
}

/**
 * Reads an archive entry by entry: for each, `onEntry` receives the entry and its content as chunks
 * (which it must consume before returning). Refuses anything that is not a plain file or directory.
 */
export async function readTar(source: AsyncIterable<Buffer>, onEntry: (entry: TarEntry, content: AsyncIterable<Buffer>) => Promise<void>): Promise<void> {
  const reader = new ByteReader(source);
  for (;;) {
    const header = await reader.readExactly(BLOCK);
    if (header.every((byte) => byte === 0)) return;
    let stored = 0;
    for (const [index, byte] of header.entries()) stored += index >= 148 && index < 156 ? 32 : byte;
    if (stored !== readOctal(header, 148, 8) || readString(header, 257, 6) !== 'ustar') throw new Error('tar: not a ustar archive, or a damaged header');
    const type = String.fromCharCode(header[156]!);
    if (type !== '0' && type !== '\0' && type !== '5') throw new Error(`tar: entry type ${type} is not supported`);
    const prefix = readString(header, 345, 155);
    const base = readString(header, 0, 100);
    const name = (prefix ? `${prefix}/${base}` : base).replace(/\/$/, '');
    const size = type === '5' ? 0 : readOctal(header, 124, 12);
    const entry: TarEntry = { name, type: type === '5' ? 'directory' : 'file', size, mode: readOctal(header, 100, 8), mtime: new Date(readOctal(header, 136, 12) * 1000) };
    let remaining = size;
    const content = (async function* () {
      while (remaining > 0) {
        const part = await reader.readSome(Math.min(remaining, 1024 * 1024));
        if (part.length === 0) throw new Error('tar: the archive ends in the middle of an entry');
        remaining -= part.length;
        yield part;
      }
    })();
    await onEntry(entry, content);
    // Whatever the handler left unread is skipped.
    while (remaining > 0) {
      const part = await reader.readSome(Math.min(remaining, 1024 * 1024));
      if (part.length === 0) throw new Error('tar: the archive ends in the middle of an entry');
      remaining -= part.length;
    }
    const padding = tarPadding(size).length;
    if (padding > 0) await reader.readExactly(padding);
  }
}
