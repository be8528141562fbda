import { describe, expect, it } from 'vitest';
import { drillLevel, homeUnit, unitPath } from './placePath.js';

describe('unitPath', () => {
  it('walks from the county down to the unit', () => {
    expect(unitPath('430321205206001')).toEqual(['430321', '430321205', '430321205206', '430321205206001']);
    expect(unitPath('430321')).toEqual(['430321']);
  });
});

describe('drillLevel', () => {
  it('names the levels the drill-down walks and nothing else', () => {
    expect(drillLevel('430321')).toBe('county');
    expect(drillLevel('430321205')).toBe('township');
    expect(drillLevel('430321205206')).toBe('village');
    expect(drillLevel('430321205206001')).toBe('grid');
    expect(drillLevel('4303')).toBeUndefined();
    expect(drillLevel('430321000')).toBeUndefined();
  });
});

describe('homeUnit', () => {
  it('opens a county commander on the county campaign’s county', () => {
    expect(homeUnit(['430321'], '430321')).toBe('430321');
  });
  it('opens a township lead on their township', () => {
    expect(homeUnit(['430321205'], '430321')).toBe('430321205');
  });
  it('opens a commander on the township that set the campaign', () => {
    expect(homeUnit(['430321'], '430321205')).toBe('430321205');
  });
  it('finds nothing where the user and the campaign do not meet', () => {
    expect(homeUnit(['430321205'], '430321100')).toBeUndefined();
  });
});
