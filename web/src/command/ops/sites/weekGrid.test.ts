import { describe, expect, it } from 'vitest';
import type { ScheduleDay } from '../opsApi.js';
import { bookingEntries, loadOf, weekRows } from './weekGrid.js';

const day = (d: string, villages: [string, string, number][]): ScheduleDay => ({
  day: d,
  capacity: 100,
  planned: villages.reduce((s, v) => s + v[2], 0),
  left: 100 - villages.reduce((s, v) => s + v[2], 0),
  sites: [],
  villages: villages.map(([village, name, planned]) => ({ village, name, planned, booked: 0, done: null })),
});

describe('weekRows', () => {
  it('turns days of villages into villages of days, with the week total', () => {
    const rows = weekRows([
      day('2021-08-09', [
        ['430321205206', '锦石村', 5],
        ['430321205201', '唐家湖村', 0],
      ]),
      day('2021-08-10', [['430321205206', '锦石村', 10]]),
    ]);
    expect(rows.map((r) => [r.name, r.week, r.cells.map((c) => c.planned)])).toEqual([
      ['锦石村', 15, [5, 10]],
      ['唐家湖村', 0, [0, 0]],
    ]);
    expect(rows[1]?.cells[1]).toEqual({ day: '2021-08-10', planned: 0, booked: null, done: null });
  });
});

describe('loadOf', () => {
  it('tells over, full and open days apart', () => {
    expect(loadOf({ capacity: 100, planned: 120 })).toBe('over');
    expect(loadOf({ capacity: 100, planned: 100 })).toBe('full');
    expect(loadOf({ capacity: 100, planned: 40 })).toBe('open');
  });
});

describe('bookingEntries', () => {
  const days = ['2021-08-09', '2021-08-10', '2021-08-11'];
  it('books one day', () => {
    expect(bookingEntries('430321205206', '2021-08-10', 20, days, false)).toEqual([
      { village: '430321205206', day: '2021-08-10', planned: 20 },
    ]);
  });
  it('books the rest of the week from the chosen day', () => {
    expect(bookingEntries('430321205206', '2021-08-10', 20, days, true).map((e) => e.day)).toEqual([
      '2021-08-10',
      '2021-08-11',
    ]);
  });
});
