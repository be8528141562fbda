/**
 * Asking for a ride (预约接送) for a resident: a grid member books it at the door, the village
 * office on the phone, or a dispatcher accepts a suggestion. The site must serve the resident's
 * township (a township's health centre vaccinates its own villages); the pick-up place defaults
 * to the household's address; one live request per resident and day.
 */
import { businessRule, conflict, invalidInput, notFound } from '../../domain/errors.js';
import { parseWindow, type TimeWindow } from '../../domain/transportWindow.js';
import type { Store } from '../../store/openStore.js';
import {
  activeSitesOf,
  householdAddress,
  insertMove,
  insertRequest,
  isUniqueViolation,
  liveRequest,
  residentsById,
  siteById,
  type RequestRow,
  type SiteRow,
} from '../../store/fieldops/transportQueries.js';
import { residentById, type ResidentRow } from '../../store/residentQueries.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { findResident, inScope, type Scope } from '../records/findResident.js';
import { optionalText, requireDay, type TransportActor } from './transportInput.js';
import { describeRides, type RideView } from './transportViews.js';

export interface RequestTransportInput {
  /** The resident, by ID number … */
  idNumber?: string;
  /**
   * … or by the id a suggestion or a worklist gave (and its county, when the caller knows it):
   * a phone that holds masked ID numbers need not have the full one typed.
   */
  resident?: { county?: string | null; id: number };
  day: string;
  /** `08:00-10:00` or {from, to}. */
  window: string | TimeWindow;
  /** A site of the resident's township; default: its first active site, the health centre first. */
  siteId?: number | null;
  /** Where to fetch them; default: the household's address. */
  pickUp?: string | null;
  wheelchair?: boolean;
  companion?: boolean;
  note?: string | null;
  campaignId?: number | null;
  by: TransportActor;
  scope?: Scope;
}

const residentNotFound = () =>
  notFound({
    code: 'resident.not-found',
    field: 'resident',
    message: { zh: '找不到该居民', en: 'no such resident' },
  });

async function residentOf(store: Store, input: RequestTransportInput): Promise<ResidentRow> {
  if ((input.idNumber === undefined) === (input.resident === undefined)) {
    throw invalidInput({
      code: 'transport.resident',
      field: 'resident',
      message: {
        zh: '请用身份证号或居民编号（residentId）指定一位居民',
        en: 'name the resident by ID number or by residentId, one of the two',
      },
    });
  }
  if (input.idNumber !== undefined) {
    return findResident(store.db, input.idNumber, input.scope ? { scope: input.scope } : {});
  }
  const { county, id } = input.resident as { county?: string | null; id: number };
  const found = (
    county ? [await residentById(store.db, county, id)] : await residentsById(store.db, id)
  ).filter((r): r is ResidentRow => r !== undefined && inScope(input.scope, r.grid_code));
  if (found.length === 0) throw residentNotFound();
  if (found.length > 1) {
    throw conflict({
      code: 'resident.ambiguous',
      field: 'county',
      message: {
        zh: '该居民编号在多个县都有，请指定县',
        en: 'that resident id exists in several counties: name the county',
      },
    });
  }
  return found[0] as ResidentRow;
}

/** The site a ride goes to: the one asked for, if it serves the township, or the township's first. */
export async function siteForRide(store: Store, township: string, siteId?: number | null): Promise<SiteRow> {
  if (siteId === undefined || siteId === null) {
    const [first] = await activeSitesOf(store.db, township);
    if (!first) {
      throw businessRule({
        code: 'transport.no-site',
        field: 'siteId',
        message: {
          zh: `乡镇 ${township} 没有开放的接种点`,
          en: `township ${township} has no open vaccination site`,
        },
      });
    }
    return first;
  }
  const site = Number.isInteger(siteId) ? await siteById(store.db, siteId) : undefined;
  if (!site || site.active !== 1) {
    throw notFound({
      code: 'site.not-found',
      field: 'siteId',
      message: { zh: `找不到开放的接种点 ${siteId}`, en: `no open site ${siteId}` },
    });
  }
  if (site.township_code !== township) {
    throw businessRule({
      code: 'transport.site-township',
      field: 'siteId',
      message: {
        zh: `接种点“${site.name}”不服务该居民所在乡镇（${township}）`,
        en: `site ${site.name} does not serve the resident's township (${township})`,
      },
    });
  }
  return site;
}

export function checkWindowAtSite(window: TimeWindow, site: SiteRow): void {
  if (window.from >= site.closes) {
    throw businessRule({
      code: 'transport.after-hours',
      field: 'window',
      message: {
        zh: `接种点“${site.name}”${site.closes} 关门，接送时段须在此之前开始`,
        en: `site ${site.name} closes at ${site.closes}: the pick-up window must start before then`,
      },
    });
  }
}

export async function requestTransport(store: Store, input: RequestTransportInput): Promise<RideView> {
  const day = requireDay(store, input.day, { notPast: true });
  const window = parseWindow(input.window);
  if (input.campaignId !== undefined && input.campaignId !== null) {
    await requireCampaign(store, input.campaignId, input.scope);
  }
  const resident = await residentOf(store, input);
  if (resident.status !== 'active') {
    throw businessRule({
      code: 'transport.resident-inactive',
      field: 'resident',
      message: {
        zh: `该居民登记状态为 ${resident.status}，不能安排接送`,
        en: `the resident is ${resident.status} on the register: no ride can be arranged`,
      },
    });
  }
  const county = resident.county_code;
  const residentId = Number(resident.id);
  const township = resident.grid_code.slice(0, 9);
  const site = await siteForRide(store, township, input.siteId);
  checkWindowAtSite(window, site);
  const pickUp =
    optionalText(input.pickUp) ?? (await householdAddress(store.db, county, resident.household_id)) ?? null;
  if (pickUp === null) {
    throw businessRule({
      code: 'transport.pick-up',
      field: 'pickUp',
      message: {
        zh: '该居民的户没有登记地址，请填写接送地点',
        en: "the resident's household has no address on the register: give the pick-up place",
      },
    });
  }
  const now = store.now().toISOString();
  const row = await store
    .transaction(async (trx): Promise<RequestRow> => {
      const existing = await liveRequest(trx, county, residentId, day);
      if (existing) throw duplicate(day, existing);
      const inserted = await insertRequest(trx, {
        county_code: county,
        resident_id: residentId,
        grid_code: resident.grid_code,
        campaign_id: input.campaignId ?? null,
        day,
        window_from: window.from,
        window_to: window.to,
        site_id: site.id,
        pick_up: pickUp,
        wheelchair: input.wheelchair ? 1 : 0,
        companion: input.companion ? 1 : 0,
        note: optionalText(input.note),
        status: 'requested',
        trip_id: null,
        requested_by: input.by.name,
        requested_by_user: input.by.userId,
        created_at: now,
        updated_at: now,
        picked_up_at: null,
        vaccinated_at: null,
        returned_at: null,
        cancelled_at: null,
        status_reason: null,
      });
      await insertMove(trx, {
        request_id: inserted.id,
        at: now,
        from_status: null,
        to_status: 'requested',
        by_name: input.by.name,
        by_user: input.by.userId,
        trip_id: null,
        reason: null,
        recorded_at: now,
      });
      return inserted;
    })
    .catch(async (e: unknown) => {
      // Two requests for one resident and day at once (PostgreSQL): the live-request index
      // lets one in; the other is told about it as if it had come second.
      const existing = isUniqueViolation(e)
        ? await liveRequest(store.db, county, residentId, day)
        : undefined;
      throw existing ? duplicate(day, existing) : e;
    });
  const [view] = await describeRides(store.db, [row], false);
  return view as RideView;
}

export const duplicate = (day: string, existing: RequestRow) =>
  conflict({
    code: 'transport.duplicate',
    field: 'resident',
    message: {
      zh: `该居民 ${day} 已有接送申请（#${existing.id}，${existing.status}）`,
      en: `the resident already has a ride on ${day} (#${existing.id}, ${existing.status})`,
    },
  });
