import { readFileSync } from 'node:fs';

/** A process's resident set and its peak so far, in MiB, from /proc (Linux). */
export function memoryOf(pid: number): { rssMiB: number; hwmMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024 };
}

export interface MemorySample {
  second: number;
  rssMiB: number;
  hwmMiB: number;
  /** The V8 heap in use near that second, from the heap probe (bench/load/heapProbe.ts). */
  heapUsedMiB?: number;
}

export interface HeapSample {
  second: number;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
}

/** Each RSS sample with the heap probe's sample nearest in time (within `tolerance` seconds). */
export function withHeap(
  rss: readonly MemorySample[],
  heap: readonly HeapSample[],
  tolerance = 5,
): MemorySample[] {
  return rss.map((r) => {
    const h = heap.reduce<HeapSample | undefined>(
      (best, x) => (!best || Math.abs(x.second - r.second) < Math.abs(best.second - r.second) ? x : best),
      undefined,
    );
    return h && Math.abs(h.second - r.second) <= tolerance ? { ...r, heapUsedMiB: h.heapUsedMiB } : r;
  });
}

/** Samples `pid` now and every `everySeconds` until stopped; the samples so far. */
export function sampleMemory(pid: number, everySeconds: number): { stop(): MemorySample[] } {
  const t0 = performance.now();
  const samples: MemorySample[] = [];
  const take = (): void => {
    try {
      samples.push({ second: Math.round((performance.now() - t0) / 1000), ...memoryOf(pid) });
    } catch {
      // The process is gone: the load's errors will say why.
    }
  };
  take();
  const timer = setInterval(take, everySeconds * 1000);
  return {
    stop: () => {
      clearInterval(timer);
      // One last sample at the end, unless the timer has just taken one.
      const last = samples[samples.length - 1];
      if (!last || (performance.now() - t0) / 1000 - last.second >= 1) take();
      return samples;
    },
  };
}
