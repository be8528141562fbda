/**
 * Suggested rides (建议接送): who should be offered a ride on a day without anyone having to ask.
 * The issue names them: residents 60 and over with limited mobility or a remote home who are
 * booked. The report's villages fetched exactly these — elderly residents who could not walk to
 * the health centre or lived up a hill road — so a dispatcher starts the day from this list and
 * accepts it in bulk, item by item (one resident refused never sinks the others).
 */
import { errorJson, isGridvaxError, type Bilingual } from '../../domain/errors.js';
import { ageOn } from '../../domain/age.js';
import { maskIdNumber } from '../../domain/idcard.js';
import { addMinutes, formatWindow, type TimeWindow } from '../../domain/transportWindow.js';
import type { Store } from '../../store/openStore.js';
import {
  activeSitesOf,
  placeNames,
  suggestionRows,
  type SiteRow,
} from '../../store/fieldops/transportQueries.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import type { Scope } from '../records/findResident.js';
import { requestTransport, siteForRide } from './requestTransport.js';
import { requireDay, requireTransportPlace, type TransportActor } from './transportInput.js';
import type { RideView } from './transportViews.js';

export interface Suggestion {
  county: string;
  residentId: number;
  /** Masked: a suggestion list is a working list, not an identity check. */
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  age: number;
  gridCode: string;
  villageCode: string;
  villageName: string | null;
  bookedDate: string;
  /** Why they are suggested: `limited-mobility`, `remote`, or both. */
  why: ('limited-mobility' | 'remote')[];
  /** The household's address; null when the register has none (give one when accepting). */
  pickUp: string | null;
  /** The township's site (its health centre first); null when it has no open site. */
  site: { id: number; name: string } | null;
  /** The first two hours after the site opens. */
  window: TimeWindow | null;
  windowText: string | null;
}

export interface Suggestions {
  campaignId: number;
  place: string;
  day: string;
  criteria: Bilingual;
  suggestions: Suggestion[];
}

export const SUGGESTION_CRITERIA: Bilingual = {
  zh: '60 岁及以上、行动不便或住得偏远、已预约当天接种、当天还没有接送申请的居民。默认时段为接种点开门后两小时：老人早上来，避开午后暑热。',
  en: 'Residents 60 and over with limited mobility or a remote home, booked for the day, with no ride asked for that day yet. The default window is the first two hours after the site opens: the elderly come in the morning, before the afternoon heat.',
};

/**
 * The first two hours of the site's day: August in Hunan is hot, and the report's sites put up
 * shade and fans for those who wait; the old are fetched early.
 */
export const morningWindow = (site: SiteRow): TimeWindow => {
  const to = addMinutes(site.opens, 120);
  return { from: site.opens, to: to < site.closes ? to : site.closes };
};

export interface SuggestInput {
  campaignId: number;
  place: string;
  day: string;
  scope?: Scope;
}

export async function suggestRequests(store: Store, input: SuggestInput): Promise<Suggestions> {
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  const { place } = await requireTransportPlace(store, input.place, input.scope, { grids: true });
  const day = requireDay(store, input.day, { notPast: true });
  const rows = await suggestionRows(store.db, Number(campaign.id), place.code, day);
  const townships = [...new Set(rows.map((r) => r.grid_code.slice(0, 9)))];
  const sites = new Map<string, SiteRow | undefined>();
  for (const t of townships) sites.set(t, (await activeSitesOf(store.db, t))[0]);
  const villages = await placeNames(
    store.db,
    rows.map((r) => r.grid_code.slice(0, 12)),
  );
  return {
    campaignId: Number(campaign.id),
    place: place.code,
    day,
    criteria: SUGGESTION_CRITERIA,
    suggestions: rows.map((r) => {
      const site = sites.get(r.grid_code.slice(0, 9));
      const window = site ? morningWindow(site) : null;
      return {
        county: r.county_code,
        residentId: r.resident_id,
        idNumber: maskIdNumber(r.id_number),
        name: r.name,
        sex: r.sex,
        age: ageOn(r.birth_date, day),
        gridCode: r.grid_code,
        villageCode: r.grid_code.slice(0, 12),
        villageName: villages.get(r.grid_code.slice(0, 12)) ?? null,
        bookedDate: r.booked_date ?? day,
        why: [
          ...(r.limited_mobility === 1 ? (['limited-mobility'] as const) : []),
          ...(r.remote === 1 ? (['remote'] as const) : []),
        ],
        pickUp: r.address?.trim() ? r.address.trim() : null,
        site: site ? { id: site.id, name: site.name } : null,
        window,
        windowText: window ? formatWindow(window) : null,
      };
    }),
  };
}

/** One suggestion to accept, with what the dispatcher changed. */
export interface AcceptItem {
  residentId: number;
  county?: string;
  window?: string | TimeWindow | null;
  siteId?: number | null;
  pickUp?: string | null;
  wheelchair?: boolean;
  companion?: boolean;
  note?: string | null;
}

export type AcceptResult =
  | { county: string; residentId: number; result: 'created'; ride: RideView }
  | { county: string; residentId: number; result: 'refused'; error: ReturnType<typeof errorJson> };

export interface AcceptInput extends SuggestInput {
  /** The suggestions to accept; all of the day's when absent. */
  items?: readonly AcceptItem[];
  by: TransportActor;
}

export interface Accepted {
  created: number;
  refused: number;
  results: AcceptResult[];
}

const notSuggested = (residentId: number) =>
  ({
    code: 'transport.not-suggested',
    field: 'residentId',
    message: {
      zh: `居民 ${residentId} 不在（或已不在）当天的建议名单里：已申请接送、当天没有预约，或不在该地`,
      en: `resident ${residentId} is not (or no longer) among the day's suggestions: a ride is asked for already, they are not booked that day, or live elsewhere`,
    },
  }) as const;

/**
 * Turns suggestions into requests, each on its own (its own transaction): the answer says, item
 * by item, the ride made or why not.
 */
export async function acceptSuggestions(store: Store, input: AcceptInput): Promise<Accepted> {
  const current = await suggestRequests(store, input);
  const items: AcceptItem[] = input.items
    ? [...input.items]
    : current.suggestions.map((s) => ({ residentId: s.residentId, county: s.county }));
  const results: AcceptResult[] = [];
  for (const item of items) {
    const s = current.suggestions.find(
      (x) => x.residentId === item.residentId && (item.county === undefined || x.county === item.county),
    );
    const county = s?.county ?? item.county ?? '';
    if (!s) {
      results.push({
        county,
        residentId: item.residentId,
        result: 'refused',
        error: errorJson(notSuggested(item.residentId)),
      });
      continue;
    }
    try {
      // No site in the township: requestTransport says so (before it would miss the window).
      if (!s.site && (item.siteId === undefined || item.siteId === null)) {
        await siteForRide(store, s.gridCode.slice(0, 9), null);
      }
      const ride = await requestTransport(store, {
        resident: { county: s.county, id: s.residentId },
        day: current.day,
        window: item.window ?? s.window ?? '',
        siteId: item.siteId ?? s.site?.id ?? null,
        pickUp: item.pickUp ?? s.pickUp,
        wheelchair: item.wheelchair ?? false,
        companion: item.companion ?? false,
        note: item.note ?? null,
        campaignId: current.campaignId,
        by: input.by,
        ...(input.scope ? { scope: input.scope } : {}),
      });
      results.push({ county, residentId: s.residentId, result: 'created', ride });
    } catch (e) {
      if (!isGridvaxError(e)) throw e;
      results.push({ county, residentId: s.residentId, result: 'refused', error: errorJson(e.detail) });
    }
  }
  return {
    created: results.filter((r) => r.result === 'created').length,
    refused: results.filter((r) => r.result === 'refused').length,
    results,
  };
}
