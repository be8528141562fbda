/**
 * A day of check-ins: at a site (the site's own board) or of a unit's residents wherever they
 * checked in (a village following its people through the site), each with its totals: checked
 * in, postponed, not suitable, vaccinated, in observation, AEFI.
 */
import { parseDate, shanghaiDate, type CalendarDate } from '../../domain/calendar.js';
import { invalidInput } from '../../domain/errors.js';
import { checkinsOfSite, checkinsUnder } from '../../store/fieldops/siteScreeningQueries.js';
import type { Store } from '../../store/openStore.js';
import { requirePlace } from '../places/requirePlace.js';
import { inScope, type Scope } from '../records/findResident.js';
import { checkinViews, type CheckinView } from './checkinView.js';
import { requireSite } from '../sites/requireSite.js';

/** A site's day is bounded by its capacity; a unit's by this. */
export const MAX_CHECKINS = 5000;

export interface CheckinTotals {
  checkedIn: number;
  /** Screened and waiting for the doctor, or not screened yet. */
  waiting: number;
  recommended: number;
  postponed: number;
  notSuitable: number;
  vaccinated: number;
  observing: number;
  aefi: number;
}

export function totalsOf(items: readonly CheckinView[]): CheckinTotals {
  const t: CheckinTotals = {
    checkedIn: items.length,
    waiting: 0,
    recommended: 0,
    postponed: 0,
    notSuitable: 0,
    vaccinated: 0,
    observing: 0,
    aefi: 0,
  };
  for (const c of items) {
    if (c.decision === null) t.waiting++;
    else if (c.decision.decision === 'recommend') t.recommended++;
    else if (c.decision.decision === 'postpone') t.postponed++;
    else t.notSuitable++;
    if (c.dose !== null) t.vaccinated++;
    if (c.stage === 'observing') t.observing++;
    if (c.observation?.outcome === 'aefi') t.aefi++;
  }
  return t;
}

function dayOf(value: string | undefined, store: Store): CalendarDate {
  if (value === undefined) return shanghaiDate(store.now());
  if (parseDate(value) === undefined) {
    throw invalidInput({
      code: 'checkin.day',
      field: 'day',
      message: { zh: `日期无效（YYYY-MM-DD）：${value}`, en: `not a date (YYYY-MM-DD): ${value}` },
    });
  }
  return value;
}

export interface SiteDay {
  site: { id: number; name: string; township: string; dailyCapacity: number };
  day: string;
  totals: CheckinTotals;
  items: CheckinView[];
}

/** A site's check-ins of a day (today by default), of the residents the caller may see. */
export async function checkinsOfSiteDay(
  store: Store,
  input: { siteId: number; day?: string; scope?: Scope; unmasked?: boolean },
): Promise<SiteDay> {
  const site = await requireSite(store, input.siteId, input.scope, 'see');
  const day = dayOf(input.day, store);
  const rows = (await checkinsOfSite(store.db, Number(site.id), day, MAX_CHECKINS, 0)).filter((r) =>
    inScope(input.scope, r.grid_code),
  );
  const items = await checkinViews(store.db, rows, input.unmasked === true);
  return {
    site: {
      id: Number(site.id),
      name: site.name,
      township: site.township_code,
      dailyCapacity: site.daily_capacity,
    },
    day,
    totals: totalsOf(items),
    items,
  };
}

export interface UnitDay {
  place: string;
  day: string;
  totals: CheckinTotals;
  items: CheckinView[];
}

/** The check-ins of a day of a unit's residents (by their grid at check-in), at any site. */
export async function checkinsOfUnitDay(
  store: Store,
  input: { place: string; day?: string; scope?: Scope; unmasked?: boolean },
): Promise<UnitDay> {
  await requirePlace(store, input.place, input.scope);
  const day = dayOf(input.day, store);
  const rows = await checkinsUnder(store.db, input.place, day, MAX_CHECKINS, 0);
  const items = await checkinViews(store.db, rows, input.unmasked === true);
  return { place: input.place, day, totals: totalsOf(items), items };
}
