import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isGridvaxError } from './errors.js';
import {
  DEFAULT_LQAS_DECISION_VALUE,
  LOOKBACK_SAMPLE_SIZE,
  drawLookbackSample,
  fnv1a32,
  lookbackVerdict,
  lqasDecision,
  lqasPassProbability,
} from './lookback.js';

function expectInvalid(f: () => unknown): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(isGridvaxError(caught) && caught.kind).toBe('invalid-input');
}

const range = (n: number, from = 1): number[] => Array.from({ length: n }, (_, i) => from + i);

describe('fnv1a32', () => {
  it('matches the published FNV-1a test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes UTF-8 bytes, so Chinese seeds hash as in any other language', () => {
    // '乡' is E4 B9 A1 in UTF-8; the hash of those three bytes, computed step by step.
    let h = 0x811c9dc5;
    for (const b of [0xe4, 0xb9, 0xa1]) h = Math.imul(h ^ b, 0x01000193);
    expect(fnv1a32('乡')).toBe(h >>> 0);
    expect(fnv1a32('😀')).not.toBe(fnv1a32('\ud83d'));
  });
});

describe('drawLookbackSample', () => {
  const village = range(412, 1001);

  it('draws 19 distinct residents of the unit by default', () => {
    const s = drawLookbackSample(village, '430321101201:2021-08-09:1');
    expect(s).toHaveLength(LOOKBACK_SAMPLE_SIZE);
    expect(new Set(s).size).toBe(19);
    for (const id of s) expect(village).toContain(id);
  });

  it('is the same for the same residents and seed, whatever their order', () => {
    const a = drawLookbackSample(village, 'seed');
    const b = drawLookbackSample([...village].reverse(), 'seed');
    expect(b).toEqual(a);
    expect(drawLookbackSample(village, 'other seed')).not.toEqual(a);
  });

  it('caps the sample at the population and treats a repeated id as one resident', () => {
    expect(drawLookbackSample([3, 1, 2], 's').sort()).toEqual([1, 2, 3]);
    expect(drawLookbackSample([5, 5, 5, 6], 's', 19).sort()).toEqual([5, 6]);
    expect(drawLookbackSample([], 's')).toEqual([]);
    expect(drawLookbackSample(village, 's', 0)).toEqual([]);
  });

  it('samples string ids too, in code-unit order before the draw', () => {
    const ids = ['430321101201001-03', '430321101201001-01', '430321101201002-07'];
    const s = drawLookbackSample(ids, 's', 2);
    expect(s).toHaveLength(2);
    expect(drawLookbackSample([...ids].reverse(), 's', 2)).toEqual(s);
  });

  it('refuses a size that is not a whole number', () => {
    expectInvalid(() => drawLookbackSample(village, 's', -1));
    expectInvalid(() => drawLookbackSample(village, 's', 2.5));
    expectInvalid(() => drawLookbackSample([Number.NaN], 's'));
  });

  it('gives every resident about the same chance', () => {
    // 2,000 draws of 19 from 40: each resident is expected 950 times; a fair draw stays well
    // within ±15% (about 5 standard deviations).
    const pop = range(40);
    const counts = new Map<number, number>();
    for (let i = 0; i < 2000; i++) {
      for (const id of drawLookbackSample(pop, `round-${i}`)) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const id of pop) {
      const c = counts.get(id) ?? 0;
      expect(c).toBeGreaterThan(950 * 0.85);
      expect(c).toBeLessThan(950 * 1.15);
    }
  });

  it('laws: reproducible, order-independent, without replacement, capped, prefix-stable', () => {
    const idsAndPermutation = fc
      .uniqueArray(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 200 })
      .chain((ids) =>
        fc.tuple(
          fc.constant(ids),
          fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }),
        ),
      );
    fc.assert(
      fc.property(
        idsAndPermutation,
        fc.string(),
        fc.integer({ min: 0, max: 60 }),
        ([ids, shuffled], seed, size) => {
          const s = drawLookbackSample(ids, seed, size);
          expect(s).toHaveLength(Math.min(size, ids.length));
          expect(new Set(s).size).toBe(s.length);
          const idSet = new Set(ids);
          for (const id of s) expect(idSet.has(id)).toBe(true);
          expect(drawLookbackSample(shuffled, seed, size)).toEqual(s);
          expect(drawLookbackSample(ids, seed, size)).toEqual(s);
          // A bigger sample from the same seed extends the smaller one.
          expect(drawLookbackSample(ids, seed, size + 5).slice(0, s.length)).toEqual(s);
        },
      ),
    );
  });
});

describe('lqasDecision', () => {
  it('fails a lot with more failures than the decision value', () => {
    expect(DEFAULT_LQAS_DECISION_VALUE).toBe(3);
    expect(lqasDecision(19, 0)).toBe('pass');
    expect(lqasDecision(19, 3)).toBe('pass');
    expect(lqasDecision(19, 4)).toBe('fail');
    expect(lqasDecision(19, 6, 6)).toBe('pass');
    expect(lqasDecision(19, 7, 6)).toBe('fail');
    expect(lqasDecision(0, 0)).toBe('pass');
  });

  it('refuses impossible counts', () => {
    expectInvalid(() => lqasDecision(19, 20));
    expectInvalid(() => lqasDecision(19, -1));
    expectInvalid(() => lqasDecision(19, 1, 1.5));
    expectInvalid(() => lqasDecision(-19, 0));
  });
});

describe('lqasPassProbability', () => {
  it('reproduces the published n = 19 operating characteristic (PMC3013262, Table 1)', () => {
    // d = 6: passes 80% coverage with probability 0.93 and 50% coverage with 0.08.
    expect(lqasPassProbability(19, 6, 0.8)).toBeCloseTo(0.93, 2);
    expect(lqasPassProbability(19, 6, 0.5)).toBeCloseTo(0.08, 2);
    // d = 3: 0.46 at 80%, 0.00 at 50%.
    expect(lqasPassProbability(19, 3, 0.8)).toBeCloseTo(0.46, 2);
    expect(lqasPassProbability(19, 3, 0.5)).toBeCloseTo(0.0, 2);
  });

  it('backs the numbers quoted for the default plan', () => {
    expect(lqasPassProbability(19, 3, 0.9)).toBeCloseTo(0.885, 3);
    expect(lqasPassProbability(19, 3, 0.8)).toBeCloseTo(0.455, 3);
    expect(lqasPassProbability(19, 3, 0.65)).toBeCloseTo(0.059, 3);
  });

  it('is 1 at full coverage and when d covers the whole sample, 0 at none', () => {
    expect(lqasPassProbability(19, 0, 1)).toBe(1);
    expect(lqasPassProbability(19, 19, 0.3)).toBeCloseTo(1, 12);
    expect(lqasPassProbability(19, 18, 0)).toBe(0);
    expect(lqasPassProbability(19, 19, 0)).toBe(1);
    expectInvalid(() => lqasPassProbability(19, 3, 1.2));
  });

  it('grows with coverage and with the decision value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 0, max: 80 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, d, c1, c2) => {
          const [lo, hi] = c1 <= c2 ? [c1, c2] : [c2, c1];
          expect(lqasPassProbability(n, d, hi)).toBeGreaterThanOrEqual(lqasPassProbability(n, d, lo) - 1e-12);
          expect(lqasPassProbability(n, d + 1, lo)).toBeGreaterThanOrEqual(
            lqasPassProbability(n, d, lo) - 1e-12,
          );
        },
      ),
    );
  });
});

describe('lookbackVerdict', () => {
  it('reopens the unit on any discrepancy', () => {
    const v = lookbackVerdict([
      { residentId: 1, matches: true },
      { residentId: 2, matches: false, note: '登记已接种，本人称未接种' },
      { residentId: 3, matches: true },
    ]);
    expect(v).toEqual({ checked: 3, discrepancies: 1, discrepantResidentIds: [2], reopen: true });
  });

  it('keeps a clean look-back closed, and an empty one too', () => {
    expect(lookbackVerdict([{ residentId: 'a', matches: true }])).toEqual({
      checked: 1,
      discrepancies: 0,
      discrepantResidentIds: [],
      reopen: false,
    });
    expect(lookbackVerdict([])).toMatchObject({ checked: 0, reopen: false });
  });

  it('counts a resident found twice once, discrepant if either finding is', () => {
    const v = lookbackVerdict([
      { residentId: 7, matches: true },
      { residentId: 7, matches: false },
      { residentId: 8, matches: false },
      { residentId: 8, matches: false },
    ]);
    expect(v).toEqual({ checked: 2, discrepancies: 2, discrepantResidentIds: [7, 8], reopen: true });
  });
});
