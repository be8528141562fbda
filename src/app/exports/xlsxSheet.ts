/**
 * Writing ledger workbooks as a stream (ExcelJS's streaming writer): each row goes to the zip
 * as it is committed, so a township's ledgers never sit in memory as a whole. The writer zips
 * one sheet at a time, which is why a sheet is written to its end before the next is opened.
 *
 * Every sheet has the shape a village office prints and files: a merged title row (unit,
 * campaign), a subtitle row (date, masking), then the Chinese header row, frozen and filtered.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface Column {
  header: string;
  /** In Excel's character widths; a CJK character takes two. */
  width: number;
}

export type CellValue = string | number | null;

/** Rows above the header: the title and the subtitle. */
export const HEADER_ROW = 3;

const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A streaming workbook writing to `out`. Shared strings stay off: they would hold every text. */
export function workbookWriter(out: Writable): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'gridvax';
  return wb;
}

/**
 * A sheet name Excel accepts (≤ 31 characters, none of \ / ? * [ ] :, not beginning or ending
 * with an apostrophe: a grid an import named '三组' made a workbook Excel refuses) and not yet taken.
 */
export function uniqueSheetName(taken: Set<string>, wanted: string): string {
  const base =
    wanted
      .replace(/[\\/?*[\]:]/g, '_')
      .slice(0, 31)
      .replace(/^'+|'+$/g, '') || '台账';
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base.slice(0, 27)}(${i})`;
  taken.add(name);
  return name;
}

/**
 * Whether a writable is over its buffer. The zip's streams come from the `readable-stream`
 * package (archiver's), whose old version has no `writableNeedDrain`: its state says it.
 */
function needsDrain(w: Writable): boolean {
  return (
    w.writableNeedDrain ??
    (w as unknown as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain === true
  );
}

/** Resolves on the stream's next 'drain' (or its close: nothing will drain then). */
function untilDrained(w: Writable): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      w.off('drain', done);
      w.off('close', done);
      resolve();
    };
    w.on('drain', done);
    w.on('close', done);
  });
}

/**
 * Waits while `out` holds more than its buffer: called between pages, it keeps a slow reader
 * (a download over a poor line) from making the export pile rows up in memory.
 */
export async function drained(out: Writable): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed) await untilDrained(out);
  // The reader went away (a download cancelled): stop reading pages for nobody.
  if (out.destroyed) throw new Error('export stopped: the output was closed');
}

/** One sheet being written: title, subtitle, header, then rows, numbered from 1. */
export class SheetWriter {
  private readonly ws: ExcelJS.Worksheet;
  private next = HEADER_ROW + 1;
  /** Data rows written so far. */
  rows = 0;

  constructor(
    wb: ExcelJS.stream.xlsx.WorkbookWriter,
    name: string,
    title: string,
    subtitle: string,
    private readonly columns: readonly Column[],
  ) {
    this.ws = wb.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` }],
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    this.ws.columns = columns.map((c) => ({ width: c.width }));
    const span = columns.length;

    const t = this.ws.getRow(1);
    t.getCell(1).value = title;
    t.getCell(1).font = { bold: true, size: 16 };
    t.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    t.height = 30;
    this.ws.mergeCells(1, 1, 1, span);
    t.commit();

    const s = this.ws.getRow(2);
    s.getCell(1).value = subtitle;
    s.getCell(1).font = { size: 11, color: { argb: 'FF595959' } };
    s.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    this.ws.mergeCells(2, 1, 2, span);
    s.commit();

    const h = this.ws.getRow(HEADER_ROW);
    columns.forEach((c, i) => {
      const cell = h.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF305496' } };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    });
    h.height = 22;
    h.commit();
    this.ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: span } };
  }

  /** Appends a data row (as many values as columns; null leaves a cell empty). */
  add(values: readonly CellValue[]): void {
    const row = this.ws.getRow(this.next++);
    for (let i = 0; i < this.columns.length; i++) {
      const v = values[i];
      const cell = row.getCell(i + 1);
      // Empty cells keep their border, so a printed ledger has no holes in its grid.
      if (v !== null && v !== undefined && v !== '') cell.value = v;
      cell.border = BORDER;
    }
    row.commit();
    this.rows++;
  }

  /**
   * Waits until the rows written so far have gone into the zip, and the zip out to `out`;
   * called between pages. Two things would otherwise pile a county's XML up in memory: the
   * SQLite driver answers synchronously, so a loop of reads never lets the event loop run the
   * zip's compressor at all; and ExcelJS's StreamBuf hands sheet XML to the compressor without
   * waiting for it. So: give the event loop turns until the sheet's buffer has been taken and
   * the compressor is not behind.
   */
  async settle(out: Writable): Promise<void> {
    const stream = (this.ws as unknown as { stream?: { buffers?: unknown[]; pipes?: Writable[] } }).stream;
    for (let turn = 0; turn < 10_000; turn++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const behind = (stream?.pipes ?? []).find((p) => needsDrain(p) && !p.destroyed);
      if (behind) await untilDrained(behind);
      else if ((stream?.buffers?.length ?? 0) <= 1) break;
    }
    await drained(out);
  }

  /** Ends the sheet; nothing can be added after. */
  commit(): void {
    this.ws.commit();
  }
}
