/**
 * Rows of a spreadsheet file, streamed: CSV (any encoding, see encoding.ts) or xlsx (read with
 * exceljs's streaming reader, so a million-row workbook is never held in memory). Every cell
 * comes out as text, the way the sheet shows it: a date cell as YYYY-MM-DD, a number without
 * a float's noise. Title rows and headers are the caller's business (headers.ts): this only
 * reads.
 *
 * The format is told by the file's first bytes, not its name: a workbook saved as ".csv" by
 * a well-meaning colleague is still a workbook.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { invalidInput } from '../../domain/errors.js';
import { CsvRecords, sniffDelimiter } from './csvRecords.js';
import { decodeFile, detectEncoding } from './encoding.js';
import { SharedStrings } from './sharedStrings.js';

export interface TableRow {
  /** The row number as the spreadsheet shows it (1-based; a CSV's record number). */
  n: number;
  cells: string[];
  /**
   * Columns (0-based) whose cell held a number too long to be exact: an 18-digit ID number
   * typed into a number cell has already lost its last digits.
   */
  imprecise?: number[];
}

export interface TableSheet {
  name: string;
  /**
   * The rows in batches of a few hundred to a few thousand (one promise per row would cost more
   * than the import's checks). Read each sheet to the end, or leave it, before the next one.
   */
  rows: AsyncIterable<TableRow[]>;
}

export interface OpenedTable {
  format: 'csv' | 'xlsx';
  /** The text encoding of a CSV file (detected or given). */
  encoding?: string;
  sheets: AsyncIterable<TableSheet>;
}

export interface TableOptions {
  /** `--encoding`: overrides detection (CSV only). */
  encoding?: string;
}

const unreadable = (file: string, zh: string, en: string) =>
  invalidInput({ code: 'import.unreadable', file: basename(file), message: { zh, en } });

async function magic(path: string): Promise<Buffer> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw invalidInput({
      code: 'import.file',
      file: basename(path),
      field: 'file',
      message:
        code === 'ENOENT'
          ? { zh: `文件不存在：${path}`, en: `no such file: ${path}` }
          : { zh: `无法打开文件 ${path}：${code ?? ''}`, en: `cannot open ${path}: ${code ?? ''}` },
    });
  }
  try {
    const buf = Buffer.alloc(8);
    const { bytesRead } = await fh.read(buf, 0, 8, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Opens a register file for reading; throws invalid input (exit 3) when it cannot be read. */
export async function openTable(path: string, options: TableOptions = {}): Promise<OpenedTable> {
  const head = await magic(path);
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) {
    return { format: 'xlsx', sheets: xlsxSheets(path) };
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) {
    throw unreadable(
      path,
      '这是旧版 Excel 97-2003（.xls）文件：请用 Excel、WPS 或 LibreOffice 另存为 .xlsx 或 CSV 后再导入',
      'this is an Excel 97-2003 (.xls) file: save it as .xlsx or CSV (Excel, WPS or LibreOffice) and import that',
    );
  }
  const { encoding } = await detectEncoding(path, options.encoding);
  return { format: 'csv', encoding, sheets: csvSheets(path, encoding) };
}

async function* csvSheets(path: string, encoding: string): AsyncGenerator<TableSheet> {
  yield { name: basename(path).replace(/\.[^.]*$/, ''), rows: readingErrors(path, csvRows(path, encoding)) };
}

async function* csvRows(path: string, encoding: string): AsyncGenerator<TableRow[]> {
  let parser: CsvRecords | undefined;
  let n = 0;
  // Set by the first chunk with a NUL: only such files pay for looking at every cell.
  let nul = false;
  for await (const text of decodeFile(path, encoding)) {
    parser ??= new CsvRecords(sniffDelimiter(text.slice(0, 65536)));
    nul ||= text.includes('\u0000');
    const batch = parser.feed(text.replace(INVISIBLE, '')).map((cells) => ({ n: ++n, cells }));
    if (nul) refuseNul(path, batch);
    if (batch.length > 0) yield batch;
  }
  const last = (parser?.end() ?? []).map((cells) => ({ n: ++n, cells }));
  if (nul) refuseNul(path, last);
  if (last.length > 0) yield last;
}

/**
 * Control characters (C0 but tab and line ends, DEL, C1) and the two noncharacters: invisible,
 * meaningless in a register, and not allowed in an xlsx file (exceljs drops them). Removed
 * as the cells are read: a grid named by one was created, and the ledger workbook exported for
 * its village came out with a sheet without a name, which Excel refuses. A NUL is refused.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const INVISIBLE = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;
// eslint-disable-next-line no-control-regex -- the same
const HAS_INVISIBLE = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/;

/**
 * A NUL (U+0000) in a cell: no register means one, PostgreSQL cannot store it (the load failed
 * with a database error there, while SQLite stored it), and the API refuses it in any request.
 * Most often the file is UTF-16 without its byte-order mark, read as 8-bit text; so the file is
 * refused, naming the row, rather than the row being reported as if one cell were mistyped.
 */
function refuseNul(path: string, rows: readonly TableRow[]): void {
  for (const row of rows) {
    if (!row.cells.some((c) => c.includes('\u0000'))) continue;
    throw invalidInput({
      code: 'import.nul',
      file: basename(path),
      row: row.n,
      message: {
        zh: `第${row.n}行含有空字符（U+0000）：文件可能是没有 BOM 的 UTF-16 文本（可用 --encoding utf-16le 指定），或不是表格文件`,
        en: `row ${row.n} contains a NUL character (U+0000): the file may be UTF-16 text without its byte-order mark (say --encoding utf-16le), or not a table at all`,
      },
    });
  }
}

/**
 * exceljs's streaming reader, driven through its `parse()` events: shared strings arrive one
 * by one ('emit') into a compact store instead of exceljs's array of strings, and a worksheet's
 * rows come a parsed chunk of XML at a time (its row iterator costs a promise per row). With
 * shared strings emitted, exceljs parks each worksheet in a temporary file and parses it once
 * the strings are all in.
 */
interface WorksheetEvents {
  name: string;
  state?: string;
  /** The sheet's XML, as exceljs reads it back from its temporary file. */
  iterator?: { on?(event: 'error', listener: (e: unknown) => void): unknown; destroy?(): void };
  parse(): AsyncIterable<{ eventType: string; value: unknown }[]>;
}

type WorkbookEvent = { eventType: 'worksheet'; value: WorksheetEvents } | { index: number; text: unknown };

/**
 * The file as exceljs's input, and a promise that fails when the unzipping does. exceljs hangs
 * on a workbook whose compressed data is damaged (a bit flipped, a download cut and patched):
 * the unzipper reports the error on its own stream, which nothing awaits while exceljs waits
 * forever for the broken entry to end, inside the import's transaction. That stream is the
 * one this file stream is piped into; every step of the reading races its failure.
 */
function watchedInput(path: string): { input: ReadStream; failed: Promise<never>; fail(e: unknown): void } {
  const input = createReadStream(path);
  let fail: (e: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined);
  input.on('error', fail);
  const pipe = input.pipe.bind(input);
  input.pipe = ((dest: NodeJS.WritableStream, options?: { end?: boolean }) => {
    dest.on('error', fail);
    holdEndUntilRead(dest);
    return pipe(dest, options);
  }) as typeof input.pipe;
  return { input, failed, fail };
}

/**
 * The unzipper announces 'end' as soon as the whole file has been written into it, while
 * entries may still wait in its buffer or be parsed; exceljs takes that 'end' for the last
 * entry and drops the rest. A workbook whose workbook.xml comes after its sheets (the order
 * exceljs itself writes) was refused as damaged from its fifth sheet on, and under load with
 * fewer. Only the real end gets through: the zip's directory read and every entry taken.
 */
function holdEndUntilRead(zip: NodeJS.WritableStream): void {
  const s = zip as unknown as {
    emit(event: string | symbol, ...args: unknown[]): boolean;
    _readableState?: { ended?: boolean; length?: number };
  };
  const state = s._readableState;
  if (state === undefined) return;
  const emit = s.emit.bind(s);
  s.emit = (event, ...args) =>
    event === 'end' && !(state.ended === true && state.length === 0) ? false : emit(event, ...args);
}

/**
 * `source`, ending with `failed`'s error as soon as it fails, even while `source` is stuck.
 * One listener on `failed` for the whole reading, not a Promise.race per step: every race adds
 * a reaction to a promise that never settles, and a million-row sheet's events then held
 * millions of them until the heap ran out.
 */
async function* racing<T>(source: AsyncIterable<T>, failed: Promise<never>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let failure: { error: unknown } | undefined;
  let wake: ((e: unknown) => void) | undefined;
  failed.catch((error: unknown) => {
    failure = { error };
    wake?.(error);
  });
  try {
    for (;;) {
      if (failure) throw failure.error;
      const next = await new Promise<IteratorResult<T>>((resolve, reject) => {
        wake = reject;
        it.next().then(resolve, reject);
      });
      wake = undefined;
      if (next.done) return;
      yield next.value;
    }
  } finally {
    wake = undefined;
    // A stuck iterator's return() would wait for it forever.
    if (!failure) await it.return?.();
  }
}

async function* xlsxSheets(path: string): AsyncGenerator<TableSheet> {
  const { input, failed, fail } = watchedInput(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'emit',
    // Styles tell a date cell from a number cell; they are small.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const strings = new SharedStrings();
  const events = racing((reader as unknown as { parse(): AsyncIterable<WorkbookEvent> }).parse(), failed);
  try {
    for await (const event of events) {
      if ('index' in event) {
        strings.add(cellText(event.text));
        continue;
      }
      if (event.eventType !== 'worksheet') continue;
      const ws = event.value;
      // exceljs removes a sheet's temporary file when asked for the next one: read or not, a
      // sheet's stream must not fail unheard (an 'error' event without a listener ends the
      // process), so its errors join the reading's.
      ws.iterator?.on?.('error', fail);
      // A hidden sheet is a lookup list or a template's scratch, not a register anyone reads.
      if (ws.state === 'hidden' || ws.state === 'veryHidden') {
        ws.iterator?.destroy?.();
        continue;
      }
      yield { name: ws.name, rows: readingErrors(path, xlsxRows(path, ws, strings, failed)) };
    }
  } catch (e) {
    throw asUnreadable(path, e);
  } finally {
    input.destroy();
  }
}

/** Whatever goes wrong while reading (a truncated zip, a folder given as a file) is "cannot read". */
function asUnreadable(path: string, e: unknown): Error {
  if (e instanceof Error && e.name === 'GridvaxError') return e;
  // exceljs meets a malformed workbook (a cell without its address, a missing part) with its own
  // TypeErrors: "Cannot read properties of undefined" would tell a county clerk nothing.
  if (e instanceof TypeError || e instanceof RangeError) {
    return unreadable(
      path,
      '文件已损坏，或不是 Excel、WPS 保存的 xlsx 工作簿',
      'the file is damaged, or not an xlsx workbook as Excel or WPS save it',
    );
  }
  const why = e instanceof Error ? e.message : String(e);
  return unreadable(path, `无法读取文件：${why}`, `cannot read the file: ${why}`);
}

async function* readingErrors<T>(path: string, rows: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* rows;
  } catch (e) {
    throw asUnreadable(path, e);
  }
}

async function* xlsxRows(
  path: string,
  ws: WorksheetEvents,
  strings: SharedStrings,
  failed: Promise<never>,
): AsyncGenerator<TableRow[]> {
  for await (const events of racing(ws.parse(), failed)) {
    const batch: TableRow[] = [];
    for (const { eventType, value } of events) {
      if (eventType !== 'row') continue;
      const row = value as ExcelJS.Row;
      const values = row.values as unknown[];
      const cells: string[] = [];
      let imprecise: number[] | undefined;
      // exceljs numbers columns from 1; values[0] is always empty.
      for (let c = 1; c < values.length; c++) {
        let v = values[c];
        if (typeof v === 'object' && v !== null && 'sharedString' in v) {
          v = strings.get((v as { sharedString: number }).sharedString);
        }
        if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) {
          (imprecise ??= []).push(c - 1);
        }
        const text = cellText(v);
        cells.push(HAS_INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text);
      }
      batch.push(imprecise ? { n: row.number, cells, imprecise } : { n: row.number, cells });
    }
    // XML cannot hold a NUL, but a string's _x0000_ escape makes one.
    refuseNul(path, batch);
    if (batch.length > 0) yield batch;
  }
}

/** A cell's value as the sheet shows it. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return Number.isSafeInteger(v) ? String(v) : BigInt(v).toString();
    // 12.300000000000001 is what a float says, 12.3 is what the cell shows.
    return String(Number(v.toPrecision(15)));
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o['richText'])) {
      return (o['richText'] as { text?: string }[]).map((r) => r.text ?? '').join('');
    }
    if ('result' in o) return cellText(o['result']);
    if ('formula' in o || 'sharedFormula' in o) return '';
    if (typeof o['text'] === 'string') return o['text'];
    if (typeof o['error'] === 'string') return o['error'];
  }
  return String(v);
}
