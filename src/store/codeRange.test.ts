import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeRange } from './codeRange.js';

describe('codeRange', () => {
  it('bounds every code under a prefix and nothing else', () => {
    expect(codeRange('430321205')).toEqual({ low: '430321205', high: '430321206' });
    expect(codeRange('4303219')).toEqual({ low: '4303219', high: '430322' });
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{1,9}$/),
        fc.stringMatching(/^\d{0,10}$/),
        fc.stringMatching(/^\d{1,19}$/),
        (prefix, rest, other) => {
          const { low, high } = codeRange(prefix);
          const inside = prefix + rest;
          expect(inside >= low && inside < high).toBe(true);
          expect(other >= low && other < high).toBe(other.startsWith(prefix));
        },
      ),
    );
  });
});
