/**
 * The demo's transport (上门接送) in 锦石乡 on the evening of 9 August 2021. The news report's grid
 * members drove the elderly to the health centre; here the township's transport team has four
 * drivers (the demo account `driver` is 刘建国) and five vehicles, one of them taking a wheelchair.
 *
 * - Today (08-09): up to 18 of the township's 60-and-over who got their dose today were fetched,
 *   those with limited mobility or a remote home first — planned into trips by window, picked up
 *   35 minutes before their dose, marked vaccinated when they left observation, and home an hour
 *   after the dose (those dosed late in the afternoon are still on the road at 18:00). The
 *   suggested residents booked for today who did not come had rides too: cancelled with the
 *   reason, but one marked vaccinated by the driver with no dose recorded yet — the board shows
 *   it as a mismatch.
 * - Tomorrow (08-10): every suggested resident (booked for the 10th) has a ride, and so do up to
 *   16 other 60-and-over booked for the 10th (their grid members offered one: Jinshi is nearly
 *   cleared, and the suggestions alone are few); the trips are planned, and the driver's phone
 *   shows tomorrow's list.
 *
 * Deterministic (everything follows from the demo's records and resident ids) and small: a few
 * dozen rides, about a second on the 800,000-resident county.
 */
import { planDay } from '../../app/transport/planDay.js';
import { moveRequest } from '../../app/transport/moveRequest.js';
import { requestTransport } from '../../app/transport/requestTransport.js';
import {
  acceptSuggestions,
  suggestRequests,
  type AcceptItem,
  type Suggestion,
} from '../../app/transport/suggestRequests.js';
import type { TransportActor } from '../../app/transport/transportInput.js';
import { addDays, shanghaiDayRange } from '../../domain/calendar.js';
import { isGridvaxError } from '../../domain/errors.js';
import { ageOn } from '../../domain/age.js';
import type { Store } from '../../store/openStore.js';
import {
  activeSitesOf,
  doneOnDaySixtyPlus,
  driversUnder,
  firstDoseTimesBetween,
  insertDriver,
  insertVehicle,
  requestById,
  suggestionRows,
  type SuggestionRow,
} from '../../store/fieldops/transportQueries.js';
import { findUserByName } from '../../store/userQueries.js';
import { JINSHI_TOWNSHIP } from '../plan.js';
import { TODAY } from '../timeline.js';

const TOMORROW = addDays(TODAY, 1);
const JINSHI_VILLAGE = '430321205206';
/** At most this many of today's dosed riders: a transport team's day, not the whole township. */
const TODAY_RIDERS = 18;
/** At most this many rides beyond the suggestions tomorrow. */
const TOMORROW_OTHERS = 16;

const DISPATCH: TransportActor = { name: '锦石乡接送队（演示）', userId: null };
const DRIVER: TransportActor = { name: '接送司机（演示）', userId: null };
/** Rides the grid members booked for elderly residents beyond the suggestions (children away at work). */
const GRID_MEMBER: TransportActor = { name: '网格员（演示）', userId: null };

const DRIVERS = [
  { name: '刘建国', phone: '13807322051', place: JINSHI_TOWNSHIP, account: 'driver' },
  { name: '王志强', phone: '13907322066', place: JINSHI_VILLAGE, account: null },
  { name: '李红梅', phone: '15007322078', place: JINSHI_TOWNSHIP, account: null },
  { name: '周德明', phone: '13607322103', place: JINSHI_TOWNSHIP, account: null },
] as const;

const VEHICLES = [
  { plate: '湘C·J2051', seats: 4, accessible: false },
  { plate: '湘C·J2066', seats: 4, accessible: false },
  { plate: '湘C·J2078', seats: 6, accessible: false },
  { plate: '湘C·J2103', seats: 4, accessible: false },
  { plate: '湘C·J2119', seats: 3, accessible: true },
] as const;

const CANCEL_REASONS = ['老人身体不适，改约', '本人不在家，改约次日', '下雨路滑，改约次日'];

/** Non-overlapping windows, so a vehicle serves several in a day. */
const SLOTS = ['08:00', '10:00', '12:00', '14:00', '16:00'];
const slotOf = (hhmm: string): string => {
  const start = [...SLOTS].reverse().find((s) => s <= hhmm) ?? '08:00';
  const end = SLOTS[SLOTS.indexOf(start) + 1] ?? '17:30';
  return `${start}-${end}`;
};

const shanghaiClock = (iso: string): string =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);
const plusMinutes = (iso: string, minutes: number): string =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** A companion for every third of the immobile, a wheelchair for some of the very old. */
function needs(
  s: Pick<Suggestion, 'residentId' | 'why' | 'age'>,
): Pick<AcceptItem, 'companion' | 'wheelchair'> {
  const immobile = s.why.includes('limited-mobility');
  return {
    companion: immobile && s.residentId % 3 === 0,
    wheelchair: immobile && s.age >= 85 && s.residentId % 2 === 0,
  };
}

async function seedFleet(store: Store): Promise<void> {
  const now = store.now().toISOString();
  for (const d of DRIVERS) {
    const user = d.account ? await findUserByName(store.db, d.account) : undefined;
    await insertDriver(store.db, {
      county_code: JINSHI_TOWNSHIP.slice(0, 6),
      township_code: JINSHI_TOWNSHIP,
      place_code: d.place,
      name: d.name,
      phone: d.phone,
      user_id: user?.id ?? null,
      active: 1,
      created_at: now,
    });
  }
  for (const v of VEHICLES) {
    await insertVehicle(store.db, {
      county_code: JINSHI_TOWNSHIP.slice(0, 6),
      township_code: JINSHI_TOWNSHIP,
      place_code: JINSHI_TOWNSHIP,
      plate: v.plate,
      seats: v.seats,
      accessible: v.accessible ? 1 : 0,
      active: 1,
      created_at: now,
    });
  }
}

/** Moves a ride if it can be moved; the demo skips what the rules refuse (a ride left unplanned). */
async function move(
  store: Store,
  requestId: number,
  to: string,
  at: string | null,
  reason?: string,
): Promise<boolean> {
  try {
    await moveRequest(store, { requestId, to, at, ...(reason ? { reason } : {}), by: DRIVER });
    return true;
  } catch (e) {
    if (isGridvaxError(e)) return false;
    throw e;
  }
}

/** A ride for a resident the grid member offered one; undefined when the rules refuse it. */
async function book(
  store: Store,
  r: SuggestionRow,
  day: string,
  window: string,
  campaignId: number,
): Promise<number | undefined> {
  const why: Suggestion['why'] = [
    ...(r.limited_mobility === 1 ? (['limited-mobility'] as const) : []),
    ...(r.remote === 1 ? (['remote'] as const) : []),
  ];
  try {
    const ride = await requestTransport(store, {
      resident: { county: r.county_code, id: r.resident_id },
      day,
      window,
      pickUp: r.address,
      ...needs({ residentId: r.resident_id, why, age: ageOn(r.birth_date, day) }),
      campaignId,
      by: GRID_MEMBER,
    });
    return ride.id;
  } catch (e) {
    if (isGridvaxError(e)) return undefined;
    throw e;
  }
}

/** Today's riders who got their dose: fetched, vaccinated, and (unless dosed late) home. */
async function seedTodayDosed(store: Store, campaignId: number): Promise<void> {
  const rows = await doneOnDaySixtyPlus(store.db, campaignId, JINSHI_TOWNSHIP, TODAY, TODAY_RIDERS);
  const county = JINSHI_TOWNSHIP.slice(0, 6);
  const { start, end } = shanghaiDayRange(TODAY);
  const doses = await firstDoseTimesBetween(
    store.db,
    county,
    rows.map((r) => r.resident_id),
    start,
    end,
  );
  const now = store.now().getTime();
  const rides: { id: number; dose: string }[] = [];
  for (const r of rows) {
    const dose = doses.get(`${r.county_code}:${r.resident_id}`);
    if (!dose) continue;
    const ride = await book(store, r, TODAY, slotOf(shanghaiClock(plusMinutes(dose, -35))), campaignId);
    if (ride !== undefined) rides.push({ id: ride, dose });
  }
  await planDay(store, { place: JINSHI_TOWNSHIP, day: TODAY, by: DISPATCH });
  for (const { id, dose } of rides) {
    const request = await requestById(store.db, id);
    if (request?.status !== 'assigned') continue;
    const pickedUp = plusMinutes(dose, -35);
    // Fetched on the ride's day (a dose just after midnight cannot have a pick-up the day before).
    if (!(await move(store, id, 'picked-up', pickedUp < start ? start : pickedUp))) continue;
    await move(store, id, 'vaccinated', plusMinutes(dose, 30));
    const home = plusMinutes(dose, 65);
    if (Date.parse(home) <= now) await move(store, id, 'returned', home);
  }
}

/** Booked for today, not vaccinated: cancelled with the reason, and one mismatch to chase. */
async function seedTodayBooked(store: Store, campaignId: number): Promise<void> {
  const s = await suggestRequests(store, { campaignId, place: JINSHI_TOWNSHIP, day: TODAY });
  if (s.suggestions.length === 0) return;
  const accepted = await acceptSuggestions(store, {
    campaignId,
    place: JINSHI_TOWNSHIP,
    day: TODAY,
    items: s.suggestions.map((x) => ({ residentId: x.residentId, county: x.county, ...needs(x) })),
    by: DISPATCH,
  });
  await planDay(store, { place: JINSHI_TOWNSHIP, day: TODAY, by: DISPATCH });
  const made = accepted.results.flatMap((r) => (r.result === 'created' ? [r.ride] : []));
  for (const [i, ride] of made.entries()) {
    if (i === 0) {
      // The driver saw her come out of observation; the site has not entered the dose yet.
      const at = `${TODAY}T${ride.window.from}:00+08:00`;
      if (await move(store, ride.id, 'picked-up', at)) {
        await move(store, ride.id, 'vaccinated', `${TODAY}T${ride.window.to}:00+08:00`);
      }
      continue;
    }
    await move(store, ride.id, 'cancelled', null, CANCEL_REASONS[ride.residentId % CANCEL_REASONS.length]);
  }
}

/** Tomorrow's suggested residents: rides booked (remote homes late morning) and trips planned. */
async function seedTomorrow(store: Store, campaignId: number): Promise<void> {
  const s = await suggestRequests(store, { campaignId, place: JINSHI_TOWNSHIP, day: TOMORROW });
  await acceptSuggestions(store, {
    campaignId,
    place: JINSHI_TOWNSHIP,
    day: TOMORROW,
    items: s.suggestions.map((x) => ({
      residentId: x.residentId,
      county: x.county,
      ...needs(x),
      ...(x.why.includes('limited-mobility') ? {} : { window: '10:00-12:00' }),
    })),
    by: DISPATCH,
  });
  // The other 60-and-over booked for tomorrow: their grid members offered them a ride too.
  const others = await suggestionRows(store.db, campaignId, JINSHI_TOWNSHIP, TOMORROW, { anyMobility: true });
  for (const r of others.slice(0, TOMORROW_OTHERS)) {
    await book(store, r, TOMORROW, r.resident_id % 2 === 0 ? '08:00-10:00' : '10:00-12:00', campaignId);
  }
  await planDay(store, { place: JINSHI_TOWNSHIP, day: TOMORROW, by: DISPATCH });
}

export async function seedTransport(store: Store, campaignId: number): Promise<void> {
  if ((await driversUnder(store.db, JINSHI_TOWNSHIP)).length > 0) return;
  await seedFleet(store);
  // Rides go to a site; without one (the sites seed made none) the team stands ready, idle.
  if ((await activeSitesOf(store.db, JINSHI_TOWNSHIP)).length === 0) return;
  await seedTodayDosed(store, campaignId);
  await seedTodayBooked(store, campaignId);
  await seedTomorrow(store, campaignId);
}
