/**
 * The close-out ledger (销号台账) of a unit: the named list of its residents who are still open
 * or were never screened, each with what is known about them, for the village grid head to
 * work down and close entry by entry (DESIGN.md).
 */
import { ageOn } from '../../domain/age.js';
import { shanghaiDate, type CalendarDate } from '../../domain/calendar.js';
import { REASON_LABELS, type CampaignStatus } from '../../domain/campaignStatus.js';
import type { Bilingual } from '../../domain/errors.js';
import { maskIdNumber } from '../../domain/idcard.js';
import { maskPhoneOrNull } from '../../domain/pii.js';
import type { CampaignRow } from '../../store/campaignQueries.js';
import {
  ledgerPage,
  ledgerReasonCounts,
  statusToday,
  type NamedStatusRow,
} from '../../store/ledgerQueries.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Store } from '../../store/openStore.js';
import { pageOffset, pageSize } from '../../store/residentListQueries.js';
import type { Scope } from '../records/findResident.js';

export interface LedgerEntry {
  residentId: number;
  county: string;
  /** Masked (maskIdNumber) unless asked for unmasked. */
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  /** Age on the campaign's age-as-of date, the day eligibility is measured on. */
  age: number;
  gridCode: string;
  householdId: string | null;
  /** Masked (138****5678) unless asked for unmasked. */
  phone: string | null;
  status: CampaignStatus;
  reason: string | null;
  reasonLabel: Bilingual | null;
  followUpDate: string | null;
  /** The follow-up date has come, or the deferral ended (always due). */
  followUpDue: boolean;
  /** A deferral's end (for an entry back on the ledger because its deferral ended). */
  untilDate: string | null;
  bookedDate: string | null;
  lastVisitAt: string | null;
}

export interface LedgerInput {
  campaignId: number;
  place: string;
  scope?: Scope;
  unmasked?: boolean;
  limit?: number;
  offset?: number;
}

export interface Ledger {
  place: string;
  /** Everyone on the ledger, not just this page. */
  total: number;
  /** Everyone on the ledger by reason; the never-screened under `unscreened`. */
  byReason: Record<string, number>;
  entries: LedgerEntry[];
}

/** A kept row as a ledger entry on `today`. */
export function ledgerEntry(
  r: NamedStatusRow,
  campaign: CampaignRow,
  today: CalendarDate,
  unmasked: boolean,
): LedgerEntry {
  const now = statusToday(r, today);
  const reason = now.reason;
  return {
    residentId: Number(r.resident_id),
    county: r.county_code,
    idNumber: unmasked ? r.id_number : maskIdNumber(r.id_number),
    name: r.name,
    sex: r.sex,
    age: ageOn(r.birth_date, campaign.age_as_of),
    gridCode: r.grid_code,
    householdId: r.household_id,
    phone: unmasked ? r.phone : maskPhoneOrNull(r.phone),
    status: now.status,
    reason,
    reasonLabel:
      reason !== null && reason in REASON_LABELS ? REASON_LABELS[reason as keyof typeof REASON_LABELS] : null,
    followUpDate: r.follow_up_date,
    followUpDue:
      reason === 'deferral-ended' ||
      (now.status === 'open' && r.follow_up_date !== null && r.follow_up_date <= today),
    untilDate: r.until_date,
    bookedDate: r.booked_date,
    lastVisitAt: r.last_visit_at,
  };
}

/**
 * The unit's ledger today: residents open or unscreened (a deferral whose end has come counts
 * as open, reason `deferral-ended`), ordered by grid, household and name so that one household
 * is one trip to the door; a page at a time (default 1000, at most 10000), with the totals of
 * the whole ledger.
 */
export async function ledgerOf(store: Store, input: LedgerInput): Promise<Ledger> {
  const limit = pageSize(input.limit);
  const offset = pageOffset(input.offset);
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  await requirePlace(store, input.place, input.scope);
  const today = shanghaiDate(store.now());
  const campaignId = Number(campaign.id);
  const [rows, counts] = await Promise.all([
    ledgerPage(store.db, campaignId, input.place, today, limit, offset),
    ledgerReasonCounts(store.db, campaignId, input.place, today),
  ]);
  const byReason: Record<string, number> = {};
  let total = 0;
  for (const c of counts) {
    // Only deferrals that have ended are on the ledger at all.
    const key = c.status === 'deferred' ? 'deferral-ended' : (c.reason ?? c.status);
    byReason[key] = (byReason[key] ?? 0) + c.n;
    total += c.n;
  }
  return {
    place: input.place,
    total,
    byReason,
    entries: rows.map((r) => ledgerEntry(r, campaign, today, input.unmasked === true)),
  };
}
