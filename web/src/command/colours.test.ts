import { describe, expect, it } from 'vitest';
import { COMPLETION_BANDS, contrast, inkOn, tileColours, tileShare } from './colours.js';

describe('battle map colours', () => {
  it('writes on every band with at least the 4.5:1 contrast WCAG AA asks of normal text', () => {
    for (const band of COMPLETION_BANDS)
      expect(contrast(band.color, inkOn(band.color))).toBeGreaterThanOrEqual(4.5);
    const none = tileColours(null);
    expect(contrast(none.fill, none.ink)).toBeGreaterThanOrEqual(4.5);
  });

  it('fills by the printed map’s bands', () => {
    expect(tileColours(0.5).fill).toBe(COMPLETION_BANDS[0]?.color);
    expect(tileColours(0.97).fill).toBe(COMPLETION_BANDS.at(-1)?.color);
  });

  it('measures contrast as WCAG does: black on white is 21:1', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });
});

describe('tileShare', () => {
  it('is the completion where there is a task, done ÷ eligible for a grid without one', () => {
    expect(tileShare({ level: 'village', task: 10, completion: 0.5, done: 5, eligible: 12 })).toBe(0.5);
    expect(tileShare({ level: 'grid', task: null, completion: null, done: 3, eligible: 4 })).toBe(0.75);
    expect(tileShare({ level: 'village', task: null, completion: null, done: 3, eligible: 4 })).toBeNull();
    expect(tileShare({ level: 'grid', task: null, completion: null, done: 0, eligible: 0 })).toBeNull();
  });
});
