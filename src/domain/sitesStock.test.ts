import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './calendar.js';
import { isGridvaxError } from './errors.js';
import {
  DOSES_PER_VIAL,
  checkSufficient,
  reconcileDay,
  stockLine,
  validMovementOrThrow,
  type DatedMovement,
} from './sitesStock.js';
import { PRODUCT_CODES } from './vaccines/catalog.js';

const LOT = { siteName: '锦石乡卫生院', product: 'sinovac', lot: '202107K0042' };

describe('stock movements', () => {
  it('keeps doses per vial for every product of the catalog', () => {
    expect(Object.keys(DOSES_PER_VIAL).sort()).toEqual([...PRODUCT_CODES].sort());
    expect(DOSES_PER_VIAL.sinovac).toBe(1);
    expect(DOSES_PER_VIAL['sinopharm-bibp']).toBe(1);
  });

  it('derives vials from doses and doses from vials', () => {
    expect(
      validMovementOrThrow({ product: 'sinovac', lot: '202107K0042', kind: 'received', vials: 200 }),
    ).toMatchObject({
      vials: 200,
      doses: 200,
      note: null,
    });
    expect(
      validMovementOrThrow({ product: 'zf2001', lot: '202107Z0001', kind: 'given', doses: 37 }),
    ).toMatchObject({
      vials: 37,
      doses: 37,
    });
  });

  it('refuses unknown products and kinds, bad lots and quantities', () => {
    const base = { product: 'sinovac', lot: '202107K0042', kind: 'given', doses: 1 };
    expect(() => validMovementOrThrow({ ...base, product: 'pfizer' })).toThrow(
      expect.objectContaining({ code: 'stock.product' }),
    );
    expect(() => validMovementOrThrow({ ...base, kind: 'lost' })).toThrow(
      expect.objectContaining({ code: 'stock.kind' }),
    );
    expect(() => validMovementOrThrow({ ...base, lot: ' ' })).toThrow(
      expect.objectContaining({ code: 'stock.lot' }),
    );
    expect(() => validMovementOrThrow({ ...base, doses: 0 })).toThrow(
      expect.objectContaining({ code: 'stock.quantity' }),
    );
    expect(() => validMovementOrThrow({ ...base, doses: undefined })).toThrow(
      expect.objectContaining({ code: 'stock.quantity' }),
    );
    expect(() => validMovementOrThrow({ ...base, doses: 3, vials: 2 }, 4)).toThrow(
      expect.objectContaining({ code: 'stock.quantity', detail: expect.objectContaining({ row: 4 }) }),
    );
    expect(() => validMovementOrThrow({ ...base, kind: 'received', vials: 2, doses: 3 })).toThrow(
      expect.objectContaining({ code: 'stock.quantity' }),
    );
  });

  it('reconciles a day: opening + received − given − wasted = left', () => {
    const moves: DatedMovement[] = [
      { day: '2021-08-08', kind: 'received', vials: 300, doses: 300 },
      { day: '2021-08-08', kind: 'given', vials: 250, doses: 250 },
      { day: '2021-08-09', kind: 'received', vials: 400, doses: 400 },
      { day: '2021-08-09', kind: 'given', vials: 380, doses: 380 },
      { day: '2021-08-09', kind: 'wasted', vials: 2, doses: 2 },
      { day: '2021-08-10', kind: 'given', vials: 10, doses: 10 },
    ];
    expect(reconcileDay(moves, '2021-08-09')).toEqual({
      opening: { vials: 50, doses: 50 },
      received: { vials: 400, doses: 400 },
      given: { vials: 380, doses: 380 },
      wasted: { vials: 2, doses: 2 },
      left: { vials: 68, doses: 68 },
    });
    // The dose records say 377: three given are not recorded, and that shows.
    expect(stockLine('sinovac', '202107K0042', moves, '2021-08-09', 377)).toMatchObject({
      recorded: 377,
      difference: 3,
    });
  });

  it('refuses giving more than is left, on the day or any later day it would empty', () => {
    const history: DatedMovement[] = [
      { day: '2021-08-09', kind: 'received', vials: 10, doses: 10 },
      { day: '2021-08-10', kind: 'given', vials: 8, doses: 8 },
    ];
    expect(() =>
      checkSufficient(history, [{ day: '2021-08-09', kind: 'given', vials: 2, doses: 2 }], LOT),
    ).not.toThrow();
    let error: unknown;
    try {
      checkSufficient(history, [{ day: '2021-08-09', kind: 'wasted', vials: 3, doses: 3 }], LOT);
    } catch (e) {
      error = e;
    }
    expect(isGridvaxError(error) && error.code).toBe('stock.insufficient');
    expect(isGridvaxError(error) && error.kind).toBe('business-rule');
    expect(() =>
      checkSufficient([], [{ day: '2021-08-09', kind: 'given', vials: 1, doses: 1 }], LOT),
    ).toThrow(expect.objectContaining({ code: 'stock.insufficient' }));
  });

  it('keeps the law on any accepted history: each day’s left opens the next, never below 0 (property)', () => {
    const start = '2021-08-01';
    const move = fc.record({
      offset: fc.integer({ min: 0, max: 9 }),
      kind: fc.constantFrom('received', 'given', 'wasted' as const),
      doses: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(move, { maxLength: 30 }), (attempts) => {
        const kept: DatedMovement[] = [];
        for (const a of attempts) {
          const m: DatedMovement = {
            day: addDays(start, a.offset),
            kind: a.kind,
            vials: a.doses,
            doses: a.doses,
          };
          try {
            checkSufficient(kept, [m], LOT);
            kept.push(m);
          } catch (e) {
            expect(isGridvaxError(e) && e.code).toBe('stock.insufficient');
            expect(m.kind).not.toBe('received');
          }
        }
        let carried = { vials: 0, doses: 0 };
        let net = 0;
        for (let d = 0; d < 10; d++) {
          const r = reconcileDay(kept, addDays(start, d));
          expect(r.opening).toEqual(carried);
          expect(r.left.doses).toBe(r.opening.doses + r.received.doses - r.given.doses - r.wasted.doses);
          expect(r.left.vials).toBe(r.opening.vials + r.received.vials - r.given.vials - r.wasted.vials);
          expect(r.left.doses).toBeGreaterThanOrEqual(0);
          net += r.received.doses - r.given.doses - r.wasted.doses;
          expect(r.left.doses).toBe(net);
          carried = r.left;
        }
      }),
    );
  });
});
