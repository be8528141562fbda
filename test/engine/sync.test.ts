import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { recountCampaign } from '../../src/app/engine/recount.js';
import { progressOf } from '../../src/app/progress/progressOf.js';
import { changesSince } from '../../src/app/sync/changesSince.js';
import { devicesReport } from '../../src/app/sync/devices.js';
import { syncBatch, type SyncItem } from '../../src/app/sync/syncBatch.js';
import { composeIdNumber } from '../../src/domain/idcard.js';
import type { VisitInput } from '../../src/domain/screening.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';

const EVENING = new Date('2021-08-09T10:00:00.000Z');

const refused = (at: string, reason = '担心副作用'): VisitInput => ({
  outcome: 'refused',
  at,
  channel: 'door',
  reason,
});

const visitItem = (idNumber: string, visit: VisitInput, id = randomUUID()): SyncItem => ({
  kind: 'visit',
  id,
  idNumber,
  visit,
});

const dose1 = (day: string) => ({ product: 'sinovac', doseNumber: 1, at: `${day}T09:00:00+08:00` });
const dose2 = (day: string) => ({ product: 'sinovac', doseNumber: 2, at: `${day}T09:00:00+08:00` });

const doseItem = (
  idNumber: string,
  dose: { product: string; doseNumber: number; at: string; overrideReason?: string },
  id = randomUUID(),
): SyncItem => ({ kind: 'dose', id, idNumber, dose });

/** By the resident's key, as a grid member's phone sends it (the worklist shows masked numbers only). */
const keyedVisit = (resident: number, visit: VisitInput, id = randomUUID()): SyncItem => ({
  kind: 'visit',
  id,
  resident: { county: '430321', id: resident },
  visit,
});

describeEachStore('offline sync', (c) => {
  let store: Store;
  let ids: string[];
  let campaignId: number;

  beforeEach(async () => {
    store = await c.fresh();
    await store.pinNow(EVENING);
    ids = await smallCounty(store, [
      { grid: GRIDS[0], birthDate: '1950-03-01' }, // 1: 60+
      { grid: GRIDS[0], birthDate: '1985-07-15' }, // 2
      { grid: GRIDS[0], birthDate: '2015-01-01' }, // 3: a child, ineligible
      { grid: GRIDS[1], birthDate: '1990-12-31' }, // 4
      { grid: GRIDS[1], birthDate: '1970-02-28' }, // 5
      { grid: GRIDS[2], birthDate: '1960-06-06' }, // 6: another village
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

  const id = (n: number): string => ids[n - 1] as string;
  const tableSizes = async () => ({
    visits: (await store.db.selectFrom('screening_visits').select('id').execute()).length,
    doses: (await store.db.selectFrom('dose_records').select('id').execute()).length,
    log: (await store.db.selectFrom('change_log').select('seq').execute()).length,
  });

  it('stores a batch once, however often the phone retries it', async () => {
    const items = [
      visitItem(id(1), refused('2021-08-08T09:00:00+08:00')),
      visitItem(id(2), { outcome: 'not-found', at: '2021-08-08T09:30:00+08:00', channel: 'door' }),
      doseItem(id(4), { product: 'sinovac', doseNumber: 1, at: '2021-08-09T09:00:00+08:00' }),
    ];
    const first = await syncBatch(store, { deviceId: 'phone-1', userName: '张网格', items });
    expect(first).toMatchObject({ deviceId: 'phone-1', received: 3, stored: 3, duplicates: 0, rejected: 0 });
    expect(first.results.map((r) => r.result)).toEqual(['stored', 'stored', 'stored']);
    const sizes = await tableSizes();
    expect(sizes).toEqual({ visits: 2, doses: 1, log: 3 });
    const progress = await progressOf(store, campaignId, '430321', 3);

    const again = await syncBatch(store, { deviceId: 'phone-1', items });
    expect(again).toMatchObject({ received: 3, stored: 0, duplicates: 3, rejected: 0, conflicts: 0 });
    expect(again.results.map((r) => r.id)).toEqual(items.map((i) => i.id));
    expect(await tableSizes()).toEqual(sizes);
    expect(await progressOf(store, campaignId, '430321', 3)).toEqual(progress);
    // Upper-case ids are the same UUIDs.
    const shouted = items.map((i) => ({ ...i, id: i.id.toUpperCase() }));
    expect((await syncBatch(store, { deviceId: 'phone-1', items: shouted })).duplicates).toBe(3);
    // A record repeated inside one batch is stored once as well.
    const twice = visitItem(id(5), refused('2021-08-09T08:00:00+08:00'));
    const r = await syncBatch(store, { deviceId: 'phone-1', items: [twice, twice] });
    expect(r.results.map((x) => x.result)).toEqual(['stored', 'duplicate']);
  });

  it('reports a record id reused for other content as a conflict and keeps the original', async () => {
    const uuid = randomUUID();
    await syncBatch(store, {
      deviceId: 'phone-1',
      items: [visitItem(id(1), refused('2021-08-08T09:00:00+08:00'), uuid)],
    });
    const r = await syncBatch(store, {
      deviceId: 'phone-1',
      items: [
        visitItem(id(1), refused('2021-08-08T09:00:00+08:00', '另有原因'), uuid),
        visitItem(id(2), refused('2021-08-08T09:00:00+08:00')),
        visitItem(id(4), refused('2021-08-08T09:00:00+08:00'), uuid),
      ],
    });
    expect(r).toMatchObject({ stored: 1, conflicts: 2, rejected: 0 });
    expect(r.results[0]).toMatchObject({
      result: 'conflict',
      error: { code: 'visit.id-conflict', field: 'id' },
    });
    const stored = await store.db.selectFrom('screening_visits').selectAll().where('id', '=', uuid).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ reason: '担心副作用', resident_id: 1 });
  });

  it('fails a bad item alone and stores the rest', async () => {
    const r = await syncBatch(store, {
      deviceId: 'phone-1',
      items: [
        visitItem(id(1), refused('2021-08-08T09:00:00+08:00')),
        visitItem(id(2), { outcome: 'away', at: '2021-08-08T09:00:00+08:00', channel: 'door' }),
        visitItem(id(4), refused('2021-08-10T09:00:00+08:00')), // after "now"
        { ...visitItem(id(5), refused('2021-08-08T09:00:00+08:00')), id: 'not-a-uuid' },
        visitItem('430321199001011234', refused('2021-08-08T09:00:00+08:00')), // nobody
        doseItem(id(6), { product: 'no-such-vaccine', doseNumber: 1, at: '2021-08-09T09:00:00+08:00' }),
        doseItem(id(6), { product: 'sinovac', doseNumber: 1, at: '2021-08-09T09:00:00+08:00' }),
        // What a hand-made batch file can hold (the CLI passes items through unchecked).
        null as unknown as SyncItem,
        { kind: 'vaccine', id: randomUUID(), idNumber: id(2) } as unknown as SyncItem,
      ],
    });
    expect(r).toMatchObject({ received: 9, stored: 2, rejected: 7, conflicts: 0 });
    expect(r.results.map((x) => ('error' in x ? x.error.code : x.result))).toEqual([
      'stored',
      'visit.required',
      'visit.in-future',
      'sync.id',
      'resident.not-found',
      'dose.product',
      'stored',
      'sync.id',
      'sync.kind',
    ]);
    expect(r.results[8]).toMatchObject({ kind: 'vaccine', result: 'rejected' });
    expect(r.results[1]).toMatchObject({ error: { field: expect.stringMatching(/placeText|untilDate/) } });
    expect(await tableSizes()).toEqual({ visits: 1, doses: 1, log: 2 });
    const p = await progressOf(store, campaignId, '430321', 0);
    expect(p).toMatchObject({ done: 1, open: 1, unscreened: 3 });
  });

  it('judges a dose against the doses sent before it in the same batch', async () => {
    const r = await syncBatch(store, {
      deviceId: 'site-1',
      items: [
        // Dose 2 first: the batch is judged in dose order, not outbox order.
        doseItem(id(2), { product: 'sinovac', doseNumber: 2, at: '2021-08-09T09:00:00+08:00' }),
        doseItem(id(2), { product: 'sinovac', doseNumber: 1, at: '2021-08-01T09:00:00+08:00' }),
        doseItem(id(4), { product: 'sinovac', doseNumber: 1, at: '2021-07-01T09:00:00+08:00' }),
        doseItem(id(4), { product: 'sinovac', doseNumber: 2, at: '2021-08-05T09:00:00+08:00' }),
        doseItem(id(5), { product: 'sinovac', doseNumber: 1, at: '2021-08-01T09:00:00+08:00' }),
        doseItem(id(5), {
          product: 'sinovac',
          doseNumber: 2,
          at: '2021-08-09T09:00:00+08:00',
          overrideReason: '医生评估后提前接种',
        }),
      ],
    });
    expect(r.results.map((x) => ('error' in x ? x.error.code : x.result))).toEqual([
      'dose.too-early',
      'stored',
      'stored',
      'stored',
      'stored',
      'stored',
    ]);
    const doses = await store.db
      .selectFrom('dose_records')
      .select(['resident_id', 'dose_number'])
      .orderBy('resident_id')
      .orderBy('dose_number')
      .execute();
    expect(doses.map((d) => `${d.resident_id}:${d.dose_number}`)).toEqual([
      '2:1',
      '4:1',
      '4:2',
      '5:1',
      '5:2',
    ]);
    // The refused dose left nothing behind: no change-log row, no count.
    expect((await tableSizes()).log).toBe(5);
    // A later batch is judged against what the first one stored.
    const later = await syncBatch(store, {
      deviceId: 'site-1',
      items: [
        doseItem(id(2), { product: 'sinovac', doseNumber: 1, at: '2021-08-02T09:00:00+08:00' }),
        doseItem(id(2), { product: 'sinovac', doseNumber: 2, at: '2021-08-03T09:00:00+08:00' }),
      ],
    });
    expect(later.results.map((x) => ('error' in x ? x.error.code : x.result))).toEqual([
      'dose.duplicate',
      'dose.too-early',
    ]);
  });

  it('rejects a resident outside the caller’s places as not found', async () => {
    const r = await syncBatch(store, {
      deviceId: 'phone-1',
      scope: ['430321205206'],
      items: [
        visitItem(id(1), refused('2021-08-08T09:00:00+08:00')),
        visitItem(id(6), refused('2021-08-08T09:00:00+08:00')),
      ],
    });
    expect(r.results[0]).toMatchObject({ result: 'stored' });
    expect(r.results[1]).toMatchObject({ result: 'rejected', error: { code: 'resident.not-found' } });
    // The same answer as for an ID number nobody has: the phone cannot tell them apart.
    const nobody = await syncBatch(store, {
      deviceId: 'phone-1',
      scope: ['430321205206'],
      items: [visitItem('430321199001011234', refused('2021-08-08T09:00:00+08:00'))],
    });
    expect(nobody.results[0]).toMatchObject({ error: (r.results[1] as { error: unknown }).error });
  });

  it('finds a resident by key as by ID number: stored, a retry a duplicate, out of scope not found', async () => {
    const scope = ['430321205206'];
    const uuid = randomUUID();
    const visit = keyedVisit(1, refused('2021-08-08T09:00:00+08:00'), uuid);
    const first = await syncBatch(store, { deviceId: 'phone-1', scope, items: [visit] });
    expect(first).toMatchObject({ received: 1, stored: 1, rejected: 0 });
    const row = await store.db
      .selectFrom('screening_visits')
      .selectAll()
      .where('id', '=', visit.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      county_code: '430321',
      resident_id: 1,
      outcome: 'refused',
    });
    expect((await progressOf(store, campaignId, '430321', 0)).open).toBe(1);
    const sizes = await tableSizes();

    // Retried by key, or sent again by the resident's ID number: the same record, stored once.
    const again = await syncBatch(store, { deviceId: 'phone-1', scope, items: [visit] });
    expect(again.results).toEqual([{ id: visit.id, kind: 'visit', result: 'duplicate' }]);
    const byNumber = visitItem(id(1), refused('2021-08-08T09:00:00+08:00'), uuid);
    expect((await syncBatch(store, { deviceId: 'phone-1', scope, items: [byNumber] })).duplicates).toBe(1);
    expect(await tableSizes()).toEqual(sizes);

    // Resident 6 lives in another village: outside the member's places, exactly like nobody.
    const outside = await syncBatch(store, {
      deviceId: 'phone-1',
      scope,
      items: [
        keyedVisit(6, refused('2021-08-08T09:00:00+08:00')),
        keyedVisit(999, refused('2021-08-08T09:00:00+08:00')),
        { ...keyedVisit(1, refused('2021-08-08T09:00:00+08:00')), resident: { county: '430322', id: 1 } },
      ],
    });
    expect(outside).toMatchObject({ stored: 0, rejected: 3 });
    const errors = outside.results.map((r) => ('error' in r ? r.error : null));
    expect(errors[0]).toMatchObject({ code: 'resident.not-found', field: 'resident' });
    expect(errors[1]).toEqual(errors[0]);
    expect(errors[2]).toEqual(errors[0]);
    expect(await tableSizes()).toEqual(sizes);
    // Without a scope (the county's own CLI) the same key is found.
    const unscoped = await syncBatch(store, {
      deviceId: 'cli',
      items: [keyedVisit(6, refused('2021-08-08T09:00:00+08:00'))],
    });
    expect(unscoped.stored).toBe(1);
  });

  it('rejects an item that names its resident both ways, neither, or by a malformed key', async () => {
    const visit = refused('2021-08-08T09:00:00+08:00');
    const r = await syncBatch(store, {
      deviceId: 'phone-1',
      items: [
        { kind: 'visit', id: randomUUID(), idNumber: id(1), resident: { county: '430321', id: 1 }, visit },
        { kind: 'visit', id: randomUUID(), visit },
        { kind: 'visit', id: randomUUID(), idNumber: undefined, resident: undefined, visit },
        { ...keyedVisit(1, visit), resident: { county: '4303', id: 1 } },
        { ...keyedVisit(1, visit), resident: { county: '430321', id: 1.5 } },
        { ...keyedVisit(1, visit), resident: '430321:1' as unknown as { county: string; id: number } },
        keyedVisit(2, visit),
      ],
    });
    expect(r).toMatchObject({ received: 7, stored: 1, rejected: 6 });
    expect(r.results.map((x) => ('error' in x ? `${x.error.code}@${x.error.field}` : x.result))).toEqual([
      'sync.resident@resident',
      'sync.resident@resident',
      'sync.resident@resident',
      'sync.resident@resident.county',
      'sync.resident@resident.id',
      'sync.resident@resident.county',
      'stored',
    ]);
    // Bilingual, and naming the fields to use.
    const both = r.results[0] as { error: { message: string; messageEn: string } };
    const neither = r.results[1] as { error: { message: string; messageEn: string } };
    for (const e of [both.error, neither.error]) {
      expect(e.message).toMatch(/居民/);
      expect(e.messageEn).toMatch(/idNumber.*resident/);
    }
    expect(both.error.messageEn).toMatch(/not both/);
    expect(neither.error.messageEn).toMatch(/missing/);
    expect(await tableSizes()).toEqual({ visits: 1, doses: 0, log: 1 });
  });

  it('takes a mixed batch: ID numbers and keys, visits and doses, and a record sent both ways', async () => {
    const same = randomUUID();
    const booked: VisitInput = {
      outcome: 'booked',
      at: '2021-08-09T15:00:00+08:00',
      channel: 'door',
      bookedDate: '2021-08-10',
      site: '锦石乡卫生院',
    };
    const items: SyncItem[] = [
      visitItem(id(1), refused('2021-08-08T09:00:00+08:00')),
      keyedVisit(2, booked),
      { kind: 'dose', id: randomUUID(), resident: { county: '430321', id: 4 }, dose: dose1('2021-08-01') },
      { kind: 'dose', id: randomUUID(), resident: { county: '430321', id: 4 }, dose: dose2('2021-08-09') },
      doseItem(id(6), { product: 'sinovac', doseNumber: 1, at: '2021-08-09T09:00:00+08:00' }),
      keyedVisit(5, refused('2021-08-09T08:00:00+08:00'), same),
      visitItem(id(5), refused('2021-08-09T08:00:00+08:00'), same),
      keyedVisit(404, refused('2021-08-09T08:00:00+08:00')),
    ];
    const r = await syncBatch(store, { deviceId: 'phone-1', items });
    expect(r.results.map((x) => ('error' in x ? x.error.code : x.result))).toEqual([
      'stored',
      'stored',
      'stored',
      'dose.too-early', // the dose window applies whichever way the resident is named
      'stored',
      'stored',
      'duplicate',
      'resident.not-found',
    ]);
    const residentsOf = async (table: 'screening_visits' | 'dose_records') =>
      (await store.db.selectFrom(table).select('resident_id').orderBy('resident_id').execute()).map((x) =>
        Number(x.resident_id),
      );
    expect(await residentsOf('screening_visits')).toEqual([1, 2, 5]);
    expect(await residentsOf('dose_records')).toEqual([4, 6]);
    expect((await tableSizes()).log).toBe(5);
    // The read model moved as a full recount would have it.
    const incremental = await progressOf(store, campaignId, '430321', 3);
    await recountCampaign(store, campaignId);
    expect(incremental).toEqual(await progressOf(store, campaignId, '430321', 3));
  });

  it('records the device and which phones have not reported today', async () => {
    const first = await syncBatch(store, {
      deviceId: 'phone-1',
      userName: '张网格',
      items: [visitItem(id(1), refused('2021-08-08T09:00:00+08:00'))],
    });
    const later = new Date('2021-08-10T01:00:00.000Z'); // 09:00 the next day in Shanghai
    await store.pinNow(later);
    const second = await syncBatch(store, {
      deviceId: 'phone-1',
      items: [
        visitItem(id(2), refused('2021-08-10T08:00:00+08:00')),
        visitItem(id(4), refused('2021-08-10T08:30:00+08:00')),
      ],
    });
    await syncBatch(store, {
      deviceId: 'phone-2',
      userName: '李网格',
      items: [], // a phone with nothing to send still reports in
    });
    const row = await store.db
      .selectFrom('devices')
      .selectAll()
      .where('device_id', '=', 'phone-1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      user_name: '张网格',
      first_seen_at: EVENING.toISOString(),
      last_sync_at: later.toISOString(),
      batches: 2,
      items: 3,
      last_cursor: second.cursor,
    });
    expect(second.cursor).toBeGreaterThan(first.cursor);

    await store.pinNow(new Date('2021-08-10T10:00:00.000Z'));
    const report = await devicesReport(store, {});
    expect(report.map((d) => [d.deviceId, d.reportedToday])).toEqual([
      ['phone-1', true],
      ['phone-2', true],
    ]);
    const dayAfter = await devicesReport(store, { today: '2021-08-11' });
    expect(dayAfter.every((d) => !d.reportedToday)).toBe(true);
    // Under a place: the devices that sent records of its residents.
    expect((await devicesReport(store, { place: '430321205206' })).map((d) => d.deviceId)).toEqual([
      'phone-1',
    ]);
    expect(await devicesReport(store, { place: '430321205201' })).toEqual([]);
    await expect(
      devicesReport(store, { place: '430321205201', scope: ['430321205206'] }),
    ).rejects.toMatchObject({
      kind: 'not-found',
    });
  });

  it('pages what changed in a phone’s grids since its cursor', async () => {
    const items: SyncItem[] = [];
    for (let n = 0; n < 5; n++) {
      items.push(visitItem(id(1), refused(`2021-08-0${n + 1}T09:00:00+08:00`)));
      items.push(visitItem(id(4), refused(`2021-08-0${n + 1}T10:00:00+08:00`)));
      items.push(visitItem(id(6), refused(`2021-08-0${n + 1}T11:00:00+08:00`)));
    }
    items.push(doseItem(id(4), { product: 'sinovac', doseNumber: 1, at: '2021-08-09T09:00:00+08:00' }));
    await syncBatch(store, { deviceId: 'phone-1', items });

    // Village 206 (grids 001 and 002): 11 records, in pages of 4.
    const seen: string[] = [];
    let cursor = 0;
    const pages: boolean[] = [];
    for (;;) {
      const page = await changesSince(store, { grids: ['430321205206'], cursor, limit: 4 });
      seen.push(...page.items.map((i) => i.id));
      pages.push(page.more);
      expect(page.items.every((i) => i.gridCode.startsWith('430321205206'))).toBe(true);
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(pages).toEqual([true, true, false]);
    const expected = items.filter((i) => i.idNumber !== id(6)).map((i) => i.id);
    expect(seen).toEqual(expected);
    // Nothing new since the last cursor.
    expect(await changesSince(store, { grids: ['430321205206'], cursor })).toEqual({
      cursor,
      items: [],
      more: false,
    });

    // One grid only, and the record as stored.
    const grid2 = await changesSince(store, { grids: [GRIDS[1]], cursor: 0 });
    expect(grid2.items).toHaveLength(6);
    expect(grid2.items.at(-1)).toMatchObject({
      entity: 'dose',
      residentId: 4,
      record: { product: 'sinovac', doseNumber: 1, deviceId: 'phone-1', source: 'given' },
    });
    expect(grid2.items[0]?.record).toMatchObject({
      outcome: 'refused',
      reason: '担心副作用',
      verified: null,
    });

    // A member scoped to one grid who asks for the whole village sees that grid only.
    const scoped = await changesSince(store, { grids: ['430321205206'], cursor: 0, scope: [GRIDS[1]] });
    expect(scoped.items.map((i) => i.id)).toEqual(grid2.items.map((i) => i.id));
    await expect(
      changesSince(store, { grids: [GRIDS[2]], cursor: 0, scope: ['430321205206'] }),
    ).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('leaves the read model exactly as a full recount would', async () => {
    const items: SyncItem[] = [
      visitItem(id(1), {
        outcome: 'away',
        at: '2021-08-01T09:00:00+08:00',
        channel: 'phone',
        placeText: '广东省深圳市',
        untilDate: '2021-09-01',
      }),
      doseItem(id(1), { product: 'sinopharm-bibp', doseNumber: 1, at: '2021-08-05T10:00:00+08:00' }),
      visitItem(id(2), {
        outcome: 'contraindicated-temporary',
        at: '2021-07-30T10:00:00+08:00',
        channel: 'door',
        untilDate: '2021-08-05',
        contraindication: 'acute-illness',
      }),
      visitItem(id(3), refused('2021-08-08T09:00:00+08:00')),
      visitItem(id(4), { outcome: 'not-found', at: '2021-08-09T08:00:00+08:00', channel: 'door' }),
      visitItem(id(4), {
        outcome: 'booked',
        at: '2021-08-09T15:00:00+08:00',
        channel: 'phone',
        bookedDate: '2021-08-10',
        site: '锦石乡卫生院',
      }),
      visitItem(id(5), {
        outcome: 'contraindicated-temporary',
        at: '2021-08-09T10:00:00+08:00',
        channel: 'door',
        untilDate: '2021-08-20',
        contraindication: 'pregnancy',
      }),
      doseItem(id(6), { product: 'cansino', doseNumber: 1, at: '2021-08-09T09:30:00+08:00' }),
    ];
    await syncBatch(store, { deviceId: 'phone-1', items });
    // A second batch moves some of them again.
    await syncBatch(store, {
      deviceId: 'phone-1',
      items: [
        doseItem(id(4), { product: 'sinovac', doseNumber: 1, at: '2021-08-09T16:00:00+08:00' }),
        visitItem(id(5), { outcome: 'moved-out', at: '2021-08-09T16:30:00+08:00', channel: 'phone' }),
      ],
    });
    const rows = () =>
      store.db
        .selectFrom('campaign_residents')
        .selectAll()
        .where('campaign_id', '=', campaignId)
        .orderBy('resident_id')
        .execute();
    const incremental = await progressOf(store, campaignId, '430321', 3);
    const incrementalRows = await rows();
    const daily = () =>
      store.db
        .selectFrom('campaign_grid_daily')
        .selectAll()
        .where('done', '!=', 0)
        .orderBy('grid_code')
        .orderBy('day')
        .execute();
    const incrementalDaily = await daily();
    await recountCampaign(store, campaignId);
    expect(incremental).toEqual(await progressOf(store, campaignId, '430321', 3));
    expect(incrementalRows).toEqual(await rows());
    expect(incrementalDaily).toEqual(await daily());
    expect(incremental).toMatchObject({ done: 3, exempt: 1, open: 1, unscreened: 0, deferred: 0 });
    // The other village cleared with the batch, and says why.
    const events = await store.db
      .selectFrom('clearance_events')
      .select(['kind', 'which', 'reason'])
      .where('place_code', '=', '430321205201')
      .orderBy('id')
      .execute();
    expect(events.map((e) => `${e.kind}:${e.which}:${e.reason}`)).toEqual([
      'cleared:task:recount',
      'cleared:screening:dose-recorded',
      'cleared:double:dose-recorded',
    ]);
  });

  it.skipIf(c.dialect !== 'sqlite')(
    'stores 5,000 visits in one batch (timing printed, not asserted)',
    async () => {
      const many = await bigGrid(store, 5000);
      const outcomes = [
        (at: string) => refused(at),
        (at: string) => ({ outcome: 'not-found', at, channel: 'door' }),
        (at: string) => ({
          outcome: 'booked',
          at,
          channel: 'phone',
          bookedDate: '2021-08-11',
          site: '锦石乡卫生院',
        }),
      ];
      const items = many.map((n, i) =>
        visitItem(n, (outcomes[i % 3] as (at: string) => VisitInput)('2021-08-09T09:00:00+08:00')),
      );
      const t0 = performance.now();
      const r = await syncBatch(store, { deviceId: 'phone-big', items });
      const ms = performance.now() - t0;
      const t1 = performance.now();
      const again = await syncBatch(store, { deviceId: 'phone-big', items });
      const retryMs = performance.now() - t1;
      console.log(
        `[sync ${c.dialect}] 5,000 visits stored in ${ms.toFixed(0)} ms; the same batch retried in ${retryMs.toFixed(0)} ms`,
      );
      expect(r.stored).toBe(5000);
      expect(again.duplicates).toBe(5000);
      const incremental = await progressOf(store, campaignId, '430321', 3);
      await recountCampaign(store, campaignId);
      expect(incremental).toEqual(await progressOf(store, campaignId, '430321', 3));
    },
  );
});

/** Adds `n` adults to the first test grid (in chunks: one insert of all would pass SQLite's parameter limit). */
async function bigGrid(store: Store, n: number): Promise<string[]> {
  const rows = [];
  for (let i = 0; i < n; i++) {
    const id = 1000 + i;
    // The sequence code has three digits: a new birth year every thousand residents.
    const birth = `${1951 + Math.floor(i / 1000)}-03-15`;
    rows.push({
      county_code: '430321',
      id,
      id_number: composeIdNumber('430321', birth, i % 1000),
      name: `居民${id}`,
      sex: i % 2 ? ('F' as const) : ('M' as const),
      birth_date: birth,
      phone: null,
      household_id: null,
      grid_code: GRIDS[i % 2] as string,
      registered_area_code: '430321',
      limited_mobility: 0,
      remote: 0,
      status: 'active' as const,
      created_at: '2021-06-01T00:00:00.000Z',
      updated_at: '2021-06-01T00:00:00.000Z',
    });
  }
  for (let i = 0; i < rows.length; i += 500)
    await store.db
      .insertInto('residents')
      .values(rows.slice(i, i + 500))
      .execute();
  return rows.map((r) => r.id_number);
}
