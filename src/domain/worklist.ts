/**
 * The grid member's worklist (网格员工作清单): of the residents of their grid(s) who still need
 * something, who to see first and what to do there. It is the order a village grid head would
 * hand out in the morning, written down so that a new party-member grid member gets it too.
 *
 * The order, tier by tier (a lower tier always comes first):
 *   1. 60 and over, open, with something due: a follow-up date on or before today, or a
 *      booking for today or tomorrow (or one already missed). The 60+ are the group the daily
 *      report tracks separately and the one the drive was pressed hardest on (the Xiangtan
 *      report: transport and pre-vaccination checks were laid on for them), and a booking is
 *      kept or lost in the next day.
 *   2. Everyone else open with something due, by the same test.
 *   3. Never screened (unscreened), the 60+ first: until somebody asks, the unit cannot be
 *      screening-cleared (排查清零).
 *   4. Open with nothing due yet, by follow-up date; those with no follow-up date at all come
 *      first in the tier, since nobody has planned their next contact.
 *   5. Deferrals (temporary contraindication) that end within DEFERRAL_LOOKAHEAD_DAYS (or
 *      already have), by the date they end: a short recheck now turns them straight into
 *      bookings the day they fall due.
 * Within a tier, ties are broken by household and then by name (then by resident id, so the
 * order never depends on the input's), so the members of one household sit together and are
 * one trip to the door. Each item also lists the others of its household on the worklist
 * (`alsoAtDoor`), since a grid member at the door sees everyone there whatever their tier.
 *
 * Not on the worklist: done, exempt and ineligible residents, and deferrals ending later.
 */
import { ageOn } from './age.js';
import { type CalendarDate, dayNumber } from './calendar.js';
import type { Bilingual } from './errors.js';

/** A resident's status in the campaign, as derived elsewhere (never typed in). */
export type WorklistStatus = 'open' | 'unscreened' | 'deferred' | 'done' | 'exempt' | 'ineligible';

/** What is known about an open resident, from the last screening visit. */
export type OpenReason = 'booked' | 'refused' | 'hesitant' | 'away' | 'not-found';

export interface WorklistEntry {
  residentId: number | string;
  name: string;
  birthDate: CalendarDate;
  gridCode: string;
  householdId: number | string;
  status: WorklistStatus;
  /** For an open resident: what the last visit found (absent when nothing in particular). */
  openReason?: OpenReason;
  /** The next contact someone planned (随访日期). */
  followUpDate?: CalendarDate;
  /** A deferral's end, or the day someone away (外出) is expected back. */
  untilDate?: CalendarDate;
  /** The day of the booking at the site, when booked. */
  bookedDate?: CalendarDate;
  /** The last visit, an ISO instant; shown, not ordered by. */
  lastVisitAt?: string;
  limitedMobility: boolean;
  remote: boolean;
}

export type WorklistTier = 1 | 2 | 3 | 4 | 5;

export const WORKLIST_TIER_LABELS: Readonly<Record<WorklistTier, Bilingual>> = {
  1: { zh: '60岁以上到期随访或近日预约', en: '60+ due for follow-up or booked today/tomorrow' },
  2: { zh: '到期随访', en: 'follow-up due' },
  3: { zh: '未摸排', en: 'not yet screened' },
  4: { zh: '未接种待跟进', en: 'open, follow-up later' },
  5: { zh: '暂缓即将到期', en: 'deferral ending soon' },
};

/** A deferral ending within this many days is rechecked now. */
export const DEFERRAL_LOOKAHEAD_DAYS = 3;

export type NextActionCode =
  'visit' | 'follow-up' | 'remind-booking' | 'arrange-transport' | 'phone-away' | 'recheck-deferral';

export interface NextAction {
  code: NextActionCode;
  label: Bilingual;
}

export interface WorklistAnnotations {
  tier: WorklistTier;
  /** Age in full years on the campaign's `asOf` date. */
  age: number;
  sixtyPlus: boolean;
  nextAction: NextAction;
  /** The other residents of the same household on this worklist, in worklist order. */
  alsoAtDoor: (number | string)[];
}

export type WorklistItem<E extends WorklistEntry = WorklistEntry> = E & WorklistAnnotations;

function due(entry: WorklistEntry, today: number): boolean {
  if (entry.status !== 'open') return false;
  if (entry.followUpDate !== undefined && dayNumber(entry.followUpDate) <= today) return true;
  // A booking tomorrow needs today's reminder or ride; one in the past was missed.
  return entry.bookedDate !== undefined && dayNumber(entry.bookedDate) <= today + 1;
}

/**
 * The tier an entry falls in on `today`, or null when it is not on the worklist. `asOf` is the
 * date the campaign measures age on.
 */
export function worklistTier(
  entry: WorklistEntry,
  today: CalendarDate,
  asOf: CalendarDate = today,
): WorklistTier | null {
  const t = dayNumber(today);
  switch (entry.status) {
    case 'open':
      if (due(entry, t)) return ageOn(entry.birthDate, asOf) >= 60 ? 1 : 2;
      return 4;
    case 'unscreened':
      return 3;
    case 'deferred':
      return entry.untilDate !== undefined && dayNumber(entry.untilDate) <= t + DEFERRAL_LOOKAHEAD_DAYS
        ? 5
        : null;
    case 'done':
    case 'exempt':
    case 'ineligible':
      return null;
  }
}

/**
 * Whether a booked resident needs a ride (上门接送) rather than a reminder: those who cannot
 * get to the site on their own (limited mobility) and those who live far from it (remote),
 * as the county laid on transport for 年满60周岁居民以及偏远位置的居民 (shared/seed/). A mobile
 * 60-year-old in the village centre is reminded and offered a ride, not sent a car.
 */
export function needsTransport(entry: WorklistEntry): boolean {
  return entry.limitedMobility || entry.remote;
}

const on = (date: CalendarDate | undefined): { zh: string; en: string } =>
  date === undefined ? { zh: '', en: '' } : { zh: `（${date}）`, en: ` (${date})` };

/**
 * What to do for the resident next; the rules are read top to bottom. `asOf` is the date the
 * campaign measures age on (default today).
 */
export function nextAction(
  entry: WorklistEntry,
  today: CalendarDate,
  asOf: CalendarDate = today,
): NextAction {
  const sixtyPlus = ageOn(entry.birthDate, asOf) >= 60;
  if (entry.status === 'deferred') {
    const d = on(entry.untilDate);
    return {
      code: 'recheck-deferral',
      label: {
        zh: `暂缓期将满${d.zh}，复核能否接种`,
        en: `Deferral ends${d.en}: recheck whether they can be vaccinated`,
      },
    };
  }
  if (entry.status === 'unscreened') {
    return { code: 'visit', label: { zh: '上门摸排接种情况', en: 'Visit to find out vaccination status' } };
  }
  switch (entry.openReason) {
    case 'booked': {
      const d = on(entry.bookedDate);
      if (needsTransport(entry)) {
        return {
          code: 'arrange-transport',
          label: { zh: `安排上门接送${d.zh}`, en: `Arrange transport to the booking${d.en}` },
        };
      }
      return {
        code: 'remind-booking',
        label: sixtyPlus
          ? {
              zh: `提醒按预约接种${d.zh}，询问是否需要接送`,
              en: `Remind of the booking${d.en}; offer a ride`,
            }
          : { zh: `提醒按预约接种${d.zh}`, en: `Remind of the booking${d.en}` },
      };
    }
    case 'away': {
      const back = entry.untilDate;
      if (back !== undefined && dayNumber(back) <= dayNumber(today)) {
        // Expected back by now: see them at home rather than phone someone who may be there.
        return {
          code: 'visit',
          label: {
            zh: `外出人员应已返回（${back}），上门核实并动员接种`,
            en: `Due back (${back}): visit and encourage vaccination`,
          },
        };
      }
      return {
        code: 'phone-away',
        label:
          back === undefined
            ? {
                zh: '电话联系外出人员，动员就地接种并回传接种凭证',
                en: 'Phone them while away: urge vaccination where they are and ask for proof',
              }
            : {
                zh: `电话联系外出人员（预计${back}返回），动员就地接种并回传接种凭证`,
                en: `Phone them while away (back ${back}): urge vaccination where they are and ask for proof`,
              },
      };
    }
    case 'refused':
    case 'hesitant':
      return {
        code: 'follow-up',
        label: { zh: '再次上门，解答顾虑、做好动员', en: 'Visit again: answer their concerns and persuade' },
      };
    case 'not-found':
      return {
        code: 'visit',
        label: {
          zh: '换个时间再次上门（早晚或农闲时）',
          en: 'Visit again at a different time (early or late in the day)',
        },
      };
    case undefined:
      return entry.followUpDate === undefined
        ? { code: 'visit', label: { zh: '上门动员接种', en: 'Visit and encourage vaccination' } }
        : {
            code: 'follow-up',
            label: {
              zh: `按约定随访（${entry.followUpDate}）`,
              en: `Follow up as arranged (${entry.followUpDate})`,
            },
          };
  }
}

/** Numbers before strings; numbers by value, strings by UTF-16 code units (the same everywhere). */
function compareKeys(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The key that orders entries within a tier, before household and name. */
function withinTierKey(tier: WorklistTier, entry: WorklistEntry, sixtyPlus: boolean): number {
  switch (tier) {
    case 1:
    case 2:
      // Everything here is due now: grouping by door matters more than days overdue.
      return 0;
    case 3:
      return sixtyPlus ? 0 : 1;
    case 4:
      return entry.followUpDate === undefined ? Number.NEGATIVE_INFINITY : dayNumber(entry.followUpDate);
    case 5:
      return entry.untilDate === undefined ? 0 : dayNumber(entry.untilDate);
  }
}

/**
 * The worklist: the entries that need something, in the order described at the top of this
 * file, each annotated with its tier, age and next action. `today` is the working day; `asOf`
 * is the date the campaign measures age on (default today). Throws RangeError on a date that
 * is not a calendar date.
 */
export function orderWorklist<E extends WorklistEntry>(
  entries: readonly E[],
  today: CalendarDate,
  asOf: CalendarDate = today,
): WorklistItem<E>[] {
  // Refuse a bad date even when no entry would have read it.
  dayNumber(today);
  dayNumber(asOf);
  const keyed: { item: WorklistItem<E>; key: number }[] = [];
  for (const entry of entries) {
    const tier = worklistTier(entry, today, asOf);
    if (tier === null) continue;
    const age = ageOn(entry.birthDate, asOf);
    const sixtyPlus = age >= 60;
    keyed.push({
      item: { ...entry, tier, age, sixtyPlus, nextAction: nextAction(entry, today, asOf), alsoAtDoor: [] },
      key: withinTierKey(tier, entry, sixtyPlus),
    });
  }
  keyed.sort(
    (a, b) =>
      a.item.tier - b.item.tier ||
      (a.key === b.key ? 0 : a.key < b.key ? -1 : 1) ||
      compareKeys(a.item.householdId, b.item.householdId) ||
      compareKeys(a.item.name, b.item.name) ||
      compareKeys(a.item.residentId, b.item.residentId),
  );
  const items = keyed.map((k) => k.item);

  const byHousehold = new Map<number | string, (number | string)[]>();
  for (const item of items) {
    const members = byHousehold.get(item.householdId);
    if (members) members.push(item.residentId);
    else byHousehold.set(item.householdId, [item.residentId]);
  }
  for (const item of items) {
    item.alsoAtDoor = (byHousehold.get(item.householdId) ?? []).filter((id) => id !== item.residentId);
  }
  return items;
}
