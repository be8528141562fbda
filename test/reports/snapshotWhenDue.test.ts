import { afterAll, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { snapshotWhenDue } from '../../src/app/reports/snapshotWhenDue.js';
import { GRIDS, smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('the evening report freezes itself', (c) => {
  afterAll(() => c.cleanup());

  it('waits for the cut-off, then freezes each running campaign once', async () => {
    const store = await c.fresh();
    await smallCounty(store, [{ grid: GRIDS[0], birthDate: '1980-01-01' }]);
    await createCampaign(store, {
      name: '第一剂次',
      target: 'first-dose',
      minAge: 12,
      asOf: '2021-08-01',
      start: '2021-08-01',
      deadline: '2021-08-31',
    });
    await store.pinNow(new Date('2021-08-09T09:59:00.000Z')); // 17:59 in Shanghai
    expect(await snapshotWhenDue(store)).toEqual([]);
    await store.pinNow(new Date('2021-08-09T10:01:00.000Z')); // 18:01
    expect(await snapshotWhenDue(store)).toEqual([1]);
    expect(await snapshotWhenDue(store)).toEqual([]);
    const rows = await store.db.selectFrom('daily_snapshots').select(['date', 'place_code']).execute();
    expect(rows).toEqual([{ date: '2021-08-09', place_code: '430321' }]);
    await store.pinNow(new Date('2021-09-05T12:00:00.000Z')); // after the deadline: nothing runs
    expect(await snapshotWhenDue(store)).toEqual([]);
  });
});
