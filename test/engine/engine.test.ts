import { afterAll, beforeEach, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { setTask } from '../../src/app/campaigns/setTask.js';
import { recountCampaign } from '../../src/app/engine/recount.js';
import { progressOf } from '../../src/app/progress/progressOf.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';

const EVENING = new Date('2021-08-09T10:00:00.000Z');

describeEachStore('campaign engine', (c) => {
  let store: Store;
  let ids: string[];
  let campaignId: number;

  beforeEach(async () => {
    store = await c.fresh();
    await store.pinNow(EVENING);
    ids = await smallCounty(store, [
      { grid: GRIDS[0], birthDate: '1950-03-01' }, // 1: 71, 60+
      { grid: GRIDS[0], birthDate: '1985-07-15' }, // 2
      { grid: GRIDS[0], birthDate: '2015-01-01' }, // 3: a child, ineligible
      { grid: GRIDS[1], birthDate: '1990-12-31' }, // 4
      { grid: GRIDS[1], birthDate: '1970-02-28', status: 'deceased' }, // 5: ineligible
      { grid: GRIDS[2], birthDate: '1960-06-06' }, // 6: 61, 60+
    ]);
    const campaign = await createCampaign(store, {
      name: '第一剂次接种',
      target: 'first-dose',
      minAge: 12,
      asOf: '2021-08-09',
      start: '2021-07-20',
      deadline: '2021-08-31',
    });
    campaignId = Number(campaign.id);
  });
  afterAll(() => c.cleanup());

  const resident = (n: number) => findResident(store.db, ids[n - 1] as string);

  it('starts with every eligible resident unscreened and nothing cleared', async () => {
    const p = await progressOf(store, campaignId, '430321205', 2);
    expect(p).toMatchObject({
      residents: 6,
      ineligible: 2,
      eligible: 4,
      unscreened: 4,
      done: 0,
      screeningCleared: false,
    });
    expect(p.sixtyPlus).toEqual({ eligible: 2, done: 0, coverage: 0 });
    const village = p.children?.find((v) => v.code === '430321205206');
    expect(village).toMatchObject({ residents: 5, eligible: 3, unscreened: 3, childUnits: 2 });
    expect(village?.children?.map((g) => g.code)).toEqual([GRIDS[0], GRIDS[1]]);
  });

  it('moves residents between statuses as visits and doses arrive, and counts today', async () => {
    await recordVisit(store, await resident(1), {
      outcome: 'refused',
      at: '2021-08-08T09:00:00+08:00',
      channel: 'door',
      reason: '担心副作用',
    });
    await recordVisit(store, await resident(2), {
      outcome: 'contraindicated-temporary',
      at: '2021-08-08T10:00:00+08:00',
      channel: 'door',
      untilDate: '2021-08-20',
      contraindication: 'acute-illness',
    });
    await recordVisit(store, await resident(4), {
      outcome: 'contraindicated-permanent',
      at: '2021-08-08T10:30:00+08:00',
      channel: 'door',
      contraindication: 'vaccine-allergy',
    });
    await recordDose(store, await resident(6), {
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T09:30:00+08:00',
      site: '锦石乡卫生院',
    });
    await setTask(store, campaignId, '430321205', 5);
    const p = await progressOf(store, campaignId, '430321205', 1);
    expect(p).toMatchObject({
      open: 1,
      deferred: 1,
      exempt: 1,
      done: 1,
      unscreened: 0,
      todayIncrement: 1,
      task: 5,
      completion: 0.2,
    });
    expect(p.sixtyPlus).toEqual({ eligible: 2, done: 1, coverage: 0.5 });
    expect(p).toMatchObject({ screeningCleared: true, taskCleared: false });
  });

  it('keeps the incremental counts equal to a full recount', async () => {
    await recordVisit(store, await resident(1), {
      outcome: 'away',
      at: '2021-08-01T09:00:00+08:00',
      channel: 'phone',
      placeText: '广东省深圳市',
      untilDate: '2021-09-01',
    });
    await recordDose(store, await resident(1), {
      product: 'sinopharm-bibp',
      doseNumber: 1,
      at: '2021-08-05T10:00:00+08:00',
    });
    await recordVisit(store, await resident(2), {
      outcome: 'contraindicated-temporary',
      at: '2021-07-30T10:00:00+08:00',
      channel: 'door',
      untilDate: '2021-08-05',
      contraindication: 'acute-illness',
    });
    await recordVisit(store, await resident(4), {
      outcome: 'not-found',
      at: '2021-08-09T08:00:00+08:00',
      channel: 'door',
    });
    await recordVisit(store, await resident(4), {
      outcome: 'booked',
      at: '2021-08-09T15:00:00+08:00',
      channel: 'phone',
      bookedDate: '2021-08-10',
      site: '锦石乡卫生院',
    });
    const incremental = await progressOf(store, campaignId, '430321', 3);
    await recountCampaign(store, campaignId);
    const recounted = await progressOf(store, campaignId, '430321', 3);
    expect(incremental).toEqual(recounted);
    // The deferral ended on 2021-08-05, so resident 2 is open again.
    expect(recounted).toMatchObject({ done: 1, open: 2, deferred: 0, unscreened: 1 });
  });

  it('records double clearance when a village clears, and its reopening', async () => {
    await recordDose(store, await resident(6), {
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T09:30:00+08:00',
    });
    const events = await store.db
      .selectFrom('clearance_events')
      .selectAll()
      .where('place_code', '=', '430321205201')
      .orderBy('id')
      .execute();
    // Nobody was open from the start (the recount at creation says so); the dose clears the rest.
    expect(events.map((e) => `${e.kind}:${e.which}:${e.reason}`)).toEqual([
      'cleared:task:recount',
      'cleared:screening:dose-recorded',
      'cleared:double:dose-recorded',
    ]);
    const village = await progressOf(store, campaignId, '430321205201', 0);
    expect(village).toMatchObject({ doubleCleared: true, done: 1, eligible: 1 });
    // A new visit saying the resident refused does not undo a dose: the village stays cleared.
    await recordVisit(store, await resident(6), {
      outcome: 'refused',
      at: '2021-08-09T11:00:00+08:00',
      channel: 'door',
      reason: '观望',
    });
    expect((await progressOf(store, campaignId, '430321205201', 0)).doubleCleared).toBe(true);
    // A new resident in the village reopens it.
    await store.db
      .insertInto('residents')
      .values({ ...(await resident(6)), id: 99, id_number: '430321199001010012', name: '新居民' })
      .execute();
    const { applyResidentChange } = await import('../../src/app/engine/applyResidentChange.js');
    await store.transaction((trx) =>
      applyResidentChange(trx, '430321', 99, '2021-08-09', EVENING.toISOString(), 'new-resident'),
    );
    const after = await store.db
      .selectFrom('clearance_events')
      .selectAll()
      .where('place_code', '=', '430321205201')
      .orderBy('id')
      .execute();
    expect(after.slice(3).map((e) => `${e.kind}:${e.which}:${e.reason}`)).toEqual([
      'reopened:screening:new-resident',
      'reopened:double:new-resident',
    ]);
  });

  it('refuses doses that break the rules, and stores a retried record once', async () => {
    const r6 = await resident(6);
    await recordDose(
      store,
      r6,
      { product: 'sinovac', doseNumber: 1, at: '2021-08-01T09:30:00+08:00' },
      { id: '4b0b7d8e-5d3f-4e5b-9a51-0c1d2e3f4a5b' },
    );
    const again = await recordDose(
      store,
      r6,
      { product: 'sinovac', doseNumber: 1, at: '2021-08-01T09:30:00+08:00' },
      { id: '4b0b7d8e-5d3f-4e5b-9a51-0c1d2e3f4a5b' },
    );
    expect(again.result).toBe('duplicate');
    await expect(
      recordDose(store, r6, { product: 'sinovac', doseNumber: 2, at: '2021-08-09T09:30:00+08:00' }),
    ).rejects.toMatchObject({
      kind: 'business-rule',
      detail: { code: 'dose.too-early' },
    });
    await expect(
      recordDose(store, r6, { product: 'sinovac', doseNumber: 1, at: '2021-08-02T09:30:00+08:00' }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    await expect(
      recordDose(store, r6, { product: 'sinovac', doseNumber: 2, at: '2021-08-10T09:30:00+08:00' }),
    ).rejects.toMatchObject({
      detail: { code: 'dose.in-future' },
    });
    const overridden = await recordDose(store, r6, {
      product: 'sinovac',
      doseNumber: 2,
      at: '2021-08-09T09:30:00+08:00',
      overrideReason: '医生评估后提前接种',
    });
    expect(overridden.result).toBe('stored');
    await expect(
      recordDose(
        store,
        r6,
        { product: 'cansino', doseNumber: 1, at: '2021-08-01T09:30:00+08:00' },
        { id: '4b0b7d8e-5d3f-4e5b-9a51-0c1d2e3f4a5b' },
      ),
    ).rejects.toMatchObject({ kind: 'conflict', detail: { code: 'dose.id-conflict' } });
  });

  it('refuses a visit missing what its outcome needs, naming the field', async () => {
    await expect(
      recordVisit(store, await resident(1), {
        outcome: 'away',
        at: '2021-08-08T09:00:00+08:00',
        channel: 'door',
      }),
    ).rejects.toMatchObject({
      kind: 'invalid-input',
      detail: { field: expect.stringMatching(/placeText|untilDate/) },
    });
    const p = await progressOf(store, campaignId, '430321', 0);
    expect(p.unscreened).toBe(4);
  });
});
