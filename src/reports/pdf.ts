/**
 * The daily report as a printable PDF, A4 landscape, for the command room's wall and for
 * forwarding: the summary and the townships' table, the battle map, the ranking and the trend,
 * each township's villages, the data group's breakdowns and the corrections. Tables are sized to
 * the page width and carry their header onto every page they run over. The CJK font is embedded
 * (found by cjkFont.ts), and the SVG charts are drawn as vectors with svg-to-pdfkit, so the page
 * stays sharp when printed large.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { DailyReport, ReportUnit } from '../domain/dailyReport.js';
import { SCHEDULE_STATUS_LABELS } from '../domain/scheduling.js';
import { battleMapSvg } from './battleMap.js';
import { rankingBarsSvg, trendSvg } from './charts.js';
import { findCjkFont } from './cjkFont.js';
import { STATUS_COLORS, cutoffLabel, percentText, reportSubtitle, statusLabel } from './style.js';
import { childrenByCode, clearedVillages, unitColumns } from './unitColumns.js';
import { dispatchOf, dispatchSummary, OVERDUE_HEADERS, overdueRows } from './dispatchSection.js';

type Doc = PDFKit.PDFDocument;
type SvgToPdf = (
  doc: Doc,
  svg: string,
  x: number,
  y: number,
  options: {
    width: number;
    height: number;
    assumePt: boolean;
    preserveAspectRatio: string;
    fontCallback: (family: string, bold: boolean) => string;
    warningCallback: (warning: string) => void;
  },
) => void;
// svg-to-pdfkit is a CommonJS module without types.
const svgToPdf = createRequire(import.meta.url)('svg-to-pdfkit') as SvgToPdf;

const MARGIN = 28;
const FOOTER = 18;
const REGULAR = 'cjk';
const BOLD = 'cjk-bold';
const GREY = '#595959';

interface TableColumn {
  header: string;
  /** Relative width; the table scales the weights to its width. */
  weight: number;
  align: 'left' | 'center' | 'right';
}

interface TableRow {
  cells: string[];
  fill?: string;
  bold?: boolean;
}

/** Keeps the cursor and turns pages: every block asks for its height before drawing. */
class Page {
  y: number;
  constructor(readonly doc: Doc) {
    this.y = MARGIN;
  }
  get left(): number {
    return MARGIN;
  }
  get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }
  get bottom(): number {
    return this.doc.page.height - MARGIN - FOOTER;
  }
  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN;
  }
  /** Turns the page unless `height` fits below the cursor. */
  need(height: number): void {
    if (this.y + height > this.bottom && this.y > MARGIN) this.newPage();
  }
}

/** `s` cut with an ellipsis so it fits `width` in the current font. */
function fit(doc: Doc, s: string, width: number): string {
  if (doc.widthOfString(s) <= width) return s;
  const chars = [...s];
  while (chars.length > 1 && doc.widthOfString(`${chars.join('')}…`) > width) chars.pop();
  return `${chars.join('')}…`;
}

/** One line of text at an exact place, never wrapping and never turning the page. */
function line(
  doc: Doc,
  s: string,
  x: number,
  y: number,
  width: number,
  align: TableColumn['align'] = 'left',
): void {
  doc.text(fit(doc, s, width), x, y, { width, align, lineBreak: false });
}

function heading(p: Page, text: string, size = 14): void {
  p.need(size + 60);
  p.doc.font(BOLD).fontSize(size).fillColor('#1f1f1f');
  line(p.doc, text, p.left, p.y, p.width);
  p.y += size + 8;
}

/**
 * A table that fits `width` (the page's by default) and runs over pages as needed, its header
 * repeated at the top of each; the caption gets （续） on continuation pages.
 */
function table(p: Page, caption: string, columns: TableColumn[], rows: TableRow[], width = p.width): void {
  const doc = p.doc;
  const fontSize = 8.5;
  const headerH = 20;
  const rowH = 15;
  const total = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => (c.weight / total) * width);
  const xs = widths.map((_, i) => p.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
  const drawHeader = (continued: boolean): void => {
    doc.font(BOLD).fontSize(11).fillColor('#1f1f1f');
    line(doc, continued ? `${caption}（续）` : caption, p.left, p.y, width);
    p.y += 17;
    doc.rect(p.left, p.y, width, headerH).fill('#305496');
    doc.font(BOLD).fontSize(fontSize).fillColor('#ffffff');
    columns.forEach((c, i) => line(doc, c.header, (xs[i] ?? 0) + 2, p.y + 6, (widths[i] ?? 0) - 4, 'center'));
    p.y += headerH;
  };
  p.need(17 + headerH + rowH * Math.min(3, Math.max(1, rows.length)));
  drawHeader(false);
  for (const row of rows) {
    if (p.y + rowH > p.bottom) {
      p.newPage();
      drawHeader(true);
    }
    doc.rect(p.left, p.y, width, rowH).fill(row.fill ?? '#ffffff');
    doc.rect(p.left, p.y, width, rowH).lineWidth(0.4).strokeColor('#bfbfbf').stroke();
    doc
      .font(row.bold ? BOLD : REGULAR)
      .fontSize(fontSize)
      .fillColor('#1f1f1f');
    row.cells.forEach((cell, i) => {
      const c = columns[i];
      if (c) line(doc, cell, (xs[i] ?? 0) + 3, p.y + 3.5, (widths[i] ?? 0) - 6, c.align);
    });
    p.y += rowH;
  }
  p.y += 12;
}

/** The table of `parent`'s children (code order), `parent` itself as the total row. */
function unitTable(p: Page, caption: string, parent: ReportUnit): void {
  const children = childrenByCode(parent);
  const cols = unitColumns(children[0]?.level ?? 'village');
  const columns: TableColumn[] = cols.map((c, i) => ({
    header: c.header,
    weight: c.print,
    align: i === 0 || c.header === '包保责任人' ? 'left' : c.kind === 'text' ? 'center' : 'right',
  }));
  const rank = cols.findIndex((c) => c.header === '排名');
  const rows: TableRow[] = children.map((u) => ({
    cells: cols.map((c) => c.text(u)),
    fill: STATUS_COLORS[u.status].light,
  }));
  const totalCells = cols.map((c) => c.text(parent));
  totalCells[0] = `合计（${parent.shortName}）`;
  // The total's own rank is among its siblings, not among the rows above it.
  if (rank >= 0) totalCells[rank] = '';
  rows.push({ cells: totalCells, fill: STATUS_COLORS[parent.status].light, bold: true });
  table(p, caption, columns, rows);
}

/** The headline figures of the report's unit in a row of boxes. */
function summaryBoxes(p: Page, report: DailyReport): void {
  const u = report.unit;
  const villages = clearedVillages(u);
  const boxes: [string, string][] = [
    ['任务数', u.task === null ? '—' : u.task.toLocaleString('en-US')],
    ['累计接种', u.done.toLocaleString('en-US')],
    ['今日新增', u.increment.toLocaleString('en-US')],
    ['完成率', percentText(u.completion)],
    ['双清零村（社区）', `${villages.cleared}/${villages.of}`],
    ['60岁以上接种率', percentText(u.sixtyPlus.coverage)],
    ['状态', statusLabel(u.status)],
  ];
  const gap = 8;
  const w = (p.width - gap * (boxes.length - 1)) / boxes.length;
  const h = 46;
  boxes.forEach(([label, value], i) => {
    const x = p.left + i * (w + gap);
    const tint = label === '状态' ? STATUS_COLORS[u.status].light : '#f2f5fb';
    p.doc.roundedRect(x, p.y, w, h, 4).fill(tint);
    p.doc.font(REGULAR).fontSize(9).fillColor(GREY);
    line(p.doc, label, x + 6, p.y + 6, w - 12);
    p.doc.font(BOLD).fontSize(16).fillColor('#1f1f1f');
    line(p.doc, value, x + 6, p.y + 21, w - 12);
  });
  p.y += h + 14;
}

function titleBlock(p: Page, report: DailyReport): void {
  const doc = p.doc;
  doc.font(BOLD).fontSize(20).fillColor('#1f1f1f');
  line(doc, `${report.campaign.name}\u3000${report.unit.name}按日调度报告`, p.left, p.y, p.width);
  p.y += 28;
  doc.font(REGULAR).fontSize(10).fillColor(GREY);
  line(doc, reportSubtitle(report), p.left, p.y, p.width);
  p.y += 16;
  if (report.basis && !report.frozen) {
    // How a non-frozen figure was obtained, in full: a reader must know what is exact.
    doc.fontSize(8);
    const height = doc.heightOfString(report.basis.note.zh, { width: p.width });
    doc.text(report.basis.note.zh, p.left, p.y, { width: p.width });
    p.y += height + 2;
  }
  p.y += 4;
}

/**
 * An SVG drawn as vectors at the page's width (smaller only if it would not fit on a page of its
 * own), on the next page when it does not fit below the cursor.
 */
function svgBlock(p: Page, svg: string): void {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const w = Number(/\bwidth="([\d.]+)"/.exec(root)?.[1] ?? 1000);
  const h = Number(/\bheight="([\d.]+)"/.exec(root)?.[1] ?? 600);
  let width = p.width;
  let height = (width * h) / w;
  const pageHeight = p.bottom - MARGIN;
  if (height > pageHeight) {
    height = pageHeight;
    width = (height * w) / h;
  }
  p.need(height);
  const x = p.left + (p.width - width) / 2;
  svgToPdf(p.doc, svg, x, p.y, {
    width,
    height,
    assumePt: true,
    preserveAspectRatio: 'xMidYMid meet',
    // Every face in the SVGs is a CJK sans; the embedded one is the one this PDF has.
    fontCallback: (_family, bold) => (bold ? BOLD : REGULAR),
    warningCallback: () => undefined,
  });
  p.y += height + 10;
}

function analysis(p: Page, report: DailyReport): void {
  const a = report.analysis;
  const half = p.width / 2 - 10;
  const num = (n: number): string => n.toLocaleString('en-US');
  const small = (caption: string, headers: string[], rows: string[][]): void => {
    const columns: TableColumn[] = headers.map((h, i) => ({
      header: h,
      weight: i === 0 ? 3 : 1.4,
      align: i === 0 ? 'left' : 'right',
    }));
    table(
      p,
      caption,
      columns,
      rows.length > 0
        ? rows.map((cells) => ({ cells }))
        : [{ cells: ['无', ...headers.slice(1).map(() => '')] }],
      half,
    );
  };
  p.newPage();
  heading(p, '数据研判');
  small(
    '未完成人员：按原因',
    ['原因', '人数'],
    a.openByReason.map((r) => [r.label.zh, num(r.n)]),
  );
  small(
    '未完成人员：按年龄段',
    ['年龄段', '人数'],
    a.openByAgeBand.map((r) => [r.band, num(r.n)]),
  );
  small(
    '拒绝或犹豫集中的村（社区）',
    ['单位', '区划代码', '人数'],
    a.refusalHotspots.map((r) => [r.name, r.code, num(r.n)]),
  );
  small(
    '外出集中的村（社区）',
    ['单位', '区划代码', '人数'],
    a.awayHotspots.map((r) => [r.name, r.code, num(r.n)]),
  );
}

function corrections(p: Page, report: DailyReport): void {
  if (report.corrections.length === 0) return;
  heading(p, '补录更正');
  p.doc.font(REGULAR).fontSize(9).fillColor(GREY);
  line(p.doc, '以下往日数据因补录记录而变化；往日报告保持原样，差额计入本报告。', p.left, p.y, p.width);
  p.y += 16;
  const columns: TableColumn[] = [
    { header: '日期', weight: 2, align: 'center' },
    { header: '区划代码', weight: 2.4, align: 'center' },
    { header: '单位', weight: 3, align: 'left' },
    { header: '当日报告累计', weight: 2, align: 'right' },
    { header: '现有记录累计', weight: 2, align: 'right' },
    { header: '更正数', weight: 1.5, align: 'right' },
  ];
  const diff = (n: number): string => (n > 0 ? `+${n}` : String(n));
  const rows = report.corrections.map((c) => ({
    cells: [
      c.date,
      c.code,
      c.name,
      c.doneThen.toLocaleString('en-US'),
      c.doneNow.toLocaleString('en-US'),
      diff(c.doneNow - c.doneThen),
    ],
  }));
  table(p, '更正明细', columns, rows);
}

/** Dispatch orders (调度令): the counts in a sentence, and the overdue answers in a table. */
function dispatchOrders(p: Page, report: DailyReport): void {
  const d = dispatchOf(report);
  if (!d) return;
  heading(p, '调度令办理情况');
  p.doc.font(REGULAR).fontSize(9.5).fillColor('#1f1f1f');
  line(p.doc, dispatchSummary(d), p.left, p.y, p.width);
  p.y += 18;
  if (d.overdueOrders.length === 0) return;
  const weights = [5, 2.6, 2.2, 2, 1.2, 1.8];
  const columns: TableColumn[] = OVERDUE_HEADERS.map((header, i) => ({
    header,
    weight: weights[i] ?? 1,
    align: i <= 1 ? 'left' : 'center',
  }));
  const fill = STATUS_COLORS.behind.light;
  table(
    p,
    '逾期未办结',
    columns,
    overdueRows(d).map((cells) => ({ cells, fill })),
  );
}

function fellBehind(p: Page, report: DailyReport): void {
  if (report.fellBehind.length === 0) return;
  p.need(40);
  p.doc.font(BOLD).fontSize(11).fillColor('#1f1f1f');
  line(p.doc, '较昨日进度下滑', p.left, p.y, p.width);
  p.y += 16;
  p.doc.font(REGULAR).fontSize(9.5).fillColor(STATUS_COLORS.behind.strong);
  for (const f of report.fellBehind) {
    p.need(14);
    const text = `${f.name}：${SCHEDULE_STATUS_LABELS[f.from].zh} → ${SCHEDULE_STATUS_LABELS[f.to].zh}`;
    line(p.doc, text, p.left + 8, p.y, p.width - 8);
    p.y += 14;
  }
  p.y += 8;
}

function noData(p: Page, report: DailyReport): void {
  const h = 90;
  p.doc.roundedRect(p.left, p.y, p.width, h, 6).fill('#f2f2f2');
  p.doc.font(BOLD).fontSize(22).fillColor('#7f7f7f');
  line(p.doc, '暂无数据', p.left, p.y + 18, p.width, 'center');
  p.doc.font(REGULAR).fontSize(11);
  line(
    p.doc,
    `${cutoffLabel(report)}，本单位尚无任何接种或摸排记录，本日报告不列数字。`,
    p.left,
    p.y + 54,
    p.width,
    'center',
  );
  p.y += h + 10;
}

/** Page numbers and the report's identity at the foot of every page, once all pages exist. */
function footers(doc: Doc, report: DailyReport): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(REGULAR).fontSize(8).fillColor('#8c8c8c');
    const y = doc.page.height - MARGIN - 8;
    const text = `${report.campaign.name}\u3000${report.unit.name}\u3000${cutoffLabel(report)}\u3000第 ${i + 1} / ${range.count} 页`;
    line(doc, text, MARGIN, y, doc.page.width - 2 * MARGIN, 'right');
    doc.page.margins.bottom = bottom;
  }
}

/**
 * Font files read once per process: a Noto CJK collection is ~19 MB per weight, and the server
 * renders a report per request. pdfkit subsets what a document uses, so the PDF stays small.
 */
const fontFiles = new Map<string, Buffer>();
function fontFile(path: string): Buffer {
  let data = fontFiles.get(path);
  if (!data) {
    data = readFileSync(path);
    fontFiles.set(path, data);
  }
  return data;
}

export async function renderPdf(report: DailyReport): Promise<Buffer> {
  const font = findCjkFont();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `${report.campaign.name} ${report.unit.name} ${report.date} 按日调度报告`,
      Author: 'gridvax',
      Subject: cutoffLabel(report),
      CreationDate: new Date(report.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const bold = font.bold ?? font.regular;
  doc.registerFont(REGULAR, fontFile(font.regular.path), font.regular.postscriptName);
  doc.registerFont(BOLD, fontFile(bold.path), bold.postscriptName);

  const p = new Page(doc);
  titleBlock(p, report);
  if (!report.hasData) {
    noData(p, report);
  } else {
    const childWord = report.unit.level === 'county' ? '乡镇' : '村（社区）';
    summaryBoxes(p, report);
    unitTable(p, `各${childWord}进度`, report.unit);
    fellBehind(p, report);
    p.newPage();
    svgBlock(p, battleMapSvg(report));
    p.newPage();
    svgBlock(p, rankingBarsSvg(report));
    svgBlock(p, trendSvg(report));
    const withVillages = childrenByCode(report.unit).filter((t) => (t.children?.length ?? 0) > 0);
    if (withVillages.length > 0) p.newPage();
    for (const township of withVillages) unitTable(p, `${township.name}\u3000各村（社区）进度`, township);
    analysis(p, report);
    corrections(p, report);
  }
  dispatchOrders(p, report);
  footers(doc, report);
  doc.end();
  return done;
}
