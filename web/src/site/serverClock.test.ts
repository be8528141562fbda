import { describe, expect, it } from 'vitest';
import {
  countdownText,
  fromShanghaiLocal,
  remainingMs,
  serverNowAt,
  serverToday,
  toShanghaiLocal,
} from './serverClock.js';

const dose = Date.parse('2021-08-09T10:00:00.000Z');
// The demo: the server says 18:00 Shanghai, the tablet thinks it is some day in 2026.
const sample = { server: dose, client: Date.parse('2026-01-01T00:00:00Z') };

describe('the observation timer in the server’s time', () => {
  it('counts down from what the server said, moved on by the tablet’s elapsed time', () => {
    expect(serverNowAt(sample, sample.client + 5000)).toBe(dose + 5000);
    const ends = '2021-08-09T10:30:00.000Z';
    expect(countdownText(remainingMs(ends, sample, sample.client))).toBe('30:00');
    expect(countdownText(remainingMs(ends, sample, sample.client + 61_500))).toBe('28:59');
    expect(countdownText(remainingMs(ends, sample, sample.client + 30 * 60_000 - 1))).toBe('00:01');
    expect(countdownText(remainingMs(ends, sample, sample.client + 31 * 60_000))).toBe('00:00');
  });

  it('says the day in Shanghai, whatever the tablet’s zone', () => {
    expect(serverToday({ server: Date.parse('2021-08-09T16:30:00Z'), client: 0 })).toBe('2021-08-10');
    expect(serverToday(sample)).toBe('2021-08-09');
  });

  it('reads and writes datetime-local values in Shanghai time', () => {
    expect(toShanghaiLocal('2021-08-09T10:05:00.000Z')).toBe('2021-08-09T18:05');
    expect(fromShanghaiLocal('2021-08-09T18:05')).toBe('2021-08-09T18:05:00+08:00');
    expect(Date.parse(fromShanghaiLocal('2021-08-09T18:05') as string)).toBe(
      Date.parse('2021-08-09T10:05:00Z'),
    );
    expect(fromShanghaiLocal('')).toBeUndefined();
    expect(fromShanghaiLocal('2021-13-40T99:99')).toBeUndefined();
  });
});
