import { describe, expect, it } from 'vitest';
import { driverMoves } from './driverMoves.js';

describe('driverMoves', () => {
  it('offers the pick-up and cancel on an assigned ride, never "assigned"', () => {
    const m = driverMoves('assigned');
    expect(m.forward.map((x) => x.to)).toEqual(['picked-up']);
    expect(m.cancel?.needsReason).toBe(true);
    expect(driverMoves('requested').forward).toEqual([]);
  });

  it('asks a reason for a return home without a dose, not after one', () => {
    const picked = driverMoves('picked-up').forward;
    expect(picked.map((x) => [x.to, x.needsReason, x.label])).toEqual([
      ['vaccinated', false, 'move.vaccinated'],
      ['returned', true, 'move.returnedNoDose'],
    ]);
    expect(driverMoves('vaccinated').forward).toEqual([
      { to: 'returned', needsReason: false, label: 'move.returned' },
    ]);
  });

  it('offers nothing on a final ride', () => {
    expect(driverMoves('returned')).toEqual({ forward: [], cancel: null });
    expect(driverMoves('cancelled')).toEqual({ forward: [], cancel: null });
  });
});
