import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isGridvaxError } from './errors.js';
import { addMinutes, formatWindow, parseWindow, windowsOverlap } from './transportWindow.js';

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    if (isGridvaxError(e)) return e.code;
    throw e;
  }
  return undefined;
};

describe('pick-up windows', () => {
  it('reads the ways a notice writes a window', () => {
    for (const text of ['08:00-10:00', '08:00–10:00', '8:00 - 10:00', '08:00~10:00', '08：00至10:00']) {
      expect(parseWindow(text)).toEqual({ from: '08:00', to: '10:00' });
    }
    expect(parseWindow({ from: '14:30', to: '16:00' })).toEqual({ from: '14:30', to: '16:00' });
    expect(formatWindow({ from: '08:00', to: '10:00' })).toBe('08:00–10:00');
  });

  it('refuses a window that ends before it starts, or is not a time', () => {
    for (const text of [
      '10:00-08:00',
      '08:00-08:00',
      '24:00-25:00',
      '08:00',
      'morning',
      '08:00-10:00-12:00',
    ]) {
      expect(
        code(() => parseWindow(text)),
        text,
      ).toBe('transport.window');
    }
  });

  it('knows when two windows overlap (touching ends do not)', () => {
    const w = (from: string, to: string) => ({ from, to });
    expect(windowsOverlap(w('08:00', '10:00'), w('09:00', '11:00'))).toBe(true);
    expect(windowsOverlap(w('08:00', '10:00'), w('10:00', '12:00'))).toBe(false);
    expect(windowsOverlap(w('08:00', '12:00'), w('09:00', '10:00'))).toBe(true);
    expect(addMinutes('08:00', 120)).toBe('10:00');
    expect(addMinutes('23:00', 120)).toBe('23:59');
  });

  it('law: overlap is symmetric, and every window overlaps itself', () => {
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }));
    const window = fc
      .tuple(time, time)
      .map(([[h1, m1], [h2, m2]]) => [h1 * 60 + m1, h2 * 60 + m2] as const)
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({
        from: addMinutes('00:00', Math.min(a, b)),
        to: addMinutes('00:00', Math.max(a, b)),
      }));
    fc.assert(
      fc.property(window, window, (a, b) => {
        expect(windowsOverlap(a, b)).toBe(windowsOverlap(b, a));
        expect(windowsOverlap(a, a)).toBe(true);
        expect(parseWindow(formatWindow(a))).toEqual(a);
      }),
    );
  });
});
