import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { PreparedWorkbook } from '../../src/app/exports/ledgerWorkbook.js';

export interface Table {
  title: string;
  subtitle: string;
  headers: string[];
  /** Data rows by header. */
  rows: Record<string, string | number | null>[];
  frozenRows: number | undefined;
}

/** Writes the workbook into memory and opens it again with ExcelJS's (non-streaming) reader. */
export async function openPrepared(prepared: PreparedWorkbook): Promise<ExcelJS.Workbook> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await prepared.write(out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return wb;
}

export async function openFile(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const text = (v: ExcelJS.CellValue): string | number | null =>
  v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);

/** A sheet as the exports lay it out: title row, subtitle row, header row 3, data below. */
export function table(wb: ExcelJS.Workbook, name: string): Table {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  const headers = (ws.getRow(3).values as ExcelJS.CellValue[]).slice(1).map((v) => String(v));
  const rows: Table['rows'] = [];
  for (let r = 4; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const o: Table['rows'][number] = {};
    headers.forEach((h, i) => (o[h] = text(row.getCell(i + 1).value)));
    rows.push(o);
  }
  const view = ws.views[0] as { state?: string; ySplit?: number } | undefined;
  return {
    title: String(ws.getCell(1, 1).value),
    subtitle: String(ws.getCell(2, 1).value),
    headers,
    rows,
    frozenRows: view?.state === 'frozen' ? view.ySplit : undefined,
  };
}
