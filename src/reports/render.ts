/**
 * The one way to turn a daily report into a file: every caller (CLI, API, benchmark) asks here,
 * so a format means the same bytes, content type and file name wherever it is produced.
 * The spreadsheet, PDF and chart renderers (ExcelJS, PDFKit, ECharts) are loaded when first
 * asked for, so that every other gridvax command starts without them.
 */
import type { DailyReport } from '../domain/dailyReport.js';
import { renderJson } from './json.js';
import { renderWeChatText } from './text.js';

export const REPORT_FORMATS = ['xlsx', 'pdf', 'svg', 'text', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  contentType: string;
  extension: string;
  body: Buffer | string;
}

const KINDS: Record<ReportFormat, { contentType: string; extension: string }> = {
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
  svg: { contentType: 'image/svg+xml; charset=utf-8', extension: 'svg' },
  text: { contentType: 'text/plain; charset=utf-8', extension: 'txt' },
  json: { contentType: 'application/json; charset=utf-8', extension: 'json' },
};

/** Whether a format's body is text (safe to print to a terminal) rather than binary. */
export const isTextFormat = (format: ReportFormat): boolean => format !== 'xlsx' && format !== 'pdf';

export async function renderDailyReport(report: DailyReport, format: ReportFormat): Promise<RenderedReport> {
  const kind = KINDS[format];
  switch (format) {
    case 'xlsx':
      return { ...kind, body: await (await import('./xlsx.js')).renderXlsx(report) };
    case 'pdf':
      return { ...kind, body: await (await import('./pdf.js')).renderPdf(report) };
    case 'svg':
      return { ...kind, body: (await import('./charts.js')).renderChartsSvg(report) };
    case 'text':
      return { ...kind, body: renderWeChatText(report) };
    case 'json':
      return { ...kind, body: renderJson(report) };
  }
}

/** The file name officials expect: 湘潭县按日调度_2021-08-09.xlsx. */
export function reportFileName(report: DailyReport, format: ReportFormat): string {
  return `${report.unit.name}按日调度_${report.date}.${KINDS[format].extension}`;
}

/** The same in ASCII, for clients that cannot read an RFC 5987 name: daily-report_430321_2021-08-09.xlsx. */
export function reportAsciiFileName(report: DailyReport, format: ReportFormat): string {
  return `daily-report_${report.unit.code}_${report.date}.${KINDS[format].extension}`;
}
