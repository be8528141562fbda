import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ageBandOf,
  ageOn,
  assertAgeBand,
  birthDateBounds,
  describeAgeBand,
  isInAgeBand,
  isSixtyPlus,
  SIXTY_PLUS,
  type AgeBand,
} from './age.js';
import { addDays, dateFromDayNumber, dayNumber, parseDate } from './calendar.js';

describe('ageOn', () => {
  it('counts full years, the birthday being the first day of the new age', () => {
    expect(ageOn('2000-08-10', '2021-08-09')).toBe(20);
    expect(ageOn('2000-08-09', '2021-08-09')).toBe(21);
    expect(ageOn('2000-08-08', '2021-08-09')).toBe(21);
    expect(ageOn('1961-08-09', '2021-08-09')).toBe(60);
    expect(ageOn('2021-08-09', '2021-08-09')).toBe(0);
    expect(ageOn('2020-08-10', '2021-08-09')).toBe(0);
  });

  it('is negative before birth', () => {
    expect(ageOn('2021-08-10', '2021-08-09')).toBe(-1);
  });

  it('makes someone born on 29 February a year older on 1 March of a common year', () => {
    expect(ageOn('2004-02-29', '2022-02-28')).toBe(17);
    expect(ageOn('2004-02-29', '2022-03-01')).toBe(18);
    expect(ageOn('2004-02-29', '2024-02-28')).toBe(19);
    expect(ageOn('2004-02-29', '2024-02-29')).toBe(20);
    expect(ageOn('2004-02-29', '2005-02-28')).toBe(0);
    expect(ageOn('2004-02-29', '2005-03-01')).toBe(1);
  });

  it('refuses what is not a calendar date', () => {
    expect(() => ageOn('2001-02-29', '2021-08-09')).toThrow(RangeError);
    expect(() => ageOn('2001-02-28', '2021/08/09')).toThrow(RangeError);
    expect(() => ageOn('2001-2-28', '2021-08-09')).toThrow(RangeError);
    expect(() => ageOn('20010228', '2021-08-09')).toThrow(RangeError);
  });
});

describe('age bands', () => {
  const adults: AgeBand = { minAge: 18, maxAge: 59 };

  it('includes both ends', () => {
    expect(isInAgeBand('2003-08-09', adults, '2021-08-09')).toBe(true);
    expect(isInAgeBand('2003-08-10', adults, '2021-08-09')).toBe(false);
    expect(isInAgeBand('1961-08-10', adults, '2021-08-09')).toBe(true);
    expect(isInAgeBand('1961-08-09', adults, '2021-08-09')).toBe(false);
  });

  it('has no upper limit when maxAge is null', () => {
    expect(isInAgeBand('1900-01-01', SIXTY_PLUS, '2021-08-09')).toBe(true);
    expect(isSixtyPlus('1961-08-09', '2021-08-09')).toBe(true);
    expect(isSixtyPlus('1961-08-10', '2021-08-09')).toBe(false);
  });

  it('finds the first band someone is in, keeping what the band carries', () => {
    const bands = [
      { key: '12-17', minAge: 12, maxAge: 17 },
      { key: '18-59', minAge: 18, maxAge: 59 },
      { key: '60+', minAge: 60, maxAge: null },
    ];
    expect(ageBandOf('2005-01-01', bands, '2021-08-09')?.key).toBe('12-17');
    expect(ageBandOf('1961-08-09', bands, '2021-08-09')?.key).toBe('60+');
    expect(ageBandOf('2015-01-01', bands, '2021-08-09')).toBeUndefined();
  });

  it('describes bands in both languages', () => {
    expect(describeAgeBand(adults)).toEqual({ zh: '18–59岁', en: 'aged 18–59' });
    expect(describeAgeBand(SIXTY_PLUS)).toEqual({ zh: '60岁及以上', en: 'aged 60 and over' });
  });

  it('refuses bands that are not whole, non-negative and ordered', () => {
    expect(() => assertAgeBand({ minAge: -1, maxAge: null })).toThrow(RangeError);
    expect(() => assertAgeBand({ minAge: 18.5, maxAge: null })).toThrow(RangeError);
    expect(() => assertAgeBand({ minAge: 18, maxAge: 17 })).toThrow(RangeError);
    expect(() => birthDateBounds({ minAge: 18, maxAge: 17 }, '2021-08-09')).toThrow(RangeError);
    expect(() => assertAgeBand({ minAge: 0, maxAge: 0 })).not.toThrow();
  });
});

describe('birthDateBounds', () => {
  it('gives the inclusive birth-date range of a band', () => {
    expect(birthDateBounds({ minAge: 18, maxAge: 59 }, '2021-08-09')).toEqual({
      earliest: '1961-08-10',
      latest: '2003-08-09',
    });
    expect(birthDateBounds(SIXTY_PLUS, '2021-08-09')).toEqual({ earliest: null, latest: '1961-08-09' });
    expect(birthDateBounds({ minAge: 0, maxAge: 0 }, '2021-08-09')).toEqual({
      earliest: '2020-08-10',
      latest: '2021-08-09',
    });
  });

  it('handles 29 February at both ends', () => {
    // On 2022-02-28 someone born 2004-02-29 is still 17.
    expect(birthDateBounds({ minAge: 18, maxAge: null }, '2022-02-28').latest).toBe('2004-02-28');
    expect(birthDateBounds({ minAge: 18, maxAge: null }, '2022-03-01').latest).toBe('2004-03-01');
    // As of 2024-02-29, a band's earliest birthday falls on a 29 February that 2003 lacks.
    expect(birthDateBounds({ minAge: 0, maxAge: 20 }, '2024-02-29')).toEqual({
      earliest: '2003-03-01',
      latest: '2024-02-29',
    });
    expect(birthDateBounds({ minAge: 20, maxAge: null }, '2024-02-29').latest).toBe('2004-02-29');
    expect(birthDateBounds({ minAge: 21, maxAge: null }, '2024-02-29').latest).toBe('2003-02-28');
  });

  it('rolls over the end of a year', () => {
    expect(birthDateBounds({ minAge: 0, maxAge: 17 }, '2021-12-31').earliest).toBe('2004-01-01');
  });
});

const FIRST = dayNumber('1900-01-01');
const LAST = dayNumber('2030-12-31');
const arbDay = fc.integer({ min: FIRST, max: LAST });
// Leap days and the days around them are where age arithmetic goes wrong; draw them often.
const arbDate = fc.oneof(
  arbDay.map(dateFromDayNumber),
  fc
    .tuple(fc.integer({ min: 1900, max: 2030 }), fc.constantFrom('02-28', '02-29', '03-01', '12-31', '01-01'))
    .map(([y, md]) => `${y}-${md}`)
    .filter((d) => parseDate(d) !== undefined),
);
const arbBand = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }))
  .map(([minAge, span]): AgeBand => ({ minAge, maxAge: span === null ? null : minAge + span }));

describe('properties', () => {
  it('ageOn(b, b) is 0', () => {
    fc.assert(fc.property(arbDate, (b) => ageOn(b, b) === 0));
  });

  it('ageOn never decreases as asOf moves forward, and grows by at most one a day', () => {
    fc.assert(
      fc.property(arbDate, arbDate, fc.integer({ min: 0, max: 800 }), (b, a, step) => {
        const later = addDays(a, step);
        const now = ageOn(b, a);
        expect(ageOn(b, later)).toBeGreaterThanOrEqual(now);
        expect(ageOn(b, addDays(a, 1)) - now).toBeLessThanOrEqual(1);
      }),
      { numRuns: 3000 },
    );
  });

  it('is a year older exactly a year on, birthdays aside', () => {
    fc.assert(
      fc.property(arbDate, arbDate, (b, a) => {
        fc.pre(!a.endsWith('-02-29'));
        const nextYear = `${String(Number(a.slice(0, 4)) + 1).padStart(4, '0')}${a.slice(4)}`;
        expect(ageOn(b, nextYear)).toBe(ageOn(b, a) + 1);
      }),
    );
  });

  it('birthDateBounds agrees exactly with isInAgeBand', () => {
    fc.assert(
      fc.property(arbBand, arbDate, arbDate, (band, asOf, birth) => {
        const { earliest, latest } = birthDateBounds(band, asOf);
        const inBounds = (earliest === null || birth >= earliest) && birth <= latest;
        expect(inBounds).toBe(isInAgeBand(birth, band, asOf));
      }),
      { numRuns: 5000 },
    );
  });

  it('birthDateBounds are tight: the dates just outside are out of the band', () => {
    fc.assert(
      fc.property(arbBand, arbDate, (band, asOf) => {
        const { earliest, latest } = birthDateBounds(band, asOf);
        expect(isInAgeBand(latest, band, asOf)).toBe(true);
        expect(isInAgeBand(addDays(latest, 1), band, asOf)).toBe(false);
        if (earliest !== null) {
          expect(isInAgeBand(earliest, band, asOf)).toBe(true);
          expect(isInAgeBand(addDays(earliest, -1), band, asOf)).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
