import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { describeEachStore } from '../support/stores.js';
import { apiCounty, id, refusal, type ApiCounty } from './apiCounty.js';

describeEachStore('API: visits and doses', (c) => {
  let t: ApiCounty;

  beforeEach(async () => {
    t = await apiCounty(c);
  });
  afterAll(() => c.cleanup());

  const progress = async () =>
    (await t.call('GET', `/campaigns/${t.campaignId}/progress/430321205?depth=0`)).json();

  it('records a visit with the ID number in the body: 201, then 200 on a retry', async () => {
    const visitId = randomUUID();
    const body = { ...refusal(), idNumber: id(1, t.ids), id: visitId };
    const first = await t.call('POST', '/visits', body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ id: visitId, result: 'stored' });
    const retry = await t.call('POST', '/visits', body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ id: visitId, result: 'duplicate' });
    expect(await progress()).toMatchObject({ unscreened: 3, open: 1 });
  });

  it('refuses the same visit id with other content (409) and stores nothing', async () => {
    const visitId = randomUUID();
    await t.call('POST', '/visits', { ...refusal(), idNumber: id(1, t.ids), id: visitId });
    const other = await t.call('POST', '/visits', {
      ...refusal('2021-08-09T09:30:00+08:00'),
      idNumber: id(1, t.ids),
      id: visitId,
    });
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({ code: 'visit.id-conflict', field: 'id' });
  });

  it('records a visit with the ID number in the path too, and makes an id when none is sent', async () => {
    const res = await t.call('POST', `/residents/${id(2, t.ids)}/visits`, {
      outcome: 'away',
      at: '2021-08-08T10:00:00+08:00',
      channel: 'phone',
      placeText: '广东省深圳市',
      untilDate: '2021-09-01',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await progress()).toMatchObject({ unscreened: 3, open: 1 });
  });

  it('answers a visit that does not fit its outcome, an unknown resident and a bad id', async () => {
    const wrong = await t.call('POST', '/visits', {
      ...refusal(),
      outcome: 'gone-fishing',
      idNumber: id(1, t.ids),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'visit.outcome', field: 'outcome' });
    expect(wrong.json().error.message).toMatch(/未知的摸排结果/);
    const future = await t.call('POST', '/visits', {
      ...refusal('2021-08-10T09:00:00+08:00'),
      idNumber: id(1, t.ids),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe('visit.in-future');
    const nobody = await t.call('POST', '/visits', { ...refusal(), idNumber: '430321199001011234' });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().error.code).toBe('resident.not-found');
    const badId = await t.call('POST', '/visits', { ...refusal(), idNumber: id(1, t.ids), id: 'not-a-uuid' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error).toMatchObject({ code: 'request.invalid', field: 'body.id' });
    const missing = await t.call('POST', '/visits', { outcome: 'refused', idNumber: id(1, t.ids) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('request.invalid');
  });

  it('records doses: 201, 200 on a retry; too early is 422 with the earliest date', async () => {
    const doseId = randomUUID();
    const first = {
      idNumber: id(2, t.ids),
      id: doseId,
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-01T10:00:00+08:00',
    };
    const res = await t.call('POST', '/doses', first);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: doseId, result: 'stored' });
    expect((await t.call('POST', '/doses', first)).statusCode).toBe(200);
    expect(await progress()).toMatchObject({ done: 1, todayIncrement: 0 });

    const second = {
      idNumber: id(2, t.ids),
      product: 'sinovac',
      doseNumber: 2,
      at: '2021-08-09T10:00:00+08:00',
    };
    const early = await t.call('POST', '/doses', second);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('dose.too-early');
    expect(early.json().error.message).toContain('2021-08-22');
    expect(early.json().error.messageEn).toContain('2021-08-22');

    const overridden = await t.call('POST', '/doses', {
      ...second,
      overrideReason: '外出务工，医生评估后提前接种',
    });
    expect(overridden.statusCode).toBe(201);
  });

  it('refuses a second dose 1 (409) and an unknown product (400), and takes the path form', async () => {
    const dose = {
      product: 'sinopharm-bibp',
      doseNumber: 1,
      at: '2021-08-09T09:30:00+08:00',
      site: '锦石乡卫生院',
    };
    const res = await t.call('POST', `/residents/${id(6, t.ids)}/doses`, dose);
    expect(res.statusCode).toBe(201);
    expect(await progress()).toMatchObject({ done: 1, todayIncrement: 1 });
    const again = await t.call('POST', `/residents/${id(6, t.ids)}/doses`, dose);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('dose.duplicate');
    const unknown = await t.call('POST', '/doses', { ...dose, idNumber: id(1, t.ids), product: 'sputnik' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'dose.product', field: 'product' });
  });

  it('documents the body form as the one to use, saying why', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const viaBody = doc.paths['/api/v1/visits'].post;
    const viaPath = doc.paths['/api/v1/residents/{idNumber}/visits'].post;
    expect(viaBody.description).toMatch(/access logs/);
    expect(viaPath.summary).toMatch(/prefer POST \/visits/);
    expect(viaBody.responses).toHaveProperty('201');
    expect(viaBody.responses).toHaveProperty('409');
    expect(doc.paths['/api/v1/doses'].post.responses).toHaveProperty('422');
  });
});
