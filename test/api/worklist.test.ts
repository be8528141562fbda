import { afterAll, beforeAll, expect, it } from 'vitest';
import { GRIDS } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';
import { apiCounty, id, refusal, type ApiCounty } from './apiCounty.js';

describeEachStore('API: worklist', (c) => {
  let t: ApiCounty;
  let worklist: string;

  beforeAll(async () => {
    t = await apiCounty(c);
    worklist = `/campaigns/${t.campaignId}/worklist`;
    // Resident 1 (71) refused on the 5th: the follow-up three days later is due today.
    await t.call('POST', '/visits', { ...refusal('2021-08-05T09:00:00+08:00'), idNumber: id(1, t.ids) });
  });
  afterAll(() => c.cleanup());

  it('orders a grid member’s grids: the 60+ follow-up due first, then the unscreened', async () => {
    const res = await t.call('GET', `${worklist}?grids=${GRIDS[0]},${GRIDS[1]}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.today).toBe('2021-08-09');
    expect(body.items.map((i: { residentId: number }) => i.residentId)).toEqual([1, 2, 4]);
    expect(body.items[0]).toMatchObject({
      tier: 1,
      sixtyPlus: true,
      age: 71,
      status: 'open',
      openReason: 'refused',
      followUpDate: '2021-08-08',
      nextAction: { code: 'follow-up' },
    });
    expect(body.items[1]).toMatchObject({ tier: 3, status: 'unscreened', nextAction: { code: 'visit' } });
    expect(body.items[0].idNumber).toContain('*');
    // A village stands for all its grids.
    const village = (await t.call('GET', `${worklist}?grids=430321205206&limit=1`)).json();
    expect(village.items.map((i: { residentId: number }) => i.residentId)).toEqual([1]);
  });

  it('refuses a township (400), malformed grids (400) and an unknown campaign (404)', async () => {
    const township = await t.call('GET', `${worklist}?grids=430321205`);
    expect(township.statusCode).toBe(400);
    expect(township.json().error.code).toBe('worklist.grid-level');
    const malformed = await t.call('GET', `${worklist}?grids=abc`);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toMatchObject({ code: 'request.invalid', field: 'querystring.grids' });
    const missing = await t.call('GET', `/campaigns/999/worklist?grids=${GRIDS[0]}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('campaign.not-found');
  });
});
