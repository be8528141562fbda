import { describe, expect, it } from 'vitest';
import { doorsOf } from './doors.js';

describe('doorsOf', () => {
  it('keeps the worklist order and gathers a household at its first member', () => {
    const items = [
      { id: 1, householdId: 'a' },
      { id: 2, householdId: 'b' },
      { id: 3, householdId: 'a' },
      { id: 4, householdId: 'c' },
      { id: 5, householdId: 'b' },
    ];
    expect(doorsOf(items).map((d) => [d.householdId, d.members.map((m) => m.id)])).toEqual([
      ['a', [1, 3]],
      ['b', [2, 5]],
      ['c', [4]],
    ]);
  });

  it('treats a numeric and a text household id of the same value as one door', () => {
    expect(doorsOf([{ householdId: 7 }, { householdId: '7' }])).toHaveLength(1);
  });
});
