import { median } from '../stats.js';
import type { MemorySample } from './memory.js';

/** Memory is compared after the first minute: the warm-up (caches, JIT, statements) is over. */
const WARM_SECONDS = 60;

export interface SoakMemory {
  /** RSS at the end of the first minute (the sample nearest to it). */
  afterWarmupMiB: number;
  /** Largest RSS sampled in the last minute. */
  lastMinuteMaxMiB: number;
  /** lastMinuteMax ÷ afterWarmup − 1: the figure the issue names. */
  growth: number;
  /** Largest RSS sampled in the second minute (the first after the warm-up). */
  secondMinuteMaxMiB: number;
  /** lastMinuteMax ÷ secondMinuteMax − 1: crest against crest. */
  peakGrowth: number;
  secondMinuteMedianMiB: number;
  lastMinuteMedianMiB: number;
  /**
   * lastMinuteMedian ÷ secondMinuteMedian − 1: the level RSS holds, minute against minute. RSS
   * swings by tens of MiB with the collector's cycles, so one sample (or one crest) can sit
   * high or low by chance; a leak moves the median, a collection does not. Held to the target.
   */
  medianGrowth: number;
  /** The V8 heap in use, median of the last minute ÷ of the second − 1: a JS leak moves it. */
  heapMedianGrowth?: number;
  /** Least-squares trend of every sample after the first minute, in MiB a minute: a leak's rate. */
  trend: { rssMiBPerMinute: number; heapMiBPerMinute?: number };
  peakMiB: number;
}

/** The least-squares slope of y against x (NaN with fewer than two points). */
function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? NaN : sxy / sxx;
}

/** Memory growth of a soak of `seconds` (windows shrink to a quarter of it for short runs). */
export function memoryGrowth(samples: readonly MemorySample[], seconds: number): SoakMemory {
  if (samples.length === 0) throw new Error('soak: no memory samples (is /proc mounted?)');
  const minute = Math.min(WARM_SECONDS, seconds / 4);
  const end = samples[samples.length - 1]?.second ?? 0;
  const within = (from: number, to: number): MemorySample[] =>
    samples.filter((s) => s.second >= from && s.second <= to);
  const nearest = samples.reduce((best, s) =>
    Math.abs(s.second - minute) < Math.abs(best.second - minute) ? s : best,
  );
  const second = within(minute, 2 * minute);
  const last = within(end - minute, end);
  const rss = (xs: MemorySample[]): number[] => xs.map((s) => s.rssMiB);
  const heap = (xs: MemorySample[]): number[] =>
    xs.flatMap((s) => (s.heapUsedMiB === undefined ? [] : [s.heapUsedMiB]));
  const heaps = [median(heap(second)), median(heap(last))] as const;
  const after = within(minute, end);
  const heapTrend =
    slope(after.flatMap((s) => (s.heapUsedMiB === undefined ? [] : [[s.second, s.heapUsedMiB] as const]))) *
    60;
  return {
    afterWarmupMiB: nearest.rssMiB,
    lastMinuteMaxMiB: Math.max(...rss(last)),
    growth: Math.max(...rss(last)) / nearest.rssMiB - 1,
    secondMinuteMaxMiB: Math.max(...rss(second)),
    peakGrowth: Math.max(...rss(last)) / Math.max(...rss(second)) - 1,
    secondMinuteMedianMiB: median(rss(second)),
    lastMinuteMedianMiB: median(rss(last)),
    medianGrowth: median(rss(last)) / median(rss(second)) - 1,
    ...(heaps.every(Number.isFinite) ? { heapMedianGrowth: heaps[1] / heaps[0] - 1 } : {}),
    trend: {
      rssMiBPerMinute: slope(after.map((s) => [s.second, s.rssMiB] as const)) * 60,
      ...(Number.isFinite(heapTrend) ? { heapMiBPerMinute: heapTrend } : {}),
    },
    peakMiB: Math.max(...samples.map((s) => s.hwmMiB)),
  };
}
