/**
 * One resident as the command room's resident page shows them: who they are (masked), where
 * they live, their status in a campaign, and every visit and dose on record, oldest first. The
 * resident is named by their key (county + id), which lists and worklists give, so nobody has to
 * hold a full ID number to open the page.
 */
import { shanghaiDate } from '../../domain/calendar.js';
import { ageOn } from '../../domain/age.js';
import { notFound } from '../../domain/errors.js';
import { maskIdNumber } from '../../domain/idcard.js';
import { maskPhoneOrNull } from '../../domain/pii.js';
import type { Store } from '../../store/openStore.js';
import { residentById } from '../../store/residentQueries.js';
import { inScope, type Scope } from '../records/findResident.js';

export interface ResidentRecord {
  county: string;
  residentId: number;
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  age: number;
  gridCode: string;
  householdId: string | null;
  phone: string | null;
  campaign: {
    id: number;
    status: string;
    reason: string | null;
    untilDate: string | null;
    followUpDate: string | null;
    bookedDate: string | null;
    doneOn: string | null;
  } | null;
  visits: {
    id: string;
    at: string;
    channel: string;
    outcome: string;
    followUpDate: string | null;
    untilDate: string | null;
    bookedDate: string | null;
    site: string | null;
    reason: string | null;
    contraindication: string | null;
  }[];
  doses: {
    id: string;
    product: string;
    doseNumber: number;
    lot: string | null;
    at: string;
    site: string | null;
    source: string;
  }[];
}

export async function residentRecord(
  store: Store,
  input: { county: string; residentId: number; campaignId?: number; scope?: Scope },
): Promise<ResidentRecord> {
  const r = await residentById(store.db, input.county, input.residentId);
  if (!r || !inScope(input.scope, r.grid_code)) {
    throw notFound({
      code: 'resident.not-found',
      field: 'resident',
      message: { zh: '找不到该居民', en: 'no such resident' },
    });
  }
  const key = { county: r.county_code, id: Number(r.id) };
  const [visits, doses, status] = await Promise.all([
    store.db
      .selectFrom('screening_visits')
      .selectAll()
      .where('county_code', '=', key.county)
      .where('resident_id', '=', key.id)
      .orderBy('at')
      .execute(),
    store.db
      .selectFrom('dose_records')
      .selectAll()
      .where('county_code', '=', key.county)
      .where('resident_id', '=', key.id)
      .orderBy('at')
      .execute(),
    input.campaignId === undefined
      ? Promise.resolve(undefined)
      : store.db
          .selectFrom('campaign_residents')
          .selectAll()
          .where('county_code', '=', key.county)
          .where('campaign_id', '=', input.campaignId)
          .where('resident_id', '=', key.id)
          .executeTakeFirst(),
  ]);
  return {
    county: key.county,
    residentId: key.id,
    idNumber: maskIdNumber(r.id_number),
    name: r.name,
    sex: r.sex,
    age: ageOn(r.birth_date, shanghaiDate(store.now())),
    gridCode: r.grid_code,
    householdId: r.household_id,
    phone: maskPhoneOrNull(r.phone),
    campaign: status
      ? {
          id: Number(status.campaign_id),
          status: status.status,
          reason: status.reason,
          untilDate: status.until_date,
          followUpDate: status.follow_up_date,
          bookedDate: status.booked_date,
          doneOn: status.done_on,
        }
      : null,
    visits: visits.map((v) => ({
      id: v.id,
      at: v.at,
      channel: v.channel,
      outcome: v.outcome,
      followUpDate: v.follow_up_date,
      untilDate: v.until_date,
      bookedDate: v.booked_date,
      site: v.site,
      reason: v.reason,
      contraindication: v.contraindication,
    })),
    doses: doses.map((d) => ({
      id: d.id,
      product: d.product,
      doseNumber: Number(d.dose_number),
      lot: d.lot,
      at: d.at,
      site: d.site,
      source: d.source,
    })),
  };
}
