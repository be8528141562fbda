import type { Parameters } from 'fast-check';

/**
 * fast-check parameters shared by the fuzz suites. CI runs a fixed seed, so a run is the same
 * every time and a red build is a real bug, not bad luck; locally the inputs can be varied and
 * multiplied, and any failure replayed exactly:
 *
 * - FUZZ_SEED=random explores new inputs (fast-check prints the seed it used on failure);
 *   FUZZ_SEED=<n> replays a seed, FUZZ_PATH=<path> its shrunk counterexample.
 * - FUZZ_RUNS=<k> multiplies every suite's number of runs (default 1).
 */
const DEFAULT_SEED = 20210809;

function seedFromEnv(): number | undefined {
  const s = process.env['FUZZ_SEED'];
  if (s === 'random') return undefined;
  if (s === undefined || s === '') return DEFAULT_SEED;
  const n = Number(s);
  if (!Number.isInteger(n)) throw new Error(`FUZZ_SEED must be an integer or "random", not ${s}`);
  return n;
}

const scale = (): number => {
  const k = Number(process.env['FUZZ_RUNS'] ?? '1');
  return Number.isFinite(k) && k > 0 ? k : 1;
};

/** `numRuns` runs (times FUZZ_RUNS), the seed as above; `extra` (a time limit …) added. */
export function fuzzParams<T>(numRuns: number, extra: Parameters<T> = {}): Parameters<T> {
  const seed = seedFromEnv();
  const path = process.env['FUZZ_PATH'];
  return {
    numRuns: Math.max(1, Math.round(numRuns * scale())),
    ...(seed === undefined ? {} : { seed }),
    ...(path ? { path } : {}),
    // Print the seed and the shrunk input even when the seed was fixed: the replay line.
    verbose: 1,
    ...extra,
  };
}
