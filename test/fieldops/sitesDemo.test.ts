import { afterAll, describe, expect, inject, it } from 'vitest';
import { recountCampaign } from '../../src/app/engine/recount.js';
import { importPlaces, SHIPPED_DIVISIONS } from '../../src/app/places/importPlaces.js';
import { siteDay, townshipSiteSchedule } from '../../src/app/sites/siteSchedule.js';
import { listSites } from '../../src/app/sites/sites.js';
import { buildDemo, DEMO_COUNTY } from '../../src/demo/buildDemo.js';
import { seedSites } from '../../src/demo/fieldops/sites.js';
import { describeEachStore, type StoreCase } from '../support/stores.js';

const seeded: Record<string, unknown> = {};

describeEachStore('the demo’s sites', (c: StoreCase) => {
  afterAll(() => c.cleanup());

  it('gives every township its health centre, 锦石乡 a week of bookings, the 9th’s stock and checklist', async () => {
    const store = await c.fresh();
    await importPlaces(store, SHIPPED_DIVISIONS, [DEMO_COUNTY]);
    const { campaignId } = await buildDemo(store, { residents: 3000, seed: 11 });
    await recountCampaign(store, campaignId);
    const started = Date.now();
    await seedSites(store, campaignId);
    expect(Date.now() - started).toBeLessThan(20_000);

    const sites = await listSites(store, {});
    // 17 townships, 易俗河镇 with two sites, and 锦石乡's temporary point.
    expect(sites.filter((s) => s.kind === 'health-centre')).toHaveLength(18);
    expect(sites.find((s) => s.name === '锦石乡卫生院')).toMatchObject({ opens: '08:00', closes: '17:30' });
    const point = sites.find((s) => s.kind === 'temporary');
    expect(point).toMatchObject({ township: '430321205', name: '锦石乡锦石村临时接种点' });

    const centre = sites.find((s) => s.name === '锦石乡卫生院');
    const today = await siteDay(store, { siteId: centre?.id as number, day: '2021-08-09', campaignId });
    expect(today.planned).toBeGreaterThan(0);
    expect(today.planned).toBeLessThanOrEqual(today.capacity);
    // Stock given matches the dose records lot by lot, and one vial was wasted.
    expect(today.stock.lots.length).toBeGreaterThan(0);
    expect(today.stock.differences).toBe(0);
    expect(today.stock.totals.given.doses).toBe(today.stock.totals.recorded);
    expect(today.stock.totals.wasted.doses).toBe(1);
    expect(today.checklist.complete).toBe(true);

    const week = await townshipSiteSchedule(store, { place: '430321205', from: '2021-08-09', campaignId });
    expect(week.days).toHaveLength(7);
    for (const d of week.days) expect(d.planned).toBeLessThanOrEqual(d.capacity);
    expect(week.days[1]?.sites.find((s) => s.siteId === point?.id)?.planned).toBeGreaterThan(0);
    const pointDay = await siteDay(store, { siteId: point?.id as number, day: '2021-08-09' });
    expect(pointDay.checklist.missing).toEqual(['cooling', 'blood-pressure-cuff']);

    seeded[c.dialect] = {
      sites,
      week: week.days.map((d) => [d.day, d.capacity, d.planned]),
      stock: today.stock,
    };
  });
});

describe.skipIf(!inject('pgUrl'))('the demo’s sites on SQLite and PostgreSQL', () => {
  it('are the same', () => {
    expect(seeded['sqlite']).toBeDefined();
    expect(seeded['postgres']).toEqual(seeded['sqlite']);
  });
});
