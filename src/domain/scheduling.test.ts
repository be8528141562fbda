import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDays, dayNumber, dateFromDayNumber } from './calendar.js';
import { isGridvaxError } from './errors.js';
import {
  AT_RISK_RATE_RATIO,
  DEFAULT_GRACE_DAYS,
  RECENT_WINDOW_DAYS,
  capacityCheck,
  daysLate,
  mondayOf,
  recentRate,
  scheduleUnit,
  weeklyTargets,
  type DailyIncrement,
  type UnitProgress,
} from './scheduling.js';

// The demo's evening: Monday 2021-08-09, the day 锦石乡 reported 11,500 first doses, 91.2% of
// its task (shared/seed/), so a task of about 12,610.
const TODAY = '2021-08-09';
const DEADLINE = '2021-08-31';

/** The same increment on each of the `days` days ending today. */
function flat(perDay: number, days = RECENT_WINDOW_DAYS, today = TODAY): DailyIncrement[] {
  return Array.from({ length: days }, (_, i) => ({ date: addDays(today, -i), done: perDay }));
}

function unit(over: Partial<UnitProgress> = {}): UnitProgress {
  return { task: 12_610, done: 11_500, deadline: DEADLINE, today: TODAY, daily: flat(60), ...over };
}

describe('scheduleUnit', () => {
  it('spreads what is left over tomorrow through the deadline', () => {
    const s = scheduleUnit(unit());
    expect(s.remaining).toBe(1110);
    expect(s.daysLeft).toBe(22); // 10 August … 31 August
    expect(s.neededDailyRate).toBe(51); // ⌈1110 ÷ 22⌉ = ⌈50.45⌉
    expect(s.overdue).toBe(false);
    expect(s.recentDailyRate).toBe(60);
    expect(s.recentDays).toBe(7);
    expect(s.projectedFinish).toBe('2021-08-28'); // ⌈1110 ÷ 60⌉ = 19 days
    expect(s.status).toBe('on-track');
    expect(s.willMiss).toBe(false);
    expect(s.capacity).toBeNull();
  });

  it('splits the weeks Monday to Sunday, first and last partial, front-loading the odd people', () => {
    const s = scheduleUnit(unit());
    expect(s.weeklyTargets).toEqual([
      // 50 a day, and the first 10 days one more
      { weekStart: '2021-08-10', weekEnd: '2021-08-15', days: 6, target: 306, cumulativeTarget: 306 },
      { weekStart: '2021-08-16', weekEnd: '2021-08-22', days: 7, target: 354, cumulativeTarget: 660 },
      { weekStart: '2021-08-23', weekEnd: '2021-08-29', days: 7, target: 350, cumulativeTarget: 1010 },
      { weekStart: '2021-08-30', weekEnd: '2021-08-31', days: 2, target: 100, cumulativeTarget: 1110 },
    ]);
  });

  it('counts a deadline of tomorrow as one day and of today as none', () => {
    expect(scheduleUnit(unit({ deadline: '2021-08-10' })).daysLeft).toBe(1);
    expect(scheduleUnit(unit({ deadline: '2021-08-10' })).neededDailyRate).toBe(1110);
    const due = scheduleUnit(unit({ deadline: TODAY }));
    expect(due.daysLeft).toBe(0);
    expect(due.overdue).toBe(true);
    expect(due.neededDailyRate).toBeNull();
    expect(due.weeklyTargets).toEqual([]);
    expect(due.willMiss).toBe(true);
    const past = scheduleUnit(unit({ deadline: '2021-08-01' }));
    expect(past.daysLeft).toBe(0);
    expect(past.overdue).toBe(true);
  });

  it('is done, not overdue, when the task is met, whatever the date', () => {
    const s = scheduleUnit(unit({ done: 13_000, deadline: '2021-08-01', daily: [] }));
    expect(s).toMatchObject({
      remaining: 0,
      overdue: false,
      neededDailyRate: 0,
      projectedFinish: TODAY,
      status: 'done',
      willMiss: false,
      weeklyTargets: [],
    });
    const early = scheduleUnit(unit({ done: 12_610 }));
    expect(early.status).toBe('done');
    expect(early.weeklyTargets.map((w) => w.target)).toEqual([0, 0, 0, 0]);
  });

  it('counts missing days as 0 and sums repeated dates, in any order', () => {
    const daily = [
      { date: '2021-08-09', done: 30 },
      { date: '2021-08-05', done: 100 },
      { date: '2021-08-09', done: 40 },
      { date: '2021-08-02', done: 999 }, // eight days ago: outside the window
      { date: '2021-08-10', done: 999 }, // after today: outside the window
    ];
    const s = scheduleUnit(unit({ daily }));
    expect(s.recentDailyRate).toBeCloseTo(170 / 7, 12);
    expect(s.recentDays).toBe(7);
  });

  it('averages over fewer days in a campaign younger than a week', () => {
    const s = scheduleUnit(unit({ since: '2021-08-07', daily: flat(90) }));
    expect(s.recentDays).toBe(3);
    expect(s.recentDailyRate).toBe(90);
    expect(recentRate([], TODAY, '2021-08-10')).toEqual({ rate: 0, days: 0, total: 0 });
    // An old campaign start does not stretch the window past a week.
    expect(scheduleUnit(unit({ since: '2021-06-01' })).recentDays).toBe(7);
  });

  it('reads no progress as behind, with no projection', () => {
    const s = scheduleUnit(unit({ daily: [] }));
    expect(s.recentDailyRate).toBe(0);
    expect(s.projectedFinish).toBeNull();
    expect(s.willMiss).toBe(true);
    expect(s.status).toBe('behind');
    // Corrections outweighing doses are no progress, not negative progress.
    expect(scheduleUnit(unit({ daily: [{ date: TODAY, done: -5 }] })).recentDailyRate).toBe(0);
  });

  it('is at risk when late by no more than the grace days', () => {
    // 1110 left, 22 days: 47 a day finishes in ⌈23.6⌉ = 24 days, 2 late: within 3.
    const s = scheduleUnit(unit({ daily: flat(47) }));
    expect(s.projectedFinish).toBe('2021-09-02');
    expect(s.status).toBe('at-risk');
    expect(s.willMiss).toBe(true);
    expect(daysLate(s, DEADLINE)).toBe(2);
    // 25 a day is 45 days: far late and under 80% of 51.
    expect(scheduleUnit(unit({ daily: flat(25) })).status).toBe('behind');
    // 100 left over 2 days needs 50 a day; 25 a day is half of that but only 2 days late.
    const short = unit({ task: 100, done: 0, deadline: '2021-08-11', daily: flat(25) });
    expect(scheduleUnit(short).status).toBe('at-risk');
    expect(scheduleUnit({ ...short, graceDays: 1 }).status).toBe('behind');
    expect(DEFAULT_GRACE_DAYS).toBe(3);
  });

  it('is at risk when far late but within 80% of the needed rate', () => {
    // 10,000 left over 100 days needs 100 a day; 80 a day finishes 25 days late.
    const s = scheduleUnit({
      task: 10_000,
      done: 0,
      today: TODAY,
      deadline: addDays(TODAY, 100),
      daily: flat(80),
    });
    expect(s.neededDailyRate).toBe(100);
    expect(s.status).toBe('at-risk');
    expect(AT_RISK_RATE_RATIO * 100).toBe(80);
    const slower = scheduleUnit({
      task: 10_000,
      done: 0,
      today: TODAY,
      deadline: addDays(TODAY, 100),
      daily: flat(79),
    });
    expect(slower.status).toBe('behind');
  });

  it('reports a unit with no task as such, still with its recent rate', () => {
    const s = scheduleUnit(unit({ task: null, capacityPerDay: 100 }));
    expect(s).toMatchObject({
      remaining: null,
      neededDailyRate: null,
      status: 'no-task',
      projectedFinish: null,
      willMiss: false,
      weeklyTargets: [],
      capacity: null,
      recentDailyRate: 60,
    });
  });

  it('checks site capacity against the need, and an overdue need against one day', () => {
    expect(scheduleUnit(unit({ capacityPerDay: 300 })).capacity).toEqual({
      enough: true,
      shortfall: 0,
      utilisation: 51 / 300,
    });
    expect(scheduleUnit(unit({ deadline: TODAY, capacityPerDay: 300 })).capacity).toEqual({
      enough: false,
      shortfall: 810,
      utilisation: 1110 / 300,
    });
  });

  it('refuses what is not a count or a date, as invalid input', () => {
    for (const bad of [
      unit({ task: -1 }),
      unit({ done: 1.5 }),
      unit({ deadline: '2021-02-30' }),
      unit({ today: 'yesterday' }),
      unit({ daily: [{ date: TODAY, done: Number.NaN }] }),
      unit({ daily: [{ date: '2021-8-9', done: 1 }] }),
      unit({ capacityPerDay: -1 }),
      unit({ graceDays: -1 }),
    ]) {
      let caught: unknown;
      try {
        scheduleUnit(bad);
      } catch (e) {
        caught = e;
      }
      expect(isGridvaxError(caught) && caught.kind).toBe('invalid-input');
    }
  });
});

describe('capacityCheck', () => {
  it('reports shortfall and utilisation', () => {
    expect(capacityCheck({ neededDailyRate: 450, capacityPerDay: 400 })).toEqual({
      enough: false,
      shortfall: 50,
      utilisation: 1.125,
    });
    expect(capacityCheck({ neededDailyRate: 400, capacityPerDay: 400 })).toEqual({
      enough: true,
      shortfall: 0,
      utilisation: 1,
    });
  });

  it('handles a township with no open site', () => {
    expect(capacityCheck({ neededDailyRate: 10, capacityPerDay: 0 })).toEqual({
      enough: false,
      shortfall: 10,
      utilisation: null,
    });
    expect(capacityCheck({ neededDailyRate: 0, capacityPerDay: 0 })).toEqual({
      enough: true,
      shortfall: 0,
      utilisation: 0,
    });
  });
});

describe('mondayOf and weeklyTargets', () => {
  it('finds the Monday of a week', () => {
    expect(mondayOf('2021-08-09')).toBe('2021-08-09'); // a Monday
    expect(mondayOf('2021-08-15')).toBe('2021-08-09'); // a Sunday
    expect(mondayOf('2021-08-16')).toBe('2021-08-16');
    expect(mondayOf('1970-01-01')).toBe('1969-12-29');
  });

  it('gives one partial week for a plan inside a week, and none for an empty plan', () => {
    expect(weeklyTargets(10, '2021-08-11', '2021-08-13')).toEqual([
      { weekStart: '2021-08-11', weekEnd: '2021-08-13', days: 3, target: 10, cumulativeTarget: 10 },
    ]);
    expect(weeklyTargets(10, '2021-08-13', '2021-08-11')).toEqual([]);
  });
});

// Laws ------------------------------------------------------------------------------------

const dateArb = fc
  .integer({ min: dayNumber('2021-01-01'), max: dayNumber('2022-12-31') })
  .map(dateFromDayNumber);

const progressArb: fc.Arbitrary<UnitProgress> = fc
  .record({
    task: fc.integer({ min: 0, max: 200_000 }),
    done: fc.integer({ min: 0, max: 200_000 }),
    today: dateArb,
    horizon: fc.integer({ min: -10, max: 400 }),
    daily: fc.array(
      fc.record({ back: fc.integer({ min: -2, max: 12 }), done: fc.integer({ min: 0, max: 5000 }) }),
      {
        maxLength: 15,
      },
    ),
  })
  .map(({ task, done, today, horizon, daily }) => ({
    task,
    done,
    today,
    deadline: addDays(today, horizon),
    daily: daily.map((d) => ({ date: addDays(today, -d.back), done: d.done })),
  }));

describe('laws', () => {
  it('weekly targets add up exactly to what is left, week by week cumulatively', () => {
    fc.assert(
      fc.property(progressArb, (p) => {
        const s = scheduleUnit(p);
        const sum = s.weeklyTargets.reduce((a, w) => a + w.target, 0);
        if (s.daysLeft > 0) expect(sum).toBe(s.remaining);
        else expect(s.weeklyTargets).toEqual([]);
        expect(s.weeklyTargets.reduce((a, w) => a + w.days, 0)).toBe(s.daysLeft);
        let cumulative = 0;
        for (const w of s.weeklyTargets) {
          cumulative += w.target;
          expect(w.cumulativeTarget).toBe(cumulative);
          expect(w.target).toBeLessThanOrEqual((s.neededDailyRate ?? 0) * w.days);
          expect(mondayOf(w.weekStart) === w.weekStart || w.weekStart === addDays(p.today, 1)).toBe(true);
        }
      }),
    );
  });

  it('the needed rate over the days left covers what is left', () => {
    fc.assert(
      fc.property(progressArb, (p) => {
        const s = scheduleUnit(p);
        const remaining = s.remaining ?? 0;
        if (s.neededDailyRate === null) expect(s.overdue).toBe(true);
        else {
          expect(s.neededDailyRate * s.daysLeft).toBeGreaterThanOrEqual(remaining);
          // …and is the least whole rate that does.
          if (s.daysLeft > 0 && remaining > 0)
            expect((s.neededDailyRate - 1) * s.daysLeft).toBeLessThan(remaining);
        }
      }),
    );
  });

  it('the projected finish does not get later as the recent rate grows', () => {
    fc.assert(
      fc.property(
        progressArb,
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        (p, a, b) => {
          const [slow, fast] = a <= b ? [a, b] : [b, a];
          const s1 = scheduleUnit({ ...p, daily: flat(slow, RECENT_WINDOW_DAYS, p.today) });
          const s2 = scheduleUnit({ ...p, daily: flat(fast, RECENT_WINDOW_DAYS, p.today) });
          expect(s2.recentDailyRate).toBeGreaterThanOrEqual(s1.recentDailyRate);
          if (s1.projectedFinish !== null) {
            expect(s2.projectedFinish).not.toBeNull();
            expect(dayNumber(s2.projectedFinish ?? '')).toBeLessThanOrEqual(dayNumber(s1.projectedFinish));
          }
        },
      ),
    );
  });

  it('status agrees with the projection', () => {
    fc.assert(
      fc.property(progressArb, (p) => {
        const s = scheduleUnit(p);
        if (s.status === 'done') expect(s.remaining).toBe(0);
        if (s.status === 'on-track') expect(s.willMiss).toBe(false);
        if (s.status === 'at-risk' || s.status === 'behind') expect(s.willMiss).toBe(true);
        if (s.projectedFinish === null && (s.remaining ?? 0) > 0) expect(s.status).toBe('behind');
      }),
    );
  });
});
