import { afterAll, beforeAll, expect, it } from 'vitest';
import { GRIDS } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';
import { apiCounty, type ApiCounty } from './apiCounty.js';

describeEachStore('API: progress', (c) => {
  let t: ApiCounty;

  beforeAll(async () => {
    t = await apiCounty(c);
  });
  afterAll(() => c.cleanup());

  it('gives a township with its villages and their grids', async () => {
    const res = await t.call('GET', `/campaigns/${t.campaignId}/progress/430321205?depth=2`);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      code: '430321205',
      residents: 6,
      eligible: 4,
      ineligible: 2,
      unscreened: 4,
      done: 0,
      task: null,
      completion: null,
      screeningCleared: false,
      sixtyPlus: { eligible: 2, done: 0, coverage: 0 },
    });
    const village = p.children.find((v: { code: string }) => v.code === '430321205206');
    expect(village).toMatchObject({ residents: 5, eligible: 3, childUnits: 2 });
    expect(village.children.map((g: { code: string }) => g.code)).toEqual([GRIDS[0], GRIDS[1]]);
    expect(village.children[0].children).toBeUndefined();
  });

  it('defaults to one level and goes down to the grids of a county', async () => {
    const one = (await t.call('GET', `/campaigns/${t.campaignId}/progress/430321`)).json();
    expect(one.children).toHaveLength(17);
    expect(one.children[0].children).toBeUndefined();
    const all = (await t.call('GET', `/campaigns/${t.campaignId}/progress/430321?depth=3`)).json();
    const jinshi = all.children.find((x: { code: string }) => x.code === '430321205');
    const grid = jinshi.children.find((v: { code: string }) => v.code === '430321205201').children[0];
    expect(grid).toMatchObject({ code: GRIDS[2], level: 'grid', eligible: 1 });
  });

  it('refuses an unknown place or campaign (404) and a depth out of range (400)', async () => {
    const place = await t.call('GET', `/campaigns/${t.campaignId}/progress/430321999`);
    expect(place.statusCode).toBe(404);
    expect(place.json().error.code).toBe('place.not-found');
    const campaign = await t.call('GET', '/campaigns/999/progress/430321');
    expect(campaign.statusCode).toBe(404);
    expect(campaign.json().error.code).toBe('campaign.not-found');
    const deep = await t.call('GET', `/campaigns/${t.campaignId}/progress/430321?depth=9`);
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error).toMatchObject({ code: 'request.invalid', field: 'querystring.depth' });
  });
});
