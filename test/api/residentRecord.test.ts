import { afterAll, beforeEach, expect, it } from 'vitest';
import { describeEachStore } from '../support/stores.js';
import { apiCounty, id, refusal, type ApiCounty } from './apiCounty.js';

describeEachStore('API: one resident by key', (c) => {
  let t: ApiCounty;

  beforeEach(async () => {
    t = await apiCounty(c);
  });
  afterAll(() => c.cleanup());

  it('answers the resident masked, with their status, visits and doses, oldest first', async () => {
    await t.call('POST', '/visits', { ...refusal('2021-08-09T09:00:00+08:00'), idNumber: id(1, t.ids) });
    await t.call('POST', '/doses', {
      idNumber: id(1, t.ids),
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T10:00:00+08:00',
      lot: 'L1',
    });
    const res = await t.call('GET', `/residents/by-key/430321/1?campaign=${t.campaignId}`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ county: '430321', residentId: 1, campaign: { status: 'done' } });
    expect(r.idNumber).toContain('********');
    expect(res.body).not.toContain(id(1, t.ids));
    expect(r.visits.map((v: { outcome: string }) => v.outcome)).toEqual(['refused']);
    expect(r.doses).toMatchObject([{ product: 'sinovac', doseNumber: 1, lot: 'L1' }]);
  });

  it('answers 404 for a resident who does not exist', async () => {
    const res = await t.call('GET', '/residents/by-key/430321/999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('resident.not-found');
  });
});
