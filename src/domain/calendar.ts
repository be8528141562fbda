/**
 * Calendar days and instants. Campaign days are calendar days in Asia/Shanghai (UTC+8, no
 * daylight saving since 1991), instants are stored as ISO-8601 UTC strings. Domain code never
 * reads the wall clock: "now" is always passed in.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type CalendarDate = string;

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Whether year, month and day name a day that exists in the Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Parses `YYYY-MM-DD` into its parts, or undefined if it is not a real date. */
export function parseDate(s: string): { year: number; month: number; day: number } | undefined {
  const m = DATE_RE.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isRealDate(year, month, day) ? { year, month, day } : undefined;
}

export function formatDate(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian). */
export function dayNumber(date: CalendarDate): number {
  const p = parseDate(date);
  if (!p) throw new RangeError(`not a calendar date: ${date}`);
  return Math.floor(Date.UTC(p.year, p.month - 1, p.day) / 86_400_000);
}

export function dateFromDayNumber(n: number): CalendarDate {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return dateFromDayNumber(dayNumber(date) + days);
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** The Asia/Shanghai calendar day an instant falls on. */
export function shanghaiDate(instant: Date | string): CalendarDate {
  const t = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant at which an Asia/Shanghai wall-clock time occurs. */
export function shanghaiInstant(date: CalendarDate, time = '00:00'): Date {
  const p = parseDate(date);
  if (!p) throw new RangeError(`not a calendar date: ${date}`);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, hh ?? 0, mm ?? 0) - SHANGHAI_OFFSET_MS);
}

/** The half-open UTC range [start, end) of one Asia/Shanghai calendar day, as ISO strings. */
export function shanghaiDayRange(date: CalendarDate): { start: string; end: string } {
  return {
    start: shanghaiInstant(date).toISOString(),
    end: shanghaiInstant(addDays(date, 1)).toISOString(),
  };
}
