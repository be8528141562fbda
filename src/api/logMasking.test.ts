import { describe, expect, it } from 'vitest';
import { maskIdNumbersIn } from './logMasking.js';

describe('maskIdNumbersIn', () => {
  it('masks ID numbers in paths and queries and leaves place codes alone', () => {
    expect(maskIdNumbersIn('/api/v1/residents/11010519491231002X/visits')).toBe(
      '/api/v1/residents/110105********002X/visits',
    );
    expect(maskIdNumbersIn('/api/v1/places/430321205206001?id=110105194912310021')).toBe(
      '/api/v1/places/430321205206001?id=110105********0021',
    );
  });
});
