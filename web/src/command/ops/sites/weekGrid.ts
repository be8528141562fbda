/**
 * The township's week as the grid shows it (按村组排班): a row per village, a cell per day with
 * what the village planned (at all the township's sites together), and how full each day is.
 * The numbers are the server's; this only turns its day-by-day answer round into rows.
 */
import type { BookingEntry, ScheduleDay } from '../opsApi.js';

export interface GridCell {
  day: string;
  planned: number;
  booked: number | null;
  done: number | null;
}

export interface GridRow {
  village: string;
  name: string;
  cells: GridCell[];
  /** Planned over the days shown. */
  week: number;
}

/** A row per village, in the order the server lists them, a cell for every day shown. */
export function weekRows(days: readonly ScheduleDay[]): GridRow[] {
  const rows = new Map<string, GridRow>();
  for (const d of days) {
    for (const v of d.villages) {
      if (!rows.has(v.village)) rows.set(v.village, { village: v.village, name: v.name, cells: [], week: 0 });
    }
  }
  for (const row of rows.values()) {
    for (const d of days) {
      const v = d.villages.find((x) => x.village === row.village);
      const cell = { day: d.day, planned: v?.planned ?? 0, booked: v?.booked ?? null, done: v?.done ?? null };
      row.cells.push(cell);
      row.week += cell.planned;
    }
  }
  return [...rows.values()];
}

export type Load = 'over' | 'full' | 'open';

/** Over capacity (a capacity lowered after booking), exactly full, or with room left. */
export function loadOf(d: { capacity: number; planned: number }): Load {
  if (d.planned > d.capacity) return 'over';
  return d.planned === d.capacity ? 'full' : 'open';
}

/**
 * The entries of one booking: the village on the chosen day, or on every day shown from the
 * chosen one on (the same number each day, as a township plans a week), never a past day.
 */
export function bookingEntries(
  village: string,
  day: string,
  planned: number,
  days: readonly string[],
  wholeWeek: boolean,
): BookingEntry[] {
  const chosen = wholeWeek ? days.filter((d) => d >= day) : [day];
  return chosen.map((d) => ({ village, day: d, planned }));
}
