import { quantile } from '../stats.js';

export interface LoopTally {
  ok: number;
  failed: number;
  seconds: number;
  p50: number;
  p99: number;
  perSecond: number;
  firstError?: unknown;
}

/**
 * Runs `task(i)` for `seconds` with `concurrency` calls in flight (a closed loop: each finished
 * call starts the next), timing each: throughput and latency of a write path under a fixed
 * number of clients. Concurrency 1 is the sequential case.
 */
export async function closedLoop(
  seconds: number,
  concurrency: number,
  task: (i: number) => Promise<unknown>,
): Promise<LoopTally> {
  const latencies: number[] = [];
  let issued = 0;
  let failed = 0;
  let firstError: unknown;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const i = issued++;
      const t0 = performance.now();
      try {
        await task(i);
        latencies.push(performance.now() - t0);
      } catch (e) {
        failed++;
        firstError ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = (performance.now() - started) / 1000;
  return {
    ok: latencies.length,
    failed,
    seconds: elapsed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    perSecond: latencies.length / elapsed,
    ...(firstError === undefined ? {} : { firstError }),
  };
}
