import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween } from '../calendar.js';
import { PRODUCT_CODES, productByCode, type ProductCode } from './catalog.js';
import {
  checkProposedDose,
  doneOn,
  isDone,
  nextDose,
  seriesState,
  type DoseCheck,
  type DoseRecord,
} from './doseWindows.js';

const dose = (product: ProductCode, doseNumber: number, date: string): DoseRecord => ({
  product,
  doseNumber,
  date,
});

function errorOf(r: DoseCheck): { code: string; field?: string; zh: string; en: string; earliest?: string } {
  if (r.ok) throw new Error('expected a refusal');
  return {
    code: r.error.code,
    field: r.error.field,
    zh: r.error.message.zh,
    en: r.error.message.en,
    earliest: r.earliestAllowed,
  };
}

describe('nextDose', () => {
  it('has dose 1 due on any day for an empty history', () => {
    expect(nextDose([])).toEqual({
      doseNumber: 1,
      kind: 'primary',
      product: null,
      earliest: null,
      ideallyBy: null,
      latest: null,
      overdue: false,
    });
  });

  it.each(['sinopharm-bibp', 'sinopharm-wibp', 'sinovac'] as const)(
    'gives %s dose 2 from 21 days, ideally within 56 days of dose 1',
    (product) => {
      const h = [dose(product, 1, '2021-07-01')];
      expect(nextDose(h, '2021-08-26')).toEqual({
        doseNumber: 2,
        kind: 'primary',
        product,
        earliest: '2021-07-22',
        ideallyBy: '2021-08-26',
        latest: null,
        overdue: false,
      });
      expect(nextDose(h, '2021-08-27')?.overdue).toBe(true);
      expect(nextDose(h)?.overdue).toBe(false);
    },
  );

  it('gives zf2001 doses 2 and 3 at ≥ 28 days, ideally by 8 weeks and 6 months after dose 1', () => {
    const h = [dose('zf2001', 1, '2021-03-01')];
    expect(nextDose(h)).toMatchObject({ doseNumber: 2, earliest: '2021-03-29', ideallyBy: '2021-04-26' });
    h.push(dose('zf2001', 2, '2021-04-10'));
    expect(nextDose(h)).toMatchObject({ doseNumber: 3, earliest: '2021-05-08', ideallyBy: '2021-08-31' });
    h.push(dose('zf2001', 3, '2021-06-01'));
    expect(nextDose(h)).toMatchObject({
      doseNumber: 4,
      kind: 'booster',
      earliest: '2021-11-28',
      ideallyBy: null,
    });
  });

  it('gives cansino a booster (dose 2) 180 days after its single dose', () => {
    expect(nextDose([dose('cansino', 1, '2021-04-01')])).toEqual({
      doseNumber: 2,
      kind: 'booster',
      product: 'cansino',
      earliest: '2021-09-28',
      ideallyBy: null,
      latest: null,
      overdue: false,
    });
  });

  it('is null once the primary series and the booster are given', () => {
    expect(
      nextDose([
        dose('sinovac', 1, '2021-04-01'),
        dose('sinovac', 2, '2021-05-01'),
        dose('sinovac', 3, '2021-11-01'),
      ]),
    ).toBeNull();
    expect(nextDose([dose('cansino', 1, '2021-04-01'), dose('sinovac', 2, '2021-11-01')])).toBeNull();
  });

  it('still has a late dose due: no restart, no hard limit', () => {
    const next = nextDose([dose('sinovac', 1, '2021-01-10')], '2021-08-09');
    expect(next).toMatchObject({ doseNumber: 2, earliest: '2021-01-31', latest: null, overdue: true });
  });

  it('does not depend on the order of the history', () => {
    const h = [dose('sinovac', 2, '2021-05-01'), dose('sinovac', 1, '2021-04-01')];
    expect(nextDose(h)).toEqual(nextDose([...h].reverse()));
    expect(nextDose(h)?.earliest).toBe('2021-10-28');
  });
});

describe('seriesState', () => {
  it('is empty for no doses', () => {
    expect(seriesState([])).toEqual({
      product: null,
      dosesGiven: 0,
      primaryComplete: false,
      completedOn: null,
      boosterGiven: false,
      boostedOn: null,
    });
    expect(seriesState([], 'zf2001').product).toBe('zf2001');
  });

  it('follows an inactivated series to the booster, accepting a same-platform substitute', () => {
    const h = [dose('sinopharm-bibp', 1, '2021-06-01')];
    expect(seriesState(h)).toMatchObject({
      product: 'sinopharm-bibp',
      dosesGiven: 1,
      primaryComplete: false,
    });
    h.push(dose('sinovac', 2, '2021-06-25'));
    expect(seriesState(h)).toMatchObject({ dosesGiven: 2, primaryComplete: true, completedOn: '2021-06-25' });
    h.push(dose('sinopharm-bibp', 3, '2021-12-25'));
    expect(seriesState(h)).toMatchObject({ dosesGiven: 3, boosterGiven: true, boostedOn: '2021-12-25' });
  });

  it('counts a single cansino dose as a complete series', () => {
    expect(seriesState([dose('cansino', 1, '2021-05-05')])).toMatchObject({
      product: 'cansino',
      primaryComplete: true,
      completedOn: '2021-05-05',
      boosterGiven: false,
    });
  });

  it('needs three zf2001 doses', () => {
    const h = [dose('zf2001', 1, '2021-03-01'), dose('zf2001', 2, '2021-04-01')];
    expect(seriesState(h).primaryComplete).toBe(false);
    expect(seriesState([...h, dose('zf2001', 3, '2021-05-01')]).completedOn).toBe('2021-05-01');
  });

  it('takes a recorded dose 2 as standing for an unrecorded dose 1 given elsewhere', () => {
    expect(seriesState([dose('sinovac', 2, '2021-07-01')])).toMatchObject({
      primaryComplete: true,
      completedOn: '2021-07-01',
      dosesGiven: 1,
    });
  });

  it('keeps the earliest of two records of one dose', () => {
    const s = seriesState([
      dose('sinovac', 1, '2021-04-01'),
      dose('sinovac', 2, '2021-05-09'),
      dose('sinovac', 2, '2021-05-01'),
    ]);
    expect(s).toMatchObject({ dosesGiven: 2, completedOn: '2021-05-01' });
  });

  it('refuses an unknown product code as invalid input', () => {
    expect(() => seriesState([dose('pfizer' as ProductCode, 1, '2021-05-01')])).toThrow(/pfizer/);
  });
});

describe('checkProposedDose', () => {
  const one = [dose('sinovac', 1, '2021-07-01')];

  it('accepts a first dose of any product on any day', () => {
    for (const product of PRODUCT_CODES) {
      expect(checkProposedDose([], { product, doseNumber: 1, date: '2021-08-09' })).toEqual({ ok: true });
    }
  });

  it('accepts dose 2 from the 21st day, of the same product or of another inactivated one', () => {
    expect(checkProposedDose(one, { product: 'sinovac', doseNumber: 2, date: '2021-07-22' })).toEqual({
      ok: true,
    });
    expect(checkProposedDose(one, { product: 'sinopharm-wibp', doseNumber: 2, date: '2021-07-22' })).toEqual({
      ok: true,
    });
  });

  it('refuses a dose too early, saying the earliest day', () => {
    const e = errorOf(checkProposedDose(one, { product: 'sinovac', doseNumber: 2, date: '2021-07-21' }));
    expect(e).toMatchObject({ code: 'dose.too-early', field: 'date', earliest: '2021-07-22' });
    expect(e.zh).toContain('2021-07-22');
    expect(e.zh).toContain('21天');
    expect(e.en).toContain('2021-07-22');
  });

  it('refuses a booster before 180 days after the primary series, of any product', () => {
    const h = [...one, dose('sinovac', 2, '2021-07-22')];
    const e = errorOf(checkProposedDose(h, { product: 'zf2001', doseNumber: 3, date: '2022-01-17' }));
    expect(e).toMatchObject({ code: 'dose.too-early', earliest: '2022-01-18' });
    expect(e.zh).toContain('180');
    expect(checkProposedDose(h, { product: 'zf2001', doseNumber: 3, date: '2022-01-18' })).toEqual({
      ok: true,
    });
  });

  it('refuses a skipped or out-of-order dose number', () => {
    expect(
      errorOf(checkProposedDose([], { product: 'sinovac', doseNumber: 2, date: '2021-08-01' })),
    ).toMatchObject({
      code: 'dose.wrong-number',
      field: 'doseNumber',
    });
    expect(
      errorOf(checkProposedDose(one, { product: 'sinovac', doseNumber: 3, date: '2021-08-01' })).code,
    ).toBe('dose.wrong-number');
    expect(
      errorOf(checkProposedDose([], { product: 'sinovac', doseNumber: 4, date: '2021-08-01' })).code,
    ).toBe('dose.wrong-number');
    expect(
      errorOf(
        checkProposedDose([dose('sinovac', 2, '2021-06-01')], {
          product: 'sinovac',
          doseNumber: 1,
          date: '2021-08-01',
        }),
      ).code,
    ).toBe('dose.wrong-number');
    expect(
      errorOf(checkProposedDose([], { product: 'sinovac', doseNumber: 0, date: '2021-08-01' })).code,
    ).toBe('dose.wrong-number');
    expect(
      errorOf(checkProposedDose([], { product: 'sinovac', doseNumber: 1.5, date: '2021-08-01' })).code,
    ).toBe('dose.wrong-number');
  });

  it('refuses a dose number already given', () => {
    const e = errorOf(checkProposedDose(one, { product: 'sinovac', doseNumber: 1, date: '2021-08-01' }));
    expect(e).toMatchObject({ code: 'dose.duplicate', field: 'doseNumber' });
    expect(e.zh).toBe('第1剂已接种');
  });

  it('refuses a primary dose of another platform', () => {
    const e = errorOf(checkProposedDose(one, { product: 'cansino', doseNumber: 2, date: '2021-08-01' }));
    expect(e).toMatchObject({ code: 'dose.product-mismatch', field: 'product' });
    expect(e.zh).toContain('科兴');
    expect(e.en).toContain('CanSino');
    const zf = [dose('zf2001', 1, '2021-03-01'), dose('zf2001', 2, '2021-04-01')];
    expect(
      errorOf(checkProposedDose(zf, { product: 'sinovac', doseNumber: 3, date: '2021-06-01' })).code,
    ).toBe('dose.product-mismatch');
  });

  it('refuses a dose beyond the booster', () => {
    const h = [dose('cansino', 1, '2021-03-01'), dose('cansino', 2, '2021-10-01')];
    expect(
      errorOf(checkProposedDose(h, { product: 'cansino', doseNumber: 3, date: '2022-06-01' })),
    ).toMatchObject({
      code: 'dose.series-complete',
      field: 'doseNumber',
    });
  });

  it('refuses a date before a dose already given', () => {
    const e = errorOf(checkProposedDose(one, { product: 'sinovac', doseNumber: 2, date: '2021-06-30' }));
    expect(e).toMatchObject({ code: 'dose.before-previous', field: 'date' });
    expect(e.zh).toContain('2021-07-01');
  });

  it('refuses an unknown product and an impossible date', () => {
    expect(
      errorOf(checkProposedDose([], { product: 'x' as ProductCode, doseNumber: 1, date: '2021-08-01' })).code,
    ).toBe('vaccine.unknown-product');
    expect(
      errorOf(checkProposedDose([], { product: 'sinovac', doseNumber: 1, date: '2021-02-30' })).code,
    ).toBe('dose.invalid-date');
  });

  it('accepts a late dose and does not restart the series', () => {
    expect(checkProposedDose(one, { product: 'sinovac', doseNumber: 2, date: '2022-07-01' })).toEqual({
      ok: true,
    });
    expect(checkProposedDose(one, { product: 'sinovac', doseNumber: 1, date: '2022-07-01' }).ok).toBe(false);
  });
});

describe('campaign targets', () => {
  const h = [
    dose('sinovac', 2, '2021-05-01'),
    dose('sinovac', 1, '2021-04-01'),
    dose('sinopharm-bibp', 3, '2021-11-01'),
  ];

  it('gives the day each target was first met', () => {
    expect(doneOn(h, 'first-dose')).toBe('2021-04-01');
    expect(doneOn(h, 'full-series')).toBe('2021-05-01');
    expect(doneOn(h, 'booster')).toBe('2021-11-01');
    expect(doneOn([], 'first-dose')).toBeNull();
    expect(doneOn([dose('cansino', 1, '2021-06-01')], 'full-series')).toBe('2021-06-01');
  });

  it('counts only doses on or before asOf', () => {
    expect(isDone(h, 'first-dose', '2021-03-31')).toBe(false);
    expect(isDone(h, 'first-dose', '2021-04-01')).toBe(true);
    expect(isDone(h, 'full-series', '2021-04-30')).toBe(false);
    expect(isDone(h, 'full-series', '2021-05-01')).toBe(true);
    expect(isDone(h, 'booster', '2021-10-31')).toBe(false);
    expect(isDone(h, 'booster', '2021-11-01')).toBe(true);
  });
});

// ---- properties ---------------------------------------------------------------------------

interface Step {
  useSeriesProduct: boolean;
  product: ProductCode;
  useNextNumber: boolean;
  doseNumber: number;
  gap: number;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  useSeriesProduct: fc.boolean(),
  product: fc.constantFrom(...PRODUCT_CODES),
  useNextNumber: fc.boolean(),
  doseNumber: fc.integer({ min: 0, max: 6 }),
  gap: fc.integer({ min: 0, max: 250 }),
});

/** Proposes each step after the last accepted dose and keeps what checkProposedDose accepts. */
function build(first: ProductCode, start: string, steps: readonly Step[]): DoseRecord[] {
  const h: DoseRecord[] = [];
  let day = start;
  for (const s of steps) {
    day = addDays(day, s.gap);
    const proposed = {
      product: h.length === 0 ? first : s.useSeriesProduct ? (h[0]?.product ?? first) : s.product,
      doseNumber: s.useNextNumber ? h.length + 1 : s.doseNumber,
      date: day,
    };
    if (checkProposedDose(h, proposed).ok) h.push(proposed);
  }
  return h;
}

const historyArb = fc
  .tuple(
    fc.constantFrom(...PRODUCT_CODES),
    fc.integer({ min: 0, max: 700 }).map((n) => addDays('2021-01-01', n)),
    fc.array(stepArb, { maxLength: 12 }),
  )
  .map(([first, start, steps]) => build(first, start, steps));

describe('dose window properties', () => {
  it('never accepts a dose before its minimum interval after the previous one', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const series = productByCode(h[0]?.product ?? 'sinovac');
        h.forEach((d, i) => {
          expect(d.doseNumber).toBe(i + 1);
          const prev = h[i - 1];
          if (!prev) return;
          const gap = daysBetween(prev.date, d.date);
          if (d.doseNumber <= series.primaryDoses) {
            expect(productByCode(d.product).platform).toBe(series.platform);
            expect(gap).toBeGreaterThanOrEqual(
              series.windows[d.doseNumber - 2]?.minDaysAfterPrevious ?? Infinity,
            );
          } else {
            expect(gap).toBeGreaterThanOrEqual(180);
          }
        });
        expect(h.length).toBeLessThanOrEqual(series.primaryDoses + 1);
      }),
      { numRuns: 500 },
    );
  });

  it('always accepts a late dose, however late', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 1, max: 3000 }), (h, late) => {
        const next = nextDose(h);
        fc.pre(next !== null && next.ideallyBy !== null);
        if (next === null || next.ideallyBy === null) return;
        // Late is past ideallyBy; the minimum interval still holds, and after a late dose 2 of
        // zf2001 it can end after dose 3's ideallyBy (the dose is overdue from its first day).
        const pastIdeal = addDays(next.ideallyBy, late);
        const date = next.earliest !== null && next.earliest > pastIdeal ? next.earliest : pastIdeal;
        expect(nextDose(h, date)?.overdue).toBe(true);
        expect(
          checkProposedDose(h, { product: next.product ?? 'sinovac', doseNumber: next.doseNumber, date }),
        ).toEqual({ ok: true });
      }),
      { numRuns: 500 },
    );
  });

  it('has nextDose().earliest be exactly the first day checkProposedDose accepts', () => {
    fc.assert(
      fc.property(historyArb, fc.constantFrom(...PRODUCT_CODES), (h, other) => {
        const next = nextDose(h);
        if (next === null) {
          const s = seriesState(h);
          expect(s.primaryComplete && s.boosterGiven).toBe(true);
          return;
        }
        if (next.earliest === null) {
          expect(h).toHaveLength(0);
          return;
        }
        // A booster may be of any product; a primary dose is proposed with the series product.
        const product = next.kind === 'booster' ? other : (next.product ?? other);
        const at = (date: string): DoseCheck =>
          checkProposedDose(h, { product, doseNumber: next.doseNumber, date });
        expect(at(next.earliest)).toEqual({ ok: true });
        const before = at(addDays(next.earliest, -1));
        expect(before.ok).toBe(false);
        if (!before.ok) expect(['dose.too-early', 'dose.before-previous']).toContain(before.error.code);
      }),
      { numRuns: 500 },
    );
  });

  it('answers the same for any order of the history', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 0, max: 1000 }), (h, seed) => {
        const shuffled = [...h].sort(
          (a, b) => ((a.doseNumber * 7919 + seed) % 13) - ((b.doseNumber * 7919 + seed) % 13),
        );
        expect(seriesState(shuffled)).toEqual(seriesState(h));
        expect(nextDose(shuffled, '2022-01-01')).toEqual(nextDose(h, '2022-01-01'));
        for (const t of ['first-dose', 'full-series', 'booster'] as const) {
          expect(doneOn(shuffled, t)).toBe(doneOn(h, t));
        }
      }),
      { numRuns: 300 },
    );
  });
});
