import { sql } from 'kysely';
import { progressOf } from '../src/app/progress/progressOf.js';
import type { UnitProgress } from '../src/app/progress/unitProgress.js';
import { recordVisit } from '../src/app/records/recordVisit.js';
import { DEMO_COUNTY } from '../src/demo/setUpDemo.js';
import { codeRange } from '../src/store/codeRange.js';
import { resolveStoreLocation } from '../src/store/dialect.js';
import { openStore, type Store } from '../src/store/openStore.js';
import type { ResidentRow } from '../src/store/residentQueries.js';
import { below, type BenchResult } from './result.js';
import { median, QUICK, quantile, timed } from './stats.js';
import { benchVisit } from './visitInputs.js';

const CAMPAIGN = 1;
/** Visits per second the writer aims at: a busy evening's screening, a village's worth. */
const WRITE_RATE = 300;

interface WriterTally {
  stored: number;
  failed: number;
  seconds: number;
  firstError?: unknown;
}

/**
 * Records visits for `residents` at about `perSecond` through recordVisit (so through the group
 * commit, as the server does), on the same store and event loop as the reader: a timer tops up
 * the calls due since the start, with a cap on those in flight.
 */
function startVisitWriter(store: Store, residents: readonly ResidentRow[], perSecond: number) {
  const tally: WriterTally = { stored: 0, failed: 0, seconds: 0 };
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let issued = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
    while (issued < due && inFlight.size < 1000) {
      const resident = residents[issued % residents.length] as ResidentRow;
      const p: Promise<void> = recordVisit(store, resident, benchVisit(issued))
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
    async stop(): Promise<WriterTally> {
      clearInterval(timer);
      await Promise.all(inFlight);
      tally.seconds = (performance.now() - started) / 1000;
      return tally;
    },
  };
}

/** The village with the most residents: the writer's patch. */
async function busiestVillage(store: Store): Promise<string> {
  const row = await sql<{ village: string }>`
    SELECT substr(grid_code, 1, 12) AS village FROM residents
    GROUP BY substr(grid_code, 1, 12) ORDER BY count(*) DESC LIMIT 1`.execute(store.db);
  const village = row.rows[0]?.village;
  if (!village) throw new Error('bench progress: the demo database has no residents');
  return village;
}

/**
 * Issue 3, figure 1: progress of the whole county with its townships and villages
 * (progressOf depth 2), timed while visits are being recorded. Floor: one
 * `SELECT count(*) FROM residents` through the same store, timed in the same loop.
 */
export async function progressBench(dbPath: string): Promise<BenchResult[]> {
  const store = await openStore(resolveStoreLocation(dbPath, {}));
  try {
    const runs = QUICK ? 30 : 100;
    const village = await busiestVillage(store);
    const { low, high } = codeRange(village);
    const residents = await store.db
      .selectFrom('residents')
      .selectAll()
      .where('county_code', '=', DEMO_COUNTY)
      .where('grid_code', '>=', low)
      .where('grid_code', '<', high)
      .where('status', '=', 'active')
      .execute();
    const progress = (): Promise<UnitProgress> => progressOf(store, CAMPAIGN, DEMO_COUNTY, 2);
    const countAll = (): Promise<unknown> => sql`SELECT count(*) AS n FROM residents`.execute(store.db);

    // At rest first, for the note: what the writes cost the reader.
    for (let i = 0; i < 3; i++) await progress();
    const atRest: number[] = [];
    for (let i = 0; i < 10; i++) atRest.push((await timed(progress)).ms);

    const writer = startVisitWriter(store, residents, WRITE_RATE);
    const times: number[] = [];
    const floor: number[] = [];
    let units = 0;
    let written: WriterTally;
    try {
      // Let the writer reach its pace before timing.
      await new Promise((r) => setTimeout(r, 500));
      for (let i = 0; i < runs; i++) {
        const p = await timed(progress);
        times.push(p.ms);
        units = countUnits(p.value);
        floor.push((await timed(countAll)).ms);
        // A reader polls; it does not hold the loop: writes land between reads.
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      written = await writer.stop();
    }
    if (written.failed > 0) {
      throw new Error(`bench progress: ${written.failed} visits failed while writing`, {
        cause: written.firstError,
      });
    }
    const med = median(times);
    const p95 = quantile(times, 0.95);
    const floorMed = median(floor);
    const floorP95 = quantile(floor, 0.95);
    const note =
      `progressOf(store, 1, '${DEMO_COUNTY}', 2) = ${units} units, ${runs} runs; ` +
      `writes: ${written.stored} visits in ${written.seconds.toFixed(1)} s ` +
      `(${Math.round(written.stored / written.seconds)}/s, aim ${WRITE_RATE}/s) via recordVisit for the ` +
      `${residents.length} residents of village ${village}, in the same process and on the same store ` +
      `(timer-paced, interleaved on the event loop; reads wait for the group-commit transaction as in ` +
      `\`gridvax serve\`); at rest (no writes) median ${median(atRest).toFixed(1)} ms; ` +
      `floor = SELECT count(*) FROM residents through the same store, same loop; target median < 50 ms`;
    return [
      {
        name: 'progress county→villages, writes flowing: median',
        value: med,
        unit: 'ms',
        floor: floorMed,
        ratio: floorMed / med,
        targets: [below(50)],
        note,
      },
      {
        name: 'progress county→villages, writes flowing: p95',
        value: p95,
        unit: 'ms',
        floor: floorP95,
        ratio: floorP95 / p95,
      },
    ];
  } finally {
    await store.close();
  }
}

const countUnits = (p: UnitProgress): number => 1 + (p.children ?? []).reduce((n, c) => n + countUnits(c), 0);
