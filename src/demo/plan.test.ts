import { describe, expect, it } from 'vitest';
import { apportion, JINSHI_TOWNSHIP, makePlan, type PlaceRow } from './plan.js';
import { Random } from './random.js';

const rows: PlaceRow[] = [
  { code: '430321100', level: 'township', name: '易俗河镇', parent_code: '430321' },
  { code: JINSHI_TOWNSHIP, level: 'township', name: '锦石乡', parent_code: '430321' },
  { code: '430321114', level: 'township', name: '乌石镇', parent_code: '430321' },
  ...Array.from({ length: 12 }, (_, i) => ({
    code: `430321100${String(i + 1).padStart(3, '0')}`,
    level: 'village',
    name: `第${i + 1}社区居委会`,
    parent_code: '430321100',
  })),
  ...Array.from({ length: 11 }, (_, i) => ({
    code: `${JINSHI_TOWNSHIP}${String(201 + i)}`,
    level: 'village',
    name: `锦${i}村委会`,
    parent_code: JINSHI_TOWNSHIP,
  })),
  ...Array.from({ length: 20 }, (_, i) => ({
    code: `430321114${String(201 + i)}`,
    level: 'village',
    name: `乌${i}村委会`,
    parent_code: '430321114',
  })),
];

describe('apportion', () => {
  it('splits a total exactly, in proportion, with a floor', () => {
    const parts = apportion(100, [1, 1, 1], 0);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(100);
    expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    expect(apportion(10, [100, 0.001, 0.001], 3)).toEqual([4, 3, 3]);
  });
});

describe('makePlan', () => {
  const plan = makePlan(new Random(5), '430321', '湘潭县', rows, 50_000);

  it('gives every village people and 4–12 grids, adding up to the population', () => {
    expect(plan.villages.reduce((a, v) => a + v.size, 0)).toBe(50_000);
    for (const v of plan.villages) {
      expect(v.size).toBeGreaterThanOrEqual(3);
      expect(v.grids).toBeGreaterThanOrEqual(4);
      expect(v.grids).toBeLessThanOrEqual(12);
    }
  });

  it('clears exactly 3 villages of 锦石乡 and holds it at the report’s 91.2%', () => {
    const jinshi = plan.townships.find((t) => t.code === JINSHI_TOWNSHIP);
    expect(jinshi?.villages.filter((v) => v.cleared)).toHaveLength(3);
    expect(jinshi?.completion).toBe(0.912);
  });

  it('makes the county seat’s communities larger than its villages', () => {
    const seat = plan.villages.filter((v) => v.township.code === '430321100');
    expect(seat.every((v) => v.community && v.name.endsWith('社区'))).toBe(true);
    const mean = (vs: typeof plan.villages): number => vs.reduce((a, v) => a + v.size, 0) / vs.length;
    expect(mean(seat)).toBeGreaterThan(mean(plan.villages.filter((v) => !v.community)));
  });
});
