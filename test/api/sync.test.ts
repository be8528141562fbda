import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { GRIDS } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';
import { signedIn } from '../support/signIn.js';
import { apiCounty, id, refusal, V1, type ApiCounty } from './apiCounty.js';

/** The server's body limit (src/api/server.ts). */
const BODY_LIMIT = 10 * 1024 * 1024;

describeEachStore('API: offline sync', (c) => {
  let t: ApiCounty;

  beforeEach(async () => {
    t = await apiCounty(c);
  });
  afterAll(() => c.cleanup());

  it('answers a batch item by item: a bad item fails alone, a retry is a duplicate', async () => {
    const good = { kind: 'visit', id: randomUUID(), idNumber: id(1, t.ids), visit: refusal() };
    const dose = {
      kind: 'dose',
      id: randomUUID(),
      idNumber: id(6, t.ids),
      dose: { product: 'sinovac', doseNumber: 1, at: '2021-08-09T09:00:00+08:00' },
    };
    const batch = {
      deviceId: 'phone-jinshi-1',
      userName: '锦石村网格员',
      items: [
        good,
        { kind: 'visit', id: randomUUID(), idNumber: '430321199001011234', visit: refusal() },
        { ...dose, id: randomUUID(), dose: { ...dose.dose, product: 'sputnik' } },
        { kind: 'visit', id: 'not-a-uuid', idNumber: id(2, t.ids), visit: refusal() },
        dose,
      ],
    };
    const res = await t.call('POST', '/sync', batch);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      deviceId: 'phone-jinshi-1',
      received: 5,
      stored: 2,
      duplicates: 0,
      rejected: 3,
    });
    expect(body.results.map((r: { result: string }) => r.result)).toEqual([
      'stored',
      'rejected',
      'rejected',
      'rejected',
      'stored',
    ]);
    expect(body.results[1].error).toMatchObject({ code: 'resident.not-found' });
    expect(body.results[2].error).toMatchObject({ code: 'dose.product', field: 'product' });
    expect(body.results[3].error).toMatchObject({ code: 'sync.id' });

    const retry = (await t.call('POST', '/sync', { deviceId: 'phone-jinshi-1', items: [good, dose] })).json();
    expect(retry).toMatchObject({ stored: 0, duplicates: 2 });
    const conflict = (
      await t.call('POST', '/sync', {
        deviceId: 'phone-jinshi-1',
        items: [{ ...good, visit: refusal('2021-08-09T09:30:00+08:00') }],
      })
    ).json();
    expect(conflict.results[0]).toMatchObject({ result: 'conflict', error: { code: 'visit.id-conflict' } });
  });

  it('takes a visit by the resident’s key from the worklist, within the member’s places only', async () => {
    const member = await signedIn(t.app, t.store, 'grid-member', [GRIDS[0]], 'jinshi-member');
    const call = async (items: unknown[]) => {
      const res = await member.inject({
        method: 'POST',
        url: `${V1}/sync`,
        payload: { deviceId: 'phone-jinshi-3', items },
      });
      expect(res.statusCode).toBe(200);
      return res.json() as {
        stored: number;
        duplicates: number;
        rejected: number;
        results: {
          id: string;
          result: string;
          error?: { code: string; field?: string; messageEn: string };
        }[];
      };
    };
    // What the phone has: the worklist's entry, with a masked number, its residentId and grid.
    const list = await member.inject({ url: `${V1}/campaigns/${t.campaignId}/worklist?grids=${GRIDS[0]}` });
    const entry = (
      list.json() as { items: { residentId: number; idNumber: string; gridCode: string }[] }
    ).items.find((i) => i.residentId === 1);
    expect(entry?.idNumber).toContain('*');
    const key = { county: entry?.gridCode.slice(0, 6), id: entry?.residentId };
    const visit = { kind: 'visit', id: randomUUID(), resident: key, visit: refusal() };

    const first = await call([visit]);
    expect(first).toMatchObject({ stored: 1, rejected: 0 });
    const stored = await t.store.db
      .selectFrom('screening_visits')
      .select(['resident_id', 'device_id'])
      .where('id', '=', visit.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ resident_id: 1, device_id: 'phone-jinshi-3' });
    expect((await call([visit])).results).toEqual([{ id: visit.id, kind: 'visit', result: 'duplicate' }]);

    // Resident 4 is in the village's other grid, 6 in another village, 99 nobody: all alike.
    const outside = await call([
      { ...visit, id: randomUUID(), resident: { county: '430321', id: 4 } },
      { ...visit, id: randomUUID(), resident: { county: '430321', id: 6 } },
      { ...visit, id: randomUUID(), resident: { county: '430321', id: 99 } },
    ]);
    expect(outside.rejected).toBe(3);
    const errors = outside.results.map((r) => r.error);
    expect(errors[0]).toMatchObject({ code: 'resident.not-found', field: 'resident' });
    expect(errors[1]).toEqual(errors[0]);
    expect(errors[2]).toEqual(errors[0]);

    // Both ways, or neither: that item alone is rejected, and says which fields to use.
    const mixed = await call([
      { ...visit, id: randomUUID(), idNumber: id(2, t.ids), resident: { county: '430321', id: 2 } },
      { kind: 'visit', id: randomUUID(), visit: refusal() },
      { kind: 'visit', id: randomUUID(), idNumber: id(2, t.ids), visit: refusal() },
      { kind: 'visit', id: randomUUID(), resident: { county: '430321', id: 3 }, visit: refusal() },
    ]);
    expect(mixed.results.map((r) => r.error?.code ?? r.result)).toEqual([
      'sync.resident',
      'sync.resident',
      'stored',
      'stored',
    ]);
    expect(mixed.results[0]?.error).toMatchObject({
      field: 'resident',
      messageEn: expect.stringMatching(/not both/),
    });
    expect(mixed.results[1]?.error?.messageEn).toMatch(/idNumber or resident/);

    // Text where the key's id belongs is not a batch the schema can read: 400, nothing stored.
    const text = await member.inject({
      method: 'POST',
      url: `${V1}/sync`,
      payload: {
        deviceId: 'phone-jinshi-3',
        items: [{ ...visit, id: randomUUID(), resident: { county: '430321', id: '2' } }],
      },
    });
    expect(text.statusCode).toBe(400);
  });

  it('documents both ways of naming the resident in the OpenAPI description', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, { post?: { description?: string } }>;
    };
    const description = doc.paths['/api/v1/sync']?.post?.description ?? '';
    expect(description).toContain('`resident: {county, id}`');
    expect(description).toContain('`sync.resident`');
  });

  it('refuses a batch that is not one (400)', async () => {
    const notItems = await t.call('POST', '/sync', { deviceId: 'p', items: 'everything' });
    expect(notItems.statusCode).toBe(400);
    expect(notItems.json().error).toMatchObject({ code: 'request.invalid', field: 'body.items' });
    const noDevice = await t.call('POST', '/sync', { items: [] });
    expect(noDevice.statusCode).toBe(400);
  });

  it('takes 5,000 fully filled visits in one batch, well inside the body limit', async () => {
    const note =
      '本人表示本周六上午带父母一起到锦石乡卫生院接种，已提醒携带身份证和手机健康码，并登记接送需求。';
    const eligible = [1, 2, 4, 6];
    const items = Array.from({ length: 5000 }, (_, i) => ({
      kind: 'visit',
      id: randomUUID(),
      idNumber: id(eligible[i % eligible.length] as number, t.ids),
      visit: {
        outcome: 'booked',
        at: new Date(Date.parse('2021-08-01T00:00:00Z') + i * 60_000).toISOString(),
        channel: 'door',
        healthCode: 'green',
        followUpDate: '2021-08-15',
        bookedDate: '2021-08-14',
        site: '锦石乡卫生院临时接种点',
        placeText: '锦石村第一村民小组',
        reason: note,
      },
    }));
    const payload = JSON.stringify({ deviceId: 'phone-jinshi-2', userName: '锦石村网格员', items });
    const bytes = Buffer.byteLength(payload);
    expect(bytes).toBeLessThan(3 * 1024 * 1024);
    expect(bytes).toBeLessThan(BODY_LIMIT);
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/sync',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ received: 5000, stored: 5000, rejected: 0 });
  });

  it('gives the changes in some grids since a cursor, page by page', async () => {
    await t.call('POST', '/visits', { ...refusal(), idNumber: id(1, t.ids) });
    await t.call('POST', '/visits', { ...refusal(), idNumber: id(4, t.ids) });
    await t.call('POST', '/visits', { ...refusal(), idNumber: id(6, t.ids) });
    const first = await t.call('GET', `/sync/changes?grids=${GRIDS[0]},${GRIDS[1]}&limit=1`);
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.more).toBe(true);
    expect(page.items).toEqual([
      expect.objectContaining({ entity: 'visit', residentId: 1, gridCode: GRIDS[0] }),
    ]);
    expect(page.items[0].record).toMatchObject({ outcome: 'refused', channel: 'door' });
    const rest = (await t.call('GET', `/sync/changes?grids=430321205206&cursor=${page.cursor}`)).json();
    expect(rest.items.map((i: { residentId: number }) => i.residentId)).toEqual([4]);
    expect(rest.more).toBe(false);
    const none = (await t.call('GET', `/sync/changes?grids=${GRIDS[0]}&cursor=${rest.cursor}`)).json();
    expect(none).toEqual({ cursor: rest.cursor, items: [], more: false });

    const bad = await t.call('GET', '/sync/changes?grids=43x');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('request.invalid');
  });

  it('reports the phones that synced and whether they did today', async () => {
    // The device is reported with the user signed in on it, whatever name the phone claims.
    const member = await signedIn(t.app, t.store, 'grid-member', ['430321205206001'], 'jinshi-member');
    await member.inject({
      method: 'POST',
      url: `${V1}/sync`,
      payload: {
        deviceId: 'phone-jinshi-1',
        userName: '锦石村网格员',
        items: [{ kind: 'visit', id: randomUUID(), idNumber: id(1, t.ids), visit: refusal() }],
      },
    });
    const all = await t.call('GET', '/devices');
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toEqual([
      expect.objectContaining({
        deviceId: 'phone-jinshi-1',
        userName: 'jinshi-member',
        reportedToday: true,
        items: 1,
      }),
    ]);
    const village = (await t.call('GET', '/devices?place=430321205206')).json();
    expect(village.items).toHaveLength(1);
    const elsewhere = (await t.call('GET', '/devices?place=430321205201')).json();
    expect(elsewhere.items).toEqual([]);
    const bad = await t.call('GET', '/devices?place=12');
    expect(bad.statusCode).toBe(400);
  });
});
