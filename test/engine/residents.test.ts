import { afterAll, beforeEach, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import { listResidents, type ResidentListItem } from '../../src/app/residents/listResidents.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';

const EARLIER = new Date('2021-08-01T10:00:00.000Z');
const EVENING = new Date('2021-08-09T10:00:00.000Z');
const VILLAGE = '430321205206';
const TOWNSHIP = '430321205';

describeEachStore('resident lists', (c) => {
  let store: Store;
  let ids: string[];
  let campaignId: number;
  const resident = (n: number) => findResident(store.db, ids[n - 1] as string);

  beforeEach(async () => {
    store = await c.fresh();
    await store.pinNow(EARLIER);
    // Ids are given in an order that differs from the grids', to see the (grid, id) order.
    ids = await smallCounty(store, [
      { grid: GRIDS[1], birthDate: '1950-03-01' }, // 1: open (refused)
      { grid: GRIDS[0], birthDate: '1985-07-15' }, // 2: unscreened
      { grid: GRIDS[0], birthDate: '2015-01-01' }, // 3: a child, ineligible
      { grid: GRIDS[1], birthDate: '1990-12-31' }, // 4: deferral ended on 08-05
      { grid: GRIDS[2], birthDate: '1960-06-06' }, // 5: done, in the other village
      { grid: GRIDS[0], birthDate: '1980-05-05' }, // 6: deferred until 08-20
      { grid: GRIDS[0], birthDate: '1970-02-28', status: 'deceased' }, // 7
      { grid: GRIDS[1], birthDate: '1975-09-09' }, // 8: done
    ]);
    await store.db.updateTable('residents').set({ phone: '0731-52812345' }).where('id', '=', 2).execute();
    const campaign = await createCampaign(store, {
      name: '第一剂次接种',
      target: 'first-dose',
      minAge: 12,
      asOf: '2021-08-09',
      start: '2021-07-20',
      deadline: '2021-08-31',
    });
    campaignId = Number(campaign.id);
    await recordVisit(store, await resident(4), {
      outcome: 'contraindicated-temporary',
      at: '2021-07-30T10:00:00+08:00',
      channel: 'door',
      untilDate: '2021-08-05',
      contraindication: 'acute-illness',
    });
    await store.pinNow(EVENING);
    await recordVisit(store, await resident(1), {
      outcome: 'refused',
      at: '2021-08-05T09:00:00+08:00',
      channel: 'door',
      reason: '观望',
    });
    await recordVisit(store, await resident(6), {
      outcome: 'contraindicated-temporary',
      at: '2021-08-08T10:00:00+08:00',
      channel: 'door',
      untilDate: '2021-08-20',
      contraindication: 'acute-illness',
    });
    for (const n of [5, 8]) {
      await recordDose(store, await resident(n), {
        product: 'sinovac',
        doseNumber: 1,
        at: '2021-08-09T09:00:00+08:00',
      });
    }
  });
  afterAll(() => c.cleanup());

  /** Every page of a listing, following `next`. */
  async function allPages(
    input: Parameters<typeof listResidents>[1],
  ): Promise<{ pages: number; items: ResidentListItem[] }> {
    const items: ResidentListItem[] = [];
    let after: number | undefined;
    let pages = 0;
    for (;;) {
      const page = await listResidents(store, { ...input, ...(after === undefined ? {} : { after }) });
      pages++;
      items.push(...page.items);
      if (page.next === null) return { pages, items };
      after = page.next;
    }
  }

  it('lists the register of a place grid by grid, page by page', async () => {
    const first = await listResidents(store, { place: VILLAGE, limit: 3 });
    expect(first.items.map((r) => r.residentId)).toEqual([2, 3, 6]);
    expect(first.next).toBe(6);
    const all = await allPages({ place: VILLAGE, limit: 3 });
    expect(all.pages).toBe(3);
    expect(all.items.map((r) => r.residentId)).toEqual([2, 3, 6, 7, 1, 4, 8]);
    expect(all.items.map((r) => r.place)).toEqual([
      GRIDS[0],
      GRIDS[0],
      GRIDS[0],
      GRIDS[0],
      GRIDS[1],
      GRIDS[1],
      GRIDS[1],
    ]);
    // A page that ends exactly at the end of the list says so.
    const exact = await listResidents(store, { place: VILLAGE, limit: 7 });
    expect(exact.next).toBeNull();
    expect(first.items[0]).toMatchObject({
      county: '430321',
      name: '居民2',
      sex: 'F',
      birthDate: '1985-07-15',
      age: 36,
      householdId: `${GRIDS[0]}0002`,
      registerStatus: 'active',
    });
    expect(first.items[0]).not.toHaveProperty('status');
    const township = await allPages({ place: TOWNSHIP, limit: 2 });
    expect(township.items.map((r) => r.residentId)).toEqual([5, 2, 3, 6, 7, 1, 4, 8]);
  });

  it('masks ID numbers and phones unless asked not to', async () => {
    const [masked] = (await listResidents(store, { place: GRIDS[0], limit: 1 })).items;
    expect(masked?.idNumber).toMatch(/^430321\*{8}[0-9X]{4}$/);
    expect(masked?.phone).toBe('********2345');
    const [plain] = (await listResidents(store, { place: GRIDS[0], limit: 1, unmasked: true })).items;
    expect(plain?.idNumber).toBe(ids[1]);
    expect(plain?.phone).toBe('0731-52812345');
  });

  it('adds each resident’s status in a campaign, as it stands today', async () => {
    const { items } = await allPages({ place: VILLAGE, campaignId, limit: 2 });
    expect(items.map((r) => [r.residentId, r.status, r.reason])).toEqual([
      [2, 'unscreened', null],
      [3, 'ineligible', 'age'],
      [6, 'deferred', 'contraindicated-temporary'],
      [7, 'ineligible', 'deceased'],
      [1, 'open', 'refused'],
      [4, 'open', 'deferral-ended'],
      [8, 'done', null],
    ]);
    expect(items.find((r) => r.residentId === 7)?.registerStatus).toBe('deceased');
  });

  it('filters by status; open includes deferrals that have ended', async () => {
    const byStatus = async (status: string) =>
      (await allPages({ place: TOWNSHIP, campaignId, status, limit: 1 })).items.map((r) => r.residentId);
    expect(await byStatus('open')).toEqual([1, 4]);
    expect(await byStatus('deferred')).toEqual([6]);
    expect(await byStatus('unscreened')).toEqual([2]);
    expect(await byStatus('done')).toEqual([5, 8]);
    expect(await byStatus('ineligible')).toEqual([3, 7]);
    expect(await byStatus('exempt')).toEqual([]);
  });

  it('refuses unknown statuses, places, campaigns and page keys, and hides places out of scope', async () => {
    await expect(
      listResidents(store, { place: VILLAGE, campaignId, status: 'vaccinated' }),
    ).rejects.toMatchObject({
      kind: 'invalid-input',
      detail: { code: 'residents.status', field: 'status' },
    });
    await expect(listResidents(store, { place: VILLAGE, status: 'open' })).rejects.toMatchObject({
      kind: 'invalid-input',
      detail: { code: 'residents.status-needs-campaign' },
    });
    await expect(listResidents(store, { place: '430321205299' })).rejects.toMatchObject({
      kind: 'not-found',
      detail: { code: 'place.not-found' },
    });
    await expect(listResidents(store, { place: 'abc' })).rejects.toMatchObject({
      detail: { code: 'place.not-found' },
    });
    await expect(listResidents(store, { place: VILLAGE, campaignId: 42 })).rejects.toMatchObject({
      kind: 'not-found',
      detail: { code: 'campaign.not-found' },
    });
    await expect(listResidents(store, { place: VILLAGE, after: 999 })).rejects.toMatchObject({
      kind: 'invalid-input',
      detail: { code: 'residents.after' },
    });
    await expect(listResidents(store, { place: VILLAGE, limit: 0 })).rejects.toMatchObject({
      detail: { code: 'page.limit' },
    });
    await expect(listResidents(store, { place: '43' })).rejects.toMatchObject({
      detail: { code: 'residents.place-level' },
    });
    await expect(listResidents(store, { place: VILLAGE, scope: [GRIDS[2]] })).rejects.toMatchObject({
      kind: 'not-found',
      detail: { code: 'place.not-found' },
    });
    const mine = await listResidents(store, { place: GRIDS[2], scope: ['430321205201'] });
    expect(mine.items.map((r) => r.residentId)).toEqual([5]);
  });
});
