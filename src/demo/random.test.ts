import { describe, expect, it } from 'vitest';
import { Random, streamSeed, Weighted } from './random.js';

describe('Random', () => {
  it('repeats itself for the same seed and stream, and differs across them', () => {
    const draw = (r: Random): number[] => Array.from({ length: 8 }, () => r.u32());
    expect(draw(Random.stream(7, 1, 2))).toEqual(draw(Random.stream(7, 1, 2)));
    expect(draw(Random.stream(7, 1, 2))).not.toEqual(draw(Random.stream(7, 1, 3)));
    expect(draw(Random.stream(7, 1, 2))).not.toEqual(draw(Random.stream(8, 1, 2)));
    expect(streamSeed(1, [])).not.toBe(streamSeed(2 ** 32 + 1, []));
  });

  it('draws integers inside their bounds, both ends included', () => {
    const r = new Random(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = r.int(3, 7);
      expect(x).toBeGreaterThanOrEqual(3);
      expect(x).toBeLessThanOrEqual(7);
      seen.add(x);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('makes UUID-shaped ids with the version-4 and variant bits', () => {
    const r = new Random(1);
    const ids = Array.from({ length: 1000 }, () => r.uuid());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws from a weighted table in proportion to the weights', () => {
    const table = new Weighted([
      ['a', 1],
      ['b', 3],
      ['never', 0],
    ]);
    const r = new Random(2);
    let b = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = table.pick(r);
      expect(x).not.toBe('never');
      if (x === 'b') b++;
    }
    expect(b / 20_000).toBeGreaterThan(0.73);
    expect(b / 20_000).toBeLessThan(0.77);
  });
});
