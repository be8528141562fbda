/** The q-quantile (0 ≤ q ≤ 1) of some timings, by the nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** Milliseconds an async call takes. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** BENCH_QUICK=1: a short run that shows every benchmark working, not figures to quote. */
export const QUICK = process.env['BENCH_QUICK'] === '1';

/** How many times `npm run bench` runs each benchmark to take medians (BENCH_RUNS; 1 when quick). */
export const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? (QUICK ? 1 : 3)));
