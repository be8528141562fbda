import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.js';
import type { Store } from '../../src/store/openStore.js';
import { signedIn, type Session } from '../support/signIn.js';
import { describeEachStore } from '../support/stores.js';
import { JINSHI, JINSHI_VILLAGE, transportCounty, type TransportCounty } from './transportCounty.js';

const T = '/api/v1/transport';
const TODAY = '2021-08-09';
const TOMORROW = '2021-08-10';

describeEachStore('transport API', (c) => {
  let store: Store;
  let app: FastifyInstance;
  let t: TransportCounty;
  let commander: Session;
  let gridMember: Session;
  let driver: Session;
  let otherDriver: Session;
  let vehicleId: number;
  let smallCarId: number;
  let driverId: number;

  const call = (s: Session, method: InjectOptions['method'], url: string, body?: object) =>
    s.inject({ method, url, ...(body ? { payload: body } : {}) });
  const id = (n: number) => t.ids[n - 1] as string;

  beforeAll(async () => {
    store = await c.fresh();
    t = await transportCounty(store);
    app = await buildServer(store);
    commander = await signedIn(app, store, 'commander', ['430321'], 'commander', '县指挥部');
    gridMember = await signedIn(app, store, 'grid-member', ['430321205206001'], 'grid', '网格员小周');
    driver = await signedIn(app, store, 'driver', ['430321'], 'driver', '刘师傅');
    otherDriver = await signedIn(app, store, 'driver', ['430321'], 'driver2');
    const d = await call(commander, 'POST', `${T}/drivers`, {
      place: JINSHI,
      name: '刘建国',
      phone: '13807320001',
      username: 'driver',
    });
    expect(d.statusCode, d.body).toBe(201);
    driverId = d.json().id;
    const v = await call(commander, 'POST', `${T}/vehicles`, { place: JINSHI, plate: '湘C·A1234', seats: 4 });
    expect(v.statusCode, v.body).toBe(201);
    vehicleId = v.json().id;
    smallCarId = (
      await call(commander, 'POST', `${T}/vehicles`, { place: JINSHI, plate: '湘C·S0001', seats: 2 })
    ).json().id;
  });
  afterAll(async () => {
    await app.close();
    await c.cleanup();
  });

  it('lists the fleet, and refuses a second registration of a plate', async () => {
    const drivers = await call(commander, 'GET', `${T}/drivers?place=${JINSHI}`);
    expect(drivers.json().items).toEqual([
      expect.objectContaining({ name: '刘建国', username: 'driver', phone: '13807320001' }),
    ]);
    const again = await call(commander, 'POST', `${T}/vehicles`, {
      place: JINSHI,
      plate: '湘C·A1234',
      seats: 5,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('transport.plate-taken');
  });

  it("the grid member's book-transport form: suggestions of the grid, a ride booked with the defaults", async () => {
    const s = await call(
      gridMember,
      'GET',
      `${T}/suggestions?campaign=${t.campaignId}&place=430321205206001&day=${TOMORROW}`,
    );
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json().suggestions.map((x: { residentId: number }) => x.residentId)).toEqual([1, 3]);
    expect(s.body).not.toContain(id(1));
    const booked = await call(gridMember, 'POST', `${T}/requests`, {
      idNumber: id(2),
      day: TOMORROW,
      window: '08:00-10:00',
      companion: true,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json()).toMatchObject({
      status: 'requested',
      requestedBy: '网格员小周',
      site: { id: t.siteId, name: '锦石乡卫生院' },
      seats: 2,
    });
    expect(booked.json().idNumber).toContain('****');
    const twice = await call(gridMember, 'POST', `${T}/requests`, {
      idNumber: id(2),
      day: TOMORROW,
      window: '08:00-10:00',
    });
    expect(twice.json().error.code).toBe('transport.duplicate');
    // Another village's resident is not the grid member's to book.
    const other = await call(gridMember, 'POST', `${T}/requests`, {
      idNumber: id(5),
      day: TOMORROW,
      window: '08:00-10:00',
    });
    expect(other.statusCode).toBe(404);
    // The phone holds masked ID numbers: it may name the resident by the worklist's id instead.
    const byKey = await call(gridMember, 'POST', `${T}/requests`, {
      residentId: 3,
      day: '2021-08-12',
      window: '08:00-10:00',
    });
    expect(byKey.statusCode, byKey.body).toBe(201);
    expect(byKey.json()).toMatchObject({ residentId: 3, county: '430321', day: '2021-08-12' });
    const outside = { residentId: 5, county: '430321', day: '2021-08-12', window: '08:00-10:00' };
    expect((await call(gridMember, 'POST', `${T}/requests`, outside)).statusCode).toBe(404);
    const both = await call(gridMember, 'POST', `${T}/requests`, { ...outside, idNumber: id(1) });
    expect(both.json().error.code).toBe('transport.resident');
    const audit = await call(commander, 'GET', '/api/v1/audit?action=transport.request&limit=10');
    expect(audit.json().items.some((a: { actor: string }) => a.actor === 'grid')).toBe(true);
  });

  it('accepts the suggestions and plans the day with the explanation', async () => {
    const accepted = await call(commander, 'POST', `${T}/suggestions/accept`, {
      campaignId: t.campaignId,
      place: JINSHI,
      day: TOMORROW,
      items: [{ residentId: 1 }, { residentId: 3 }, { residentId: 5 }, { residentId: 7 }],
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ created: 3, refused: 1 });
    expect(accepted.json().results[3]).toMatchObject({
      residentId: 7,
      result: 'refused',
      error: { code: 'transport.not-suggested' },
    });

    const plan = await call(commander, 'POST', `${T}/plan`, { place: JINSHI, day: TOMORROW });
    expect(plan.statusCode, plan.body).toBe(200);
    const p = plan.json();
    expect(p.explanation[0].zh).toBeTruthy();
    // 4 riders taking 5 seats: the 4-seater and the 2-seater, never over their seats.
    expect(p.assigned).toBe(4);
    for (const trip of p.trips) expect(trip.seatsUsed).toBeLessThanOrEqual(trip.seats);
    expect(p.trips.reduce((n: number, x: { seatsUsed: number }) => n + x.seatsUsed, 0)).toBe(5);
  });

  it('refuses a rider over the seats (422 trip.over-seats) and writes nothing', async () => {
    const trip = await call(commander, 'POST', `${T}/trips`, {
      village: JINSHI_VILLAGE,
      day: TOMORROW,
      window: '14:00-16:00',
      vehicleId: smallCarId,
    });
    expect(trip.statusCode, trip.body).toBe(201);
    const ride = async (n: number, companion: boolean) =>
      (
        await call(commander, 'POST', `${T}/requests`, {
          idNumber: id(n),
          day: '2021-08-11',
          window: '14:00-16:00',
          companion,
        })
      ).json();
    const later = await call(commander, 'POST', `${T}/trips`, {
      village: JINSHI_VILLAGE,
      day: '2021-08-11',
      window: '14:00-16:00',
      vehicleId: smallCarId,
    });
    const a = await ride(2, false);
    const b = await ride(1, true);
    expect(
      (await call(commander, 'POST', `${T}/trips/${later.json().id}/riders`, { requestId: a.id })).statusCode,
    ).toBe(200);
    const over = await call(commander, 'POST', `${T}/trips/${later.json().id}/riders`, { requestId: b.id });
    expect(over.statusCode).toBe(422);
    expect(over.json().error).toMatchObject({ code: 'trip.over-seats' });
    expect(over.json().error.messageEn).toContain('1 of 2 seats left');
    const board = (await call(commander, 'GET', `${T}/board/${JINSHI}?day=2021-08-11`)).json();
    expect(board.counts).toMatchObject({ requested: 1, assigned: 1 });
    expect(board.byStatus.requested[0]).toMatchObject({ id: b.id, tripId: null });
    expect(board.trips.find((x: { id: number }) => x.id === later.json().id)).toMatchObject({
      seatsUsed: 1,
      seatsLeft: 1,
    });
  });

  it("moves rides on the driver's own trip; another driver is forbidden; a bad move names from and to", async () => {
    const trip = await call(commander, 'POST', `${T}/trips`, {
      village: JINSHI_VILLAGE,
      day: TODAY,
      window: '08:00-10:00',
      vehicleId,
      driverId,
    });
    expect(trip.statusCode, trip.body).toBe(201);
    const ride = await call(gridMember, 'POST', `${T}/requests`, {
      idNumber: id(1),
      day: TODAY,
      window: '08:00-10:00',
    });
    const rideId = ride.json().id;
    await call(commander, 'POST', `${T}/trips/${trip.json().id}/riders`, { requestId: rideId });

    const bad = await call(driver, 'POST', `${T}/requests/${rideId}/moves`, { to: 'vaccinated' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('transport.bad-transition');
    expect(bad.json().error.messageEn).toContain('from assigned to vaccinated');

    const notMine = await call(otherDriver, 'POST', `${T}/requests/${rideId}/moves`, { to: 'picked-up' });
    expect(notMine.statusCode).toBe(403);
    expect(notMine.json().error.code).toBe('transport.not-your-trip');

    const picked = await call(driver, 'POST', `${T}/requests/${rideId}/moves`, {
      to: 'picked-up',
      at: '2021-08-09T08:15:00+08:00',
    });
    expect(picked.statusCode, picked.body).toBe(200);
    expect(picked.json()).toMatchObject({ from: 'assigned', to: 'picked-up' });
    const vaccinated = await call(driver, 'POST', `${T}/requests/${rideId}/moves`, { to: 'vaccinated' });
    expect(vaccinated.json().ride).toMatchObject({
      status: 'vaccinated',
      doseRecorded: false,
      mismatch: true,
    });

    const moves = await call(commander, 'GET', '/api/v1/audit?action=transport.move&limit=10');
    expect(moves.json().items[0]).toMatchObject({
      actor: 'driver',
      detail: { before: { status: 'picked-up' }, after: { status: 'vaccinated' } },
    });

    const mine = await call(driver, 'GET', `${T}/my-trips?day=${TODAY}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().driver).toMatchObject({ id: driverId, name: '刘建国' });
    expect(mine.json().trips[0]).toMatchObject({ progress: 'under-way', vehicle: { plate: '湘C·A1234' } });
    expect(mine.json().trips[0].riders[0]).toMatchObject({
      name: '居民1',
      phone: '13812345678',
      status: 'vaccinated',
    });
    expect(mine.body).not.toContain(id(1));
    expect((await call(driver, 'GET', `${T}/my-trips?day=${TODAY}&unmasked=true`)).statusCode).toBe(403);
    expect((await call(otherDriver, 'GET', `${T}/my-trips?day=${TODAY}`)).json()).toMatchObject({
      driver: null,
      trips: [],
    });

    const board = await call(commander, 'GET', `${T}/board/${JINSHI}?day=${TODAY}&unmasked=true`);
    expect(board.json()).toMatchObject({ stillOut: 1, mismatches: 1 });
    expect(board.body).toContain(id(1));
    expect((await call(gridMember, 'GET', `${T}/board/${JINSHI}?day=${TODAY}`)).statusCode).toBe(404);
    const gridBoard = await call(gridMember, 'GET', `${T}/board/430321205206001?day=${TODAY}`);
    expect(gridBoard.json().byStatus.vaccinated).toHaveLength(1);
  });

  it('documents the routes under the transport tag', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const tagged = Object.entries(doc.paths as Record<string, Record<string, { tags?: string[] }>>).filter(
      ([p]) => p.startsWith('/api/v1/transport'),
    );
    expect(tagged.length).toBeGreaterThanOrEqual(10);
    for (const [, ops] of tagged) for (const op of Object.values(ops)) expect(op.tags).toEqual(['transport']);
  });
});
