/**
 * The validation report of an import (xlsx): for each sheet read, the same columns as the
 * input with 行号 (the row number as the input shows it) and 问题 (what is wrong, in Chinese and
 * English) in front, one line per problem of each bad row, so the sheet can be fixed row by
 * row and filtered by problem; then a 汇总 sheet with the counts.
 *
 * The import keeps the cells of the bad rows it finds, up to a bound; rows it could not keep (a
 * flood of bad rows, or the first of a duplicate pair, found good and let go before its twin
 * turned up) are picked out of a second reading of the file. The report is written to a
 * temporary name and renamed, so a report that exists is complete.
 */
import { rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { invalidInput } from '../../domain/errors.js';
import { columnLetter } from './headers.js';
import { type Problem, problemText } from './problems.js';
import { openTable, type TableOptions } from './tableReader.js';

export interface ReportSheet {
  /** Position among the sheets read (0-based). */
  index: number;
  name: string;
  /** The header row as written in the input. */
  header: string[];
}

export interface ReportLine {
  sheet: number;
  /** Row number as the input shows it. */
  n: number;
  problem: Problem;
}

export interface ReportInput {
  path: string;
  /** The input file, read again for the bad rows' cells. */
  file: string;
  table: TableOptions;
  sheets: readonly ReportSheet[];
  lines: readonly ReportLine[];
  /** Label → value, for the 汇总 sheet. */
  summary: readonly [string, string | number][];
  /** Cells of bad rows kept while importing, by `rowKey`: those rows need no second reading. */
  kept?: ReadonlyMap<number, readonly string[]>;
}

/** The key of a row in `kept`. */
export const rowKey = (sheet: number, n: number): number => sheet * 2 ** 32 + n;

/** xlsx sheet names: at most 31 characters, none of : \ / ? * [ ], no apostrophe at either end, unique. */
function sheetName(name: string, used: Set<string>): string {
  const base =
    name
      .replace(/[:\\/?*[\]]/gu, '_')
      .slice(0, 28)
      .replace(/^'+|'+$/g, '') || 'Sheet';
  let out = base;
  for (let i = 2; used.has(out); i++) out = `${base}(${i})`;
  used.add(out);
  return out;
}

export async function writeValidationReport(input: ReportInput): Promise<void> {
  const tmp = `${input.path}.${process.pid}.tmp`;
  try {
    await writeTo(tmp, input);
    await rename(tmp, input.path);
  } catch (e) {
    await rm(tmp, { force: true });
    if (e instanceof Error && e.name === 'GridvaxError') throw e;
    throw invalidInput({
      code: 'import.report',
      field: 'report',
      file: basename(input.path),
      message: {
        zh: `无法写出校验报告 ${input.path}：${(e as Error).message}`,
        en: `cannot write the validation report ${input.path}: ${(e as Error).message}`,
      },
    });
  }
}

async function writeTo(path: string, input: ReportInput): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: true,
    useSharedStrings: false,
  });
  const used = new Set<string>();
  const bySheet = new Map<number, ReportLine[]>();
  for (const l of input.lines) {
    const list = bySheet.get(l.sheet) ?? [];
    list.push(l);
    bySheet.set(l.sheet, list);
  }
  // Row order, and for one row the problems in the order they were found.
  for (const list of bySheet.values()) list.sort((a, b) => a.n - b.n);
  const wanted = new Map(input.sheets.map((s) => [s.index, s]));

  const kept = input.kept ?? new Map<number, readonly string[]>();
  const reread = input.lines.some((l) => !kept.has(rowKey(l.sheet, l.n)));
  const sheets = reread ? (await openTable(input.file, input.table)).sheets : undefined;
  const pending = [...input.sheets].sort((a, b) => a.index - b.index);
  const addSheet = (info: ReportSheet) => {
    const width = Math.max(info.header.length, 1);
    const ws = wb.addWorksheet(sheetName(info.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { width: 8 },
      { width: 60 },
      ...Array.from({ length: width }, (_, i) => ({
        width: Math.min(24, Math.max(8, (info.header[i] ?? '').length * 2 + 4)),
      })),
    ];
    const head = ws.addRow([
      '行号',
      '问题',
      ...Array.from({ length: width }, (_, i) => info.header[i] || columnLetter(i)),
    ]);
    head.font = { bold: true };
    head.commit();
    return ws;
  };

  if (!sheets) {
    for (const info of pending) {
      const ws = addSheet(info);
      for (const l of bySheet.get(info.index) ?? []) {
        ws.addRow([l.n, problemText(l.problem), ...(kept.get(rowKey(l.sheet, l.n)) ?? [])]).commit();
      }
      ws.commit();
    }
  } else {
    let index = 0;
    for await (const sheet of sheets) {
      const info = wanted.get(index++);
      if (!info) continue;
      const lines = bySheet.get(info.index) ?? [];
      const ws = addSheet(info);
      let next = 0;
      if (lines.length > 0) {
        outer: for await (const batch of sheet.rows) {
          for (const row of batch) {
            while (next < lines.length && (lines[next] as ReportLine).n < row.n) next++;
            while (next < lines.length && (lines[next] as ReportLine).n === row.n) {
              const l = lines[next++] as ReportLine;
              ws.addRow([l.n, problemText(l.problem), ...row.cells]).commit();
            }
            // Everything after the last bad row is of no use to the report.
            if (next >= lines.length) break outer;
          }
        }
      }
      ws.commit();
    }
  }

  const summary = wb.addWorksheet(sheetName('汇总', used));
  summary.columns = [{ width: 30 }, { width: 60 }];
  for (const [label, value] of input.summary) summary.addRow([label, value]).commit();
  summary.commit();
  await wb.commit();
}
