/**
 * Grouping a day's ride requests of a township into trips (派车): a simple heuristic a township
 * dispatcher can follow by hand and check, not an optimizer. The issue asks for requests
 * "grouped into trips by village, window and seats"; the steps are in PLAN_EXPLANATION, which
 * the API and the CLI return with every plan so that nobody has to guess why a resident rode
 * with whom.
 *
 * Pure: the app layer loads requests, vehicles, drivers and the day's trips, and writes back what
 * this returns in one transaction.
 */
import type { Bilingual } from './errors.js';
import { sameWindow, windowsOverlap, type TimeWindow } from './transportWindow.js';

export interface PlanRequest {
  id: number;
  /** The resident's village (12 digits). */
  village: string;
  /** The resident's household, so that a household rides together. */
  household: string | null;
  window: TimeWindow;
  siteId: number;
  wheelchair: boolean;
  companion: boolean;
}

export interface PlanVehicle {
  id: number;
  /** Seats for riders, the driver's not counted. */
  seats: number;
  /** Takes a wheelchair (a ramp or lift, room to fix it). */
  accessible: boolean;
}

export interface PlanDriver {
  id: number;
}

/** A trip already on the day, made by an earlier plan or by hand. */
export interface PlanTrip {
  id: number;
  vehicleId: number;
  driverId: number | null;
  window: TimeWindow;
  siteId: number;
  seats: number;
  seatsUsed: number;
  accessible: boolean;
  /** The villages its riders come from. */
  villages: readonly string[];
  /**
   * Whether riders may be added: not once it is under way (someone has been picked up), nor when
   * it is outside the planner's places. A closed trip still keeps its vehicle and driver busy.
   */
  open: boolean;
}

export interface PlanInput {
  requests: readonly PlanRequest[];
  vehicles: readonly PlanVehicle[];
  drivers: readonly PlanDriver[];
  trips: readonly PlanTrip[];
}

export interface PlannedTrip {
  /** The existing trip riders were added to, or null for a trip to create. */
  tripId: number | null;
  vehicleId: number;
  driverId: number | null;
  window: TimeWindow;
  siteId: number;
  seats: number;
  /** Seats taken once this plan's riders are on. */
  seatsUsed: number;
  /** The requests this plan puts on the trip, in boarding order (village, household). */
  riders: number[];
  villages: string[];
}

export type UnplannedCode =
  'transport.no-vehicle' | 'transport.no-accessible-vehicle' | 'transport.too-many-seats';

export interface Unplanned {
  requestId: number;
  code: UnplannedCode;
  message: Bilingual;
}

export interface TripPlan {
  /** Trips that get riders: new ones and existing ones with seats filled. */
  trips: PlannedTrip[];
  /** Requests no vehicle could take, each with why. */
  unplanned: Unplanned[];
  explanation: readonly Bilingual[];
}

/** How the plan is made, in the order it is applied. */
export const PLAN_EXPLANATION: readonly Bilingual[] = [
  {
    zh: '只排“待派车”且未上车次的申请；已有人接到（已出发）的车次不再加人。',
    en: 'Only requests still "requested" and on no trip are planned; a trip under way (someone picked up) takes no one more.',
  },
  {
    zh: '按接送时段和接种点分组：一个车次只有一个时段、只去一个接种点，从不混合时段。',
    en: 'Requests are grouped by pick-up window and site: a trip has one window and one site, windows never mix.',
  },
  {
    zh: '组内按村、再按户排序；一辆车坐得下时，同户的人同车。',
    en: 'Within a group, by village, then household; a household rides together when one vehicle can take it.',
  },
  {
    zh: '座位：本人一座，有陪护再加一座；坐轮椅的只上无障碍车。',
    en: 'Seats: one per resident and one more for a companion; a wheelchair rides only in an accessible vehicle.',
  },
  {
    zh: '先装同组已有车次（先找已接本村的，再按先后），都装不下才派新车：轮椅派无障碍车，其余先派普通车，座位多的先派；同一时段一辆车、一名司机只跑一趟。',
    en: 'First fit: an existing trip of the group with seats left (one already serving the village first, then in order); only then a new trip on the next free vehicle — accessible ones for wheelchairs, ordinary ones first for others, larger first — with the next free driver. A vehicle or driver is on one trip at a time (no overlapping windows).',
  },
  {
    zh: '没有空车可派的申请列为“未排”，并说明原因，留待加车或改时段。',
    en: 'A request no vehicle can take is left unplanned with the reason, for another vehicle or window.',
  },
];

/** Seats a request takes: the resident, and a companion beside them. */
export const seatsNeeded = (r: Pick<PlanRequest, 'companion'>): number => (r.companion ? 2 : 1);

interface Slot {
  tripId: number | null;
  vehicleId: number;
  driverId: number | null;
  window: TimeWindow;
  siteId: number;
  seats: number;
  seatsUsed: number;
  accessible: boolean;
  villages: string[];
  riders: number[];
  open: boolean;
}

interface Busy {
  id: number;
  window: TimeWindow;
}

const groupKey = (r: Pick<PlanRequest, 'window' | 'siteId'>): string =>
  `${r.window.from}-${r.window.to}#${r.siteId}`;

const byPlanOrder = (a: PlanRequest, b: PlanRequest): number =>
  a.window.from.localeCompare(b.window.from) ||
  a.window.to.localeCompare(b.window.to) ||
  a.siteId - b.siteId ||
  a.village.localeCompare(b.village) ||
  (a.household ?? '').localeCompare(b.household ?? '') ||
  a.id - b.id;

/** Consecutive requests of one group, village and household: a household that rides together. */
function households(sorted: readonly PlanRequest[]): PlanRequest[][] {
  const blocks: PlanRequest[][] = [];
  let last: PlanRequest | undefined;
  for (const r of sorted) {
    const same =
      last !== undefined &&
      r.household !== null &&
      r.household === last.household &&
      r.village === last.village &&
      groupKey(r) === groupKey(last);
    if (same) blocks[blocks.length - 1]?.push(r);
    else blocks.push([r]);
    last = r;
  }
  return blocks;
}

const isFree = (busy: readonly Busy[], id: number, window: TimeWindow): boolean =>
  !busy.some((b) => b.id === id && windowsOverlap(b.window, window));

export function planTrips(input: PlanInput): TripPlan {
  const slots: Slot[] = [...input.trips]
    .sort((a, b) => a.id - b.id)
    .map((t) => ({
      tripId: t.id,
      vehicleId: t.vehicleId,
      driverId: t.driverId,
      window: t.window,
      siteId: t.siteId,
      seats: t.seats,
      seatsUsed: t.seatsUsed,
      accessible: t.accessible,
      villages: [...t.villages],
      riders: [],
      open: t.open,
    }));
  const vehicleBusy: Busy[] = input.trips.map((t) => ({ id: t.vehicleId, window: t.window }));
  const driverBusy: Busy[] = input.trips.flatMap((t) =>
    t.driverId === null ? [] : [{ id: t.driverId, window: t.window }],
  );
  const drivers = [...input.drivers].sort((a, b) => a.id - b.id);
  const ordinaryFirst = [...input.vehicles].sort(
    (a, b) => Number(a.accessible) - Number(b.accessible) || b.seats - a.seats || a.id - b.id,
  );
  const unplanned: Unplanned[] = [];

  const place = (block: readonly PlanRequest[]): boolean => {
    const first = block[0] as PlanRequest;
    const need = block.reduce((n, r) => n + seatsNeeded(r), 0);
    const wheelchair = block.some((r) => r.wheelchair);
    const fits = (s: Slot) =>
      s.open &&
      s.siteId === first.siteId &&
      sameWindow(s.window, first.window) &&
      s.seats - s.seatsUsed >= need &&
      (!wheelchair || s.accessible);
    let slot = slots.find((s) => fits(s) && s.villages.includes(first.village)) ?? slots.find(fits);
    if (!slot) {
      const vehicle = ordinaryFirst.find(
        (v) => v.seats >= need && (!wheelchair || v.accessible) && isFree(vehicleBusy, v.id, first.window),
      );
      if (!vehicle) return false;
      const driver = drivers.find((d) => isFree(driverBusy, d.id, first.window));
      vehicleBusy.push({ id: vehicle.id, window: first.window });
      if (driver) driverBusy.push({ id: driver.id, window: first.window });
      slot = {
        tripId: null,
        vehicleId: vehicle.id,
        driverId: driver?.id ?? null,
        window: first.window,
        siteId: first.siteId,
        seats: vehicle.seats,
        seatsUsed: 0,
        accessible: vehicle.accessible,
        villages: [],
        riders: [],
        open: true,
      };
      slots.push(slot);
    }
    slot.seatsUsed += need;
    for (const r of block) {
      slot.riders.push(r.id);
      if (!slot.villages.includes(r.village)) slot.villages.push(r.village);
    }
    return true;
  };

  const leaveOut = (r: PlanRequest): void => {
    const need = seatsNeeded(r);
    const suitable = input.vehicles.filter((v) => !r.wheelchair || v.accessible);
    if (r.wheelchair && suitable.length === 0) {
      unplanned.push({
        requestId: r.id,
        code: 'transport.no-accessible-vehicle',
        message: {
          zh: '本乡镇没有可载轮椅的无障碍车',
          en: 'the township has no accessible vehicle for a wheelchair',
        },
      });
    } else if (!suitable.some((v) => v.seats >= need)) {
      unplanned.push({
        requestId: r.id,
        code: 'transport.too-many-seats',
        message: {
          zh: `需要 ${need} 个座位，本乡镇没有这么多座位的车`,
          en: `needs ${need} seats, more than any vehicle of the township has`,
        },
      });
    } else {
      unplanned.push({
        requestId: r.id,
        code: 'transport.no-vehicle',
        message: {
          zh: `${r.window.from}–${r.window.to} 时段已无空车，请加车或改时段`,
          en: `no vehicle is free in the ${r.window.from}–${r.window.to} window: add one or move the window`,
        },
      });
    }
  };

  for (const block of households([...input.requests].sort(byPlanOrder))) {
    if (place(block)) continue;
    // The household together fits no free vehicle: its members one by one.
    for (const r of block.length > 1 ? block : []) if (!place([r])) leaveOut(r);
    if (block.length === 1) leaveOut(block[0] as PlanRequest);
  }

  return {
    trips: slots
      .filter((s) => s.riders.length > 0)
      .map((s) => ({
        tripId: s.tripId,
        vehicleId: s.vehicleId,
        driverId: s.driverId,
        window: s.window,
        siteId: s.siteId,
        seats: s.seats,
        seatsUsed: s.seatsUsed,
        riders: s.riders,
        villages: s.villages,
      })),
    unplanned,
    explanation: PLAN_EXPLANATION,
  };
}
