/**
 * Frozen daily reports (DESIGN.md "Daily dispatch": a report frozen at a cut-off time each
 * day). Once a day's report is stored it is what that day's report says, tomorrow and next
 * month: taking it again returns the stored one, and a record entered late for the day shows
 * in a later report as a correction (buildDailyReport) instead of rewriting it. Replacing a
 * snapshot takes an explicit retake, and the answer says that one was replaced.
 */
import type { CalendarDate } from '../../domain/calendar.js';
import type { DailyReport } from '../../domain/dailyReport.js';
import { businessRule } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import { findSnapshot, saveSnapshot } from '../../store/snapshotQueries.js';
import type { Scope } from '../records/findResident.js';
import { buildDailyReport, resolveReport } from './buildDailyReport.js';
import { checkCutoffTime } from './reportDay.js';

export interface SnapshotInput {
  campaignId: number;
  /** The campaign's own unit when absent. */
  place?: string;
  /** Today when absent. */
  date?: CalendarDate;
  /** 'HH:MM' Asia/Shanghai, 18:00 when absent. */
  cutoffTime?: string;
  /** Replace a stored snapshot of the day (a retake); without it the stored one is kept. */
  force?: boolean;
  scope?: Scope;
}

export interface SnapshotResult {
  /** `stored`: taken now; `existing`: the day was already frozen, nothing changed; `retaken`: replaced. */
  result: 'stored' | 'existing' | 'retaken';
  takenAt: string;
  /** For a retake: when the snapshot it replaced had been taken. */
  replacedTakenAt?: string;
  report: DailyReport;
}

export async function takeDailySnapshot(store: Store, input: SnapshotInput): Promise<SnapshotResult> {
  const { campaign, place, day } = await resolveReport(store, input);
  const campaignId = Number(campaign.id);
  if (day.date === day.today && store.now().getTime() < day.nominalCutoff.getTime()) {
    const time = checkCutoffTime(input.cutoffTime);
    throw businessRule({
      code: 'report.before-cutoff',
      field: 'date',
      message: {
        zh: `${day.date} 的截止时间 ${time} 还没到：现在冻结会把半天的数据当作全天。可到点后再取，或指定更早的 --cutoff`,
        en: `the cut-off of ${day.date} (${time}) has not come: a snapshot now would freeze half a day. Take it after the cut-off, or give an earlier cut-off`,
      },
    });
  }
  const existing = await findSnapshot(store.db, campaignId, place.code, day.date);
  if (existing && !input.force) {
    return { result: 'existing', takenAt: existing.takenAt, report: existing.report };
  }
  const report = { ...(await buildDailyReport(store, input)), frozen: true };
  const takenAt = store.now().toISOString();
  const saved = await saveSnapshot(store.db, campaignId, report, takenAt, input.force === true);
  if (!saved) {
    // Another caller froze the day between our look and our write: theirs stands.
    const theirs = await findSnapshot(store.db, campaignId, place.code, day.date);
    if (theirs) return { result: 'existing', takenAt: theirs.takenAt, report: theirs.report };
  }
  return existing
    ? { result: 'retaken', takenAt, replacedTakenAt: existing.takenAt, report }
    : { result: 'stored', takenAt, report };
}

/**
 * The report of a day: its stored snapshot when the day was frozen (`frozen: true`), otherwise
 * computed now from the stored facts (`frozen: false`). Refusals are the same either way: a day
 * before the campaign or after today, an unknown or out-of-scope campaign or place.
 */
export async function dailyReport(
  store: Store,
  input: { campaignId: number; place?: string; date?: CalendarDate; scope?: Scope },
): Promise<DailyReport> {
  const { campaign, place, day } = await resolveReport(store, input);
  const stored = await findSnapshot(store.db, Number(campaign.id), place.code, day.date);
  return stored ? stored.report : buildDailyReport(store, input);
}
