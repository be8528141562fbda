import { afterAll, beforeEach, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { closeLedgerEntry, ledgerHistory } from '../../src/app/ledger/closeEntry.js';
import { ledgerOf } from '../../src/app/ledger/ledgerOf.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';

const EARLIER = new Date('2021-08-01T10:00:00.000Z');
const EVENING = new Date('2021-08-09T10:00:00.000Z');
const VILLAGE = '430321205206';

describeEachStore('close-out ledger', (c) => {
  let store: Store;
  let ids: string[];
  let campaignId: number;
  const resident = (n: number) => findResident(store.db, ids[n - 1] as string);

  beforeEach(async () => {
    store = await c.fresh();
    await store.pinNow(EARLIER);
    ids = await smallCounty(store, [
      { grid: GRIDS[0], birthDate: '1950-03-01' }, // 1: 71, refused
      { grid: GRIDS[0], birthDate: '1985-07-15' }, // 2: unscreened, in 1's household
      { grid: GRIDS[0], birthDate: '2015-01-01' }, // 3: a child, ineligible
      { grid: GRIDS[1], birthDate: '1990-12-31' }, // 4: deferral ended on 08-05
      { grid: GRIDS[1], birthDate: '1970-02-28' }, // 5: booked for 08-10
      { grid: GRIDS[2], birthDate: '1960-06-06' }, // 6: done, in the other village
      { grid: GRIDS[1], birthDate: '1980-05-05' }, // 7: deferred until 08-20
      { grid: GRIDS[0], birthDate: '1975-09-09' }, // 8: permanent contraindication
      { grid: GRIDS[0], birthDate: '1995-01-20' }, // 9: away until 08-15
    ]);
    await store.db
      .updateTable('residents')
      .set({ household_id: `${GRIDS[0]}0001` })
      .where('id', '=', 2)
      .execute();
    await store.db.updateTable('residents').set({ phone: '13812345678' }).where('id', '=', 1).execute();
    const campaign = await createCampaign(store, {
      name: '第一剂次接种',
      target: 'first-dose',
      minAge: 12,
      asOf: '2021-08-09',
      start: '2021-07-20',
      deadline: '2021-08-31',
    });
    campaignId = Number(campaign.id);
    // Stored as deferred on 08-01; by the evening of 08-09 the calendar alone has ended it.
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
    await recordVisit(store, await resident(7), {
      outcome: 'contraindicated-temporary',
      at: '2021-08-08T10:00:00+08:00',
      channel: 'door',
      untilDate: '2021-08-20',
      contraindication: 'acute-illness',
    });
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

  it('lists a village’s open and unscreened residents by grid, household and name, with reasons', async () => {
    const ledger = await ledgerOf(store, { campaignId, place: VILLAGE });
    expect(ledger.place).toBe(VILLAGE);
    expect(ledger.total).toBe(5);
    expect(ledger.byReason).toEqual({
      refused: 1,
      unscreened: 1,
      away: 1,
      'deferral-ended': 1,
      booked: 1,
    });
    expect(ledger.entries.map((e) => e.residentId)).toEqual([1, 2, 9, 4, 5]);
    const [first, second, , fourth, fifth] = ledger.entries;
    expect(first).toMatchObject({
      county: '430321',
      name: '居民1',
      sex: 'M',
      age: 71,
      gridCode: GRIDS[0],
      householdId: `${GRIDS[0]}0001`,
      status: 'open',
      reason: 'refused',
      reasonLabel: { zh: '拒绝或犹豫', en: 'Refused or hesitant' },
      followUpDate: '2021-08-08',
      followUpDue: true,
      lastVisitAt: '2021-08-05T01:00:00.000Z',
    });
    expect(second).toMatchObject({
      status: 'unscreened',
      reason: null,
      reasonLabel: null,
      followUpDue: false,
    });
    // A deferral whose until date has come is back on the ledger, and due.
    expect(fourth).toMatchObject({
      status: 'open',
      reason: 'deferral-ended',
      untilDate: '2021-08-05',
      followUpDue: true,
    });
    expect(fifth).toMatchObject({ reason: 'booked', bookedDate: '2021-08-10', followUpDue: false });
  });

  it('masks ID numbers and phones unless asked not to', async () => {
    const masked = await ledgerOf(store, { campaignId, place: VILLAGE, limit: 1 });
    expect(masked.entries[0]?.idNumber).toMatch(/^430321\*{8}[0-9X]{4}$/);
    expect(masked.entries[0]?.phone).toBe('138****5678');
    const plain = await ledgerOf(store, { campaignId, place: VILLAGE, limit: 1, unmasked: true });
    expect(plain.entries[0]?.idNumber).toBe(ids[0]);
    expect(plain.entries[0]?.phone).toBe('13812345678');
  });

  it('pages with limit and offset, keeping the totals of the whole ledger', async () => {
    const page = await ledgerOf(store, { campaignId, place: VILLAGE, limit: 2, offset: 2 });
    expect(page.entries.map((e) => e.residentId)).toEqual([9, 4]);
    expect(page.total).toBe(5);
    const grid = await ledgerOf(store, { campaignId, place: GRIDS[1] });
    expect(grid.entries.map((e) => e.residentId)).toEqual([4, 5]);
    expect((await ledgerOf(store, { campaignId, place: GRIDS[2] })).total).toBe(0);
    await expect(ledgerOf(store, { campaignId, place: VILLAGE, limit: 10_001 })).rejects.toMatchObject({
      kind: 'invalid-input',
      detail: { code: 'page.limit' },
    });
    await expect(ledgerOf(store, { campaignId, place: VILLAGE, offset: -1 })).rejects.toMatchObject({
      detail: { code: 'page.offset' },
    });
  });

  it('answers not found for an unknown campaign or place, and for a place out of scope', async () => {
    await expect(ledgerOf(store, { campaignId: 999, place: VILLAGE })).rejects.toMatchObject({
      kind: 'not-found',
      detail: { code: 'campaign.not-found' },
    });
    await expect(ledgerOf(store, { campaignId, place: '430321205299' })).rejects.toMatchObject({
      kind: 'not-found',
      detail: { code: 'place.not-found' },
    });
    await expect(
      ledgerOf(store, { campaignId, place: VILLAGE, scope: ['430321205201'] }),
    ).rejects.toMatchObject({ kind: 'not-found', detail: { code: 'place.not-found' } });
    const inScope = await ledgerOf(store, { campaignId, place: GRIDS[0], scope: [VILLAGE] });
    expect(inScope.total).toBe(3);
  });

  it('refuses to close an entry the facts still leave open', async () => {
    await expect(
      closeLedgerEntry(store, {
        campaignId,
        idNumber: ids[0] as string,
        closedBy: '张网格长',
        reason: '已动员',
      }),
    ).rejects.toMatchObject({ kind: 'business-rule', detail: { code: 'ledger.still-open' } });
    // Resident 4's stored status is still "deferred", but the deferral has ended: still open.
    await expect(
      closeLedgerEntry(store, {
        campaignId,
        idNumber: ids[3] as string,
        closedBy: '张网格长',
        reason: '暂缓',
      }),
    ).rejects.toMatchObject({ detail: { code: 'ledger.still-open' } });
    await expect(
      closeLedgerEntry(store, {
        campaignId,
        idNumber: ids[2] as string,
        closedBy: '张网格长',
        reason: '儿童',
      }),
    ).rejects.toMatchObject({ kind: 'business-rule', detail: { code: 'ledger.not-eligible' } });
    await expect(
      closeLedgerEntry(store, { campaignId, idNumber: ids[7] as string, closedBy: ' ', reason: '禁忌' }),
    ).rejects.toMatchObject({
      kind: 'invalid-input',
      detail: { code: 'ledger.closed-by', field: 'closedBy' },
    });
    await expect(
      closeLedgerEntry(store, { campaignId, idNumber: ids[7] as string, closedBy: '张网格长', reason: '' }),
    ).rejects.toMatchObject({ kind: 'invalid-input', detail: { code: 'ledger.reason' } });
    await expect(
      closeLedgerEntry(store, {
        campaignId,
        idNumber: ids[5] as string,
        closedBy: '张网格长',
        reason: '已接种',
        scope: [VILLAGE],
      }),
    ).rejects.toMatchObject({ kind: 'not-found', detail: { code: 'resident.not-found' } });
    await expect(
      closeLedgerEntry(store, {
        campaignId: 999,
        idNumber: ids[7] as string,
        closedBy: '张网格长',
        reason: '禁忌',
      }),
    ).rejects.toMatchObject({ kind: 'not-found', detail: { code: 'campaign.not-found' } });
  });

  it('closes an entry once a dose closes it, recording who, when, why and how it stood', async () => {
    await recordDose(store, await resident(1), {
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T15:00:00+08:00',
    });
    const later = new Date('2021-08-09T11:00:00.000Z');
    await store.pinNow(later);
    const closure = await closeLedgerEntry(store, {
      campaignId,
      idNumber: ids[0] as string,
      closedBy: '张网格长',
      reason: '已接种第一剂',
      scope: [VILLAGE],
    });
    expect(closure).toMatchObject({
      residentId: 1,
      county: '430321',
      at: later.toISOString(),
      closedBy: '张网格长',
      reason: '已接种第一剂',
      statusBefore: 'open',
      reasonBefore: 'refused',
      statusNow: 'done',
    });
    expect(typeof closure.id).toBe('number');
    const ledger = await ledgerOf(store, { campaignId, place: VILLAGE });
    expect(ledger.entries.map((e) => e.residentId)).toEqual([2, 9, 4, 5]);
    // Nothing has changed since: a second closing is a second click.
    await expect(
      closeLedgerEntry(store, {
        campaignId,
        idNumber: ids[0] as string,
        closedBy: '李网格员',
        reason: '重复',
      }),
    ).rejects.toMatchObject({ kind: 'conflict', detail: { code: 'ledger.already-closed' } });
  });

  it('keeps the history of closures, with where each resident stands today', async () => {
    await store.pinNow(new Date('2021-08-09T11:00:00.000Z'));
    const exempt = await closeLedgerEntry(store, {
      campaignId,
      idNumber: ids[7] as string,
      closedBy: '张网格长',
      reason: '对疫苗成分过敏，经医生确认',
    });
    // Nobody asked before the visit that made them exempt: they were on the ledger as unscreened.
    expect(exempt).toMatchObject({ statusBefore: 'unscreened', reasonBefore: null, statusNow: 'exempt' });
    const deferred = await closeLedgerEntry(store, {
      campaignId,
      idNumber: ids[6] as string,
      closedBy: '张网格长',
      reason: '急性发热，暂缓至8月20日',
    });
    expect(deferred.statusNow).toBe('deferred');

    const history = await ledgerHistory(store, { campaignId, place: VILLAGE });
    expect(history.map((h) => [h.residentId, h.statusNow])).toEqual([
      [8, 'exempt'],
      [7, 'deferred'],
    ]);
    // The deferral ends: resident 7 is back on the ledger, and the closure is still there.
    await store.pinNow(new Date('2021-08-21T02:00:00.000Z'));
    const back = await ledgerOf(store, { campaignId, place: GRIDS[1] });
    expect(back.entries.find((e) => e.residentId === 7)).toMatchObject({ reason: 'deferral-ended' });
    const after = await ledgerHistory(store, { campaignId, place: VILLAGE });
    expect(after.map((h) => [h.residentId, h.statusNow, h.reason])).toEqual([
      [8, 'exempt', '对疫苗成分过敏，经医生确认'],
      [7, 'open', '急性发热，暂缓至8月20日'],
    ]);
    expect(await ledgerHistory(store, { campaignId, place: GRIDS[2] })).toEqual([]);
    await expect(
      ledgerHistory(store, { campaignId, place: VILLAGE, scope: ['430321205201'] }),
    ).rejects.toMatchObject({ kind: 'not-found', detail: { code: 'place.not-found' } });
  });
});
