import { createHash } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { setUpDemo } from '../../src/demo/setUpDemo.js';
import type { Store } from '../../src/store/openStore.js';
import { describeEachStore, type StoreCase } from '../support/stores.js';

/** Every row the demo writes, hashed in an order fixed here rather than by either engine's collation. */
async function contentHash(store: Store): Promise<Record<string, string>> {
  const digest = (rows: readonly unknown[]): string =>
    createHash('sha256')
      .update(
        rows
          .map((r) => JSON.stringify(r))
          .sort()
          .join('\n'),
      )
      .digest('hex')
      .slice(0, 16);
  const db = store.db;
  return {
    residents: digest(await db.selectFrom('residents').selectAll().execute()),
    households: digest(await db.selectFrom('households').selectAll().execute()),
    visits: digest(await db.selectFrom('screening_visits').selectAll().execute()),
    doses: digest(await db.selectFrom('dose_records').selectAll().execute()),
    tasks: digest(await db.selectFrom('task_allocations').select(['place_code', 'count']).execute()),
    statuses: digest(await db.selectFrom('campaign_residents').selectAll().execute()),
  };
}

const built: Record<string, Record<string, string>> = {};

// The same seed must build the same county whichever engine it lands on.
describeEachStore('the demo on either engine', (c: StoreCase) => {
  afterAll(() => c.cleanup());
  it('builds a small county', async () => {
    const store = await c.fresh();
    await setUpDemo(store, { residents: 2000, seed: 11 });
    built[c.dialect] = await contentHash(store);
  });
});

describe.skipIf(!inject('pgUrl'))('the demo on SQLite and PostgreSQL', () => {
  it('is the same county, row for row', () => {
    expect(built['sqlite']).toBeDefined();
    expect(built['postgres']).toEqual(built['sqlite']);
  });
});
