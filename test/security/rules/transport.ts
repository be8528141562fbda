import type { Store } from '../../../src/store/openStore.js';
import { json, q, type MatrixArea } from '../matrixCase.js';
import type { Target } from '../securityCounty.js';

const T = '/api/v1/transport';
const TODAY = '2021-08-09';
const LATER = '2021-08-11';

const id = (t: Target, name: string): number => Number(t.fixtures[name]);

/**
 * At each target: a site of its township, a vehicle, the driver linked to the matrix's `driver`
 * account (so that account moves rides on its own trips), a trip today with the target's
 * resident aboard (to move), and a trip on 08-11 with the resident waiting (to add as a rider).
 */
async function setUp(store: Store, target: Target): Promise<Record<string, number>> {
  const at = '2021-08-09T10:00:00.000Z';
  const site = await store.db
    .insertInto('sites')
    .values({
      county_code: '430321',
      township_code: target.township,
      name: `${target.name}卫生院`,
      kind: 'health-centre',
      address: '',
      opens: '08:00',
      closes: '17:00',
      daily_capacity: 200,
      active: 1,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const vehicle = await store.db
    .insertInto('transport_vehicles')
    .values({
      county_code: '430321',
      township_code: target.township,
      place_code: target.township,
      plate: `湘C·${target.name}`,
      seats: 4,
      accessible: 0,
      active: 1,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await store.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'driver')
    .executeTakeFirstOrThrow();
  const linked = await store.db
    .selectFrom('transport_drivers')
    .select('id')
    .where('user_id', '=', Number(user.id))
    .executeTakeFirst();
  const driverId =
    linked?.id ??
    (
      await store.db
        .insertInto('transport_drivers')
        .values({
          county_code: '430321',
          township_code: target.township,
          place_code: target.township,
          name: '刘建国',
          phone: '13807320001',
          user_id: Number(user.id),
          active: 1,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const trip = (day: string, driver: number | null, used: number) =>
    store.db
      .insertInto('transport_trips')
      .values({
        county_code: '430321',
        township_code: target.township,
        village_code: target.village,
        day,
        window_from: '08:00',
        window_to: '10:00',
        site_id: Number(site.id),
        vehicle_id: Number(vehicle.id),
        driver_id: driver,
        seats: 4,
        seats_used: used,
        origin: 'manual',
        created_at: at,
        created_by: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const request = (day: string, tripId: number | null) =>
    store.db
      .insertInto('transport_requests')
      .values({
        county_code: '430321',
        resident_id: target.residentId,
        grid_code: target.grid,
        campaign_id: null,
        day,
        window_from: '08:00',
        window_to: '10:00',
        site_id: Number(site.id),
        pick_up: '村委会',
        wheelchair: 0,
        companion: 0,
        note: null,
        status: tripId === null ? 'requested' : 'assigned',
        trip_id: tripId,
        requested_by: 'test',
        requested_by_user: null,
        created_at: at,
        updated_at: at,
        picked_up_at: null,
        vaccinated_at: null,
        returned_at: null,
        cancelled_at: null,
        status_reason: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const today = await trip(TODAY, Number(driverId), 1);
  const aboard = await request(TODAY, Number(today.id));
  const later = await trip(LATER, null, 0);
  const waiting = await request(LATER, null);
  return {
    siteId: Number(site.id),
    vehicleId: Number(vehicle.id),
    driverId: Number(driverId),
    aboardRequest: Number(aboard.id),
    laterTrip: Number(later.id),
    waitingRequest: Number(waiting.id),
  };
}

/** The scope matrix's rules for the transport routes (issue 8). */
export const TRANSPORT: MatrixArea = {
  setUp,
  rules: {
    'GET /api/v1/transport/drivers': [
      { name: 'list', aims: 'village', request: (t) => ({ url: `${T}/drivers?${q({ place: t.village })}` }) },
    ],
    'POST /api/v1/transport/drivers': [
      {
        name: 'add',
        aims: 'village',
        request: (t) => ({
          url: `${T}/drivers`,
          ...json({ place: t.village, name: '王志强', phone: '13807320002' }),
        }),
      },
    ],
    'GET /api/v1/transport/vehicles': [
      {
        name: 'list',
        aims: 'village',
        request: (t) => ({ url: `${T}/vehicles?${q({ place: t.village })}` }),
      },
    ],
    'POST /api/v1/transport/vehicles': [
      {
        name: 'add',
        aims: 'village',
        request: (t) => ({
          url: `${T}/vehicles`,
          ...json({ place: t.village, plate: `湘C·V${t.name}`, seats: 4 }),
        }),
      },
    ],
    'POST /api/v1/transport/requests': [
      {
        name: 'book',
        aims: 'grid',
        request: (t) => ({
          url: `${T}/requests`,
          ...json({ idNumber: t.idNumber, day: '2021-08-12', window: '08:00-10:00', pickUp: '村委会' }),
        }),
      },
    ],
    'GET /api/v1/transport/suggestions': [
      {
        name: 'suggest',
        aims: 'village',
        request: (t, c) => ({
          url: `${T}/suggestions?${q({ campaign: c.campaignId, place: t.village, day: '2021-08-10' })}`,
        }),
      },
    ],
    'POST /api/v1/transport/suggestions/accept': [
      {
        name: 'accept',
        aims: 'village',
        request: (t, c) => ({
          url: `${T}/suggestions/accept`,
          ...json({
            campaignId: c.campaignId,
            place: t.village,
            day: '2021-08-13',
            items: [{ residentId: t.residentId }],
          }),
        }),
      },
    ],
    'POST /api/v1/transport/plan': [
      {
        name: 'plan',
        aims: 'village',
        request: (t) => ({ url: `${T}/plan`, ...json({ place: t.village, day: LATER }) }),
      },
    ],
    'POST /api/v1/transport/trips': [
      {
        name: 'create',
        aims: 'village',
        request: (t) => ({
          url: `${T}/trips`,
          ...json({
            village: t.village,
            day: '2021-08-12',
            window: '14:00-16:00',
            vehicleId: id(t, 'vehicleId'),
          }),
        }),
      },
    ],
    'POST /api/v1/transport/trips/:id/riders': [
      {
        name: 'add rider',
        aims: 'village',
        request: (t) => ({
          url: `${T}/trips/${id(t, 'laterTrip')}/riders`,
          ...json({ requestId: id(t, 'waitingRequest') }),
        }),
      },
    ],
    'POST /api/v1/transport/requests/:id/moves': [
      {
        name: 'picked up',
        aims: 'grid',
        request: (t) => ({
          url: `${T}/requests/${id(t, 'aboardRequest')}/moves`,
          ...json({ to: 'picked-up' }),
        }),
      },
    ],
    'GET /api/v1/transport/board/:place': [
      { name: 'masked', aims: 'village', request: (t) => ({ url: `${T}/board/${t.village}?day=${TODAY}` }) },
      {
        name: 'unmasked',
        aims: 'village',
        needs: ['pii.unmask'],
        fullIds: true,
        request: (t) => ({ url: `${T}/board/${t.village}?${q({ day: TODAY, unmasked: true })}` }),
      },
    ],
    'GET /api/v1/transport/my-trips': [
      { name: 'mine', aims: 'none', request: () => ({ url: `${T}/my-trips?day=${TODAY}` }) },
      {
        name: 'unmasked',
        aims: 'none',
        needs: ['pii.unmask'],
        fullIds: true,
        request: () => ({ url: `${T}/my-trips?${q({ day: TODAY, unmasked: true })}` }),
      },
    ],
  },
};
