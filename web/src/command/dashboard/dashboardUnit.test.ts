import { describe, expect, it } from 'vitest';
import type { ReportUnit } from '../commandApi.js';
import { dashboardRoot, fromReport } from './dashboardUnit.js';

const village: ReportUnit = {
  code: '430321205206',
  name: '锦石村委会',
  shortName: '锦石村',
  level: 'village',
  task: 20,
  done: 19,
  increment: 2,
  completion: 0.95,
  rank: 1,
  eligible: 20,
  open: 1,
  unscreened: 0,
  doubleCleared: false,
  doubleClearedChildren: 3,
  childUnits: 4,
  sixtyPlus: { eligible: 5, done: 5, coverage: 1 },
  neededDailyRate: 1,
  recentDailyRate: 1.5,
  projectedFinish: '2021-08-10',
  status: 'on-track',
  answerable: null,
};

describe('the dashboard’s unit', () => {
  it('reads a report unit as the progress read names it, children included', () => {
    const township = { ...village, code: '430321205', level: 'township' as const, children: [village] };
    const u = fromReport(township);
    expect(u.todayIncrement).toBe(2);
    expect(u.children?.[0]?.shortName).toBe('锦石村');
    expect(u.children?.[0]?.children).toBeUndefined();
  });

  it('prefers the live progress, and takes the report while the progress has not come', () => {
    expect(dashboardRoot(undefined, undefined)).toBeUndefined();
    expect(dashboardRoot(undefined, { unit: village })?.code).toBe('430321205206');
    const { children: _none, ...flat } = fromReport(village);
    const live = {
      ...flat,
      residents: 30,
      ineligible: 10,
      exempt: 0,
      deferred: 0,
      screeningCleared: true,
      taskCleared: false,
    };
    expect(dashboardRoot(live, { unit: village })).toBe(live);
  });
});
