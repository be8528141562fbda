/**
 * Bookings per village and day (按村组排班): a site's day is shared among the villages of its
 * township, each given a number of people it plans to bring that day. The township fills the
 * week (各乡镇按周安排、按日推进, shared/seed/), so a booking is set for a village and a day at a
 * time, and a week's plan is checked and written as a whole.
 *
 * The one rule: the plans of a site's day add up to at most its daily capacity. A plan that
 * would go over is refused naming the site, the day, the capacity, what the other villages have
 * already planned and what is left, so the township can move the rest to another day.
 */
import { parseDate, type CalendarDate } from './calendar.js';
import { businessRule, invalidInput } from './errors.js';

export interface BookingEntry {
  village: string;
  day: CalendarDate;
  /** People the village plans to bring; 0 withdraws the village from that day. */
  planned: number;
}

/** Most entries in one batch: a month of a township's villages is well under it. */
export const MAX_BOOKING_ENTRIES = 2000;

/** Checks the form of a batch: village codes, real days, whole numbers, each (village, day) once. */
export function validBookingEntriesOrThrow(entries: readonly BookingEntry[]): BookingEntry[] {
  if (entries.length === 0 || entries.length > MAX_BOOKING_ENTRIES) {
    throw invalidInput({
      code: 'booking.entries',
      field: 'bookings',
      message: {
        zh: `排班应有 1 到 ${MAX_BOOKING_ENTRIES} 条`,
        en: `a batch holds 1 to ${MAX_BOOKING_ENTRIES} bookings`,
      },
    });
  }
  const seen = new Set<string>();
  return entries.map((e, i) => {
    const row = i + 1;
    if (!/^\d{12}$/.test(e.village)) {
      throw invalidInput({
        code: 'booking.village',
        field: 'village',
        row,
        message: {
          zh: `村（社区）代码应为 12 位：${e.village}`,
          en: `a village code has 12 digits: ${e.village}`,
        },
      });
    }
    if (!parseDate(e.day)) {
      throw invalidInput({
        code: 'booking.day',
        field: 'day',
        row,
        message: { zh: `日期无效：${e.day}`, en: `not a date: ${e.day}` },
      });
    }
    if (!Number.isSafeInteger(e.planned) || e.planned < 0) {
      throw invalidInput({
        code: 'booking.planned',
        field: 'planned',
        row,
        message: {
          zh: `计划人数应为非负整数：${e.planned}`,
          en: `planned must be a whole number ≥ 0: ${e.planned}`,
        },
      });
    }
    const key = `${e.village}|${e.day}`;
    if (seen.has(key)) {
      throw invalidInput({
        code: 'booking.duplicate',
        field: 'bookings',
        row,
        message: {
          zh: `${e.village} 在 ${e.day} 的排班出现了两次`,
          en: `${e.village} is booked twice for ${e.day} in the same batch`,
        },
      });
    }
    seen.add(key);
    return { village: e.village, day: e.day, planned: e.planned };
  });
}

export interface DayLoad {
  day: CalendarDate;
  capacity: number;
  /** Planned by the villages this batch does not touch on that day. */
  alreadyPlanned: number;
  /** What this batch asks for on that day. */
  requested: number;
  /** capacity − alreadyPlanned (may be negative after a capacity was lowered). */
  left: number;
}

/**
 * The load of each day a batch touches, with the batch's figures replacing the villages' current
 * ones, in day order. `current` is what is booked now at the site on those days.
 */
export function dayLoads(
  capacity: number,
  current: readonly { village: string; day: CalendarDate; planned: number }[],
  batch: readonly BookingEntry[],
): DayLoad[] {
  const touched = new Set(batch.map((e) => `${e.village}|${e.day}`));
  const days = [...new Set(batch.map((e) => e.day))].sort();
  return days.map((day) => {
    let alreadyPlanned = 0;
    for (const c of current)
      if (c.day === day && !touched.has(`${c.village}|${c.day}`)) alreadyPlanned += c.planned;
    let requested = 0;
    for (const e of batch) if (e.day === day) requested += e.planned;
    return { day, capacity, alreadyPlanned, requested, left: capacity - alreadyPlanned };
  });
}

/**
 * Refuses a batch that would put any day of the site over its capacity (`booking.over-capacity`,
 * the first such day): nothing of the batch is written. A batch that only lowers or withdraws
 * plans is always accepted, even on a day already over (after the capacity was lowered).
 */
export function checkBookingCapacity(
  site: { name: string; capacity: number },
  current: readonly { village: string; day: CalendarDate; planned: number }[],
  batch: readonly BookingEntry[],
): DayLoad[] {
  const loads = dayLoads(site.capacity, current, batch);
  for (const l of loads) {
    if (l.alreadyPlanned + l.requested <= l.capacity) continue;
    const before = current.filter((c) => c.day === l.day).reduce((s, c) => s + c.planned, 0);
    if (l.alreadyPlanned + l.requested <= before) continue;
    const left = Math.max(0, l.left);
    throw businessRule({
      code: 'booking.over-capacity',
      field: 'planned',
      message: {
        zh: `${site.name} ${l.day} 日接种能力 ${l.capacity} 人，其他村已排 ${l.alreadyPlanned} 人，剩余 ${left} 人，本次排 ${l.requested} 人超出 ${l.alreadyPlanned + l.requested - l.capacity} 人`,
        en: `${site.name} on ${l.day}: capacity ${l.capacity}, already planned ${l.alreadyPlanned} by other villages, ${left} left; this plan of ${l.requested} is ${l.alreadyPlanned + l.requested - l.capacity} over`,
      },
    });
  }
  return loads;
}
