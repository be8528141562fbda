/**
 * Booking villages into a site's days (按村组排班): a batch — one village and day, or a
 * township's whole week — is checked against the site's daily capacity and written as a whole,
 * or not at all.
 */
import { shanghaiDate, type CalendarDate } from '../../domain/calendar.js';
import { businessRule, invalidInput } from '../../domain/errors.js';
import {
  checkBookingCapacity,
  validBookingEntriesOrThrow,
  type BookingEntry,
} from '../../domain/sitesBookings.js';
import { bookingsOf, findSite, lockSite, writeBookings } from '../../store/fieldops/siteQueries.js';
import type { Store } from '../../store/openStore.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';
import { requireSite } from './requireSite.js';

export interface BookSiteInput {
  siteId: number;
  bookings: readonly BookingEntry[];
  /** Who sets the plan (the signed-in user's name, or the command line's). */
  by: string;
  scope?: Scope;
}

export interface BookingChange {
  village: string;
  day: CalendarDate;
  /** The village's figure for that day before (0: none). */
  before: number;
  after: number;
}

export interface BookedDay {
  day: CalendarDate;
  capacity: number;
  /** All villages' plans at the site that day, after the batch. */
  planned: number;
  left: number;
}

export interface BookSiteResult {
  siteId: number;
  siteName: string;
  changes: BookingChange[];
  days: BookedDay[];
}

/**
 * Sets each village's planned number for each day in the batch (0 withdraws it). Refused, with
 * nothing written: a site that is closed (`site.inactive`), a village outside the caller's places
 * (not found) or outside the site's township (`booking.other-township`), a day before today
 * (`booking.past-day`), and any day that would go over the site's capacity
 * (`booking.over-capacity`, naming the site, the day, the capacity, what is planned and left).
 */
export async function bookSite(store: Store, input: BookSiteInput): Promise<BookSiteResult> {
  const entries = validBookingEntriesOrThrow(input.bookings);
  const by = input.by.trim();
  if (by === '') {
    throw invalidInput({
      code: 'booking.by',
      field: 'by',
      message: { zh: '请填写排班人', en: 'say who books' },
    });
  }
  const site = await requireSite(store, input.siteId, input.scope);
  if (Number(site.active) !== 1) {
    throw businessRule({
      code: 'site.inactive',
      field: 'site',
      message: { zh: `接种点 ${site.name} 已停用`, en: `site ${site.name} is closed` },
    });
  }
  for (const village of new Set(entries.map((e) => e.village))) {
    const place = await requirePlace(store, village, input.scope, 'village');
    if (place.level !== 'village' || !village.startsWith(site.township_code)) {
      throw businessRule({
        code: 'booking.other-township',
        field: 'village',
        message: {
          zh: `${place.name}（${village}）不属于 ${site.name} 所在的乡镇 ${site.township_name}`,
          en: `${place.name} (${village}) is not a village of ${site.township_name}, which ${site.name} serves`,
        },
      });
    }
  }
  const today = shanghaiDate(store.now());
  const past = entries.find((e) => e.day < today);
  if (past) {
    throw businessRule({
      code: 'booking.past-day',
      field: 'day',
      message: {
        zh: `${past.day} 已经过去（今天是 ${today}）`,
        en: `${past.day} has passed (today is ${today})`,
      },
    });
  }
  const days = entries.map((e) => e.day).sort();
  const from = days[0] as string;
  const to = days.at(-1) as string;
  const siteId = Number(site.id);
  const at = store.now().toISOString();

  return store.transaction(async (trx) => {
    await lockSite(trx, store.dialect, siteId);
    // Read under the lock: the capacity and the plans as they stand now.
    const locked = await findSite(trx, siteId);
    const capacity = Number(locked?.daily_capacity ?? site.daily_capacity);
    const current = (await bookingsOf(trx, [siteId], from, to)).map((b) => ({
      village: b.village_code,
      day: b.day,
      planned: Number(b.planned),
    }));
    const loads = checkBookingCapacity({ name: site.name, capacity }, current, entries);
    await writeBookings(trx, siteId, entries, by, at);
    const was = new Map(current.map((c) => [`${c.village}|${c.day}`, c.planned]));
    return {
      siteId,
      siteName: site.name,
      changes: entries.map((e) => ({
        village: e.village,
        day: e.day,
        before: was.get(`${e.village}|${e.day}`) ?? 0,
        after: e.planned,
      })),
      days: loads.map((l) => ({
        day: l.day,
        capacity: l.capacity,
        planned: l.alreadyPlanned + l.requested,
        left: l.capacity - l.alreadyPlanned - l.requested,
      })),
    };
  });
}
