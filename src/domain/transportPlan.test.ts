import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  planTrips,
  seatsNeeded,
  type PlanInput,
  type PlanRequest,
  type PlanTrip,
  type PlanVehicle,
} from './transportPlan.js';
import { sameWindow, windowsOverlap, type TimeWindow } from './transportWindow.js';

const MORNING: TimeWindow = { from: '08:00', to: '10:00' };
const LATE_MORNING: TimeWindow = { from: '09:00', to: '11:00' };
const AFTERNOON: TimeWindow = { from: '14:00', to: '16:00' };
const VILLAGE_A = '430321205201';
const VILLAGE_B = '430321205206';

let nextId = 1;
const request = (over: Partial<PlanRequest> = {}): PlanRequest => ({
  id: nextId++,
  village: VILLAGE_A,
  household: null,
  window: MORNING,
  siteId: 1,
  wheelchair: false,
  companion: false,
  ...over,
});
const car = (id: number, seats = 4, accessible = false): PlanVehicle => ({ id, seats, accessible });

describe('planTrips', () => {
  it('fills one vehicle before opening another, and keeps a village together', () => {
    const rs = [
      request({ village: VILLAGE_B }),
      request({ village: VILLAGE_A }),
      request({ village: VILLAGE_A }),
      request({ village: VILLAGE_B }),
    ];
    const plan = planTrips({
      requests: rs,
      vehicles: [car(1, 4), car(2, 4)],
      drivers: [{ id: 7 }],
      trips: [],
    });
    expect(plan.trips).toHaveLength(1);
    expect(plan.trips[0]).toMatchObject({ tripId: null, vehicleId: 1, driverId: 7, seatsUsed: 4 });
    // Village A first (code order), then B.
    expect(plan.trips[0]?.riders).toEqual([rs[1]?.id, rs[2]?.id, rs[0]?.id, rs[3]?.id]);
    expect(plan.trips[0]?.villages).toEqual([VILLAGE_A, VILLAGE_B]);
    expect(plan.unplanned).toEqual([]);
    expect(plan.explanation.length).toBeGreaterThan(3);
  });

  it('never mixes windows or sites, counts a companion, and keeps a household together', () => {
    const rs = [
      request({ household: 'h1', companion: true }), // 2 seats
      request({ household: 'h1' }), // 1 seat: h1 takes 3
      request({ household: 'h2', companion: true }), // 2 seats: does not fit the 4-seater with h1
      request({ window: AFTERNOON }),
      request({ siteId: 2 }),
    ];
    const plan = planTrips({
      requests: rs,
      vehicles: [car(1, 4), car(2, 4), car(3, 4), car(4, 4)],
      drivers: [{ id: 1 }, { id: 2 }],
      trips: [],
    });
    const tripOf = (id: number) => plan.trips.findIndex((t) => t.riders.includes(id));
    expect(tripOf(rs[0]?.id as number)).toBe(tripOf(rs[1]?.id as number));
    expect(tripOf(rs[2]?.id as number)).not.toBe(tripOf(rs[0]?.id as number));
    expect(tripOf(rs[3]?.id as number)).not.toBe(tripOf(rs[0]?.id as number));
    expect(tripOf(rs[4]?.id as number)).not.toBe(tripOf(rs[0]?.id as number));
    expect(plan.trips.map((t) => t.seatsUsed).sort()).toEqual([1, 1, 2, 3]);
    // Two drivers for three morning trips: the third has none; the afternoon trip reuses driver 1.
    const morningDrivers = plan.trips.filter((t) => sameWindow(t.window, MORNING)).map((t) => t.driverId);
    expect(morningDrivers.filter((d) => d === null)).toHaveLength(1);
  });

  it('puts a wheelchair only in an accessible vehicle, and keeps accessible vehicles for wheelchairs', () => {
    const rs = [request(), request({ wheelchair: true })];
    const plan = planTrips({
      requests: rs,
      vehicles: [car(1, 6, true), car(2, 4)],
      drivers: [],
      trips: [],
    });
    expect(plan.trips.find((t) => t.riders.includes(rs[0]?.id as number))?.vehicleId).toBe(2);
    expect(plan.trips.find((t) => t.riders.includes(rs[1]?.id as number))?.vehicleId).toBe(1);
    const none = planTrips({
      requests: [request({ wheelchair: true })],
      vehicles: [car(2)],
      drivers: [],
      trips: [],
    });
    expect(none.unplanned[0]?.code).toBe('transport.no-accessible-vehicle');
  });

  it('fills an existing trip first, but not one under way, and never double-books a vehicle', () => {
    const existing: PlanTrip[] = [
      {
        id: 10,
        vehicleId: 1,
        driverId: 5,
        window: MORNING,
        siteId: 1,
        seats: 4,
        seatsUsed: 3,
        accessible: false,
        villages: [VILLAGE_A],
        open: true,
      },
      {
        id: 11,
        vehicleId: 2,
        driverId: 6,
        window: LATE_MORNING,
        siteId: 1,
        seats: 4,
        seatsUsed: 0,
        accessible: false,
        villages: [],
        open: false,
      },
    ];
    const rs = [request(), request(), request({ window: LATE_MORNING })];
    const plan = planTrips({
      requests: rs,
      vehicles: [car(1), car(2)],
      drivers: [{ id: 5 }, { id: 6 }],
      trips: existing,
    });
    expect(plan.trips[0]).toMatchObject({ tripId: 10, seatsUsed: 4, riders: [rs[0]?.id] });
    // Vehicle 1 is busy 08–10 and vehicle 2 09–11 (a closed trip): nothing is free for the rest.
    expect(plan.unplanned.map((u) => [u.requestId, u.code])).toEqual([
      [rs[1]?.id, 'transport.no-vehicle'],
      [rs[2]?.id, 'transport.no-vehicle'],
    ]);
  });

  it('says when a request needs more seats than any vehicle has', () => {
    const plan = planTrips({
      requests: [request({ companion: true })],
      vehicles: [car(1, 1)],
      drivers: [],
      trips: [],
    });
    expect(plan.unplanned[0]?.code).toBe('transport.too-many-seats');
  });
});

// -----------------------------------------------------------------------------------------------
// Laws

const WINDOWS: TimeWindow[] = [MORNING, LATE_MORNING, { from: '10:00', to: '12:00' }, AFTERNOON];

const arbInput: fc.Arbitrary<PlanInput> = fc
  .record({
    requests: fc.array(
      fc.record({
        village: fc.constantFrom(VILLAGE_A, VILLAGE_B, '430321205210'),
        household: fc.option(fc.constantFrom('h1', 'h2', 'h3', 'h4'), { nil: null }),
        window: fc.constantFrom(...WINDOWS),
        siteId: fc.constantFrom(1, 2),
        wheelchair: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
        companion: fc.boolean(),
      }),
      { maxLength: 40 },
    ),
    vehicles: fc.array(fc.record({ seats: fc.integer({ min: 1, max: 8 }), accessible: fc.boolean() }), {
      maxLength: 6,
    }),
    drivers: fc.integer({ min: 0, max: 5 }),
    trips: fc.array(
      fc.record({
        vehicle: fc.nat(5),
        driver: fc.option(fc.nat(4), { nil: null }),
        window: fc.constantFrom(...WINDOWS),
        siteId: fc.constantFrom(1, 2),
        used: fc.nat(8),
        open: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ requests, vehicles, drivers, trips }) => {
    const vs = vehicles.map((v, i) => ({ id: i + 1, ...v }));
    const ts: PlanTrip[] = [];
    // Existing trips as the store could hold them: a vehicle and a driver on one trip at a time.
    for (const [i, t] of trips.entries()) {
      const v = vs[t.vehicle % Math.max(1, vs.length)];
      if (!v) continue;
      const clash = ts.some(
        (o) =>
          windowsOverlap(o.window, t.window) &&
          (o.vehicleId === v.id || (t.driver !== null && o.driverId === t.driver + 1)),
      );
      if (clash) continue;
      ts.push({
        id: 100 + i,
        vehicleId: v.id,
        driverId: t.driver === null || t.driver >= drivers ? null : t.driver + 1,
        window: t.window,
        siteId: t.siteId,
        seats: v.seats,
        seatsUsed: Math.min(t.used, v.seats),
        accessible: v.accessible,
        villages: [],
        open: t.open,
      });
    }
    return {
      requests: requests.map((r, i) => ({ id: i + 1, ...r })),
      vehicles: vs,
      drivers: Array.from({ length: drivers }, (_, i) => ({ id: i + 1 })),
      trips: ts,
    };
  });

describe('planTrips laws', () => {
  it('no trip over its seats; every request in exactly one trip or unplanned; one window and site per trip', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const plan = planTrips(input);
        const byId = new Map(input.requests.map((r) => [r.id, r]));
        const seen = new Map<number, number>();
        for (const t of plan.trips) {
          const before = input.trips.find((e) => e.id === t.tripId)?.seatsUsed ?? 0;
          const added = t.riders.reduce((n, id) => n + seatsNeeded(byId.get(id) as PlanRequest), 0);
          expect(t.seatsUsed).toBe(before + added);
          expect(t.seatsUsed).toBeLessThanOrEqual(t.seats);
          for (const id of t.riders) {
            seen.set(id, (seen.get(id) ?? 0) + 1);
            const r = byId.get(id) as PlanRequest;
            expect(sameWindow(r.window, t.window)).toBe(true);
            expect(r.siteId).toBe(t.siteId);
            if (r.wheelchair) expect(input.vehicles.find((v) => v.id === t.vehicleId)?.accessible).toBe(true);
          }
          if (t.tripId !== null) expect(input.trips.find((e) => e.id === t.tripId)?.open).toBe(true);
        }
        for (const u of plan.unplanned) seen.set(u.requestId, (seen.get(u.requestId) ?? 0) + 1);
        expect([...seen.values()].every((n) => n === 1)).toBe(true);
        expect(seen.size).toBe(input.requests.length);
      }),
    );
  });

  it('never puts a vehicle or a driver on two trips with overlapping windows', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const plan = planTrips(input);
        const all = [
          ...input.trips.map((t) => ({
            key: `old${t.id}`,
            vehicleId: t.vehicleId,
            driverId: t.driverId,
            window: t.window,
          })),
          ...plan.trips
            .filter((t) => t.tripId === null)
            .map((t, i) => ({
              key: `new${i}`,
              vehicleId: t.vehicleId,
              driverId: t.driverId,
              window: t.window,
            })),
        ];
        for (const a of all)
          for (const b of all) {
            if (a.key === b.key || !windowsOverlap(a.window, b.window)) continue;
            expect(a.vehicleId).not.toBe(b.vehicleId);
            if (a.driverId !== null) expect(a.driverId).not.toBe(b.driverId);
          }
      }),
    );
  });

  it('does not depend on the order the requests come in', () => {
    fc.assert(
      fc.property(arbInput, fc.integer(), (input, seed) => {
        const shuffled = [...input.requests].sort(
          (a, b) => ((a.id * 7919 + seed) % 97) - ((b.id * 7919 + seed) % 97),
        );
        expect(planTrips({ ...input, requests: shuffled })).toEqual(planTrips(input));
      }),
    );
  });
});
