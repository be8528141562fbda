import {
  addDays,
  parseDate,
  shanghaiDate,
  shanghaiInstant,
  type CalendarDate,
} from '../../domain/calendar.js';
import { invalidInput } from '../../domain/errors.js';
import type { CampaignRow } from '../../store/campaignQueries.js';

/** The default cut-off: the evening dispatch meeting reads the day's figures at 18:00. */
export const DEFAULT_CUTOFF = '18:00';

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export interface ReportDay {
  date: CalendarDate;
  /** The Shanghai day of the store's now. */
  today: CalendarDate;
  /** The cut-off as configured: `date` at `cutoffTime`, Asia/Shanghai. */
  nominalCutoff: Date;
  /** What the figures are as of: the nominal cut-off, or now when that has not come yet. */
  cutoff: Date;
  /**
   * The figures can be read from the live read model: the day is today and its cut-off has not
   * passed. Otherwise the day is reconstructed from the dated facts as of its cut-off.
   */
  live: boolean;
}

export function checkCutoffTime(time: string | undefined): string {
  const t = (time ?? DEFAULT_CUTOFF).trim();
  if (!TIME_RE.test(t)) {
    throw invalidInput({
      code: 'report.cutoff',
      field: 'cutoff',
      message: {
        zh: `截止时间应为 HH:MM（北京时间，如 18:00）：${time}`,
        en: `the cut-off must be HH:MM (Asia/Shanghai, e.g. 18:00): ${time}`,
      },
    });
  }
  return t;
}

/**
 * The day a report is for, checked against the campaign and the store's now: a day before the
 * campaign started or after today has no report, and saying so beats printing zeros.
 */
export function reportDay(
  campaign: CampaignRow,
  date: string | undefined,
  now: Date,
  cutoffTime?: string,
): ReportDay {
  const today = shanghaiDate(now);
  const day = (date ?? today).trim();
  if (!parseDate(day)) {
    throw invalidInput({
      code: 'report.date',
      field: 'date',
      message: { zh: `报表日期应为 YYYY-MM-DD：${date}`, en: `the report date must be YYYY-MM-DD: ${date}` },
    });
  }
  if (day < campaign.start_date) {
    throw invalidInput({
      code: 'report.date',
      field: 'date',
      message: {
        zh: `${day} 早于接种任务“${campaign.name}”的开始日期 ${campaign.start_date}，没有当日报表`,
        en: `${day} is before the campaign “${campaign.name}” started (${campaign.start_date}): there is no report for it`,
      },
    });
  }
  if (day > today) {
    throw invalidInput({
      code: 'report.date',
      field: 'date',
      message: {
        zh: `${day} 晚于今天（${today}），还没有当日报表`,
        en: `${day} is after today (${today}): there is no report for it yet`,
      },
    });
  }
  const time = checkCutoffTime(cutoffTime);
  const nominalCutoff = shanghaiInstant(day, time);
  const live = day === today && now.getTime() <= nominalCutoff.getTime();
  return { date: day, today, nominalCutoff, cutoff: live ? now : nominalCutoff, live };
}

/** The day before, when the campaign had started by then. */
export function previousDay(campaign: CampaignRow, date: CalendarDate): CalendarDate | undefined {
  const d = addDays(date, -1);
  return d < campaign.start_date ? undefined : d;
}
