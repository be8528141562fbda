import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { setTask } from '../../src/app/campaigns/setTask.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import { scheduleOf } from '../../src/app/schedule/scheduleOf.js';
import { bookSite } from '../../src/app/sites/bookings.js';
import { checkSite } from '../../src/app/sites/checklist.js';
import { siteDay, townshipSiteSchedule } from '../../src/app/sites/siteSchedule.js';
import { createSite, listSites, updateSite } from '../../src/app/sites/sites.js';
import { recordStock, stockDay } from '../../src/app/sites/stock.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';

const EVENING = new Date('2021-08-09T10:00:00.000Z');
const JINSHI = '430321205';
const JINSHI_VILLAGE = '430321205206'; // 锦石村 (grids 0 and 1)
const OTHER_VILLAGE = '430321205201'; // grid 2
const WUSHI_VILLAGE = '430321114207';
const LOT = '202107K0042';

const rowCount = async (store: Store, table: 'site_bookings' | 'site_stock_movements') =>
  Number(
    (
      await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEachStore('field operations: sites, bookings, stock and checklist', (c) => {
  let store: Store;
  let ids: string[];
  let campaignId: number;
  let siteId: number;
  let pointId: number;

  beforeAll(async () => {
    store = await c.fresh();
    await store.pinNow(EVENING);
    ids = await smallCounty(store, [
      { grid: GRIDS[0], birthDate: '1950-03-01' }, // 1: booked for 08-10
      { grid: GRIDS[0], birthDate: '1985-07-15' }, // 2: vaccinated at the centre on 08-09
      { grid: GRIDS[1], birthDate: '1990-12-31' }, // 3: vaccinated at the centre on 08-09, no lot
      { grid: GRIDS[2], birthDate: '1960-06-06' }, // 4: booked for 08-10
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
    const resident = (n: number) => findResident(store.db, ids[n - 1] as string);
    for (const n of [1, 4]) {
      await recordVisit(store, await resident(n), {
        outcome: 'booked',
        at: '2021-08-09T09:00:00+08:00',
        channel: 'phone',
        bookedDate: '2021-08-10',
        site: '锦石乡卫生院',
      });
    }
    await recordDose(store, await resident(2), {
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T09:30:00+08:00',
      site: '锦石乡卫生院',
      lot: LOT,
    });
    await recordDose(store, await resident(3), {
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T10:30:00+08:00',
      site: '锦石乡卫生院',
    });
    const centre = await createSite(store, {
      township: JINSHI,
      name: '锦石乡卫生院',
      kind: 'health-centre',
      opens: '08:00',
      closes: '17:30',
      dailyCapacity: 100,
    });
    siteId = centre.id;
    pointId = (
      await createSite(store, {
        township: JINSHI,
        name: '锦石乡锦石村临时接种点',
        kind: 'temporary',
        address: '锦石村村部',
        opens: '08:30',
        closes: '16:00',
        dailyCapacity: 40,
      })
    ).id;
  });
  afterAll(() => c.cleanup());

  describe('sites', () => {
    it('lists a township’s sites for a village and a grid under it, in scope only', async () => {
      const forGrid = await listSites(store, { place: GRIDS[0], scope: [GRIDS[0]] });
      expect(forGrid.map((s) => s.name)).toEqual(['锦石乡卫生院', '锦石乡锦石村临时接种点']);
      expect(forGrid[0]).toMatchObject({
        township: JINSHI,
        townshipName: '锦石乡',
        kind: 'health-centre',
        active: true,
      });
      expect(await listSites(store, { scope: ['430321114'] })).toEqual([]);
      expect((await listSites(store, { scope: ['430321'] })).length).toBe(2);
    });

    it('refuses a township outside the caller’s places, a village as township, a duplicate name', async () => {
      const base = { name: '新点', kind: 'temporary', opens: '08:00', closes: '12:00', dailyCapacity: 10 };
      await expect(
        createSite(store, { ...base, township: '430321114', scope: [JINSHI] }),
      ).rejects.toMatchObject({
        code: 'place.not-found',
      });
      await expect(createSite(store, { ...base, township: JINSHI_VILLAGE })).rejects.toMatchObject({
        code: 'site.township',
      });
      await expect(
        createSite(store, { ...base, township: JINSHI, name: '锦石乡卫生院' }),
      ).rejects.toMatchObject({
        code: 'site.duplicate',
      });
      await expect(createSite(store, { ...base, township: JINSHI, closes: '07:00' })).rejects.toMatchObject({
        code: 'site.hours',
      });
    });

    it('lets a village head see the site but not run it', async () => {
      await expect(
        updateSite(store, { id: siteId, dailyCapacity: 120, scope: [JINSHI_VILLAGE] }),
      ).rejects.toMatchObject({
        code: 'site.not-found',
      });
    });
  });

  describe('bookings', () => {
    it('books a week per village within capacity, all at once', async () => {
      const week = ['2021-08-10', '2021-08-11', '2021-08-12'];
      const r = await bookSite(store, {
        siteId,
        by: '锦石乡负责人',
        bookings: week.flatMap((day) => [
          { village: JINSHI_VILLAGE, day, planned: 60 },
          { village: OTHER_VILLAGE, day, planned: 30 },
        ]),
        scope: [JINSHI],
      });
      expect(r.days).toEqual(week.map((day) => ({ day, capacity: 100, planned: 90, left: 10 })));
      expect(r.changes[0]).toEqual({ village: JINSHI_VILLAGE, day: '2021-08-10', before: 0, after: 60 });
      expect(await rowCount(store, 'site_bookings')).toBe(6);
    });

    it('refuses a batch that puts one day over capacity, and writes nothing of it', async () => {
      const before = await rowCount(store, 'site_bookings');
      const attempt = bookSite(store, {
        siteId,
        by: '锦石乡负责人',
        bookings: [
          { village: OTHER_VILLAGE, day: '2021-08-13', planned: 50 },
          { village: OTHER_VILLAGE, day: '2021-08-11', planned: 45 },
        ],
      });
      await expect(attempt).rejects.toMatchObject({ code: 'booking.over-capacity', kind: 'business-rule' });
      await attempt.catch((e: { detail: { message: { zh: string } } }) => {
        for (const part of ['锦石乡卫生院', '2021-08-11', '100', '已排 60', '剩余 40'])
          expect(e.detail.message.zh).toContain(part);
      });
      expect(await rowCount(store, 'site_bookings')).toBe(before);
      const day13 = await siteDay(store, { siteId, day: '2021-08-13' });
      expect(day13.planned).toBe(0);
    });

    it('refuses a village of another township, out of scope, a past day, a closed site', async () => {
      await expect(
        bookSite(store, {
          siteId,
          by: 'x',
          bookings: [{ village: WUSHI_VILLAGE, day: '2021-08-10', planned: 1 }],
        }),
      ).rejects.toMatchObject({ code: 'booking.other-township' });
      await expect(
        bookSite(store, {
          siteId,
          by: 'x',
          bookings: [{ village: OTHER_VILLAGE, day: '2021-08-10', planned: 1 }],
          scope: [JINSHI_VILLAGE],
        }),
      ).rejects.toMatchObject({ code: 'place.not-found' });
      await expect(
        bookSite(store, {
          siteId,
          by: 'x',
          bookings: [{ village: OTHER_VILLAGE, day: '2021-08-08', planned: 1 }],
        }),
      ).rejects.toMatchObject({ code: 'booking.past-day' });
      await updateSite(store, { id: pointId, active: false });
      await expect(
        bookSite(store, {
          siteId: pointId,
          by: 'x',
          bookings: [{ village: OTHER_VILLAGE, day: '2021-08-10', planned: 1 }],
        }),
      ).rejects.toMatchObject({ code: 'site.inactive' });
      await updateSite(store, { id: pointId, active: true });
    });

    it('refuses lowering the capacity below a day’s plans, or closing a site with plans ahead', async () => {
      await expect(updateSite(store, { id: siteId, dailyCapacity: 80 })).rejects.toMatchObject({
        code: 'site.capacity-below-bookings',
      });
      await expect(updateSite(store, { id: siteId, active: false })).rejects.toMatchObject({
        code: 'site.has-bookings',
      });
      const { before, after } = await updateSite(store, { id: siteId, dailyCapacity: 120, closes: '18:00' });
      expect([before.dailyCapacity, after.dailyCapacity, after.closes]).toEqual([100, 120, '18:00']);
    });

    it('shows a day’s plans per village beside the residents booked and done', async () => {
      const day = await siteDay(store, { siteId, day: '2021-08-10', campaignId });
      expect(day).toMatchObject({ capacity: 120, planned: 90, left: 30, campaignId });
      expect(day.villages).toEqual([
        expect.objectContaining({
          village: OTHER_VILLAGE,
          planned: 30,
          booked: 1,
          done: 0,
          bookedBy: '锦石乡负责人',
        }),
        expect.objectContaining({ village: JINSHI_VILLAGE, name: '锦石村', planned: 60, booked: 1, done: 0 }),
      ]);
      const week = await townshipSiteSchedule(store, {
        place: GRIDS[0],
        from: '2021-08-09',
        days: 3,
        campaignId,
      });
      expect(week).toMatchObject({
        township: JINSHI,
        townshipName: '锦石乡',
        from: '2021-08-09',
        to: '2021-08-11',
      });
      expect(week.days.map((d) => [d.day, d.capacity, d.planned, d.left])).toEqual([
        ['2021-08-09', 160, 0, 160],
        ['2021-08-10', 160, 90, 70],
        ['2021-08-11', 160, 90, 70],
      ]);
      const today = week.days[0];
      expect(today?.villages.find((v) => v.village === JINSHI_VILLAGE)).toMatchObject({
        planned: 0,
        booked: 0,
        done: 2,
      });
      await expect(townshipSiteSchedule(store, { place: '430321' })).rejects.toMatchObject({
        code: 'site.schedule-place',
      });
    });
  });

  describe('stock', () => {
    it('reconciles the day against the dose records, showing the difference', async () => {
      const r = await recordStock(store, {
        siteId,
        day: '2021-08-09',
        by: '接种点',
        movements: [
          { product: 'sinovac', lot: LOT, kind: 'received', vials: 10 },
          { product: 'sinovac', lot: LOT, kind: 'given', doses: 2 },
          { product: 'sinovac', lot: LOT, kind: 'wasted', doses: 1, note: '摔碎一支' },
        ],
      });
      expect(r.ids).toHaveLength(3);
      const line = r.stock.lots.find((l) => l.lot === LOT);
      expect(line).toMatchObject({
        product: 'sinovac',
        dosesPerVial: 1,
        opening: { vials: 0, doses: 0 },
        received: { vials: 10, doses: 10 },
        given: { vials: 2, doses: 2 },
        wasted: { vials: 1, doses: 1 },
        left: { vials: 7, doses: 7 },
        recorded: 1,
        difference: 1,
      });
      // The dose recorded without a lot cannot be matched to any stock: it shows on its own.
      expect(r.stock.lots.find((l) => l.lot === null)).toMatchObject({ recorded: 1, difference: -1 });
      expect(r.stock.differences).toBe(2);
      expect(r.stock.totals).toMatchObject({ given: { doses: 2 }, recorded: 2, difference: 0 });
      const next = await stockDay(store, { siteId, day: '2021-08-10' });
      expect(next.lots).toEqual([
        expect.objectContaining({ lot: LOT, opening: { vials: 7, doses: 7 }, left: { vials: 7, doses: 7 } }),
      ]);
    });

    it('refuses giving more than is left, and writes nothing of the batch', async () => {
      const before = await rowCount(store, 'site_stock_movements');
      await expect(
        recordStock(store, {
          siteId,
          day: '2021-08-09',
          by: '接种点',
          movements: [
            { product: 'sinovac', lot: '202107K0043', kind: 'received', vials: 5 },
            { product: 'sinovac', lot: LOT, kind: 'given', doses: 8 },
          ],
        }),
      ).rejects.toMatchObject({ code: 'stock.insufficient' });
      expect(await rowCount(store, 'site_stock_movements')).toBe(before);
      await expect(
        recordStock(store, {
          siteId,
          day: '2021-08-10',
          by: '接种点',
          movements: [{ product: 'sinovac', lot: LOT, kind: 'received', vials: 5 }],
        }),
      ).rejects.toMatchObject({ code: 'stock.future-day' });
      await expect(
        recordStock(store, {
          siteId,
          day: '2021-08-09',
          by: '接种点',
          movements: [{ product: 'sinovac', lot: LOT, kind: 'given', doses: 1 }],
          scope: [JINSHI_VILLAGE],
        }),
      ).rejects.toMatchObject({ code: 'site.not-found' });
    });
  });

  describe('checklist', () => {
    it('records the day’s checks and shows what is missing', async () => {
      const { checklist, before } = await checkSite(store, {
        siteId,
        day: '2021-08-09',
        by: '接种点',
        items: [
          { item: 'shade', ok: true },
          { item: 'cooling', ok: false, note: '冷风机只到了3台' },
        ],
      });
      expect(before.unchecked).toHaveLength(7);
      expect(checklist.missing).toEqual(['cooling']);
      expect(checklist.unchecked).toEqual([
        'drinking-water',
        'heatstroke-remedies',
        'one-metre-line',
        'blood-pressure-cuff',
        'doctor-on-duty',
      ]);
      const again = await checkSite(store, {
        siteId,
        day: '2021-08-09',
        by: '接种点',
        items: [{ item: 'cooling', ok: true, note: '补齐5台' }],
      });
      expect(again.checklist.missing).toEqual([]);
      expect(again.checklist.items.find((i) => i.item === 'cooling')).toMatchObject({
        ok: true,
        note: '补齐5台',
      });
      expect((await siteDay(store, { siteId, day: '2021-08-09' })).checklist.items[0]).toMatchObject({
        item: 'shade',
        ok: true,
      });
    });
  });

  describe('capacity warning in the backward schedule', () => {
    it('says when a township needs more a day than its active sites can do', async () => {
      await setTask(store, campaignId, JINSHI, 5000);
      const s = await scheduleOf(store, { campaignId, place: JINSHI });
      // 5000 − 2 done over the 22 days after 08-09 → 228 a day; the two sites do 160.
      expect(s.unit.siteCapacity).toMatchObject({ sites: 2, daily: 160, needed: 228, short: 68 });
      expect(s.unit.schedule.capacity).toMatchObject({ enough: false, shortfall: 68 });
      expect(s.capacityWarnings).toEqual([
        expect.objectContaining({
          code: JINSHI,
          short: 68,
          warning: expect.objectContaining({ zh: expect.stringContaining('每日缺口 68 人') }),
        }),
      ]);
      expect(s.children.every((v) => v.siteCapacity === null)).toBe(true);
      const county = await scheduleOf(store, { campaignId, place: '430321' });
      // Another township, with a task and no site: no capacity at all.
      await setTask(store, campaignId, '430321114', 10);
      const again = await scheduleOf(store, { campaignId, place: '430321' });
      expect(county.children.find((t) => t.code === JINSHI)?.siteCapacity).toMatchObject({ short: 68 });
      expect(again.capacityWarnings.find((w) => w.code === '430321114')).toMatchObject({
        sites: 0,
        daily: 0,
      });
    });
  });
});
