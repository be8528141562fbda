import { afterAll, beforeEach, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { acknowledgeOrder, completeOrder } from '../../src/app/dispatch/answerOrder.js';
import { issueOrder } from '../../src/app/dispatch/issueOrder.js';
import { ordersOf } from '../../src/app/dispatch/ordersOf.js';
import { showOrder } from '../../src/app/dispatch/orderView.js';
import { buildDailyReport } from '../../src/app/reports/buildDailyReport.js';
import { isGridvaxError } from '../../src/domain/errors.js';
import type { Store } from '../../src/store/openStore.js';
import { smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';

const MORNING = new Date('2021-08-09T00:00:00.000Z'); // 08:00 in Shanghai
const AFTERNOON = new Date('2021-08-09T07:00:00.000Z'); // 15:00
const EVENING = new Date('2021-08-09T10:00:00.000Z'); // 18:00
const COUNTY = '430321';
const JINSHI = '430321205';
const JINSHI_VILLAGE = '430321205206';
const WUSHI_VILLAGE = '430321114207';

const ORDER = {
  title: '关于8月9日17:00前报送未接种人员销号台账的调度令',
  text: '请于8月9日17:00前报送各村未接种人员销号台账。',
  deadline: '2021-08-09T17:00:00+08:00',
};

async function refusal(p: Promise<unknown>): Promise<{ kind: string; code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isGridvaxError(e)) return { kind: e.kind, code: e.code, message: e.message };
    throw e;
  }
  throw new Error('not refused');
}

const counts = async (store: Store) => ({
  orders: Number(
    (
      await store.db
        .selectFrom('dispatch_orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  targets: Number(
    (
      await store.db
        .selectFrom('dispatch_order_targets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

describeEachStore('dispatch orders (调度令)', (c) => {
  let store: Store;
  let campaignId: number;

  beforeEach(async () => {
    store = await c.fresh();
    await store.pinNow(MORNING);
    await smallCounty(store, []);
    campaignId = Number(
      (
        await createCampaign(store, {
          name: '第一剂次接种',
          target: 'first-dose',
          minAge: 12,
          asOf: '2021-08-09',
          start: '2021-07-20',
          deadline: '2021-08-31',
        })
      ).id,
    );
  });
  afterAll(() => c.cleanup());

  const issue = (targets: string[], over: { scope?: string[]; issuer?: string } = {}) =>
    issueOrder(store, { ...ORDER, targets, campaignId, issuedBy: '县指挥部', ...over });

  it('issues an order to units under the county, each unit issued and owing an answer', async () => {
    const o = await issue([JINSHI, WUSHI_VILLAGE], { scope: [COUNTY] });
    expect(o).toMatchObject({
      issuer: { code: COUNTY, shortName: '湘潭县' },
      title: ORDER.title,
      issuedAt: MORNING.toISOString(),
      deadline: '2021-08-09T09:00:00.000Z',
      campaignId,
      counts: { targets: 2, acknowledged: 0, completed: 0, overdue: 0 },
    });
    // In code order.
    expect(o.targets.map((t) => [t.unit.code, t.unit.shortName, t.state])).toEqual([
      [WUSHI_VILLAGE, '乌石村', 'issued'],
      [JINSHI, '锦石乡', 'issued'],
    ]);
  });

  it('refuses an order to a unit outside the issuer’s scope, naming it, and writes nothing', async () => {
    // A township issuing to its own village and to another township's village.
    const outside = await refusal(
      issue([JINSHI_VILLAGE, WUSHI_VILLAGE], { scope: [JINSHI], issuer: JINSHI }),
    );
    expect(outside).toMatchObject({ kind: 'not-found', code: 'order.out-of-scope' });
    expect(outside.message).toContain(WUSHI_VILLAGE);
    // The county's caller, issuing as the township: 乌石村 is in the caller's places, not the issuer's.
    const notUnder = await refusal(issue([JINSHI_VILLAGE, WUSHI_VILLAGE], { issuer: JINSHI }));
    expect(notUnder.code).toBe('order.out-of-scope');
    // A unit in scope that does not exist fails after the others were checked: still nothing.
    const missing = await refusal(issue([JINSHI_VILLAGE, '430321205999'], { scope: [COUNTY] }));
    expect(missing.code).toBe('place.not-found');
    expect(await counts(store)).toEqual({ orders: 0, targets: 0 });
  });

  it('records acknowledgements and completions, once each, only for units in the caller’s places', async () => {
    const o = await issue([JINSHI, WUSHI_VILLAGE]);
    const jinshi = { orderId: o.id, unit: JINSHI, by: '锦石乡负责人', scope: [JINSHI] };

    await store.pinNow(new Date('2021-08-09T00:40:00.000Z'));
    const ack = await acknowledgeOrder(store, jinshi);
    expect(ack).toMatchObject({ state: 'acknowledged', acknowledged: true, recorded: true });
    expect(ack.acknowledgedAt).toBe('2021-08-09T00:40:00.000Z');
    // Again later: the first acknowledgement is kept.
    await store.pinNow(AFTERNOON);
    const again = await acknowledgeOrder(store, { ...jinshi, by: '别人' });
    expect(again).toMatchObject({
      recorded: false,
      acknowledgedAt: ack.acknowledgedAt,
      acknowledgedBy: '锦石乡负责人',
    });

    // 锦石乡 cannot answer for 乌石村; nor can anyone outside the order see it.
    expect((await refusal(acknowledgeOrder(store, { ...jinshi, unit: WUSHI_VILLAGE }))).code).toBe(
      'order.not-a-target',
    );
    expect(
      (await refusal(acknowledgeOrder(store, { ...jinshi, scope: ['430321102'], unit: '430321102' }))).code,
    ).toBe('order.not-found');
    expect((await refusal(acknowledgeOrder(store, { ...jinshi, unit: '430321205206' }))).code).toBe(
      'order.not-a-target',
    );

    const done = await completeOrder(store, { ...jinshi, note: '台账已报送' });
    expect(done).toMatchObject({
      state: 'completed',
      note: '台账已报送',
      completedAt: AFTERNOON.toISOString(),
    });
    expect((await refusal(completeOrder(store, { ...jinshi, note: '再报一次' }))).kind).toBe('conflict');
    expect((await refusal(completeOrder(store, { ...jinshi, note: ' ' }))).code).toBe('order.note');

    // Completing without acknowledging acknowledges too.
    const wushi = await completeOrder(store, {
      orderId: o.id,
      unit: WUSHI_VILLAGE,
      by: '乌石村',
      note: '已完成',
    });
    expect(wushi).toMatchObject({
      state: 'completed',
      acknowledged: true,
      acknowledgedAt: AFTERNOON.toISOString(),
    });
  });

  it('flags what is not completed by the deadline as overdue, in the unit’s view and the county’s', async () => {
    const o = await issue([JINSHI, WUSHI_VILLAGE]);
    await store.pinNow(AFTERNOON);
    await acknowledgeOrder(store, { orderId: o.id, unit: JINSHI, by: '锦石乡负责人' });
    await completeOrder(store, { orderId: o.id, unit: WUSHI_VILLAGE, by: '乌石村', note: '已完成' });
    await store.pinNow(EVENING);

    const county = await showOrder(store, { orderId: o.id, scope: [COUNTY] });
    expect(county.counts).toEqual({ targets: 2, acknowledged: 2, completed: 1, overdue: 1 });
    expect(county.targets.map((t) => [t.unit.code, t.state, t.minutesLate])).toEqual([
      [WUSHI_VILLAGE, 'completed', null],
      [JINSHI, 'overdue', 60],
    ]);

    // The township sees its own answer only; the list by state finds the overdue order.
    const own = await ordersOf(store, { place: JINSHI, scope: [JINSHI] });
    expect(own.map((x) => x.targets.map((t) => t.unit.code))).toEqual([[JINSHI]]);
    expect((await ordersOf(store, { place: COUNTY, state: 'overdue' })).map((x) => x.id)).toEqual([o.id]);
    expect(await ordersOf(store, { place: '430321114', state: 'overdue' })).toEqual([]);
    expect((await refusal(ordersOf(store, { place: COUNTY, scope: [JINSHI] }))).code).toBe('place.not-found');
    expect((await refusal(showOrder(store, { orderId: o.id, scope: ['430321102'] }))).code).toBe(
      'order.not-found',
    );

    // Completed after the deadline: late, and by how much.
    await store.pinNow(new Date('2021-08-09T10:30:00.000Z'));
    const late = await completeOrder(store, {
      orderId: o.id,
      unit: JINSHI,
      by: '锦石乡负责人',
      note: '补报',
    });
    expect(late).toMatchObject({ state: 'completed-late', minutesLate: 90 });
  });

  it('puts the overdue answers and the counts into the daily report, as they stood at its cut-off', async () => {
    const o = await issue([JINSHI, WUSHI_VILLAGE, JINSHI_VILLAGE]);
    await store.pinNow(AFTERNOON);
    await acknowledgeOrder(store, { orderId: o.id, unit: JINSHI, by: '锦石乡负责人' });
    await completeOrder(store, { orderId: o.id, unit: JINSHI_VILLAGE, by: '锦石村', note: '已报送' });
    await store.pinNow(EVENING);
    const report = await buildDailyReport(store, { campaignId, date: '2021-08-09' });
    expect(report.dispatch).toMatchObject({
      orders: 1,
      targets: 3,
      acknowledged: 2,
      completed: 1,
      completedLate: 0,
      overdue: 2,
    });
    expect(
      report.dispatch?.overdueOrders.map((x) => [x.code, x.name, x.acknowledged, x.minutesLate]),
    ).toEqual([
      [WUSHI_VILLAGE, '乌石镇乌石村', false, 60],
      [JINSHI, '锦石乡', true, 60],
    ]);
    // A township's report counts its own units only.
    const township = await buildDailyReport(store, { campaignId, date: '2021-08-09', place: JINSHI });
    expect(township.dispatch).toMatchObject({ targets: 2, overdue: 1 });

    // A late completion after the cut-off does not change the report of that cut-off.
    await store.pinNow(new Date('2021-08-09T12:00:00.000Z'));
    await completeOrder(store, { orderId: o.id, unit: JINSHI, by: '锦石乡负责人', note: '补报' });
    const same = await buildDailyReport(store, { campaignId, date: '2021-08-09', cutoffTime: '18:00' });
    expect(same.dispatch?.overdue).toBe(2);
    // The next day it is completed late and the order no longer overdue for 锦石乡.
    await store.pinNow(new Date('2021-08-10T10:00:00.000Z'));
    const next = await buildDailyReport(store, { campaignId, date: '2021-08-10' });
    expect(next.dispatch).toMatchObject({ completed: 1, completedLate: 1, overdue: 1 });
  });
});
