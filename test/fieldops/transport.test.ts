import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { transportBoard, myTrips } from '../../src/app/transport/board.js';
import { addDriver, addVehicle, listDrivers, listVehicles } from '../../src/app/transport/fleet.js';
import { moveRequest } from '../../src/app/transport/moveRequest.js';
import { planDay } from '../../src/app/transport/planDay.js';
import { requestTransport } from '../../src/app/transport/requestTransport.js';
import { acceptSuggestions, suggestRequests } from '../../src/app/transport/suggestRequests.js';
import { addRider, createTrip } from '../../src/app/transport/trips.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import { isGridvaxError } from '../../src/domain/errors.js';
import type { Store } from '../../src/store/openStore.js';
import { addUser } from '../support/signIn.js';
import { describeEachStore } from '../support/stores.js';
import {
  BY,
  JINSHI,
  JINSHI_VILLAGE,
  OTHER_VILLAGE,
  transportCounty,
  type TransportCounty,
} from './transportCounty.js';

const TOMORROW = '2021-08-10';

async function refusal(p: Promise<unknown>): Promise<{ kind: string; code: string; en: string }> {
  try {
    await p;
  } catch (e) {
    if (isGridvaxError(e)) return { kind: e.kind, code: e.code, en: e.detail.message.en };
    throw e;
  }
  throw new Error('expected a refusal');
}

const count = async (
  store: Store,
  table: 'transport_request_moves' | 'transport_trips' | 'transport_requests',
) =>
  Number(
    (
      await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describeEachStore('transport (上门接送)', (c) => {
  let store: Store;
  let t: TransportCounty;
  const id = (n: number) => t.ids[n - 1] as string;

  beforeEach(async () => {
    store = await c.fresh();
    t = await transportCounty(store);
  });
  afterAll(() => c.cleanup());

  describe('suggestions', () => {
    it('suggests the booked 60-and-over with limited mobility or a remote home, and no one else', async () => {
      const s = await suggestRequests(store, { campaignId: t.campaignId, place: JINSHI, day: TOMORROW });
      expect(s.suggestions.map((x) => x.residentId)).toEqual([5, 1, 3]);
      const one = s.suggestions.find((x) => x.residentId === 1);
      expect(one).toMatchObject({
        why: ['limited-mobility'],
        age: 71,
        site: { id: t.siteId, name: '锦石乡卫生院' },
        window: { from: '08:00', to: '10:00' },
        villageCode: JINSHI_VILLAGE,
        bookedDate: TOMORROW,
      });
      expect(one?.idNumber).toContain('****');
      expect(one?.pickUp).toMatch(/^锦石乡/);
      const village = await suggestRequests(store, {
        campaignId: t.campaignId,
        place: JINSHI_VILLAGE,
        day: TOMORROW,
      });
      expect(village.suggestions.map((x) => x.residentId)).toEqual([1, 3]);
      // A grid member's scope stops at the grid: another village is not found.
      expect(
        (
          await refusal(
            suggestRequests(store, {
              campaignId: t.campaignId,
              place: OTHER_VILLAGE,
              day: TOMORROW,
              scope: ['430321205206001'],
            }),
          )
        ).code,
      ).toBe('place.not-found');
    });

    it('accepts them in bulk, item by item, and suggests no one twice', async () => {
      const all = await acceptSuggestions(store, {
        campaignId: t.campaignId,
        place: JINSHI,
        day: TOMORROW,
        by: BY,
      });
      expect(all).toMatchObject({ created: 3, refused: 0 });
      expect(
        (await suggestRequests(store, { campaignId: t.campaignId, place: JINSHI, day: TOMORROW }))
          .suggestions,
      ).toEqual([]);
      const again = await acceptSuggestions(store, {
        campaignId: t.campaignId,
        place: JINSHI,
        day: TOMORROW,
        items: [{ residentId: 1 }, { residentId: 2 }],
        by: BY,
      });
      expect(again.created).toBe(0);
      expect(again.results.map((r) => (r.result === 'refused' ? r.error.code : r.result))).toEqual([
        'transport.not-suggested',
        'transport.not-suggested',
      ]);
    });

    it('answers each item on its own: a bad window refuses that one and keeps the others', async () => {
      const r = await acceptSuggestions(store, {
        campaignId: t.campaignId,
        place: JINSHI,
        day: TOMORROW,
        items: [
          { residentId: 1, companion: true, window: '09:00-08:00' },
          { residentId: 3, window: '14:00-16:00', siteId: t.temporarySiteId },
        ],
        by: BY,
      });
      expect(r.results.map((x) => (x.result === 'refused' ? x.error.code : x.result))).toEqual([
        'transport.window',
        'created',
      ]);
      const made = r.results[1];
      expect(made?.result === 'created' && made.ride).toMatchObject({
        windowText: '14:00–16:00',
        site: { id: t.temporarySiteId },
        status: 'requested',
        campaignId: t.campaignId,
      });
    });
  });

  describe('requests', () => {
    it('books a ride with the household address, once per resident and day', async () => {
      const ride = await requestTransport(store, {
        idNumber: id(2),
        day: TOMORROW,
        window: '08:00-10:00',
        by: BY,
      });
      expect(ride).toMatchObject({
        status: 'requested',
        site: { id: t.siteId },
        requestedBy: '调度员',
        seats: 1,
      });
      expect(ride.pickUp).toMatch(/^锦石乡/);
      expect(
        (
          await refusal(
            requestTransport(store, { idNumber: id(2), day: TOMORROW, window: '10:00-12:00', by: BY }),
          )
        ).code,
      ).toBe('transport.duplicate');
      // Cancelled, a new request may be made.
      await moveRequest(store, { requestId: ride.id, to: 'cancelled', reason: '改约', by: BY });
      const again = await requestTransport(store, {
        idNumber: id(2),
        day: TOMORROW,
        window: '10:00-12:00',
        pickUp: '村委会门口',
        by: BY,
      });
      expect(again.pickUp).toBe('村委会门口');
    });

    it('refuses a site of another township, a past day, the deceased, after hours, out of scope', async () => {
      const base = { idNumber: id(1), day: TOMORROW, window: '08:00-10:00', by: BY };
      expect((await refusal(requestTransport(store, { ...base, siteId: t.wushiSiteId }))).code).toBe(
        'transport.site-township',
      );
      expect((await refusal(requestTransport(store, { ...base, day: '2021-08-08' }))).code).toBe(
        'transport.past-day',
      );
      expect((await refusal(requestTransport(store, { ...base, idNumber: id(6) }))).code).toBe(
        'transport.resident-inactive',
      );
      expect((await refusal(requestTransport(store, { ...base, window: '17:00-18:00' }))).code).toBe(
        'transport.after-hours',
      );
      expect((await refusal(requestTransport(store, { ...base, scope: ['430321205201'] }))).code).toBe(
        'resident.not-found',
      );
      expect((await refusal(requestTransport(store, { ...base, siteId: 999 }))).code).toBe('site.not-found');
      expect(await count(store, 'transport_requests')).toBe(0);
    });
  });

  describe('fleet and trips', () => {
    async function fleet() {
      await addUser(store, 'driver', 'driver', ['430321']);
      const d1 = await addDriver(store, {
        place: JINSHI,
        name: '刘建国',
        phone: '13807320001',
        username: 'driver',
      });
      const d2 = await addDriver(store, { place: JINSHI_VILLAGE, name: '王志强', phone: '13807320002' });
      const car = await addVehicle(store, { place: JINSHI, plate: '湘C a1234', seats: 4 });
      const van = await addVehicle(store, { place: JINSHI, plate: '湘C·B5678', seats: 3, accessible: true });
      return { d1, d2, car, van };
    }

    it('registers drivers and vehicles, linking a driver account once', async () => {
      const { d1, car } = await fleet();
      expect(d1).toMatchObject({ username: 'driver', township: JINSHI, phone: '13807320001' });
      expect(car.plate).toBe('湘CA1234');
      expect((await listDrivers(store, { place: JINSHI })).map((d) => d.name)).toEqual(['刘建国', '王志强']);
      expect((await listDrivers(store, { place: JINSHI_VILLAGE })).map((d) => d.name)).toEqual(['王志强']);
      expect(
        (await listVehicles(store, { place: JINSHI })).map((v) => [v.plate, v.seats, v.accessible]),
      ).toEqual([
        ['湘CA1234', 4, false],
        ['湘C·B5678', 3, true],
      ]);
      expect(
        (
          await refusal(
            addDriver(store, { place: JINSHI, name: '再来', phone: '13807320003', username: 'driver' }),
          )
        ).code,
      ).toBe('transport.driver-user-taken');
      await addUser(store, 'lead', 'township-lead', [JINSHI]);
      expect(
        (
          await refusal(
            addDriver(store, { place: JINSHI, name: '李', phone: '13807320004', username: 'lead' }),
          )
        ).code,
      ).toBe('transport.driver-role');
      expect((await refusal(addVehicle(store, { place: JINSHI, plate: '湘CA1234', seats: 5 }))).code).toBe(
        'transport.plate-taken',
      );
      expect((await refusal(addVehicle(store, { place: JINSHI, plate: '湘CX', seats: 0 }))).code).toBe(
        'transport.seats',
      );
      expect(
        (await refusal(addVehicle(store, { place: '430321205206001', plate: '湘CY', seats: 4 }))).code,
      ).toBe('transport.place');
    });

    it('plans the day: a household together, a companion takes a seat, a wheelchair in the accessible van', async () => {
      const { d1, d2, car, van } = await fleet();
      await acceptSuggestions(store, {
        campaignId: t.campaignId,
        place: JINSHI,
        day: TOMORROW,
        items: [{ residentId: 1, companion: true }, { residentId: 3 }, { residentId: 5, wheelchair: true }],
        by: BY,
      });
      const plan = await planDay(store, { place: JINSHI, day: TOMORROW, by: BY });
      expect(plan.explanation.length).toBeGreaterThan(3);
      expect(plan.assigned).toBe(3);
      expect(plan.unplanned).toEqual([]);
      const ofResident = (n: number) => plan.trips.find((tr) => tr.riders.some((r) => r.residentId === n));
      expect(ofResident(1)?.id).toBe(ofResident(3)?.id);
      expect(ofResident(1)).toMatchObject({
        vehicle: { id: car.id },
        driver: { id: d2.id },
        seatsUsed: 3,
        seatsLeft: 1,
      });
      expect(ofResident(5)).toMatchObject({
        vehicle: { id: van.id, accessible: true },
        driver: { id: d1.id },
        seatsUsed: 1,
      });
      // Villages in code order: 430321205201's wheelchair rider first, so the van gets the first driver.
      expect(ofResident(1)?.riders[0]?.idNumber).toContain('****');
      // Planning again finds nothing left to plan.
      expect((await planDay(store, { place: JINSHI, day: TOMORROW, by: BY })).assigned).toBe(0);
      expect(await count(store, 'transport_trips')).toBe(2);
    });

    it('refuses a rider over the seats left (trip.over-seats) and writes nothing', async () => {
      const { car } = await fleet();
      const trip = await createTrip(store, {
        village: JINSHI_VILLAGE,
        day: TOMORROW,
        window: '08:00-10:00',
        vehicleId: car.id,
        by: BY,
      });
      expect(trip).toMatchObject({
        seats: 4,
        seatsUsed: 0,
        origin: 'manual',
        driver: null,
        progress: 'waiting',
      });
      const rides = [];
      for (const n of [1, 2, 3]) {
        rides.push(
          await requestTransport(store, {
            idNumber: id(n),
            day: TOMORROW,
            window: '08:00-10:00',
            companion: n !== 3,
            by: BY,
          }),
        );
      }
      await addRider(store, { tripId: trip.id, requestId: rides[0]?.id as number, by: BY });
      await addRider(store, { tripId: trip.id, requestId: rides[1]?.id as number, by: BY });
      const moves = await count(store, 'transport_request_moves');
      const over = await refusal(
        addRider(store, { tripId: trip.id, requestId: rides[2]?.id as number, by: BY }),
      );
      // 2 + 2 seats of 4 are taken: the third (1 seat) does not fit.
      expect(over).toMatchObject({ kind: 'business-rule', code: 'trip.over-seats' });
      expect(over.en).toContain('0 of 4 seats left');
      expect(await count(store, 'transport_request_moves')).toBe(moves);
      // Tomorrow's rider cannot be marked picked up today, with or without a time given.
      expect(
        (await refusal(moveRequest(store, { requestId: rides[0]?.id as number, to: 'picked-up', by: BY })))
          .code,
      ).toBe('transport.other-day');
      const board = await transportBoard(store, { place: JINSHI, day: TOMORROW });
      expect(board.counts).toMatchObject({ requested: 1, assigned: 2 });
      expect(board.trips[0]).toMatchObject({ seatsUsed: 4, seatsLeft: 0 });
      // The same vehicle cannot be on two trips at once; another window is fine.
      expect(
        (
          await refusal(
            createTrip(store, {
              village: JINSHI_VILLAGE,
              day: TOMORROW,
              window: '09:00-11:00',
              vehicleId: car.id,
              by: BY,
            }),
          )
        ).code,
      ).toBe('trip.vehicle-busy');
      const later = await createTrip(store, {
        village: JINSHI_VILLAGE,
        day: TOMORROW,
        window: '10:00-12:00',
        vehicleId: car.id,
        by: BY,
      });
      expect(
        (await refusal(addRider(store, { tripId: later.id, requestId: rides[2]?.id as number, by: BY })))
          .code,
      ).toBe('trip.other-window');
    });

    it('moves a ride along, shows a vaccinated mark without a dose as a mismatch, and gives back a cancelled seat', async () => {
      const { car, d1 } = await fleet();
      const trip = await createTrip(store, {
        village: JINSHI_VILLAGE,
        day: '2021-08-09',
        window: '08:00-10:00',
        vehicleId: car.id,
        driverId: d1.id,
        by: BY,
      });
      const r1 = await requestTransport(store, {
        idNumber: id(1),
        day: '2021-08-09',
        window: '08:00-10:00',
        by: BY,
      });
      const r2 = await requestTransport(store, {
        idNumber: id(2),
        day: '2021-08-09',
        window: '08:00-10:00',
        companion: true,
        by: BY,
      });
      await addRider(store, { tripId: trip.id, requestId: r1.id, by: BY });
      await addRider(store, { tripId: trip.id, requestId: r2.id, by: BY });

      const bad = await refusal(moveRequest(store, { requestId: r1.id, to: 'returned', by: BY }));
      expect(bad).toMatchObject({ kind: 'business-rule', code: 'transport.bad-transition' });
      expect(bad.en).toContain('from assigned to returned');
      expect((await refusal(moveRequest(store, { requestId: r1.id, to: 'assigned', by: BY }))).code).toBe(
        'transport.bad-transition',
      );

      // A driver account not linked to the trip's driver may not move it; the linked one may.
      await addUser(store, 'driver2', 'driver', ['430321']);
      const driver2 = await store.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'driver2')
        .executeTakeFirstOrThrow();
      const driver = await store.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'driver')
        .executeTakeFirstOrThrow();
      expect(
        (
          await refusal(
            moveRequest(store, {
              requestId: r1.id,
              to: 'picked-up',
              by: { name: 'driver2', userId: Number(driver2.id), role: 'driver' },
            }),
          )
        ).kind,
      ).toBe('forbidden');
      const asDriver = { name: 'driver', userId: Number(driver.id), role: 'driver' as const };
      await moveRequest(store, {
        requestId: r1.id,
        to: 'picked-up',
        at: '2021-08-09T08:20:00+08:00',
        by: asDriver,
      });
      const v = await moveRequest(store, {
        requestId: r1.id,
        to: 'vaccinated',
        at: '2021-08-09T09:10:00+08:00',
        by: asDriver,
      });
      expect(v).toMatchObject({
        from: 'picked-up',
        to: 'vaccinated',
        ride: { doseRecorded: false, mismatch: true },
      });
      expect((await transportBoard(store, { place: JINSHI, day: '2021-08-09' })).mismatches).toBe(1);
      await recordDose(store, await findResident(store.db, id(1)), {
        product: 'sinovac',
        doseNumber: 1,
        at: '2021-08-09T09:00:00+08:00',
        site: '锦石乡卫生院',
      });
      const board = await transportBoard(store, { place: JINSHI, day: '2021-08-09' });
      expect(board.mismatches).toBe(0);
      expect(board.stillOut).toBe(1);
      expect(board.byStatus.vaccinated[0]).toMatchObject({
        residentId: 1,
        doseRecorded: true,
        pickedUpAt: '2021-08-09T00:20:00.000Z',
      });
      expect(board.trips[0]).toMatchObject({
        progress: 'under-way',
        driver: { name: '刘建国' },
        seatsUsed: 3,
      });

      expect(
        (
          await refusal(
            moveRequest(store, {
              requestId: r1.id,
              to: 'returned',
              at: '2021-08-09T19:00:00+08:00',
              by: asDriver,
            }),
          )
        ).code,
      ).toBe('transport.future');
      await moveRequest(store, { requestId: r1.id, to: 'returned', by: asDriver });
      expect((await refusal(moveRequest(store, { requestId: r2.id, to: 'cancelled', by: BY }))).code).toBe(
        'transport.reason',
      );
      const cancelled = await moveRequest(store, {
        requestId: r2.id,
        to: 'cancelled',
        reason: '家属自行接送',
        by: BY,
      });
      expect(cancelled.ride).toMatchObject({ status: 'cancelled', reason: '家属自行接送' });
      const after = await transportBoard(store, { place: JINSHI, day: '2021-08-09' });
      expect(after.trips[0]).toMatchObject({
        seatsUsed: 1,
        progress: 'done',
        riders: [{ residentId: 1, status: 'returned' }],
      });
      expect(after.counts).toMatchObject({ returned: 1, cancelled: 1 });

      const mine = await myTrips(store, { userId: Number(driver.id), day: '2021-08-09' });
      expect(mine.driver).toMatchObject({ name: '刘建国' });
      expect(mine.trips.map((x) => x.id)).toEqual([trip.id]);
      // The driver calls the riders they fetch: the phone in full, the ID number still masked.
      expect(mine.trips[0]?.riders[0]?.phone).toBe('13812345678');
      expect(mine.trips[0]?.riders[0]?.idNumber).toContain('********');
      expect((await myTrips(store, { userId: Number(driver2.id), day: '2021-08-09' })).driver).toBeNull();
    });
  });
});
