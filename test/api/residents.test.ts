import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../support/stores.js';
import { apiCounty, id, refusal, type ApiCounty } from './apiCounty.js';

describeEachStore('API: residents', (c) => {
  let t: ApiCounty;

  beforeAll(async () => {
    t = await apiCounty(c);
    await t.call('POST', '/visits', { ...refusal(), idNumber: id(1, t.ids) });
  });
  afterAll(() => c.cleanup());

  it('lists a village’s residents with masked ID numbers', async () => {
    const res = await t.call('GET', '/residents?place=430321205206');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.next).toBeNull();
    expect(body.items.map((r: { residentId: number }) => r.residentId)).toEqual([1, 2, 3, 4, 5]);
    expect(body.items[0]).toMatchObject({ name: '居民1', registerStatus: 'active', age: 71 });
    expect(body.items[0]).not.toHaveProperty('status');
    for (const r of body.items) expect(r.idNumber).toMatch(/^430321\*{8}.{4}$/);
    for (const full of t.ids) expect(res.body).not.toContain(full);
  });

  it('gives full ID numbers only when asked', async () => {
    const body = (await t.call('GET', '/residents?place=430321205206&unmasked=true')).json();
    expect(body.items[0].idNumber).toBe(id(1, t.ids));
    const masked = (await t.call('GET', '/residents?place=430321205206&unmasked=false')).json();
    expect(masked.items[0].idNumber).toContain('*');
  });

  it('pages by `next` and filters by status in a campaign', async () => {
    // In (grid, resident) order: grid 430321205201001 (resident 6) comes first.
    const first = (await t.call('GET', '/residents?place=430321205&limit=4')).json();
    expect(first.items.map((r: { residentId: number }) => r.residentId)).toEqual([6, 1, 2, 3]);
    expect(first.next).toBe(3);
    const rest = (await t.call('GET', `/residents?place=430321205&limit=4&after=${first.next}`)).json();
    expect(rest.items.map((r: { residentId: number }) => r.residentId)).toEqual([4, 5]);
    expect(rest.next).toBeNull();

    const open = (
      await t.call('GET', `/residents?place=430321205&campaign=${t.campaignId}&status=open`)
    ).json();
    expect(open.items).toEqual([
      expect.objectContaining({ residentId: 1, status: 'open', reason: 'refused' }),
    ]);
  });

  it('refuses a status without a campaign, an unknown status and an unknown place', async () => {
    const noCampaign = await t.call('GET', '/residents?place=430321205&status=open');
    expect(noCampaign.statusCode).toBe(400);
    expect(noCampaign.json().error.code).toBe('residents.status-needs-campaign');
    const unknown = await t.call('GET', `/residents?place=430321205&campaign=${t.campaignId}&status=lost`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'request.invalid', field: 'querystring.status' });
    const nowhere = await t.call('GET', '/residents?place=430321999');
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json().error.code).toBe('place.not-found');
    const noPlace = await t.call('GET', '/residents');
    expect(noPlace.statusCode).toBe(400);
  });
});
