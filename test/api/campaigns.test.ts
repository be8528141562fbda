import { afterAll, beforeEach, expect, it } from 'vitest';
import { describeEachStore } from '../support/stores.js';
import { apiCounty, type ApiCounty } from './apiCounty.js';

describeEachStore('API: campaigns and tasks', (c) => {
  let t: ApiCounty;

  beforeEach(async () => {
    t = await apiCounty(c);
  });
  afterAll(() => c.cleanup());

  it('lists campaigns and shows one, in the names CampaignInput uses', async () => {
    const list = await t.call('GET', '/campaigns');
    expect(list.statusCode).toBe(200);
    const expected = {
      id: t.campaignId,
      name: '第一剂次接种',
      place: '430321',
      target: 'first-dose',
      minAge: 12,
      maxAge: null,
      asOf: '2021-08-09',
      start: '2021-07-20',
      deadline: '2021-08-31',
    };
    expect(list.json().items).toEqual([expect.objectContaining(expected)]);
    const one = await t.call('GET', `/campaigns/${t.campaignId}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject(expected);
  });

  it('answers an unknown campaign with 404 and a malformed id with 400', async () => {
    const missing = await t.call('GET', '/campaigns/999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'campaign.not-found' });
    const bad = await t.call('GET', '/campaigns/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('request.invalid');
  });

  it('creates a campaign (201) and derives statuses at once', async () => {
    const res = await t.call('POST', '/campaigns', {
      name: '60岁以上第一剂次',
      place: '430321',
      target: 'first-dose',
      minAge: 60,
      asOf: '2021-08-09',
      deadline: '2021-08-31',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ place: '430321', minAge: 60, maxAge: null, start: '2021-08-09' });
    const p = await t.call('GET', `/campaigns/${created.id}/progress/430321?depth=0`);
    expect(p.json()).toMatchObject({ eligible: 2, unscreened: 2 });
  });

  it('refuses a campaign that does not make sense', async () => {
    const base = { name: 'x', target: 'first-dose', minAge: 18, asOf: '2021-08-09', deadline: '2021-08-31' };
    const badTarget = await t.call('POST', '/campaigns', { ...base, target: 'two-doses' });
    expect(badTarget.statusCode).toBe(400);
    expect(badTarget.json().error).toMatchObject({ code: 'request.invalid', field: 'body.target' });
    const backwards = await t.call('POST', '/campaigns', { ...base, start: '2021-09-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error).toMatchObject({ code: 'campaign.invalid', field: 'deadline' });
    const nowhere = await t.call('POST', '/campaigns', { ...base, place: '430399' });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json().error.code).toBe('place.not-found');
  });

  it('sets a task number and reads it back in progress', async () => {
    const res = await t.call('PUT', `/campaigns/${t.campaignId}/tasks/430321205`, { count: 4 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ campaignId: t.campaignId, place: '430321205', count: 4 });
    const p = await t.call('GET', `/campaigns/${t.campaignId}/progress/430321205?depth=0`);
    expect(p.json()).toMatchObject({ task: 4, completion: 0 });
  });

  it('refuses a negative task, an unknown place and an unknown campaign', async () => {
    const negative = await t.call('PUT', `/campaigns/${t.campaignId}/tasks/430321205`, { count: -1 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error.code).toBe('request.invalid');
    const nowhere = await t.call('PUT', `/campaigns/${t.campaignId}/tasks/430321999`, { count: 1 });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json().error.code).toBe('place.not-found');
    const noCampaign = await t.call('PUT', '/campaigns/999/tasks/430321205', { count: 1 });
    expect(noCampaign.statusCode).toBe(404);
    expect(noCampaign.json().error.code).toBe('campaign.not-found');
  });

  it('checks tasks against the register', async () => {
    await t.call('PUT', `/campaigns/${t.campaignId}/tasks/430321205`, { count: 10 });
    const res = await t.call('GET', `/campaigns/${t.campaignId}/tasks/check?place=430321205`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ place: '430321205', threshold: 0.1 });
    expect(body.findings).toEqual([
      expect.objectContaining({ code: 'task-far-from-eligible', unit: '430321205', task: 10, eligible: 4 }),
    ]);
    expect(body.findings[0].message.zh).toMatch(/任务数/);

    // From the county down, the townships left without a task are named.
    const county = (await t.call('GET', `/campaigns/${t.campaignId}/tasks/check`)).json();
    expect(county.place).toBe('430321');
    expect(county.findings.filter((f: { code: string }) => f.code === 'missing-task')).toHaveLength(16);

    const none = await t.call('GET', '/campaigns/999/tasks/check');
    expect(none.statusCode).toBe(404);
  });
});
