import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';

export type TextEncoding = 'utf8' | 'gb18030';

/**
 * Guesses the encoding of a file's first bytes: UTF-8 if they decode as UTF-8 (a BOM settles it),
 * otherwise GB18030 — a superset of GBK, which is what Chinese Excel writes for "CSV".
 */
export function detectEncoding(head: Buffer): TextEncoding {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  // A multi-byte character may be cut at the end of the sample; leave its bytes out.
  let end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back += 1) {
    const byte = head[end - back]!;
    if ((byte & 0xc0) === 0xc0) {
      end -= back;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

/** Reads the stream's first chunk, to detect its encoding, and gives back a stream that still starts at byte 0. */
async function* withEncoding(
  stream: Readable,
  encoding: TextEncoding | 'auto',
  onEncoding: ((encoding: TextEncoding) => void) | undefined,
): AsyncGenerator<string, void, undefined> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await iterator.next();
  if (first.done) return;
  const chosen = encoding === 'auto' ? detectEncoding(first.value) : encoding;
  onEncoding?.(chosen);
  const decoder = iconv.getDecoder(chosen === 'utf8' ? 'utf8' : 'gb18030');
  const firstText = decoder.write(first.value);
  if (firstText) yield firstText;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    const text = decoder.write(next.value);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LINE_FEED = 0x0a;

/**
 * Parses CSV records from a byte stream as they arrive (quoted fields may hold commas, quotes and
 * line breaks); memory holds one chunk and one record, whatever the file size. Runs of ordinary
 * characters are sliced out of the chunk whole rather than added one character at a time.
 */
export async function* readCsvRecords(
  stream: Readable,
  encoding: TextEncoding | 'auto',
  onEncoding?: (encoding: TextEncoding) => void,
): AsyncGenerator<string[], void, undefined> {
  let record: string[] = [];
  let cell = '';
  let isQuoted = false;
  let pendingQuote = false;
  let isFirstText = true;
  for await (let text of withEncoding(stream, encoding, onEncoding)) {
    if (isFirstText) {
      isFirstText = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const length = text.length;
    let index = 0;
    while (index < length) {
      if (pendingQuote) {
        pendingQuote = false;
        if (text.charCodeAt(index) === QUOTE) {
          cell += '"';
          index += 1;
          continue;
        }
        isQuoted = false;
      }
      if (isQuoted) {
        // Everything up to the next quote belongs to the cell; that quote closes it or escapes a quote.
        const quote = text.indexOf('"', index);
        if (quote === -1) {
          cell += text.slice(index);
          index = length;
        } else {
          cell += text.slice(index, quote);
          pendingQuote = true;
          index = quote + 1;
        }
        continue;
      }
      let end = index;
      while (end < length) {
        const code = text.charCodeAt(end);
        if (code === COMMA || code === LINE_FEED || code === QUOTE) break;
        end += 1;
      }
      if (end > index) {
        cell += text.slice(index, end);
        index = end;
        if (index === length) break;
      }
      const code = text.charCodeAt(index);
      index += 1;
      if (code === QUOTE) {
        if (cell === '') isQuoted = true;
        else cell += '"';
      } else if (code === COMMA) {
        record.push(cell);
        cell = '';
      } else {
        record.push(cell.endsWith('\r') ? cell.slice(0, -1) : cell);
        cell = '';
        if (!(record.length === 1 && record[0] === '')) yield record;
        record = [];
      }
    }
  }
  if (cell !== '' || record.length > 0) {
    record.push(cell.endsWith('\r') ? cell.slice(0, -1) : cell);
    if (!(record.length === 1 && record[0] === '')) yield record;
  }
}
