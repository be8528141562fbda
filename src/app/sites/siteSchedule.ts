/**
 * The day's schedule of a site and of a township (按村组排班): each village's plan against the
 * sites' capacity, beside what happened in the campaign — residents whose booking for that day
 * stands (booked by a grid member, not yet vaccinated) and people done that day.
 */
import { addDays, parseDate, shanghaiDate, type CalendarDate } from '../../domain/calendar.js';
import { invalidInput } from '../../domain/errors.js';
import {
  bookedByVillageDay,
  bookingsOf,
  doneByVillageDay,
  sitesServing,
  villagesOf,
} from '../../store/fieldops/siteQueries.js';
import type { Store } from '../../store/openStore.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';
import { siteChecklist, type SiteChecklistDay } from './checklist.js';
import { requireSite } from './requireSite.js';
import { toSite, type Site } from './sites.js';
import { stockDay, type SiteStockDay } from './stock.js';

export interface VillageDay {
  village: string;
  name: string;
  planned: number;
  /**
   * Residents of the village whose booking for the day stands (open, booked for that day) in the
   * campaign; null without a campaign. Counted by village, whichever of the township's sites
   * they were booked at.
   */
  booked: number | null;
  /** People of the village done that day in the campaign; null without a campaign. */
  done: number | null;
}

export interface SiteDayVillage extends VillageDay {
  bookedBy: string;
  bookedAt: string;
}

export interface SiteDay {
  site: Site;
  day: CalendarDate;
  campaignId: number | null;
  capacity: number;
  planned: number;
  left: number;
  /** The villages planned at this site that day. */
  villages: SiteDayVillage[];
  stock: SiteStockDay;
  checklist: SiteChecklistDay;
}

function dayOrThrow(day: string, field = 'day'): CalendarDate {
  if (!parseDate(day)) {
    throw invalidInput({
      code: 'site.day',
      field,
      message: { zh: `日期无效：${day}`, en: `not a date: ${day}` },
    });
  }
  return day;
}

async function campaignFigures(
  store: Store,
  campaignId: number | undefined,
  scope: Scope,
  township: string,
  from: CalendarDate,
  to: CalendarDate,
): Promise<{ id: number | null; booked: Map<string, number>; done: Map<string, number> }> {
  if (campaignId === undefined) return { id: null, booked: new Map(), done: new Map() };
  const campaign = await requireCampaign(store, campaignId, scope);
  const id = Number(campaign.id);
  const [booked, done] = await Promise.all([
    bookedByVillageDay(store.db, id, township, from, to),
    doneByVillageDay(store.db, id, township, from, to),
  ]);
  const toMap = (rows: { village: string; day: string; n: number }[]) =>
    new Map(rows.map((r) => [`${r.village}|${r.day}`, r.n]));
  return { id, booked: toMap(booked), done: toMap(done) };
}

/** A site's day: its villages' plans against its capacity, its stock, its checklist. */
export async function siteDay(
  store: Store,
  input: { siteId: number; day: string; campaignId?: number | undefined; scope?: Scope },
): Promise<SiteDay> {
  const day = dayOrThrow(input.day);
  const row = await requireSite(store, input.siteId, input.scope);
  const site = toSite(row);
  const [bookings, villages, figures, stock, checklist] = await Promise.all([
    bookingsOf(store.db, [site.id], day, day),
    villagesOf(store.db, site.township),
    campaignFigures(store, input.campaignId, input.scope, site.township, day, day),
    stockDay(store, { siteId: site.id, day, scope: input.scope }),
    siteChecklist(store, { siteId: site.id, day, scope: input.scope }),
  ]);
  const names = new Map(villages.map((v) => [v.code, v.name]));
  const withCampaign = figures.id !== null;
  const planned = bookings.reduce((s, b) => s + Number(b.planned), 0);
  const capacity = site.active ? site.dailyCapacity : 0;
  return {
    site,
    day,
    campaignId: figures.id,
    capacity,
    planned,
    left: capacity - planned,
    villages: bookings.map((b) => ({
      village: b.village_code,
      name: names.get(b.village_code) ?? b.village_code,
      planned: Number(b.planned),
      booked: withCampaign ? (figures.booked.get(`${b.village_code}|${day}`) ?? 0) : null,
      done: withCampaign ? (figures.done.get(`${b.village_code}|${day}`) ?? 0) : null,
      bookedBy: b.created_by,
      bookedAt: b.created_at,
    })),
    stock,
    checklist,
  };
}

export interface TownshipSiteDay {
  day: CalendarDate;
  /** The active sites' capacity that day. */
  capacity: number;
  planned: number;
  left: number;
  sites: { siteId: number; name: string; active: boolean; capacity: number; planned: number; left: number }[];
  /** Every village of the township, planned or not. */
  villages: VillageDay[];
}

export interface TownshipSiteSchedule {
  township: string;
  townshipName: string;
  campaignId: number | null;
  from: CalendarDate;
  to: CalendarDate;
  sites: Site[];
  days: TownshipSiteDay[];
}

/** Days a township schedule covers at most: a month. */
export const MAX_SCHEDULE_DAYS = 31;

/**
 * A township's days from `from` (today by default) for `days` days (7 by default: 按周安排):
 * per day its sites' capacity and plans, and every village's plan beside the campaign's figures.
 * The place may be the township or anything under it (a village head sees its township's days).
 */
export async function townshipSiteSchedule(
  store: Store,
  input: {
    place: string;
    from?: string | undefined;
    days?: number | undefined;
    campaignId?: number | undefined;
    scope?: Scope;
  },
): Promise<TownshipSiteSchedule> {
  const place = await requirePlace(store, input.place, input.scope);
  if (place.code.length < 9) {
    throw invalidInput({
      code: 'site.schedule-place',
      field: 'place',
      message: {
        zh: '排班按乡镇查看：请给出乡镇、村或网格代码',
        en: 'a site schedule is a township’s: give a township, village or grid code',
      },
    });
  }
  const n = input.days ?? 7;
  if (!Number.isInteger(n) || n < 1 || n > MAX_SCHEDULE_DAYS) {
    throw invalidInput({
      code: 'site.schedule-days',
      field: 'days',
      message: { zh: `天数应为 1 到 ${MAX_SCHEDULE_DAYS}`, en: `days must be 1 to ${MAX_SCHEDULE_DAYS}` },
    });
  }
  const from = input.from === undefined ? shanghaiDate(store.now()) : dayOrThrow(input.from, 'from');
  const to = addDays(from, n - 1);
  const townshipCode = place.code.slice(0, 9);
  const township = place.code.length === 9 ? place : await requirePlace(store, townshipCode, undefined);
  const [siteRows, villages, figures] = await Promise.all([
    sitesServing(store.db, townshipCode),
    villagesOf(store.db, townshipCode),
    campaignFigures(store, input.campaignId, input.scope, townshipCode, from, to),
  ]);
  const sites = siteRows.map(toSite);
  const bookings = await bookingsOf(
    store.db,
    sites.map((s) => s.id),
    from,
    to,
  );
  const withCampaign = figures.id !== null;
  const days: TownshipSiteDay[] = [];
  for (let i = 0; i < n; i++) {
    const day = addDays(from, i);
    const ofDay = bookings.filter((b) => b.day === day);
    const siteDays = sites.map((s) => {
      const planned = ofDay
        .filter((b) => Number(b.site_id) === s.id)
        .reduce((a, b) => a + Number(b.planned), 0);
      const capacity = s.active ? s.dailyCapacity : 0;
      return { siteId: s.id, name: s.name, active: s.active, capacity, planned, left: capacity - planned };
    });
    const capacity = siteDays.reduce((a, s) => a + s.capacity, 0);
    const planned = siteDays.reduce((a, s) => a + s.planned, 0);
    days.push({
      day,
      capacity,
      planned,
      left: capacity - planned,
      sites: siteDays,
      villages: villages.map((v) => ({
        village: v.code,
        name: v.name,
        planned: ofDay.filter((b) => b.village_code === v.code).reduce((a, b) => a + Number(b.planned), 0),
        booked: withCampaign ? (figures.booked.get(`${v.code}|${day}`) ?? 0) : null,
        done: withCampaign ? (figures.done.get(`${v.code}|${day}`) ?? 0) : null,
      })),
    });
  }
  return {
    township: townshipCode,
    townshipName: township.name,
    campaignId: figures.id,
    from,
    to,
    sites,
    days,
  };
}
