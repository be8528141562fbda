/**
 * The daily report's dispatch orders (调度令) as every renderer shows them: the counts in one
 * sentence, and one row per unit overdue — order, unit, deadline, how late. One place, so the
 * spreadsheet, the PDF and the WeChat text say the same words.
 */
import type { DailyReport, ReportDispatch } from '../domain/dailyReport.js';
import { latenessText } from '../domain/dispatchOrder.js';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The section, when the report has one with any order in it. */
export function dispatchOf(report: Pick<DailyReport, 'dispatch'>): ReportDispatch | undefined {
  return report.dispatch && report.dispatch.targets > 0 ? report.dispatch : undefined;
}

/** An instant as officials write a deadline: 8月9日17:00 (Asia/Shanghai). */
export function deadlineLabel(instant: string): string {
  const t = new Date(Date.parse(instant) + SHANGHAI_OFFSET_MS);
  const hh = String(t.getUTCHours()).padStart(2, '0');
  const mm = String(t.getUTCMinutes()).padStart(2, '0');
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日${hh}:${mm}`;
}

/** 「已下达调度令2份，涉及5个单位：已签收4个，已办结3个（其中逾期办结1个），逾期未办结2个。」 */
export function dispatchSummary(d: ReportDispatch): string {
  const late = d.completedLate > 0 ? `（其中逾期办结${d.completedLate}个）` : '';
  const done = d.completed + d.completedLate;
  return `已下达调度令${d.orders}份，涉及${d.targets}个单位：已签收${d.acknowledged}个，已办结${done}个${late}，逾期未办结${d.overdue}个。`;
}

export const OVERDUE_HEADERS = ['调度令', '单位', '区划代码', '办结时限', '签收', '逾期'] as const;

/** One row per overdue answer, in OVERDUE_HEADERS' order. */
export function overdueRows(d: ReportDispatch): string[][] {
  return d.overdueOrders.map((o) => [
    o.title,
    o.name,
    o.code,
    deadlineLabel(o.deadline),
    o.acknowledged ? '已签收' : '未签收',
    latenessText(o.minutesLate).zh,
  ]);
}
