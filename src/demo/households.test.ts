import { describe, expect, it } from 'vitest';
import { CENSUS_2020_AGE_SHARES, URBAN_AGES } from './agePyramid.js';
import { ROLE_CHILD, ROLE_HEAD, ROLE_SPOUSE, VillageFolk } from './households.js';
import { Random } from './random.js';

describe('VillageFolk', () => {
  const folk = new VillageFolk();
  const n = 40_000;
  folk.build(new Random(3), n, URBAN_AGES);

  it('places everyone drawn, so the ages follow the census pyramid', () => {
    expect(folk.people).toBe(n);
    for (const band of CENSUS_2020_AGE_SHARES) {
      let inBand = 0;
      for (let i = 0; i < n; i++)
        if ((folk.age[i] as number) >= band.from && (folk.age[i] as number) <= band.to) inBand++;
      expect(Math.abs((100 * inBand) / n - band.percent)).toBeLessThan(0.5);
    }
  });

  it('makes households of about 2.7 with one adult head each', () => {
    const heads = new Array<number>(folk.households).fill(0);
    for (let i = 0; i < n; i++) {
      const hh = folk.household[i] as number;
      if (folk.role[i] === ROLE_HEAD) heads[hh] = (heads[hh] as number) + 1;
    }
    expect(heads.every((h) => h === 1)).toBe(true);
    for (let h = 0; h < folk.households; h++)
      expect(folk.age[folk.head[h] as number]).toBeGreaterThanOrEqual(18);
    const mean = n / folk.households;
    expect(mean).toBeGreaterThan(2.5);
    expect(mean).toBeLessThan(3.1);
  });

  it('pairs a head with a spouse of the other sex and similar age, and children 20–42 years younger', () => {
    for (let i = 0; i < n; i++) {
      const head = folk.head[folk.household[i] as number] as number;
      const gap = (folk.age[head] as number) - (folk.age[i] as number);
      if (folk.role[i] === ROLE_SPOUSE) {
        expect(folk.male[i]).not.toBe(folk.male[head]);
        expect(Math.abs(gap)).toBeLessThanOrEqual(10);
      }
      if (folk.role[i] === ROLE_CHILD) {
        expect(gap).toBeGreaterThanOrEqual(20);
        expect(gap).toBeLessThanOrEqual(42);
        expect(folk.surname[i]).toBe(folk.familySurname[folk.household[i] as number]);
      }
    }
  });
});
