import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type pg from 'pg';
import { syncBatch, type SyncBatchResult, type SyncItem } from '../../src/app/sync/syncBatch.js';
import { validVisitOrThrow, visitRow } from '../../src/app/records/recordVisit.js';
import type { Store } from '../../src/store/openStore.js';
import type { ResidentRow } from '../../src/store/residentQueries.js';
import type { BenchResult } from '../result.js';
import { median, timed } from '../stats.js';
import { benchVisit } from '../visitInputs.js';
import { activeResidentsUnder, busiestUnit } from './progressPg.js';
import { createCopyTable, dropTable, insertRowsInOneTransaction } from './rawFloors.js';

const BATCH = 5_000;
const BATCHES = 3;
const COPY = 'bench_pg_visits_copy';

async function counts(store: Store): Promise<{ visits: number; changes: number }> {
  const r = await sql<{ visits: number; changes: number }>`
    SELECT (SELECT count(*) FROM screening_visits) AS visits,
           (SELECT count(*) FROM change_log) AS changes`.execute(store.db);
  return { visits: Number(r.rows[0]?.visits), changes: Number(r.rows[0]?.changes) };
}

function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(`bench pgScale sync: ${what}`);
}

/**
 * A phone's batch of 5,000 visits for residents of the busiest township through syncBatch
 * (fresh ids), median of 3, then the last batch re-sent 3 times (all duplicates, nothing
 * written). Floor: the same visit rows inserted with multi-row INSERTs (1,000 rows each) in
 * one transaction by the pg driver into an empty logged copy of screening_visits.
 */
export async function syncPg(store: Store, pool: pg.Pool): Promise<BenchResult[]> {
  const township = await busiestUnit(store, 9);
  const residents = await activeResidentsUnder(store, township, BATCH * BATCHES);
  await createCopyTable(pool, 'screening_visits', COPY);
  const now = store.now();
  const fresh: number[] = [];
  const floor: number[] = [];
  let last: SyncItem[] = [];
  try {
    for (let k = 0; k < BATCHES; k++) {
      const batch = Array.from({ length: BATCH }, (_, i) => {
        const n = k * BATCH + i;
        const resident = residents[n % residents.length] as ResidentRow;
        const item: SyncItem = {
          kind: 'visit',
          id: randomUUID(),
          idNumber: resident.id_number,
          visit: benchVisit(n),
        };
        return { resident, item };
      });
      const items = batch.map((b) => b.item);
      const before = await counts(store);
      const run = await timed(() => syncBatch(store, { deviceId: `bench-pg-phone-${k}`, items }));
      const after = await counts(store);
      expect(run.value.stored === BATCH, `batch ${k} stored ${run.value.stored} of ${BATCH}`);
      expect(
        after.visits - before.visits === BATCH,
        `batch ${k} added ${after.visits - before.visits} visits`,
      );
      fresh.push(run.ms);
      last = items;
      const rows = batch.map(({ resident, item }) =>
        visitRow(
          resident,
          validVisitOrThrow((item as Extract<SyncItem, { kind: 'visit' }>).visit, now),
          { deviceId: `bench-pg-phone-${k}` },
          item.id,
          now.toISOString(),
        ),
      );
      floor.push(await insertRowsInOneTransaction(pool, COPY, rows as unknown as Record<string, unknown>[]));
    }
  } finally {
    await dropTable(pool, COPY);
  }

  const retries: number[] = [];
  let retried: SyncBatchResult | undefined;
  const before = await counts(store);
  for (let k = 0; k < BATCHES; k++) {
    const run = await timed(() =>
      syncBatch(store, { deviceId: `bench-pg-phone-${BATCHES - 1}`, items: last }),
    );
    retries.push(run.ms);
    retried = run.value;
  }
  const after = await counts(store);
  expect(retried?.duplicates === BATCH, `the retry answered ${retried?.duplicates} duplicates of ${BATCH}`);
  expect(
    after.visits === before.visits && after.changes === before.changes,
    `the retry stored something: visits ${before.visits}→${after.visits}, changes ${before.changes}→${after.changes}`,
  );
  const freshMs = median(fresh);
  const retryMs = median(retries);
  const floorMs = median(floor);
  const secs = (a: number[]): string => a.map((ms) => (ms / 1000).toFixed(2)).join(', ');
  return [
    {
      name: 'PG sync batch 5,000 visits (fresh): wall time',
      value: freshMs / 1000,
      unit: 's',
      floor: floorMs / 1000,
      ratio: floorMs / freshMs,
      note:
        `township ${township} (first ${residents.length} active residents by id), median of ${BATCHES} batches ` +
        `(${secs(fresh)} s), each 5,000 stored with the read model updated; floor = the same rows by pg ` +
        `multi-row INSERTs of 1,000 in one transaction into an empty logged copy of screening_visits ` +
        `(LIKE … INCLUDING ALL: same key and index) (${secs(floor)} s); target < 1 s`,
    },
    {
      name: 'PG sync batch 5,000 visits (retry): wall time',
      value: retryMs / 1000,
      unit: 's',
      floor: floorMs / 1000,
      ratio: floorMs / retryMs,
      note:
        `the last batch re-sent ${BATCHES} times (${secs(retries)} s): ${retried?.duplicates} duplicates each; ` +
        `screening_visits and change_log counts unchanged (${after.visits} / ${after.changes})`,
    },
  ];
}
