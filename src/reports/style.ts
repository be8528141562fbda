/**
 * What every renderer of the daily report shows the same way: the colours of a status and of a
 * completion, the CJK font list, and how a percentage and the cut-off are written. One place, so
 * the spreadsheet, the PDF, the charts and the battle map agree cell for cell.
 */
import type { DailyReport } from '../domain/dailyReport.js';
import { SCHEDULE_STATUS_LABELS, type ScheduleStatus } from '../domain/scheduling.js';

/** Fonts a Chinese page can be set in, Debian's packages first; the SVGs name them all. */
export const CJK_FONT_FAMILY =
  "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/**
 * A status's strong colour (bars, legends) and light one (row fills, readable under black text).
 * done and on-track are both green (darker for done): the command room only needs to see who
 * needs help.
 */
export const STATUS_COLORS: Readonly<Record<ScheduleStatus, { strong: string; light: string }>> = {
  done: { strong: '#1a7f37', light: '#c6efce' },
  'on-track': { strong: '#4caf50', light: '#e2efda' },
  'at-risk': { strong: '#f0a020', light: '#ffeb9c' },
  behind: { strong: '#d73027', light: '#ffc7ce' },
  'no-task': { strong: '#9e9e9e', light: '#e7e6e6' },
};

export function statusLabel(status: ScheduleStatus): string {
  return SCHEDULE_STATUS_LABELS[status].zh;
}

/**
 * The battle map's sequential scale, low to high: a band starts at `from` (inclusive). Bands,
 * not a gradient, so a printed wall map can be read against its legend.
 */
export const COMPLETION_BANDS: readonly { from: number; color: string; text: string; label: string }[] = [
  { from: Number.NEGATIVE_INFINITY, color: '#d73027', text: '#ffffff', label: '<60%' },
  { from: 0.6, color: '#fc8d59', text: '#1f1f1f', label: '60–80%' },
  { from: 0.8, color: '#fee08b', text: '#1f1f1f', label: '80–90%' },
  { from: 0.9, color: '#a6d96a', text: '#1f1f1f', label: '90–95%' },
  { from: 0.95, color: '#1a9850', text: '#ffffff', label: '≥95%' },
];
export const NO_TASK_COLOR = { color: '#d9d9d9', text: '#4d4d4d', label: '未下达任务' } as const;

/** Fill and text colour of a unit on the battle map by its completion (null: no task). */
export function completionColor(completion: number | null): { color: string; text: string } {
  if (completion === null) return NO_TASK_COLOR;
  let band = COMPLETION_BANDS[0] ?? NO_TASK_COLOR;
  for (const b of COMPLETION_BANDS) if (roundPercent(completion) >= b.from * 100) band = b;
  return band;
}

/**
 * A share as a percentage rounded to one decimal the way Excel's '0.0%' shows it: Excel first cuts
 * a double to 15 significant digits, so 0.9125 shows 91.3% although 0.9125 × 1000 is 912.4999….
 */
export function roundPercent(share: number): number {
  return Math.round(Number((share * 1000).toPrecision(12))) / 10;
}

/** 0.91197 → '91.2%'; null → '—'. */
export function percentText(share: number | null): string {
  return share === null ? '—' : `${roundPercent(share).toFixed(1)}%`;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The report's cut-off as officials write it: 截至2021年8月9日18:00 (Asia/Shanghai). */
export function cutoffLabel(report: Pick<DailyReport, 'cutoff'>): string {
  const t = new Date(Date.parse(report.cutoff) + SHANGHAI_OFFSET_MS);
  const hh = String(t.getUTCHours()).padStart(2, '0');
  const mm = String(t.getUTCMinutes()).padStart(2, '0');
  return `截至${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日${hh}:${mm}`;
}

/** An ISO instant as Asia/Shanghai wall time: '2021-08-09 18:05'. */
export function shanghaiTimeLabel(instant: string): string {
  return new Date(Date.parse(instant) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** '2021-08-09' → '8月9日'. */
export function shortDateLabel(date: string): string {
  const [, m, d] = date.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

/**
 * Where the figures come from: the day's frozen snapshot, the live read model, or reconstructed
 * from the dated records (`basis.note` then says what is exact and what is re-derived).
 */
export function sourceLabel(report: Pick<DailyReport, 'frozen' | 'basis'>): string {
  if (report.frozen) return '冻结快照';
  if (report.basis?.kind === 'reconstructed') return '按存档记录重算（非冻结快照）';
  return '按当前记录即时计算（非冻结快照）';
}

/** The line under a title: cut-off, source, deadline. */
export function reportSubtitle(report: DailyReport): string {
  return `${cutoffLabel(report)}\u3000${sourceLabel(report)}\u3000完成期限 ${report.campaign.deadline}`;
}

/** Text placed into XML/SVG: the five characters XML reserves. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
