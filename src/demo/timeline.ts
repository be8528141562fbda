/**
 * The demo's calendar: the evening the county is frozen at, and the days the story runs on.
 * Days are handled as day numbers (days since 1970-01-01) so the generators do integer
 * arithmetic; strings are made once per day from a cache.
 */
import { dateFromDayNumber, dayNumber } from '../domain/calendar.js';

/** 2021-08-09 18:00 Asia/Shanghai, the evening of the news report: nothing happens after it. */
export const DEMO_NOW_ISO = '2021-08-09T10:00:00.000Z';
export const DEMO_NOW = new Date(DEMO_NOW_ISO);
export const TODAY = '2021-08-09';
export const TODAY_DAY = dayNumber(TODAY);

/** When the register was loaded: every resident row's created_at / updated_at. */
export const REGISTER_INSTANT = '2021-06-01T00:00:00.000Z';
export const REGISTER_DAY = dayNumber('2021-06-01');

/** The county's first-dose drive (攻坚行动) began the day after the campaign was set. */
export const DRIVE_START_DAY = dayNumber('2021-07-20');
/** The spring roll-out to adults, the earliest first dose in the demo. */
export const FIRST_DOSES_FROM_DAY = dayNumber('2021-03-25');

const CACHE_FROM = dayNumber('1915-01-01');
const CACHE_TO = dayNumber('2023-12-31');
const DAY_STRINGS: (string | undefined)[] = new Array<string | undefined>(CACHE_TO - CACHE_FROM + 1);

/** `YYYY-MM-DD` of a day number. */
export function dateOf(day: number): string {
  if (day < CACHE_FROM || day > CACHE_TO) return dateFromDayNumber(day);
  const i = day - CACHE_FROM;
  let s = DAY_STRINGS[i];
  if (s === undefined) {
    s = dateFromDayNumber(day);
    DAY_STRINGS[i] = s;
  }
  return s;
}

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

const SHANGHAI_OFFSET_S = 8 * 3600;

/**
 * The UTC ISO instant (as `Date.prototype.toISOString` writes it) of a wall-clock time on an
 * Asia/Shanghai day, given as seconds after Shanghai midnight.
 */
export function instantOn(day: number, shanghaiSeconds: number): string {
  let s = shanghaiSeconds - SHANGHAI_OFFSET_S;
  let d = day;
  if (s < 0) {
    s += 86400;
    d -= 1;
  }
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${dateOf(d)}T${TWO[h] as string}:${TWO[m] as string}:${TWO[s % 60] as string}.000Z`;
}

export const HOUR = 3600;
