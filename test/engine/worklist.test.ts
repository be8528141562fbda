import { afterAll, beforeEach, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import { worklistOf } from '../../src/app/worklist/worklistOf.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';

const EARLIER = new Date('2021-08-01T10:00:00.000Z');
const EVENING = new Date('2021-08-09T10:00:00.000Z');
const VILLAGE = '430321205206';

describeEachStore('grid member worklist', (c) => {
  let store: Store;
  let ids: string[];
  let campaignId: number;
  const resident = (n: number) => findResident(store.db, ids[n - 1] as string);

  beforeEach(async () => {
    store = await c.fresh();
    await store.pinNow(EARLIER);
    ids = await smallCounty(store, [
      { grid: GRIDS[0], birthDate: '1950-03-01' }, // 1: 71, refused, follow-up due
      { grid: GRIDS[0], birthDate: '1985-07-15' }, // 2: unscreened, in 1's household
      { grid: GRIDS[0], birthDate: '2015-01-01' }, // 3: a child, ineligible
      { grid: GRIDS[1], birthDate: '1990-12-31' }, // 4: deferral ended on 08-05
      { grid: GRIDS[1], birthDate: '1970-02-28' }, // 5: booked for tomorrow
      { grid: GRIDS[2], birthDate: '1960-06-06' }, // 6: done, in the other village
      { grid: GRIDS[1], birthDate: '1980-05-05' }, // 7: deferred until 08-11 (soon)
      { grid: GRIDS[0], birthDate: '1975-09-09' }, // 8: permanent contraindication
      { grid: GRIDS[0], birthDate: '1995-01-20' }, // 9: away until 08-15
      { grid: GRIDS[1], birthDate: '1988-04-04' }, // 10: deferred until 08-30 (not yet)
    ]);
    await store.db
      .updateTable('residents')
      .set({ household_id: `${GRIDS[0]}0001` })
      .where('id', '=', 2)
      .execute();
    await store.db.updateTable('residents').set({ phone: '13812345678' }).where('id', '=', 9).execute();
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
      reason: '担心副作用',
    });
    await recordVisit(store, await resident(5), {
      outcome: 'booked',
      at: '2021-08-08T09:00:00+08:00',
      channel: 'phone',
      bookedDate: '2021-08-10',
      site: '锦石乡卫生院',
    });
    await recordDose(store, await resident(6), {
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T09:30:00+08:00',
    });
    for (const [n, until] of [
      [7, '2021-08-11'],
      [10, '2021-08-30'],
    ] as const) {
      await recordVisit(store, await resident(n), {
        outcome: 'contraindicated-temporary',
        at: '2021-08-08T10:00:00+08:00',
        channel: 'door',
        untilDate: until,
        contraindication: 'acute-illness',
      });
    }
    await recordVisit(store, await resident(8), {
      outcome: 'contraindicated-permanent',
      at: '2021-08-08T10:30:00+08:00',
      channel: 'door',
      contraindication: 'vaccine-allergy',
    });
    await recordVisit(store, await resident(9), {
      outcome: 'away',
      at: '2021-08-08T11:00:00+08:00',
      channel: 'phone',
      placeText: '广东省深圳市',
      untilDate: '2021-08-15',
    });
  });
  afterAll(() => c.cleanup());

  it('orders a village’s residents to see, each with the next thing to do', async () => {
    const { today, items } = await worklistOf(store, { campaignId, grids: [VILLAGE] });
    expect(today).toBe('2021-08-09');
    expect(items.map((i) => [i.residentId, i.tier, i.nextAction.code])).toEqual([
      [1, 1, 'follow-up'], // 60+, refused, follow-up due
      [4, 2, 'follow-up'], // deferral ended: due
      [5, 2, 'remind-booking'], // booked for tomorrow
      [2, 3, 'visit'], // never asked
      [9, 4, 'phone-away'], // away until 08-15
      [7, 5, 'recheck-deferral'], // deferral ends within three days
    ]);
    const byId = new Map(items.map((i) => [i.residentId, i]));
    expect(byId.get(1)).toMatchObject({ age: 71, sixtyPlus: true, alsoAtDoor: [2], openReason: 'refused' });
    expect(byId.get(2)?.alsoAtDoor).toEqual([1]);
    expect(byId.get(4)).toMatchObject({
      status: 'open',
      untilDate: '2021-08-05',
      followUpDate: '2021-08-05',
    });
    // The day someone away is expected back comes from their visit.
    expect(byId.get(9)).toMatchObject({ untilDate: '2021-08-15', phone: '13812345678' });
    expect(byId.get(9)?.nextAction.label.en).toContain('back 2021-08-15');
    expect(byId.get(7)).toMatchObject({ status: 'deferred', untilDate: '2021-08-11' });
    expect(byId.get(1)?.idNumber).toMatch(/^430321\*{8}[0-9X]{4}$/);
  });

  it('takes grids, or a village meaning all its grids, without listing anyone twice', async () => {
    const one = await worklistOf(store, { campaignId, grids: [GRIDS[1]] });
    expect(one.items.map((i) => i.residentId)).toEqual([4, 5, 7]);
    const both = await worklistOf(store, { campaignId, grids: [GRIDS[1], GRIDS[0]] });
    const village = await worklistOf(store, { campaignId, grids: [VILLAGE, GRIDS[0]] });
    expect(both.items.map((i) => i.residentId)).toEqual([1, 4, 5, 2, 9, 7]);
    expect(village.items.map((i) => i.residentId)).toEqual([1, 4, 5, 2, 9, 7]);
    const top = await worklistOf(store, { campaignId, grids: [VILLAGE], limit: 2 });
    expect(top.items.map((i) => i.residentId)).toEqual([1, 4]);
    expect((await worklistOf(store, { campaignId, grids: [GRIDS[2]] })).items).toEqual([]);
  });

  it('refuses what is not a grid or village, and hides grids out of scope', async () => {
    await expect(worklistOf(store, { campaignId, grids: [] })).rejects.toMatchObject({
      kind: 'invalid-input',
      detail: { code: 'worklist.grids' },
    });
    await expect(worklistOf(store, { campaignId, grids: ['430321205'] })).rejects.toMatchObject({
      kind: 'invalid-input',
      detail: { code: 'worklist.grid-level' },
    });
    await expect(worklistOf(store, { campaignId, grids: ['430321205206999'] })).rejects.toMatchObject({
      kind: 'not-found',
      detail: { code: 'place.not-found' },
    });
    await expect(
      worklistOf(store, { campaignId, grids: [GRIDS[0], GRIDS[2]], scope: [VILLAGE] }),
    ).rejects.toMatchObject({ kind: 'not-found', detail: { code: 'place.not-found' } });
    await expect(worklistOf(store, { campaignId: 77, grids: [VILLAGE] })).rejects.toMatchObject({
      kind: 'not-found',
      detail: { code: 'campaign.not-found' },
    });
    const scoped = await worklistOf(store, { campaignId, grids: [GRIDS[0]], scope: [VILLAGE] });
    expect(scoped.items.map((i) => i.residentId)).toEqual([1, 2, 9]);
  });
});
