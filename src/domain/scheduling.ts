/**
 * Backward scheduling (倒排工期): from a unit's task, what it has done and its deadline, the
 * daily rate it needs; from its recent daily increments, the date it will actually finish;
 * whether it will miss; and the week-by-week targets (按周安排) that add up to exactly what is
 * left. The Xiangtan County report of 10 August 2021 names the method: 各乡镇按周安排、按日推进、
 * 按日调度、倒排工期、挂图作战 (shared/seed/). A unit is any level that carries a task number:
 * county, township, village, attack team.
 *
 * Conventions, which every number here follows:
 * - `today` is the report day, read at its evening cut-off (the demo pins 18:00 on
 *   2021-08-09). Work done today is already in `done` and in today's increment, so what is
 *   left is spread over the days *after* today: tomorrow through the deadline, inclusive.
 *   A deadline of tomorrow leaves one day; a deadline of today (or earlier) leaves none.
 * - "Recent" is the last RECENT_WINDOW_DAYS calendar days ending today, a day with no
 *   increment counting as 0: a village that vaccinated nobody on Sunday did slow down.
 * - Counts are whole people; rates are people per day. Needed rates round up (a plan of 12.3
 *   a day is a plan of 13), projections round up to whole days.
 */
import { addDays, type CalendarDate, dayNumber, daysBetween } from './calendar.js';
import { type Bilingual, invalidInput } from './errors.js';

/** How many days "recent" means: a week smooths the weekday/weekend swing of site turnout. */
export const RECENT_WINDOW_DAYS = 7;

/**
 * A unit that will finish at most this many days late is "at risk", not "behind": a few days
 * can still be made up by an attack team or a weekend push; more than that needs the command
 * to reallocate.
 */
export const DEFAULT_GRACE_DAYS = 3;

/**
 * A unit going at ≥ 80% of the rate it needs is "at risk", not "behind", even if the
 * projection says late: the gap is one a push can close (20% more a day), while a unit at half
 * the rate needs a different plan.
 */
export const AT_RISK_RATE_RATIO = 0.8;

export interface DailyIncrement {
  date: CalendarDate;
  /** People done that day (the day's increment, 当日新增). */
  done: number;
}

export interface UnitProgress {
  /** The unit's task number (任务数); null when none has been handed down yet. */
  task: number | null;
  /** Done so far, today's increment included. */
  done: number;
  deadline: CalendarDate;
  /** The report day, read at its evening cut-off. */
  today: CalendarDate;
  /** Daily increments in any order; missing days count as 0, repeated dates are summed. */
  daily: readonly DailyIncrement[];
  /** First day of the campaign: a campaign younger than a week averages over fewer days. */
  since?: CalendarDate;
  /** People per day the unit's sites can vaccinate; when given, the schedule checks it. */
  capacityPerDay?: number;
  /** Days of lateness still counted "at risk"; DEFAULT_GRACE_DAYS when absent. */
  graceDays?: number;
}

/**
 * - done: nothing left.
 * - on-track: the projected finish is on or before the deadline.
 * - at-risk: projected within the grace days after the deadline, or going at ≥
 *   AT_RISK_RATE_RATIO of the needed rate.
 * - behind: anything else, including no progress at all in the recent window.
 * - no-task: the unit has no task number, so nothing can be measured against it.
 */
export type ScheduleStatus = 'done' | 'on-track' | 'at-risk' | 'behind' | 'no-task';

export const SCHEDULE_STATUS_LABELS: Readonly<Record<ScheduleStatus, Bilingual>> = {
  done: { zh: '已完成', en: 'done' },
  'on-track': { zh: '可按期完成', en: 'on track' },
  'at-risk': { zh: '有延期风险', en: 'at risk' },
  behind: { zh: '进度滞后', en: 'behind' },
  'no-task': { zh: '未下达任务', en: 'no task' },
};

export interface WeeklyTarget {
  /** First day of the week within the plan: a Monday, or tomorrow for the first week. */
  weekStart: CalendarDate;
  /** Last day of the week within the plan: a Sunday, or the deadline for the last week. */
  weekEnd: CalendarDate;
  days: number;
  /** People to do in this week. */
  target: number;
  /** People to do from tomorrow through weekEnd; the last week's equals `remaining`. */
  cumulativeTarget: number;
}

export interface CapacityCheck {
  enough: boolean;
  /** People a day the sites are short of the need; 0 when enough. */
  shortfall: number;
  /** Need ÷ capacity (above 1 means over capacity); null when capacity is 0 and need is not. */
  utilisation: number | null;
}

export interface UnitSchedule {
  task: number | null;
  done: number;
  /** max(0, task − done); null when there is no task. */
  remaining: number | null;
  /** Calendar days from tomorrow through the deadline, inclusive; 0 once the deadline is today or past. */
  daysLeft: number;
  /** Work is left and no days are: the deadline has been reached without finishing. */
  overdue: boolean;
  /** ⌈remaining ÷ daysLeft⌉; 0 when nothing is left; null when overdue or there is no task. */
  neededDailyRate: number | null;
  /** Mean daily increment over the recent window (not rounded); never negative. */
  recentDailyRate: number;
  /** Days the recent rate is averaged over: RECENT_WINDOW_DAYS, fewer in a campaign's first week. */
  recentDays: number;
  /**
   * The day the unit finishes at its recent rate: today + ⌈remaining ÷ rate⌉ days; today when
   * nothing is left; null when work is left and the recent rate is 0, or there is no task.
   */
  projectedFinish: CalendarDate | null;
  status: ScheduleStatus;
  /** Work is left and the projection is after the deadline, or there is no projection. */
  willMiss: boolean;
  /** Week-by-week targets (Mon–Sun, first and last partial) from tomorrow to the deadline. */
  weeklyTargets: WeeklyTarget[];
  /** Present when capacityPerDay was given and there is a task. */
  capacity: CapacityCheck | null;
}

function checkCount(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalidInput({
      code: 'scheduling.count',
      message: {
        zh: `${field} 必须是非负整数，实际为 ${value}`,
        en: `${field} must be a whole number ≥ 0, got ${value}`,
      },
      field,
    });
  }
}

function checkDate(value: CalendarDate, field: string): number {
  try {
    return dayNumber(value);
  } catch {
    throw invalidInput({
      code: 'scheduling.date',
      message: { zh: `${field} 不是有效日期：${value}`, en: `${field} is not a calendar date: ${value}` },
      field,
    });
  }
}

/** ⌈a ÷ b⌉ for a ≥ 0, b > 0. */
function ceilDiv(a: number, b: number): number {
  return Math.ceil(a / b);
}

/** ISO weekday of a day number: Monday 0 … Sunday 6 (1970-01-01, day 0, was a Thursday). */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The Monday of the week (Monday to Sunday, as weeks are counted in China, GB/T 7408) a date is in. */
export function mondayOf(date: CalendarDate): CalendarDate {
  return addDays(date, -weekdayIndex(dayNumber(date)));
}

/**
 * Whether the unit's sites can carry the need. Utilisation above 1 is a shortfall; exactly 1
 * is enough but leaves no slack for the elderly who come in a bus at once.
 */
export function capacityCheck(input: { neededDailyRate: number; capacityPerDay: number }): CapacityCheck {
  const { neededDailyRate, capacityPerDay } = input;
  for (const [value, field] of [
    [neededDailyRate, 'neededDailyRate'],
    [capacityPerDay, 'capacityPerDay'],
  ] as const) {
    if (!Number.isFinite(value) || value < 0) {
      throw invalidInput({
        code: 'scheduling.rate',
        message: {
          zh: `${field} 必须是非负数，实际为 ${value}`,
          en: `${field} must be a number ≥ 0, got ${value}`,
        },
        field,
      });
    }
  }
  return {
    enough: neededDailyRate <= capacityPerDay,
    shortfall: Math.max(0, neededDailyRate - capacityPerDay),
    utilisation: capacityPerDay > 0 ? neededDailyRate / capacityPerDay : neededDailyRate === 0 ? 0 : null,
  };
}

/**
 * Splits `remaining` over the days from `firstDay` through `lastDay` (day numbers, inclusive)
 * and groups the days into Monday–Sunday weeks. Each day gets ⌊remaining ÷ days⌋ and the
 * first (remaining mod days) days one more, so the weeks add up to exactly `remaining` and no
 * day asks more than the needed rate. The extra ones go to the front on purpose: a plan that
 * gets ahead early has slack for the rain day; one that saves them for the end has none.
 */
export function weeklyTargets(
  remaining: number,
  firstDay: CalendarDate,
  lastDay: CalendarDate,
): WeeklyTarget[] {
  checkCount(remaining, 'remaining');
  const first = checkDate(firstDay, 'firstDay');
  const last = checkDate(lastDay, 'lastDay');
  const days = last - first + 1;
  if (days <= 0) return [];
  const base = Math.floor(remaining / days);
  const extra = remaining - base * days;
  const weeks: WeeklyTarget[] = [];
  let cumulative = 0;
  let start = first;
  while (start <= last) {
    const end = Math.min(last, start + (6 - weekdayIndex(start)));
    const n = end - start + 1;
    // Days with index < extra (counted from `first`) carry one more.
    const offset = start - first;
    const extraHere = Math.max(0, Math.min(n, extra - offset));
    const target = base * n + extraHere;
    cumulative += target;
    weeks.push({
      weekStart: addDays(firstDay, start - first),
      weekEnd: addDays(firstDay, end - first),
      days: n,
      target,
      cumulativeTarget: cumulative,
    });
    start = end + 1;
  }
  return weeks;
}

/**
 * The recent daily rate: the increments on the window's days (missing days 0, repeated dates
 * summed, days outside the window ignored) divided by the window's length. The window is the
 * RECENT_WINDOW_DAYS days ending today, cut at `since` when the campaign is younger. A
 * negative total (corrections outweighing doses) reads as no progress.
 */
export function recentRate(
  daily: readonly DailyIncrement[],
  today: CalendarDate,
  since?: CalendarDate,
): { rate: number; days: number; total: number } {
  const end = checkDate(today, 'today');
  let start = end - (RECENT_WINDOW_DAYS - 1);
  if (since !== undefined) start = Math.max(start, checkDate(since, 'since'));
  const days = Math.max(0, end - start + 1);
  let total = 0;
  for (const [i, d] of daily.entries()) {
    if (!Number.isSafeInteger(d.done)) {
      throw invalidInput({
        code: 'scheduling.increment',
        message: {
          zh: `第 ${i + 1} 条日增量不是整数：${d.done}`,
          en: `daily increment ${i + 1} is not a whole number: ${d.done}`,
        },
        field: 'daily',
      });
    }
    const day = checkDate(d.date, 'daily.date');
    if (day >= start && day <= end) total += d.done;
  }
  total = Math.max(0, total);
  return { rate: days > 0 ? total / days : 0, days, total };
}

/** The backward schedule of one unit; see the conventions at the top of this file. */
export function scheduleUnit(input: UnitProgress): UnitSchedule {
  const { task, done, deadline, today } = input;
  if (task !== null) checkCount(task, 'task');
  checkCount(done, 'done');
  const todayN = checkDate(today, 'today');
  const deadlineN = checkDate(deadline, 'deadline');
  const graceDays = input.graceDays ?? DEFAULT_GRACE_DAYS;
  checkCount(graceDays, 'graceDays');
  if (
    input.capacityPerDay !== undefined &&
    (!Number.isFinite(input.capacityPerDay) || input.capacityPerDay < 0)
  ) {
    throw invalidInput({
      code: 'scheduling.rate',
      message: {
        zh: `capacityPerDay 必须是非负数，实际为 ${input.capacityPerDay}`,
        en: `capacityPerDay must be a number ≥ 0, got ${input.capacityPerDay}`,
      },
      field: 'capacityPerDay',
    });
  }

  const daysLeft = Math.max(0, deadlineN - todayN);
  const recent = recentRate(input.daily, today, input.since);

  if (task === null) {
    return {
      task,
      done,
      remaining: null,
      daysLeft,
      overdue: false,
      neededDailyRate: null,
      recentDailyRate: recent.rate,
      recentDays: recent.days,
      projectedFinish: null,
      status: 'no-task',
      willMiss: false,
      weeklyTargets: [],
      capacity: null,
    };
  }

  const remaining = Math.max(0, task - done);
  const overdue = daysLeft === 0 && remaining > 0;
  const neededDailyRate = remaining === 0 ? 0 : daysLeft > 0 ? ceilDiv(remaining, daysLeft) : null;

  // ⌈remaining ÷ (total ÷ days)⌉ computed as ⌈remaining·days ÷ total⌉: whole numbers divided
  // once, so an exact quotient is not nudged past an integer by a rounded rate.
  let projectedFinish: CalendarDate | null;
  if (remaining === 0) projectedFinish = today;
  else if (recent.total === 0) projectedFinish = null;
  else projectedFinish = addDays(today, ceilDiv(remaining * recent.days, recent.total));

  const finishN = projectedFinish === null ? null : dayNumber(projectedFinish);
  const willMiss = remaining > 0 && (finishN === null || finishN > deadlineN);

  let status: ScheduleStatus;
  if (remaining === 0) status = 'done';
  else if (finishN !== null && finishN <= deadlineN) status = 'on-track';
  else if (
    finishN !== null &&
    (finishN <= deadlineN + graceDays ||
      (neededDailyRate !== null && recent.rate >= AT_RISK_RATE_RATIO * neededDailyRate))
  ) {
    status = 'at-risk';
  } else status = 'behind';

  // When overdue, the whole remainder is needed at once: the check says whether the sites
  // could clear it in one more day.
  const capacity =
    input.capacityPerDay === undefined
      ? null
      : capacityCheck({
          neededDailyRate: neededDailyRate ?? remaining,
          capacityPerDay: input.capacityPerDay,
        });

  return {
    task,
    done,
    remaining,
    daysLeft,
    overdue,
    neededDailyRate,
    recentDailyRate: recent.rate,
    recentDays: recent.days,
    projectedFinish,
    status,
    willMiss,
    weeklyTargets: daysLeft > 0 ? weeklyTargets(remaining, addDays(today, 1), deadline) : [],
    capacity,
  };
}

/** Days the projected finish is past the deadline (0 when on time); null without a projection. */
export function daysLate(
  schedule: Pick<UnitSchedule, 'projectedFinish'>,
  deadline: CalendarDate,
): number | null {
  return schedule.projectedFinish === null
    ? null
    : Math.max(0, daysBetween(deadline, schedule.projectedFinish));
}
