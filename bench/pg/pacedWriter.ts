export interface PacedTally {
  stored: number;
  failed: number;
  seconds: number;
  firstError?: unknown;
}

/**
 * Calls `task(i)` at about `perSecond` in this process until stopped: a timer tops up the calls
 * due since the start, with a cap on those in flight, so reads timed meanwhile on the same
 * store wait for the writes as a server's would (as bench/progress.ts does on SQLite).
 */
export function startPacedWriter(perSecond: number, task: (i: number) => Promise<unknown>) {
  const tally: PacedTally = { stored: 0, failed: 0, seconds: 0 };
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let issued = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
    while (issued < due && inFlight.size < 1000) {
      const p: Promise<void> = task(issued)
        .then(
          () => void tally.stored++,
          (e: unknown) => {
            tally.failed++;
            tally.firstError ??= e;
          },
        )
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      issued++;
    }
  }, 5);
  return {
    async stop(): Promise<PacedTally> {
      clearInterval(timer);
      await Promise.all(inFlight);
      tally.seconds = (performance.now() - started) / 1000;
      return tally;
    },
  };
}
