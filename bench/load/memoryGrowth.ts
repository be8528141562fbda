import type { MemorySample } from './memory.js';

/** Memory is compared after the first minute: the warm-up (caches, JIT, statements) is over. */
const WARM_SECONDS = 60;

export interface SoakMemory {
  /** RSS at the end of the first minute (the sample nearest to it). */
  afterWarmupMiB: number;
  /** Largest RSS sampled in the last minute. */
  lastMinuteMaxMiB: number;
  /** lastMinuteMax ÷ afterWarmup − 1: the figure the issue asks for. */
  growth: number;
  /** Largest RSS sampled in the second minute (the first after the warm-up). */
  secondMinuteMaxMiB: number;
  /**
   * lastMinuteMax ÷ secondMinuteMax − 1: peak against peak. RSS swings by a third between
   * garbage collections under this load, so one sample at the first minute's end may sit at a
   * trough (and `growth` shows a leak that is not there) or a crest (and hides one); comparing
   * the crests of two whole minutes does neither. This is the one held to the target.
   */
  peakGrowth: number;
  /**
   * The V8 heap's floor (least heapUsed sampled, i.e. just after a collection) in the last
   * minute ÷ the same in the second minute − 1: a JS leak raises the floor, a cache does not.
   */
  heapFloorGrowth?: number;
  peakMiB: number;
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
  const max = (xs: MemorySample[]): number => Math.max(...xs.map((s) => s.rssMiB));
  const heapFloor = (xs: MemorySample[]): number =>
    Math.min(...xs.flatMap((s) => (s.heapUsedMiB === undefined ? [] : [s.heapUsedMiB])));
  const floors = [heapFloor(second), heapFloor(last)];
  return {
    afterWarmupMiB: nearest.rssMiB,
    lastMinuteMaxMiB: max(last),
    growth: max(last) / nearest.rssMiB - 1,
    secondMinuteMaxMiB: max(second),
    peakGrowth: max(last) / max(second) - 1,
    ...(floors.every(Number.isFinite)
      ? { heapFloorGrowth: (floors[1] as number) / (floors[0] as number) - 1 }
      : {}),
    peakMiB: Math.max(...samples.map((s) => s.hwmMiB)),
  };
}
