import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGridvaxError } from './errors.js';
import { checkBookingCapacity, dayLoads, validBookingEntriesOrThrow } from './sitesBookings.js';

const SITE = { name: '锦石乡卫生院', capacity: 100 };
const A = '430321205201';
const B = '430321205206';
const C = '430321205207';

describe('bookings per village and day', () => {
  it('checks the form of a batch', () => {
    expect(() => validBookingEntriesOrThrow([])).toThrow(
      expect.objectContaining({ code: 'booking.entries' }),
    );
    expect(() =>
      validBookingEntriesOrThrow([{ village: '4303212052', day: '2021-08-10', planned: 1 }]),
    ).toThrow(expect.objectContaining({ code: 'booking.village' }));
    expect(() => validBookingEntriesOrThrow([{ village: A, day: '2021-02-30', planned: 1 }])).toThrow(
      expect.objectContaining({ code: 'booking.day' }),
    );
    expect(() => validBookingEntriesOrThrow([{ village: A, day: '2021-08-10', planned: -1 }])).toThrow(
      expect.objectContaining({ code: 'booking.planned' }),
    );
    expect(() =>
      validBookingEntriesOrThrow([
        { village: A, day: '2021-08-10', planned: 1 },
        { village: A, day: '2021-08-10', planned: 2 },
      ]),
    ).toThrow(
      expect.objectContaining({ code: 'booking.duplicate', detail: expect.objectContaining({ row: 2 }) }),
    );
  });

  it('replaces a village’s figure rather than adding to it', () => {
    const current = [
      { village: A, day: '2021-08-10', planned: 60 },
      { village: B, day: '2021-08-10', planned: 30 },
    ];
    expect(dayLoads(100, current, [{ village: A, day: '2021-08-10', planned: 70 }])).toEqual([
      { day: '2021-08-10', capacity: 100, alreadyPlanned: 30, requested: 70, left: 70 },
    ]);
    expect(() =>
      checkBookingCapacity(SITE, current, [{ village: A, day: '2021-08-10', planned: 70 }]),
    ).not.toThrow();
  });

  it('refuses a day over capacity, naming the site, the day, capacity, planned and left', () => {
    const current = [{ village: A, day: '2021-08-11', planned: 80 }];
    let error: unknown;
    try {
      checkBookingCapacity(SITE, current, [
        { village: B, day: '2021-08-10', planned: 50 },
        { village: C, day: '2021-08-11', planned: 30 },
      ]);
    } catch (e) {
      error = e;
    }
    expect(isGridvaxError(error) && error.kind).toBe('business-rule');
    expect(isGridvaxError(error) && error.code).toBe('booking.over-capacity');
    const zh = isGridvaxError(error) ? error.detail.message.zh : '';
    for (const part of ['锦石乡卫生院', '2021-08-11', '100', '已排 80', '剩余 20', '本次排 30'])
      expect(zh).toContain(part);
  });

  it('accepts lowering a plan on a day already over (after its capacity was lowered)', () => {
    const current = [
      { village: A, day: '2021-08-10', planned: 80 },
      { village: B, day: '2021-08-10', planned: 50 },
    ];
    expect(() =>
      checkBookingCapacity(SITE, current, [{ village: B, day: '2021-08-10', planned: 40 }]),
    ).not.toThrow();
    expect(() =>
      checkBookingCapacity(SITE, current, [{ village: B, day: '2021-08-10', planned: 60 }]),
    ).toThrow(expect.objectContaining({ code: 'booking.over-capacity' }));
  });

  it('never accepts a batch that leaves a day over capacity unless it lowered that day (property)', () => {
    const villages = [A, B, C];
    const days = ['2021-08-10', '2021-08-11'];
    const entry = fc.record({
      village: fc.constantFrom(...villages),
      day: fc.constantFrom(...days),
      planned: fc.integer({ min: 0, max: 80 }),
    });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 6 }),
        fc.array(entry, { minLength: 1, maxLength: 6 }),
        (cur, raw) => {
          const dedupe = <T extends { village: string; day: string }>(xs: T[]) => [
            ...new Map(xs.map((x) => [`${x.village}|${x.day}`, x])).values(),
          ];
          const current = dedupe(cur);
          const batch = dedupe(raw);
          const total = (rows: { day: string; planned: number }[], day: string) =>
            rows.filter((r) => r.day === day).reduce((s, r) => s + r.planned, 0);
          const after = [
            ...current.filter((c) => !batch.some((b) => b.village === c.village && b.day === c.day)),
            ...batch,
          ];
          let accepted = true;
          try {
            checkBookingCapacity(SITE, current, batch);
          } catch {
            accepted = false;
          }
          const ok = days.every(
            (d) => total(after, d) <= SITE.capacity || total(after, d) <= total(current, d),
          );
          expect(accepted).toBe(ok);
        },
      ),
    );
  });
});
