import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../support/stores.js';
import { apiCounty, id, type ApiCounty } from './apiCounty.js';

describeEachStore('API: backward scheduling', (c) => {
  let t: ApiCounty;

  beforeAll(async () => {
    t = await apiCounty(c);
    await t.call('PUT', `/campaigns/${t.campaignId}/tasks/430321205`, { count: 4 });
    await t.call('POST', '/doses', {
      idNumber: id(6, t.ids),
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T09:00:00+08:00',
    });
  });
  afterAll(() => c.cleanup());

  it('gives the needed and recent daily rates of a township and its villages', async () => {
    const res = await t.call('GET', `/campaigns/${t.campaignId}/schedule/430321205`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ today: '2021-08-09', deadline: '2021-08-31' });
    expect(body.unit).toMatchObject({
      code: '430321205',
      level: 'township',
      schedule: { task: 4, done: 1, remaining: 3, daysLeft: 22, neededDailyRate: 1, overdue: false },
    });
    expect(body.unit.schedule.weeklyTargets.at(-1)).toMatchObject({
      weekEnd: '2021-08-31',
      cumulativeTarget: 3,
    });
    expect(body.children.map((v: { code: string }) => v.code)).toContain('430321205206');
    // Villages without a task cannot be measured, so none is at risk yet.
    expect(body.atRisk).toEqual([]);
  });

  it('answers an unknown place or campaign with 404', async () => {
    const place = await t.call('GET', `/campaigns/${t.campaignId}/schedule/430321999`);
    expect(place.statusCode).toBe(404);
    expect(place.json().error.code).toBe('place.not-found');
    const campaign = await t.call('GET', '/campaigns/999/schedule/430321205');
    expect(campaign.statusCode).toBe(404);
    expect(campaign.json().error.code).toBe('campaign.not-found');
  });
});
