import type { BenchResult } from './result.js';
import { median } from './stats.js';

/**
 * Folds several runs of one benchmark into one row per figure: the median value, the median
 * floor and the median of each run's own ratio (each run's ratio pairs a value with the floor
 * measured beside it, so a noisy moment spoils one pair, not the comparison). The note keeps
 * every run's value so the spread is visible.
 */
export function aggregateRuns(runs: readonly BenchResult[][]): BenchResult[] {
  const byName = new Map<string, BenchResult[]>();
  for (const run of runs) {
    for (const r of run) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  }
  return [...byName.values()].map((same) => {
    const last = same[same.length - 1] as BenchResult;
    if (same.length === 1) return { ...last, runs: last.runs ?? 1 };
    const defined = (xs: (number | undefined)[]): number[] => xs.filter((x): x is number => x !== undefined);
    const floors = defined(same.map((r) => r.floor));
    const ratios = defined(same.map((r) => r.ratio));
    const spread = `runs: ${same.map((r) => round(r.value)).join(', ')} ${last.unit}`;
    return {
      ...last,
      value: median(same.map((r) => r.value)),
      ...(floors.length ? { floor: median(floors) } : {}),
      ...(ratios.length ? { ratio: median(ratios) } : {}),
      runs: same.length,
      note: last.note ? `${spread}; ${last.note}` : spread,
    };
  });
}

const round = (n: number): string =>
  Math.abs(n) >= 100 ? String(Math.round(n)) : n.toFixed(n < 1 ? 3 : 2).replace(/\.?0+$/, '');
