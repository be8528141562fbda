import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiCounty, id, type ApiCounty } from '../api/apiCounty.js';
import { describeEachStore } from '../support/stores.js';

const JINSHI = '430321205';
const JINSHI_VILLAGE = '430321205206';
const OTHER_VILLAGE = '430321205201';

describeEachStore('API: sites, bookings, stock and checklist', (c) => {
  let t: ApiCounty;
  let siteId: number;

  beforeAll(async () => {
    t = await apiCounty(c);
    await t.call('POST', '/doses', {
      idNumber: id(1, t.ids),
      product: 'sinopharm-bibp',
      doseNumber: 1,
      lot: '202107B0001',
      site: '锦石乡卫生院',
      at: '2021-08-09T09:00:00+08:00',
    });
    await t.call('POST', '/visits', {
      idNumber: id(2, t.ids),
      outcome: 'booked',
      at: '2021-08-09T09:00:00+08:00',
      channel: 'phone',
      bookedDate: '2021-08-10',
      site: '锦石乡卫生院',
    });
  });
  afterAll(() => c.cleanup());

  it('creates a site and lists it for a grid of its township', async () => {
    const res = await t.call('POST', '/sites', {
      township: JINSHI,
      name: '锦石乡卫生院',
      kind: 'health-centre',
      address: '锦石乡锦石村',
      opens: '08:00',
      closes: '17:30',
      dailyCapacity: 50,
    });
    expect(res.statusCode).toBe(201);
    siteId = res.json().id;
    expect(res.json()).toMatchObject({
      township: JINSHI,
      townshipName: '锦石乡',
      kindLabel: { zh: '乡镇卫生院' },
      dailyCapacity: 50,
      active: true,
    });
    const list = await t.call('GET', '/sites?place=430321205206001');
    expect(list.json().items.map((s: { id: number }) => s.id)).toEqual([siteId]);
    const bad = await t.call('POST', '/sites', {
      township: JINSHI,
      name: '临时点',
      kind: 'temporary',
      opens: '18:00',
      closes: '08:00',
      dailyCapacity: 10,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'site.hours', field: 'closes' });
    const audit = await t.call('GET', '/audit?action=site.create&limit=5');
    expect(audit.json().items[0]).toMatchObject({ entity: 'site', entityId: String(siteId) });
  });

  it('books villages within capacity and refuses a day over it with 422, writing nothing', async () => {
    const ok = await t.call('POST', `/sites/${siteId}/bookings`, {
      bookings: [
        { village: JINSHI_VILLAGE, day: '2021-08-10', planned: 30 },
        { village: OTHER_VILLAGE, day: '2021-08-10', planned: 15 },
      ],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().days).toEqual([{ day: '2021-08-10', capacity: 50, planned: 45, left: 5 }]);
    const over = await t.call('POST', `/sites/${siteId}/bookings`, {
      bookings: [
        { village: OTHER_VILLAGE, day: '2021-08-11', planned: 10 },
        { village: OTHER_VILLAGE, day: '2021-08-10', planned: 25 },
      ],
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.code).toBe('booking.over-capacity');
    expect(over.json().error.message).toContain('剩余 20 人');
    expect(over.json().error.messageEn).toContain('capacity 50');
    const day11 = await t.call('GET', `/sites/${siteId}/days/2021-08-11`);
    expect(day11.json()).toMatchObject({ planned: 0, villages: [] });
    const audit = await t.call('GET', '/audit?action=booking.set&limit=5');
    expect(audit.json().items).toHaveLength(1);
  });

  it('shows the site’s day and the township’s week with the campaign’s booked residents', async () => {
    const day = await t.call('GET', `/sites/${siteId}/days/2021-08-10?campaign=${t.campaignId}`);
    expect(day.statusCode).toBe(200);
    expect(day.json()).toMatchObject({ capacity: 50, planned: 45, left: 5, campaignId: t.campaignId });
    expect(day.json().villages.find((v: { village: string }) => v.village === JINSHI_VILLAGE)).toMatchObject({
      name: '锦石村',
      planned: 30,
      booked: 1,
      done: 0,
    });
    const week = await t.call('GET', `/sites/schedule?place=${JINSHI}&days=2&campaign=${t.campaignId}`);
    expect(week.statusCode).toBe(200);
    expect(week.json().days.map((d: { day: string; planned: number }) => [d.day, d.planned])).toEqual([
      ['2021-08-09', 0],
      ['2021-08-10', 45],
    ]);
  });

  it('records stock and reconciles it with the dose records; refuses more than is left', async () => {
    const res = await t.call('POST', `/sites/${siteId}/stock`, {
      day: '2021-08-09',
      movements: [
        { product: 'sinopharm-bibp', lot: '202107B0001', kind: 'received', vials: 20 },
        { product: 'sinopharm-bibp', lot: '202107B0001', kind: 'given', doses: 1 },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().stock.lots).toEqual([
      expect.objectContaining({
        product: 'sinopharm-bibp',
        lot: '202107B0001',
        left: { vials: 19, doses: 19 },
        recorded: 1,
        difference: 0,
      }),
    ]);
    const short = await t.call('POST', `/sites/${siteId}/stock`, {
      day: '2021-08-09',
      movements: [{ product: 'sinopharm-bibp', lot: '202107B0001', kind: 'wasted', doses: 20 }],
    });
    expect(short.statusCode).toBe(422);
    expect(short.json().error.code).toBe('stock.insufficient');
    const shown = await t.call('GET', `/sites/${siteId}/stock/2021-08-09`);
    expect(shown.json().totals).toMatchObject({
      received: { doses: 20 },
      given: { doses: 1 },
      left: { doses: 19 },
    });
  });

  it('checks the comfort items and shows what is missing', async () => {
    const res = await t.call('PUT', `/sites/${siteId}/checklist/2021-08-09`, {
      items: [
        { item: 'shade', ok: true, note: '50米遮阳棚' },
        { item: 'drinking-water', ok: false, note: '矿泉水下午送到' },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ missing: ['drinking-water'], complete: false });
    const bad = await t.call('PUT', `/sites/${siteId}/checklist/2021-08-09`, {
      items: [{ item: 'wifi', ok: true }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('checklist.item');
    const got = await t.call('GET', `/sites/${siteId}/checklist/2021-08-09`);
    expect(got.json().items[0]).toMatchObject({ item: 'shade', ok: true, note: '50米遮阳棚' });
  });

  it('puts the capacity warning in the backward schedule', async () => {
    await t.call('PUT', `/campaigns/${t.campaignId}/tasks/${JINSHI}`, { count: 2000 });
    const res = await t.call('GET', `/campaigns/${t.campaignId}/schedule/${JINSHI}`);
    expect(res.statusCode).toBe(200);
    // 2000 − 1 done over 22 days → 91 a day; the one site does 50.
    expect(res.json().unit.siteCapacity).toMatchObject({ sites: 1, daily: 50, needed: 91, short: 41 });
    expect(res.json().capacityWarnings).toEqual([
      expect.objectContaining({
        code: JINSHI,
        short: 41,
        warning: expect.objectContaining({ en: expect.any(String) }),
      }),
    ]);
  });

  it('answers a site that does not exist with 404', async () => {
    const res = await t.call('GET', '/sites/9999');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('site.not-found');
  });
});
