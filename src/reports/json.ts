import type { DailyReport } from '../domain/dailyReport.js';

/**
 * The report model itself, as one line of JSON (the form every `--json` output takes, so `jq`
 * reads it and a script can keep a day's file as its record).
 */
export function renderJson(report: DailyReport): string {
  return `${JSON.stringify(report)}\n`;
}
