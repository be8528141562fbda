/**
 * The text encoding of a CSV file. Registers arrive as UTF-8 with a BOM (Excel's "CSV UTF-8"),
 * UTF-8 without one (LibreOffice, scripts), GBK/GB18030 (Excel's plain "CSV" on a Chinese
 * Windows, WPS, older systems' exports) and now and then UTF-16 (Excel's "Unicode text").
 *
 * Detection: a BOM decides; otherwise the whole file is run through a strict UTF-8 decoder,
 * and if any byte sequence is not UTF-8 the file is GB18030 (a superset of GBK and GB2312).
 * Reading the whole file is cheap next to importing it, and looking only at its start would
 * take a file whose first screen is ASCII (codes, digits) for UTF-8 and garble its names.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { invalidInput } from '../../domain/errors.js';

export interface DetectedEncoding {
  /** A name iconv-lite knows ('utf-8', 'gb18030', 'utf-16le' …), or what `--encoding` said. */
  encoding: string;
  /** How it was decided: a byte-order mark, the bytes being valid UTF-8, the GB18030 fallback, or the caller. */
  how: 'bom' | 'utf-8 valid' | 'not utf-8' | 'given';
}

/** What `--encoding` accepts besides iconv-lite's own names: the spellings people use. */
const ALIASES: Readonly<Record<string, string>> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf8-bom': 'utf-8',
  gbk: 'gbk',
  gb2312: 'gbk',
  cp936: 'gbk',
  gb18030: 'gb18030',
  ansi: 'gb18030',
  utf16: 'utf-16le',
  'utf-16': 'utf-16le',
  unicode: 'utf-16le',
};

/** The encoding `--encoding` names, or an invalid-input error (exit 3) naming what is accepted. */
export function encodingFromName(name: string): string {
  const key = name.trim().toLowerCase();
  const known = ALIASES[key] ?? (iconv.encodingExists(key) ? key : undefined);
  if (known === undefined) {
    throw invalidInput({
      code: 'import.encoding',
      field: 'encoding',
      message: {
        zh: `不认识的编码“${name}”：可用 utf-8、gbk、gb18030、utf-16le 等`,
        en: `unknown encoding "${name}": use utf-8, gbk, gb18030, utf-16le or another iconv-lite name`,
      },
    });
  }
  return known;
}

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Whether every byte of the file is valid UTF-8, read as a stream. */
async function isUtf8File(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
    return true;
  } catch (e) {
    if (e instanceof TypeError) return false;
    throw e;
  }
}

/** The encoding of a text file: `given` (from `--encoding`) wins, else detected as above. */
export async function detectEncoding(path: string, given?: string): Promise<DetectedEncoding> {
  if (given !== undefined) return { encoding: encodingFromName(given), how: 'given' };
  const head = await firstBytes(path, 4);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', how: 'bom' };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', how: 'bom' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', how: 'bom' };
  return (await isUtf8File(path))
    ? { encoding: 'utf-8', how: 'utf-8 valid' }
    : { encoding: 'gb18030', how: 'not utf-8' };
}

/**
 * The file's text as a stream of decoded chunks, any byte-order mark removed. UTF-8 goes
 * through the platform decoder (faster); everything else through iconv-lite.
 */
export async function* decodeFile(path: string, encoding: string): AsyncGenerator<string> {
  const chunks = createReadStream(path, { highWaterMark: 1 << 16 });
  if (encoding === 'utf-8') {
    // Not fatal: a file declared UTF-8 by --encoding that is not gets U+FFFD, which the
    // row checks then report where it landed (a name, an ID number).
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of chunks) yield decoder.decode(chunk as Buffer, { stream: true });
    const tail = decoder.decode();
    if (tail) yield tail;
    return;
  }
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  for await (const chunk of chunks) {
    const text = decoder.write(chunk as Buffer);
    if (text) yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}
