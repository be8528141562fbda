import { afterAll, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import { GRIDS, smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('a single write during a bulk load', (c) => {
  afterAll(() => c.cleanup());

  it('waits for the load to commit instead of failing', async () => {
    const store = await c.fresh();
    await store.pinNow(new Date('2021-08-09T10:00:00.000Z'));
    const [id] = await smallCounty(store, [{ grid: GRIDS[0], birthDate: '1980-01-01' }]);
    await createCampaign(store, {
      name: '第一剂次',
      target: 'first-dose',
      minAge: 12,
      asOf: '2021-08-09',
      deadline: '2021-08-31',
    });
    const resident = await findResident(store.db, id as string);
    let visitDone = false;
    let visit: Promise<{ result: string }> | undefined;
    const load = store.bulk.load(async (sink) => {
      await sink.insert('settings', ['key', 'value'], [['import.marker', 'x']]);
      // While the load's transaction is open, a grid member's visit arrives.
      visit = recordVisit(store, resident, {
        outcome: 'refused',
        at: '2021-08-09T09:00:00+08:00',
        channel: 'door',
        reason: '观望',
      }).then((r) => ((visitDone = true), r));
      await new Promise((r) => setTimeout(r, 50));
      // On SQLite it waits its turn on the shared connection; PostgreSQL runs it alongside.
      expect(visitDone).toBe(c.dialect === 'postgres');
    });
    await load;
    const stored = await visit;
    expect(stored?.result).toBe('stored');
    const visits = await store.db.selectFrom('screening_visits').select('id').execute();
    expect(visits).toHaveLength(1);
  });
});
