import { afterAll, beforeEach, expect, it } from 'vitest';
import { describeEachStore } from '../support/stores.js';
import { signedIn, type Session } from '../support/signIn.js';
import { apiCounty, EVENING, id, refusal, V1, type ApiCounty } from './apiCounty.js';

const VILLAGE = '430321205206';

describeEachStore('API: close-out ledger', (c) => {
  let t: ApiCounty;
  let ledger: string;
  /** The village grid head closes entries: the signed-in user is who the closure names. */
  let head: Session;
  const closeEntry = (body: object) =>
    head.inject({ method: 'POST', url: `${V1}${ledger}/closures`, payload: body });

  beforeEach(async () => {
    t = await apiCounty(c);
    ledger = `/campaigns/${t.campaignId}/ledger`;
    head = await signedIn(t.app, t.store, 'village-head', [VILLAGE], 'jinshi-head', '锦石村网格长');
    await t.call('POST', '/visits', { ...refusal(), idNumber: id(1, t.ids) });
  });
  afterAll(() => c.cleanup());

  it('lists the open and unscreened residents of a village, masked, with totals', async () => {
    const res = await t.call('GET', `${ledger}/${VILLAGE}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ place: VILLAGE, total: 3, byReason: { refused: 1, unscreened: 2 } });
    expect(body.entries.map((e: { residentId: number }) => e.residentId)).toEqual([1, 2, 4]);
    expect(body.entries[0]).toMatchObject({
      status: 'open',
      reason: 'refused',
      reasonLabel: { zh: '拒绝或犹豫' },
      followUpDate: '2021-08-12',
      followUpDue: false,
    });
    expect(body.entries[0].idNumber).toContain('*');
    const page = (await t.call('GET', `${ledger}/${VILLAGE}?limit=1&offset=1&unmasked=true`)).json();
    expect(page.total).toBe(3);
    expect(page.entries).toEqual([expect.objectContaining({ residentId: 2, idNumber: id(2, t.ids) })]);
  });

  it('closes an entry once the facts close it, and keeps the history', async () => {
    await t.call('POST', '/doses', {
      idNumber: id(1, t.ids),
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T15:00:00+08:00',
    });
    // A minute later: closing is checked against what changed since, by the store's clock.
    await t.store.pinNow(new Date(EVENING.getTime() + 60_000));
    const close = await closeEntry({
      idNumber: id(1, t.ids),
      reason: '已接种第一剂',
      closedBy: '锦石村网格长',
    });
    expect(close.statusCode).toBe(201);
    expect(close.json()).toMatchObject({
      residentId: 1,
      closedBy: '锦石村网格长',
      statusBefore: 'open',
      reasonBefore: 'refused',
      statusNow: 'done',
    });
    const history = await t.call('GET', `${ledger}/${VILLAGE}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.json().items).toEqual([
      expect.objectContaining({ residentId: 1, reason: '已接种第一剂' }),
    ]);
    expect((await t.call('GET', `${ledger}/${VILLAGE}`)).json().total).toBe(2);

    const twice = await closeEntry({
      idNumber: id(1, t.ids),
      reason: '再次销号',
      closedBy: '锦石村网格长',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('ledger.already-closed');
  });

  it('refuses to close an entry that is still open (422) and answers unknowns with 404', async () => {
    const open = await closeEntry({
      idNumber: id(2, t.ids),
      reason: '已联系',
      closedBy: '锦石村网格长',
    });
    expect(open.statusCode).toBe(422);
    expect(open.json().error.code).toBe('ledger.still-open');
    const noCampaign = await t.call('GET', `/campaigns/999/ledger/${VILLAGE}`);
    expect(noCampaign.statusCode).toBe(404);
    expect(noCampaign.json().error.code).toBe('campaign.not-found');
    const noPlace = await t.call('GET', `${ledger}/430321205299/history`);
    expect(noPlace.statusCode).toBe(404);
    expect(noPlace.json().error.code).toBe('place.not-found');
    const blank = await closeEntry({
      idNumber: id(2, t.ids),
      reason: ' ',
      closedBy: 'x',
    });
    expect(blank.statusCode).toBe(400);
  });
});
