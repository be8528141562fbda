import { sql } from 'kysely';
import type pg from 'pg';
import { progressOf } from '../../src/app/progress/progressOf.js';
import type { UnitProgress } from '../../src/app/progress/unitProgress.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import { DEMO_COUNTY } from '../../src/demo/setUpDemo.js';
import { codeRange } from '../../src/store/codeRange.js';
import type { Store } from '../../src/store/openStore.js';
import type { ResidentRow } from '../../src/store/residentQueries.js';
import type { BenchResult } from '../result.js';
import { median, quantile, timed } from '../stats.js';
import { benchVisit } from '../visitInputs.js';
import { startPacedWriter, type PacedTally } from './pacedWriter.js';

const CAMPAIGN = 1;
const WRITE_RATE = 300;

/** The village with the most residents, from the kept per-grid counts (no pass over residents). */
export async function busiestUnit(store: Store, codeLength: number): Promise<string> {
  const r = await sql<{ code: string }>`
    SELECT substr(grid_code, 1, ${codeLength}) AS code FROM campaign_grid_counts
     WHERE campaign_id = ${CAMPAIGN} GROUP BY 1 ORDER BY sum(residents) DESC LIMIT 1`.execute(store.db);
  const code = r.rows[0]?.code;
  if (!code) throw new Error('bench pgScale: the database has no campaign grid counts');
  return code;
}

export async function activeResidentsUnder(
  store: Store,
  code: string,
  limit: number,
): Promise<ResidentRow[]> {
  const { low, high } = codeRange(code);
  return store.db
    .selectFrom('residents')
    .selectAll()
    .where('county_code', '=', DEMO_COUNTY)
    .where('grid_code', '>=', low)
    .where('grid_code', '<', high)
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(limit)
    .execute();
}

const countUnits = (p: UnitProgress): number => 1 + (p.children ?? []).reduce((n, c) => n + countUnits(c), 0);

/**
 * Progress of the county with its townships and villages, at rest and while visits are being
 * recorded through recordVisit (group commit) at ~300/s on the same store. Floor: a raw
 * `SELECT count(*) FROM residents` on a pg pool of its own, timed in the same loop.
 */
export async function progressPg(store: Store, pool: pg.Pool, runs: number): Promise<BenchResult[]> {
  const progress = (): Promise<UnitProgress> => progressOf(store, CAMPAIGN, DEMO_COUNTY, 2);
  const countAll = (): Promise<unknown> => pool.query('SELECT count(*) FROM residents');
  for (let i = 0; i < 3; i++) await progress();
  await countAll();

  const sample = async (): Promise<{ times: number[]; floor: number[]; units: number }> => {
    const times: number[] = [];
    const floor: number[] = [];
    let units = 0;
    for (let i = 0; i < runs; i++) {
      const p = await timed(progress);
      times.push(p.ms);
      units = countUnits(p.value);
      floor.push((await timed(countAll)).ms);
      await new Promise((r) => setTimeout(r, 20));
    }
    return { times, floor, units };
  };
  const rest = await sample();

  const village = await busiestUnit(store, 12);
  const residents = await activeResidentsUnder(store, village, 100_000);
  const writer = startPacedWriter(WRITE_RATE, (i) =>
    recordVisit(store, residents[i % residents.length] as ResidentRow, benchVisit(i)),
  );
  await new Promise((r) => setTimeout(r, 500));
  let busy: Awaited<ReturnType<typeof sample>>;
  let written: PacedTally;
  try {
    busy = await sample();
  } finally {
    written = await writer.stop();
  }
  if (written.failed > 0) {
    throw new Error(`bench pgScale progress: ${written.failed} visits failed`, { cause: written.firstError });
  }
  const row = (name: string, v: number[], f: number[], q: number, note?: string): BenchResult => {
    const value = quantile(v, q);
    const fl = quantile(f, q);
    return { name, value, unit: 'ms', floor: fl, ratio: fl / value, ...(note ? { note } : {}) };
  };
  const what = `progressOf(store, 1, '${DEMO_COUNTY}', 2) = ${rest.units} units, ${runs} runs`;
  const floorNote =
    'floor = raw SELECT count(*) FROM residents (pg driver, own pool), timed in the same loop';
  return [
    row('PG progress county→villages, at rest: median', rest.times, rest.floor, 0.5, `${what}; ${floorNote}`),
    row('PG progress county→villages, at rest: p95', rest.times, rest.floor, 0.95),
    row(
      'PG progress county→villages, writes flowing: median',
      busy.times,
      busy.floor,
      0.5,
      `${what} while recordVisit writes ${written.stored} visits in ${written.seconds.toFixed(1)} s ` +
        `(${Math.round(written.stored / written.seconds)}/s, aim ${WRITE_RATE}/s) for the ${residents.length} ` +
        `residents of village ${village}, same process and store; median at rest ${median(rest.times).toFixed(1)} ms`,
    ),
    row('PG progress county→villages, writes flowing: p95', busy.times, busy.floor, 0.95),
  ];
}
