/**
 * The residents under a place, a page at a time (`gridvax residents`), with their status in a
 * campaign when one is named. Pages are keyed by the last resident listed, in (grid, resident
 * id) order, so listing a whole county is a run of index range scans that each start where the
 * last one stopped, never one read of a million rows.
 */
import { ageOn } from '../../domain/age.js';
import { shanghaiDate } from '../../domain/calendar.js';
import { STATUSES, type CampaignStatus } from '../../domain/campaignStatus.js';
import { invalidInput } from '../../domain/errors.js';
import { maskIdNumber } from '../../domain/idcard.js';
import { maskPhoneOrNull } from '../../domain/pii.js';
import { onLedgerToday, statusToday, stillDeferred } from '../../store/ledgerQueries.js';
import type { Store } from '../../store/openStore.js';
import {
  campaignGridOf,
  campaignPage,
  pageSize,
  registerGridOf,
  registerPage,
  type Keyset,
} from '../../store/residentListQueries.js';
import { expressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { Scope } from '../records/findResident.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { requirePlace } from '../places/requirePlace.js';

export interface ResidentListItem {
  residentId: number;
  county: string;
  /** Masked (maskIdNumber) unless asked for unmasked. */
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  /** On the campaign's age-as-of date when a campaign is named (as its eligibility is), else today. */
  age: number;
  /** The grid the resident lives in (现住). */
  place: string;
  householdId: string | null;
  /** Masked (138****5678) unless asked for unmasked. */
  phone: string | null;
  registerStatus: string;
  /** With a campaign: the status today (a deferral whose end has come is open). */
  status?: string;
  reason?: string | null;
}

export interface ListResidentsInput {
  place: string;
  campaignId?: number;
  status?: string;
  scope?: Scope;
  unmasked?: boolean;
  limit?: number;
  /** The `next` of the page before: list the residents after this one. */
  after?: number;
}

function statusFilter(status: CampaignStatus, today: string): Expression<SqlBool> {
  const eb = expressionBuilder<Database, 'campaign_residents'>();
  switch (status) {
    case 'open':
      return eb.and([onLedgerToday(today), eb('campaign_residents.status', '!=', 'unscreened')]);
    case 'deferred':
      return stillDeferred(today);
    default:
      return eb('campaign_residents.status', '=', status);
  }
}

export async function listResidents(
  store: Store,
  input: ListResidentsInput,
): Promise<{ items: ResidentListItem[]; next: number | null }> {
  const limit = pageSize(input.limit);
  if (input.after !== undefined && (!Number.isSafeInteger(input.after) || input.after < 0)) {
    throw invalidInput({
      code: 'residents.after',
      field: 'after',
      message: { zh: `起始居民编号无效：${input.after}`, en: `not a resident id: ${input.after}` },
    });
  }
  if (input.status !== undefined && !(STATUSES as readonly string[]).includes(input.status)) {
    throw invalidInput({
      code: 'residents.status',
      field: 'status',
      message: {
        zh: `未知状态：${input.status}（可用 ${STATUSES.join('/')}）`,
        en: `unknown status: ${input.status} (one of ${STATUSES.join(', ')})`,
      },
    });
  }
  if (input.status !== undefined && input.campaignId === undefined) {
    throw invalidInput({
      code: 'residents.status-needs-campaign',
      field: 'status',
      message: { zh: '按状态筛选需要指定接种任务', en: 'a status filter needs a campaign' },
    });
  }
  const campaign =
    input.campaignId === undefined ? undefined : await requireCampaign(store, input.campaignId, input.scope);
  const place = await requirePlace(store, input.place, input.scope);
  if (place.code.length < 6) {
    // Resident ids (the page key) are numbered within a county.
    throw invalidInput({
      code: 'residents.place-level',
      field: 'place',
      message: {
        zh: '请指定县及以下的区划（乡镇、村、网格）',
        en: 'name a county or a unit within one (township, village, grid)',
      },
    });
  }
  const county = place.code.slice(0, 6);
  const today = shanghaiDate(store.now());
  const unmasked = input.unmasked === true;

  let after: Keyset | undefined;
  if (input.after !== undefined) {
    const grid = campaign
      ? await campaignGridOf(store.db, county, Number(campaign.id), input.after)
      : await registerGridOf(store.db, county, input.after);
    if (grid === undefined) {
      throw invalidInput({
        code: 'residents.after',
        field: 'after',
        message: { zh: `找不到起始居民 ${input.after}`, en: `no resident ${input.after} to list after` },
      });
    }
    after = { grid, id: input.after };
  }

  // One more than asked tells whether there is a next page without another round trip.
  let items: ResidentListItem[];
  if (campaign) {
    const where =
      input.status === undefined ? undefined : statusFilter(input.status as CampaignStatus, today);
    const rows = await campaignPage(store.db, Number(campaign.id), place.code, where, after, limit + 1);
    items = rows.map((r) => {
      const now = statusToday(r, today);
      return {
        residentId: Number(r.resident_id),
        county: r.county_code,
        idNumber: unmasked ? r.id_number : maskIdNumber(r.id_number),
        name: r.name,
        sex: r.sex,
        birthDate: r.birth_date,
        age: ageOn(r.birth_date, campaign.age_as_of),
        place: r.grid_code,
        householdId: r.household_id,
        phone: unmasked ? r.phone : maskPhoneOrNull(r.phone),
        registerStatus: r.register_status,
        status: now.status,
        reason: now.reason,
      };
    });
  } else {
    const rows = await registerPage(store.db, county, place.code, after, limit + 1);
    items = rows.map((r) => ({
      residentId: Number(r.id),
      county: r.county_code,
      idNumber: unmasked ? r.id_number : maskIdNumber(r.id_number),
      name: r.name,
      sex: r.sex,
      birthDate: r.birth_date,
      age: ageOn(r.birth_date, today),
      place: r.grid_code,
      householdId: r.household_id,
      phone: unmasked ? r.phone : maskPhoneOrNull(r.phone),
      registerStatus: r.status,
    }));
  }
  const more = items.length > limit;
  if (more) items = items.slice(0, limit);
  return { items, next: more ? (items.at(-1)?.residentId ?? null) : null };
}
