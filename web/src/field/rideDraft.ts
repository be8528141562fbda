/**
 * A ride booking (预约接送) as the member fills it, checked with the rules the transport API
 * applies that need no database: a day not already past, a pick-up window the domain can read
 * (src/domain/transportWindow.ts) that starts before the site closes.
 */
import { isGridvaxError, type Bilingual } from '../../../src/domain/errors.js';
import { formatWindow, parseWindow } from '../../../src/domain/transportWindow.js';
import type { TransportRequestBody } from '../offline/outboxItem.js';
import type { SiteSummary } from '../offline/worklistTypes.js';

export const RIDE_WINDOWS = ['08:00-10:00', '10:00-12:00', '14:00-16:00', '16:00-18:00'] as const;

export interface RideDraft {
  day: string;
  window: string;
  /** '' for the township's default site. */
  siteId: string;
  pickUp: string;
  wheelchair: boolean;
  companion: boolean;
  note: string;
}

/** The windows that start before the site closes (all of them when the site is not known). */
export function windowsFor(site: SiteSummary | undefined): string[] {
  return RIDE_WINDOWS.filter((w) => !site || w.slice(0, 5) < site.closes);
}

export type RideCheck =
  { ok: true; body: TransportRequestBody } | { ok: false; errors: { field: string; message: Bilingual }[] };

export function checkRide(
  draft: RideDraft,
  resident: { county: string; id: number },
  today: string,
  sites: readonly SiteSummary[],
  campaignId: number | undefined,
): RideCheck {
  const errors: { field: string; message: Bilingual }[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.day)) {
    errors.push({ field: 'day', message: { zh: '请选择接送日期', en: 'Choose the day' } });
  } else if (draft.day < today) {
    errors.push({
      field: 'day',
      message: { zh: `接送日期不能早于今天（${today}）`, en: `The day cannot be before today (${today})` },
    });
  }
  let window = draft.window;
  try {
    window = formatWindow(parseWindow(draft.window)).replace('–', '-');
  } catch (e) {
    if (!isGridvaxError(e)) throw e;
    errors.push({ field: 'window', message: e.detail.message });
  }
  const site = sites.find((s) => String(s.id) === draft.siteId);
  if (site && window.slice(0, 5) >= site.closes) {
    errors.push({
      field: 'window',
      message: {
        zh: `接种点“${site.name}”${site.closes} 关门，接送时段须在此之前开始`,
        en: `${site.name} closes at ${site.closes}: the pick-up window must start before then`,
      },
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const body: TransportRequestBody = {
    residentId: resident.id,
    county: resident.county,
    day: draft.day,
    window,
    wheelchair: draft.wheelchair,
    companion: draft.companion,
  };
  if (site) body.siteId = site.id;
  if (draft.pickUp.trim()) body.pickUp = draft.pickUp.trim();
  if (draft.note.trim()) body.note = draft.note.trim();
  if (campaignId !== undefined) body.campaignId = campaignId;
  return { ok: true, body };
}
