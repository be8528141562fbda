import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { apiCounty, id, V1, type ApiCounty } from '../api/apiCounty.js';
import { signedIn, type Session } from '../support/signIn.js';
import { describeEachStore } from '../support/stores.js';

const JINSHI = '430321205';
const VILLAGE = '430321205206';
const WUSHI_VILLAGE = '430321114207';

const ORDER = {
  title: '关于8月9日20:00前报送未接种人员销号台账的调度令',
  text: '请于今晚20:00前报送各村未接种人员销号台账。',
  deadline: '2021-08-09T20:00:00+08:00',
};

describeEachStore('API: dispatch orders and village notices', (c) => {
  let t: ApiCounty;
  let lead: Session;

  beforeEach(async () => {
    t = await apiCounty(c);
    lead = await signedIn(t.app, t.store, 'township-lead', [JINSHI], 'jinshi-lead', '锦石乡负责人');
  });
  afterEach(() => t.app.close());
  afterAll(() => c.cleanup());

  const audit = async (action: string) =>
    (await t.call('GET', `/audit?action=${action}&limit=100`)).json().items as {
      entityId: string;
      detail: unknown;
    }[];

  it('issues an order, refuses one outside the county whole, and lets each unit answer for itself', async () => {
    const refused = await t.call('POST', '/orders', { ...ORDER, targets: [JINSHI, '430322100'] });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error).toMatchObject({ code: 'order.out-of-scope', field: 'targets' });
    expect(refused.json().error.message).toContain('430322100');
    expect((await t.call('GET', `/orders?place=430321`)).json().items).toEqual([]);

    const res = await t.call('POST', '/orders', {
      ...ORDER,
      targets: [JINSHI, WUSHI_VILLAGE],
      campaign: t.campaignId,
    });
    expect(res.statusCode).toBe(201);
    const order = res.json();
    expect(order).toMatchObject({
      issuer: { code: '430321' },
      issuedBy: expect.any(String) as unknown,
      deadline: '2021-08-09T12:00:00.000Z',
      counts: { targets: 2, acknowledged: 0, completed: 0, overdue: 0 },
    });
    expect((await audit('order.issue')).map((a) => a.entityId)).toEqual([String(order.id)]);

    // The township lead: not allowed to issue; sees its own unit only; acknowledges it, once.
    expect(
      (await lead.inject({ method: 'POST', url: `${V1}/orders`, payload: { ...ORDER, targets: [VILLAGE] } }))
        .statusCode,
    ).toBe(403);
    const own = await lead.inject({ method: 'GET', url: `${V1}/orders/${order.id}` });
    expect(own.json().targets.map((x: { unit: { code: string } }) => x.unit.code)).toEqual([JINSHI]);
    const ackUrl = `${V1}/orders/${order.id}/units/${JINSHI}/ack`;
    const ack = await lead.inject({ method: 'POST', url: ackUrl });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({
      state: 'acknowledged',
      acknowledgedBy: '锦石乡负责人',
      recorded: true,
    });
    expect((await lead.inject({ method: 'POST', url: ackUrl })).json()).toMatchObject({ recorded: false });
    expect(
      (await lead.inject({ method: 'POST', url: `${V1}/orders/${order.id}/units/${WUSHI_VILLAGE}/ack` }))
        .statusCode,
    ).toBe(404);
    expect((await audit('order.acknowledge')).map((a) => a.entityId)).toEqual([`${order.id}/${JINSHI}`]);

    const complete = (note: string) =>
      lead.inject({
        method: 'POST',
        url: `${V1}/orders/${order.id}/units/${JINSHI}/complete`,
        payload: { note },
      });
    const done = await complete('台账已报送');
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ state: 'completed', note: '台账已报送' });
    expect((await complete('再报')).statusCode).toBe(409);

    // After the deadline 乌石村 is overdue: the county's board and the daily report say so.
    await t.store.pinNow(new Date('2021-08-09T13:00:00.000Z'));
    const overdue = (await t.call('GET', '/orders?place=430321&state=overdue')).json().items;
    expect(overdue).toHaveLength(1);
    expect(
      overdue[0].targets.find((x: { unit: { code: string } }) => x.unit.code === WUSHI_VILLAGE),
    ).toMatchObject({
      state: 'overdue',
      minutesLate: 60,
    });
    const report = await t.call('GET', `/reports/daily?campaign=${t.campaignId}&date=2021-08-09`);
    expect(report.statusCode).toBe(200);
    // The day's cut-off (18:00) was before the deadline: nothing was overdue then.
    expect(report.json().dispatch).toMatchObject({
      orders: 1,
      targets: 2,
      acknowledged: 1,
      completed: 1,
      overdue: 0,
    });
    await t.store.pinNow(new Date('2021-08-10T10:00:00.000Z'));
    const next = await t.call('GET', `/reports/daily?campaign=${t.campaignId}&date=2021-08-10&format=text`);
    expect(next.body).toContain('【调度令】');
    expect(next.body).toContain(
      '乌石镇乌石村《关于8月9日20:00前报送未接种人员销号台账的调度令》（8月9日20:00到期，未签收，逾期',
    );
  });

  it("serves a village's notice, its edit, its loudspeaker schedule and its public list", async () => {
    await t.store.db
      .updateTable('residents')
      .set({ public_role: 'party-member' })
      .where('id', '=', 1)
      .execute();
    await t.call('POST', '/doses', {
      idNumber: id(1, t.ids),
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T09:00:00+08:00',
    });
    const n = await t.call('GET', `/notices/${VILLAGE}?campaign=${t.campaignId}`);
    expect(n.statusCode).toBe(200);
    expect(n.json()).toMatchObject({
      date: '2021-08-09',
      edited: false,
      facts: { done: 1, open: 0, unscreened: 2 },
    });
    expect(n.json().text.zh).toContain('【锦石村新冠疫苗接种通知】8月9日');

    const edit = await t.call('PUT', `/notices/${VILLAGE}/text`, { zh: '今晚村部开会' });
    expect(edit.statusCode).toBe(200);
    expect((await t.call('GET', `/notices/${VILLAGE}?campaign=${t.campaignId}`)).json().text.zh).toBe(
      '今晚村部开会',
    );
    expect((await t.call('DELETE', `/notices/${VILLAGE}/text`)).json()).toMatchObject({ cleared: true });
    expect((await audit('notice.edit')).map((a) => a.entityId)).toEqual([`${VILLAGE}/2021-08-09`]);

    expect((await t.call('GET', `/notices/${VILLAGE}/broadcasts`)).json()).toMatchObject({ isDefault: true });
    const set = await t.call('PUT', `/notices/${VILLAGE}/broadcasts`, {
      slots: [{ time: '07:00', message: '疫苗要打好，筑牢防疫墙，大家都放心' }],
    });
    expect(set.statusCode).toBe(200);
    expect((await t.call('GET', `/notices/${VILLAGE}/broadcasts`)).json()).toMatchObject({
      isDefault: false,
      slots: [{ time: '07:00' }],
    });
    const bad = await t.call('PUT', `/notices/${VILLAGE}/broadcasts`, {
      slots: [{ time: '7点', message: 'x' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('broadcast.time');

    const leaders = await t.call('GET', `/notices/${VILLAGE}/leaders?campaign=${t.campaignId}`);
    expect(leaders.json().items).toEqual([
      {
        name: '居民1',
        role: 'party-member',
        roleLabel: { zh: '党员', en: 'party member' },
        firstDoseOn: '2021-08-09',
      },
    ]);
    expect(leaders.body).not.toContain(id(1, t.ids));

    // A township is not a village; a village outside the lead's township is not found.
    expect((await t.call('GET', `/notices/${JINSHI}000/broadcasts`)).statusCode).toBe(404);
    expect(
      (await lead.inject({ method: 'GET', url: `${V1}/notices/${WUSHI_VILLAGE}/broadcasts` })).statusCode,
    ).toBe(404);
  });

  it('documents the routes under the dispatch tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    for (const path of [
      '/api/v1/orders',
      '/api/v1/orders/{id}',
      '/api/v1/orders/{id}/units/{unit}/ack',
      '/api/v1/orders/{id}/units/{unit}/complete',
      '/api/v1/notices/{village}',
      '/api/v1/notices/{village}/text',
      '/api/v1/notices/{village}/broadcasts',
      '/api/v1/notices/{village}/leaders',
    ]) {
      const ops = Object.values(doc.paths[path] ?? {});
      expect(ops.length, path).toBeGreaterThan(0);
      for (const op of ops) expect(op.tags, path).toEqual(['dispatch']);
    }
  });
});
