import { afterAll, beforeAll, expect, it } from 'vitest';
import { myTrips, transportBoard } from '../../src/app/transport/board.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import { seedTransport } from '../../src/demo/fieldops/transport.js';
import type { Store } from '../../src/store/openStore.js';
import { addUser } from '../support/signIn.js';
import { describeEachStore } from '../support/stores.js';
import { JINSHI, transportCounty, type TransportCounty } from './transportCounty.js';

/**
 * The demo's transport seed on the small county (the 800,000-resident demo is too big for a
 * test): resident 7 (69, limited mobility) got a dose this morning, resident 4 is booked for
 * today instead of the 11th and did not come, and 1, 3 and 5 are suggested for tomorrow.
 */
describeEachStore('demo seed: transport in 锦石乡', (c) => {
  let store: Store;
  let t: TransportCounty;
  let driverUser: number;

  beforeAll(async () => {
    store = await c.fresh();
    t = await transportCounty(store);
    await addUser(store, 'driver', 'driver', ['430321']);
    driverUser = Number(
      (
        await store.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', 'driver')
          .executeTakeFirstOrThrow()
      ).id,
    );
    await recordDose(store, await findResident(store.db, t.ids[6] as string), {
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T09:20:00+08:00',
      site: '锦石乡卫生院',
    });
    await recordVisit(store, await findResident(store.db, t.ids[3] as string), {
      outcome: 'booked',
      at: '2021-08-09T09:30:00+08:00',
      channel: 'phone',
      bookedDate: '2021-08-09',
      site: '锦石乡卫生院',
    });
    await seedTransport(store, t.campaignId);
    await seedTransport(store, t.campaignId); // a second run adds nothing
  });
  afterAll(() => c.cleanup());

  it('has the fleet, with the demo driver account linked to one driver', async () => {
    const drivers = await store.db.selectFrom('transport_drivers').selectAll().orderBy('id').execute();
    expect(drivers.map((d) => d.name)).toEqual(['刘建国', '王志强', '李红梅', '周德明']);
    expect(drivers.filter((d) => d.user_id !== null).map((d) => Number(d.user_id))).toEqual([driverUser]);
    expect(await store.db.selectFrom('transport_vehicles').select('plate').execute()).toHaveLength(5);
  });

  it("shows today's rides moved along: home after the dose, and a mark without a dose to chase", async () => {
    const today = await transportBoard(store, { place: JINSHI, day: '2021-08-09' });
    expect(today.byStatus.returned.map((r) => [r.residentId, r.doseRecorded])).toEqual([[7, true]]);
    expect(today.byStatus.returned[0]).toMatchObject({
      pickedUpAt: '2021-08-09T00:45:00.000Z',
      vaccinatedAt: '2021-08-09T01:50:00.000Z',
      returnedAt: '2021-08-09T02:25:00.000Z',
    });
    expect(today.byStatus.vaccinated.map((r) => [r.residentId, r.mismatch])).toEqual([[4, true]]);
    expect(today).toMatchObject({ stillOut: 1, mismatches: 1 });
    const mine = await myTrips(store, { userId: driverUser, day: '2021-08-09' });
    expect(mine.trips.length).toBeGreaterThan(0);
  });

  it("plans tomorrow's suggested rides, and the driver's phone lists them", async () => {
    const tomorrow = await transportBoard(store, { place: JINSHI, day: '2021-08-10' });
    expect(tomorrow.byStatus.assigned.map((r) => r.residentId).sort()).toEqual([1, 3, 5]);
    expect(tomorrow.counts.requested).toBe(0);
    const mine = await myTrips(store, { userId: driverUser, day: '2021-08-10' });
    expect(mine.driver?.name).toBe('刘建国');
    expect(mine.trips.flatMap((x) => x.riders).length).toBeGreaterThan(0);
  });
});
