import { describe, expect, it } from 'vitest';
import { addSample, estimateServerNow, isPinned, type ClockState } from './clock.js';

const PINNED = Date.parse('2021-08-09T10:00:00.000Z');
const PHONE = Date.parse('2026-11-30T05:00:00.000Z');

describe('the server clock as the phone carries it', () => {
  it('uses the phone clock until the server has answered', () => {
    expect(estimateServerNow({}, PHONE)).toBe(PHONE);
  });

  it('carries a running server clock forward by the phone’s elapsed time (offline for hours)', () => {
    let s: ClockState = addSample({}, { server: PINNED, client: PHONE });
    s = addSample(s, { server: PINNED + 50, client: PHONE + 50 });
    expect(isPinned(s)).toBe(false);
    expect(estimateServerNow(s, PHONE + 50 + 3 * 3600_000)).toBe(PINNED + 50 + 3 * 3600_000);
  });

  it('stands still with a server whose clock stands still (the demo), so no visit is after its now', () => {
    let s: ClockState = addSample({}, { server: PINNED, client: PHONE });
    s = addSample(s, { server: PINNED, client: PHONE + 40 });
    expect(isPinned(s)).toBe(true);
    expect(estimateServerNow(s, PHONE + 600_000)).toBe(PINNED);
  });

  it('forgets the past when the phone’s clock was set back', () => {
    let s: ClockState = addSample({}, { server: PINNED, client: PHONE });
    s = addSample(s, { server: PINNED, client: PHONE - 1000 });
    expect(s.prev).toBeUndefined();
    expect(estimateServerNow(s, PHONE - 1000)).toBe(PINNED);
  });
});
