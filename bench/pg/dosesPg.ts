import type pg from 'pg';
import { recordDose } from '../../src/app/records/recordDose.js';
import { DEMO_COUNTY } from '../../src/demo/setUpDemo.js';
import type { Store } from '../../src/store/openStore.js';
import type { ResidentRow } from '../../src/store/residentQueries.js';
import type { BenchResult } from '../result.js';
import { closedLoop, type LoopTally } from './closedLoop.js';
import { createCopyTable, dropTable, floorDoseRow, singleRowInsert } from './rawFloors.js';

const COPY = 'bench_pg_doses_copy';
const DOSE = { product: 'sinovac', doseNumber: 1, at: '2021-08-09T17:00:00+08:00' };

const failures = (t: LoopTally): string =>
  t.failed === 0 ? '' : `; ${t.failed} FAILED, first: ${(t.firstError as Error | undefined)?.message ?? '?'}`;

/**
 * Doses through recordDose (the app function behind POST /doses and sync: history, windows,
 * change log and read model in one transaction, via the group commit), first one at a time,
 * then with `concurrency` calls in flight; each dose 1 for a different undosed resident taken
 * from `take`. Floor: a raw single-row autocommitted INSERT of a dose row (pg driver, a pool of
 * 10 as the store's) into an empty copy of dose_records, sequential and with the same concurrency.
 */
export async function dosesPg(
  store: Store,
  pool: pg.Pool,
  take: () => ResidentRow,
  seconds: number,
  concurrency: number,
): Promise<BenchResult[]> {
  const dose = (): Promise<unknown> => recordDose(store, take(), DOSE);
  await createCopyTable(pool, 'dose_records', COPY);
  const receivedAt = store.now().toISOString();
  let n = 0;
  const rawInsert = (): Promise<unknown> =>
    singleRowInsert(pool, COPY, floorDoseRow(DEMO_COUNTY, ++n, receivedAt));
  let seq: LoopTally, conc: LoopTally, seqFloor: LoopTally, concFloor: LoopTally;
  try {
    seqFloor = await closedLoop(Math.max(3, seconds / 2), 1, rawInsert);
    seq = await closedLoop(seconds, 1, dose);
    concFloor = await closedLoop(Math.max(3, seconds / 2), concurrency, rawInsert);
    conc = await closedLoop(seconds, concurrency, dose);
  } finally {
    await dropTable(pool, COPY);
  }
  const rows = (label: string, t: LoopTally, f: LoopTally, note: string): BenchResult[] => [
    {
      name: `PG recordDose ${label}: doses/s`,
      value: t.perSecond,
      unit: 'doses/s',
      floor: f.perSecond,
      ratio: t.perSecond / f.perSecond,
      note: `${note}; ${t.ok} doses in ${t.seconds.toFixed(1)} s${failures(t)}; floor ${f.ok} inserts in ${f.seconds.toFixed(1)} s`,
    },
    { name: `PG recordDose ${label}: p50`, value: t.p50, unit: 'ms', floor: f.p50, ratio: f.p50 / t.p50 },
    { name: `PG recordDose ${label}: p99`, value: t.p99, unit: 'ms', floor: f.p99, ratio: f.p99 / t.p99 },
  ];
  return [
    ...rows(
      'sequential',
      seq,
      seqFloor,
      'one recordDose at a time (each its own transaction: a lone write in the group commit); ' +
        'floor = raw single-row autocommitted INSERT into an empty copy of dose_records, one at a time',
    ),
    ...rows(
      `${concurrency} in flight`,
      conc,
      concFloor,
      `${concurrency} recordDose calls in flight, closed loop (the group commit batches them, a savepoint ` +
        `each); floor = the same raw INSERT with ${concurrency} in flight over a pool of 10 connections`,
    ),
  ];
}
