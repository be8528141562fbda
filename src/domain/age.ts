/**
 * Age in full years and age bands. Who is eligible changed several times in 2021 (18–59, then
 * 60+, then 12–17), so the band and the date it is measured on belong to the campaign; nothing
 * here knows any policy.
 */
import type { Bilingual } from './errors.js';
import { type CalendarDate, daysInMonth, formatDate, isRealDate } from './calendar.js';

/** An inclusive range of ages in full years; `maxAge: null` means no upper limit. */
export interface AgeBand {
  minAge: number;
  maxAge: number | null;
}

/**
 * The date as the integer YYYYMMDD. Comparing these compares dates, and their difference
 * divided by 10000 and floored is an age in full years (see ageOn). Read by hand rather than
 * with calendar.parseDate because eligibility is computed for every resident of a county.
 */
function dateKey(date: CalendarDate): number {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    let year = 0;
    let month = 0;
    let day = 0;
    let ok = true;
    for (let i = 0; i < 10 && ok; i++) {
      if (i === 4 || i === 7) continue;
      const d = date.charCodeAt(i) - 48;
      if (d < 0 || d > 9) ok = false;
      else if (i < 4) year = year * 10 + d;
      else if (i < 7) month = month * 10 + d;
      else day = day * 10 + d;
    }
    if (ok && isRealDate(year, month, day)) return year * 10000 + month * 100 + day;
  }
  throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
}

/**
 * Age in full years on `asOf`; the birthday itself is the first day of the new age. Someone
 * born on 29 February turns a year older on 1 March in a common year, not on 28 February: a
 * full year has not passed until 28 February is over. This is the rule of most legal systems,
 * and the one the Civil Code's rule for periods gives (民法典 第二百零二条: when the final month
 * of a period of years has no corresponding day, the period ends on that month's last day, so
 * the new year of age begins the day after, 1 March). It also falls out of comparing
 * (month, day) pairs with no special case. Before the birth date the result is negative, so no
 * band with minAge ≥ 0 contains someone not yet born.
 */
export function ageOn(birthDate: CalendarDate, asOf: CalendarDate): number {
  return Math.floor((dateKey(asOf) - dateKey(birthDate)) / 10000);
}

/** Throws RangeError unless the band is whole, non-negative ages with minAge ≤ maxAge. */
export function assertAgeBand(band: AgeBand): void {
  const { minAge, maxAge } = band;
  if (!Number.isInteger(minAge) || minAge < 0) {
    throw new RangeError(`minAge must be a whole number of years ≥ 0, got ${minAge}`);
  }
  if (maxAge !== null && (!Number.isInteger(maxAge) || maxAge < minAge)) {
    throw new RangeError(
      `maxAge must be null or a whole number of years ≥ minAge (${minAge}), got ${maxAge}`,
    );
  }
}

export function isAgeInBand(age: number, band: AgeBand): boolean {
  return age >= band.minAge && (band.maxAge === null || age <= band.maxAge);
}

export function isInAgeBand(birthDate: CalendarDate, band: AgeBand, asOf: CalendarDate): boolean {
  return isAgeInBand(ageOn(birthDate, asOf), band);
}

/**
 * The first of `bands` the person is in on `asOf`, for grouping people (by report column, say);
 * generic so that bands carrying a label or key come back with it.
 */
export function ageBandOf<B extends AgeBand>(
  birthDate: CalendarDate,
  bands: readonly B[],
  asOf: CalendarDate,
): B | undefined {
  const age = ageOn(birthDate, asOf);
  return bands.find((b) => isAgeInBand(age, b));
}

/** 60 and over: the group the daily report tracks coverage of separately. */
export const SIXTY_PLUS: AgeBand = { minAge: 60, maxAge: null };

export function isSixtyPlus(birthDate: CalendarDate, asOf: CalendarDate): boolean {
  return ageOn(birthDate, asOf) >= 60;
}

/** How the band reads on a page: 18–59岁 / aged 18–59, 60岁及以上 / aged 60 and over. */
export function describeAgeBand(band: AgeBand): Bilingual {
  if (band.maxAge === null) return { zh: `${band.minAge}岁及以上`, en: `aged ${band.minAge} and over` };
  if (band.maxAge === band.minAge) return { zh: `${band.minAge}岁`, en: `aged ${band.minAge}` };
  return { zh: `${band.minAge}–${band.maxAge}岁`, en: `aged ${band.minAge}–${band.maxAge}` };
}

/**
 * The inclusive range of birth dates of people in `band` on `asOf`, so a store can select them
 * with a range over an index on birth_date: `earliest <= birth_date <= latest` (no lower bound
 * when earliest is null). Agrees exactly with isInAgeBand, 29 February included.
 */
export function birthDateBounds(
  band: AgeBand,
  asOf: CalendarDate,
): { earliest: CalendarDate | null; latest: CalendarDate } {
  assertAgeBand(band);
  const key = dateKey(asOf);
  const year = Math.floor(key / 10000);
  const month = Math.floor(key / 100) % 100;
  const day = key % 100;

  // age ≥ minAge ⇔ birth ≤ (year − minAge, month, day) as YYYYMMDD. When that is 29 February of a
  // common year, the last real date at or before it is the 28th.
  const latestYear = year - band.minAge;
  const latest = formatDate(latestYear, month, Math.min(day, daysInMonth(latestYear, month)));
  if (band.maxAge === null) return { earliest: null, latest };

  // age ≤ maxAge ⇔ birth > (year − maxAge − 1, month, day). The first real date after it is the
  // next day, or 1 March when it is a 29 February that does not exist.
  const y = year - band.maxAge - 1;
  let earliest: CalendarDate;
  if (day < daysInMonth(y, month)) earliest = formatDate(y, month, day + 1);
  else if (month < 12) earliest = formatDate(y, month + 1, 1);
  else earliest = formatDate(y + 1, 1, 1);
  return { earliest, latest };
}
