/**
 * The daily report as an Excel workbook, the form the command room files and forwards: a sheet for
 * the report's unit (a county's townships), one per township (its villages), the data group's
 * breakdowns (数据研判) and, when late records changed a past day, the corrections (更正). Each table
 * has a merged title row with the cut-off, a frozen header row, real numbers with their formats
 * (percent to one decimal) and rows tinted by status, so a filter or a formula still works.
 */
import ExcelJS from 'exceljs';
import type { DailyReport, ReportUnit } from '../domain/dailyReport.js';
import { SCHEDULE_STATUS_LABELS } from '../domain/scheduling.js';
import { STATUS_COLORS, cutoffLabel, shanghaiTimeLabel, sourceLabel } from './style.js';
import { type UnitColumn, childrenByCode, unitColumns } from './unitColumns.js';
import { dispatchOf, dispatchSummary, OVERDUE_HEADERS, overdueRows } from './dispatchSection.js';

/** Rows above a table: the merged title, the subtitle; the header is the row after. */
const HEADER_ROW = 3;
const NUM_FMT: Record<UnitColumn['kind'], string | undefined> = {
  text: undefined,
  int: '#,##0',
  percent: '0.0%',
  rate: '0.0',
  date: 'yyyy-mm-dd',
};
const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

const argb = (hex: string): string => `FF${hex.replace('#', '').toUpperCase()}`;
const fill = (hex: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: argb(hex) },
});

/** Columns Excel needs for a string: CJK characters take two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
  return w;
}

/** A sheet name Excel accepts (≤ 31 characters, none of \ / ? * [ ] :) and not yet taken. */
function sheetName(wb: ExcelJS.Workbook, wanted: string): string {
  const base = wanted.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || '单位';
  let name = base;
  for (let i = 2; wb.getWorksheet(name); i++) name = `${base.slice(0, 28)}(${i})`;
  return name;
}

function subtitle(report: DailyReport): string {
  const line = `${report.date}\u3000${sourceLabel(report)}\u3000完成期限 ${report.campaign.deadline}\u3000生成于 ${shanghaiTimeLabel(report.generatedAt)}`;
  // How a non-frozen figure was obtained: a reader must know what is exact.
  return report.basis && !report.frozen ? `${line}\n${report.basis.note.zh}` : line;
}

function titleRows(ws: ExcelJS.Worksheet, title: string, subtitle: string, span: number): void {
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  ws.mergeCells(1, 1, 1, span);
  ws.getCell(2, 1).value = subtitle;
  ws.getCell(2, 1).font = { size: 11, color: { argb: 'FF595959' } };
  ws.getCell(2, 1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  if (subtitle.includes('\n')) ws.getRow(2).height = 48;
  ws.mergeCells(2, 1, 2, span);
}

function headerRow(ws: ExcelJS.Worksheet, headers: readonly string[]): void {
  const row = ws.getRow(HEADER_ROW);
  headers.forEach((h, i) => {
    const cell = row.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = fill('#305496');
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
  });
  row.height = 22;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW, topLeftCell: `B${HEADER_ROW + 1}` }];
}

/** Widths that fit the widest header or value, CJK counted double, within reason. */
function fitColumns(ws: ExcelJS.Worksheet, texts: readonly (readonly string[])[]): void {
  const n = Math.max(...texts.map((r) => r.length));
  for (let c = 0; c < n; c++) {
    const widest = Math.max(...texts.map((r) => displayWidth(r[c] ?? '')));
    ws.getColumn(c + 1).width = Math.min(40, Math.max(8, widest + 3));
  }
}

function printSetup(ws: ExcelJS.Worksheet): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
  };
}

function cellValue(col: UnitColumn, u: ReportUnit): ExcelJS.CellValue {
  const v = col.value(u);
  if (col.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number);
    return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  }
  return v === null ? '—' : v;
}

/** A sheet of `parent`'s children, one row each in code order, and `parent` itself as the total. */
function unitSheet(wb: ExcelJS.Workbook, report: DailyReport, parent: ReportUnit, name: string): void {
  const rows = childrenByCode(parent);
  const cols = unitColumns(rows[0]?.level ?? 'village');
  const ws = wb.addWorksheet(sheetName(wb, name));
  titleRows(
    ws,
    `${report.campaign.name}\u3000${parent.name}按日调度表（${cutoffLabel(report)}）`,
    subtitle(report),
    cols.length,
  );
  headerRow(
    ws,
    cols.map((c) => c.header),
  );
  const write = (u: ReportUnit, total: boolean): void => {
    const row = ws.addRow(cols.map((c) => cellValue(c, u)));
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const fmt = NUM_FMT[c.kind];
      if (fmt && typeof cell.value !== 'string') cell.numFmt = fmt;
      cell.border = BORDER;
      cell.fill = fill(STATUS_COLORS[u.status].light);
      cell.alignment = { horizontal: c.kind === 'text' && i === 0 ? 'left' : 'center', vertical: 'middle' };
      if (total) cell.font = { bold: true };
    });
    if (total) {
      // The total is the parent itself; its rank (among its own siblings) means nothing here.
      row.getCell(1).value = totalLabel;
      row.getCell(cols.findIndex((c) => c.header === '排名') + 1).value = '';
    }
  };
  const totalLabel = `合计（${parent.shortName}）`;
  for (const u of rows) write(u, false);
  write(parent, true);
  const texts = [...rows, parent].map((u) => cols.map((c) => c.text(u)));
  fitColumns(ws, [cols.map((c) => c.header), ...texts, [totalLabel]]);
  printSetup(ws);
}

/** A plain table under a bold heading, starting at `startRow`; returns the next free row. */
function section(
  ws: ExcelJS.Worksheet,
  startRow: number,
  heading: string,
  headers: string[],
  rows: (string | number)[][],
): number {
  ws.getCell(startRow, 1).value = heading;
  ws.getCell(startRow, 1).font = { bold: true, size: 12 };
  headers.forEach((h, i) => {
    const cell = ws.getCell(startRow + 1, i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = fill('#d9e1f2');
    cell.border = BORDER;
  });
  const body = rows.length > 0 ? rows : [['无', ...headers.slice(1).map(() => '')]];
  body.forEach((r, j) =>
    r.forEach((v, i) => {
      const cell = ws.getCell(startRow + 2 + j, i + 1);
      cell.value = v;
      cell.border = BORDER;
      if (typeof v === 'number') cell.numFmt = '#,##0';
    }),
  );
  return startRow + 3 + body.length;
}

function analysisSheet(wb: ExcelJS.Workbook, report: DailyReport): void {
  const ws = wb.addWorksheet('数据研判');
  const a = report.analysis;
  titleRows(
    ws,
    `${report.campaign.name}\u3000${report.unit.name}数据研判（${cutoffLabel(report)}）`,
    subtitle(report),
    4,
  );
  let row = 4;
  row = section(
    ws,
    row,
    '未完成人员：按原因',
    ['原因', '人数'],
    a.openByReason.map((r) => [r.label.zh, r.n]),
  );
  row = section(
    ws,
    row,
    '未完成人员：按年龄段',
    ['年龄段', '人数'],
    a.openByAgeBand.map((r) => [r.band, r.n]),
  );
  row = section(
    ws,
    row,
    '拒绝或犹豫集中的村（社区）',
    ['单位', '区划代码', '人数'],
    a.refusalHotspots.map((r) => [r.name, r.code, r.n]),
  );
  row = section(
    ws,
    row,
    '外出集中的村（社区）',
    ['单位', '区划代码', '人数'],
    a.awayHotspots.map((r) => [r.name, r.code, r.n]),
  );
  section(
    ws,
    row,
    '较昨日进度下滑的单位',
    ['单位', '区划代码', '昨日状态', '今日状态'],
    report.fellBehind.map((f) => [
      f.name,
      f.code,
      SCHEDULE_STATUS_LABELS[f.from].zh,
      SCHEDULE_STATUS_LABELS[f.to].zh,
    ]),
  );
  ws.getColumn(1).width = 34;
  ws.getColumn(2).width = 16;
  ws.getColumn(3).width = 12;
  ws.getColumn(4).width = 12;
}

function correctionsSheet(wb: ExcelJS.Workbook, report: DailyReport): void {
  const ws = wb.addWorksheet('更正');
  const headers = ['日期', '区划代码', '单位', '当日报告累计', '现有记录累计', '更正数'];
  titleRows(
    ws,
    `${report.campaign.name}\u3000补录更正（${cutoffLabel(report)}）`,
    '以下往日数据因补录记录而变化；往日报告保持原样，差额计入本报告',
    headers.length,
  );
  headerRow(ws, headers);
  for (const c of report.corrections) {
    const row = ws.addRow([c.date, c.code, c.name, c.doneThen, c.doneNow, c.doneNow - c.doneThen]);
    for (let i = 4; i <= 6; i++) row.getCell(i).numFmt = '#,##0';
    row.eachCell((cell) => (cell.border = BORDER));
  }
  [12, 16, 20, 14, 14, 10].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

/** Dispatch orders (调度令): the counts, then one row per unit overdue at the cut-off. */
function dispatchSheet(wb: ExcelJS.Workbook, report: DailyReport): void {
  const d = dispatchOf(report);
  if (!d) return;
  const ws = wb.addWorksheet('调度令');
  titleRows(
    ws,
    `${report.campaign.name}\u3000${report.unit.name}调度令办理情况（${cutoffLabel(report)}）`,
    dispatchSummary(d),
    OVERDUE_HEADERS.length,
  );
  const counts: [string, number][] = [
    ['调度令（份）', d.orders],
    ['接收单位', d.targets],
    ['已签收', d.acknowledged],
    ['按时办结', d.completed],
    ['逾期办结', d.completedLate],
    ['逾期未办结', d.overdue],
  ];
  const next = section(
    ws,
    4,
    '办理情况',
    ['项目', '单位数'],
    counts.map(([k, n]) => [k, n]),
  );
  section(ws, next, '逾期未办结的调度令', [...OVERDUE_HEADERS], overdueRows(d));
  [40, 18, 16, 16, 10, 16].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

/** A day with no record at all: one sheet that says so, never a table of zeros. */
function noDataSheet(wb: ExcelJS.Workbook, report: DailyReport): void {
  const ws = wb.addWorksheet(sheetName(wb, report.unit.shortName));
  titleRows(
    ws,
    `${report.campaign.name}\u3000${report.unit.name}按日调度表（${cutoffLabel(report)}）`,
    subtitle(report),
    6,
  );
  ws.getCell(4, 1).value = `暂无数据：${cutoffLabel(report)}，本单位尚无任何接种或摸排记录。`;
  ws.getCell(4, 1).font = { bold: true, size: 14, color: { argb: 'FF7F7F7F' } };
  ws.mergeCells(4, 1, 4, 6);
  for (let c = 1; c <= 6; c++) ws.getColumn(c).width = 14;
}

export async function renderXlsx(report: DailyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gridvax';
  wb.created = new Date(report.generatedAt);
  wb.modified = new Date(report.generatedAt);
  wb.title = `${report.campaign.name} ${report.unit.name} ${report.date}`;
  if (!report.hasData) {
    noDataSheet(wb, report);
  } else {
    unitSheet(wb, report, report.unit, report.unit.shortName);
    for (const child of childrenByCode(report.unit)) {
      if ((child.children?.length ?? 0) > 0) unitSheet(wb, report, child, child.shortName);
    }
    analysisSheet(wb, report);
    if (report.corrections.length > 0) correctionsSheet(wb, report);
  }
  dispatchSheet(wb, report);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
