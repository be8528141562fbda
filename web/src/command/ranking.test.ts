import { describe, expect, it } from 'vitest';
import { rankByCompletion } from './ranking.js';

describe('rankByCompletion', () => {
  it('puts the best first, shares ranks on ties and leaves units without a task unranked, last', () => {
    const ranked = rankByCompletion([
      { code: 'a', completion: 0.5 },
      { code: 'b', completion: null },
      { code: 'c', completion: 0.9 },
      { code: 'd', completion: 0.5 },
      { code: 'e', completion: 0.2 },
    ]);
    expect(ranked.map((u) => [u.code, u.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['d', 2],
      ['e', 4],
      ['b', null],
    ]);
  });

  it('ranks nothing in an empty list', () => {
    expect(rankByCompletion([])).toEqual([]);
  });
});
