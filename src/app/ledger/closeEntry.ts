/**
 * Closing a close-out ledger entry (销号): who closed it, when and why, appended and never
 * deleted, so the ledger's history shows how each resident left it.
 *
 * A resident's status is derived from the facts (DESIGN.md), so closing an entry cannot make
 * them done or exempt; it records that someone checked that the facts now close it. An entry is
 * therefore closed only once the facts no longer leave the resident open: the dose, the visit
 * (a contraindication, moved out …) or the register change that closes it is recorded first.
 */
import { shanghaiDate, type CalendarDate } from '../../domain/calendar.js';
import type { OpenReason } from '../../domain/campaignStatus.js';
import { businessRule, conflict, invalidInput, notFound, type Bilingual } from '../../domain/errors.js';
import {
  campaignResident,
  closuresUnder,
  insertClosure,
  lastFactChange,
  latestClosure,
  statusToday,
  visitOutcomes,
  type LedgerClosureRow,
} from '../../store/ledgerQueries.js';
import type { Store } from '../../store/openStore.js';
import { pageOffset, pageSize } from '../../store/residentListQueries.js';
import { findResident, type Scope } from '../records/findResident.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { requirePlace } from '../places/requirePlace.js';

export interface LedgerClosure {
  id: number;
  residentId: number;
  county: string;
  at: string;
  closedBy: string;
  reason: string;
  /** How the resident stood on the ledger before the facts that closed the entry. */
  statusBefore: string;
  reasonBefore: string | null;
  /** The status now: at closing, what closed it; in the history, where they stand today. */
  statusNow: string;
}

export interface CloseEntryInput {
  campaignId: number;
  idNumber: string;
  closedBy: string;
  reason: string;
  scope?: Scope;
}

function required(value: string, code: string, field: string, message: Bilingual): string {
  const v = value.trim();
  if (!v) throw invalidInput({ code, field, message });
  return v;
}

/**
 * The latest ledger reason the visits gave the resident: the last visit that left them open
 * (a temporary contraindication only once its deferral has ended), or unscreened when none did.
 */
function ledgerStatusBefore(
  visits: readonly { outcome: string; verified: number | null; until_date: string | null }[],
  today: CalendarDate,
): { status: 'open' | 'unscreened'; reason: OpenReason | null } {
  let before: { status: 'open' | 'unscreened'; reason: OpenReason | null } = {
    status: 'unscreened',
    reason: null,
  };
  for (const v of visits) {
    switch (v.outcome) {
      case 'booked':
      case 'refused':
      case 'away':
      case 'not-found':
        before = { status: 'open', reason: v.outcome };
        break;
      case 'vaccinated-elsewhere':
        before = { status: 'open', reason: v.verified === 1 ? 'verified-elsewhere' : 'claimed-elsewhere' };
        break;
      case 'contraindicated-temporary':
        if (v.until_date !== null && v.until_date <= today)
          before = { status: 'open', reason: 'deferral-ended' };
        break;
      default:
      // Permanent contraindication, moved out, deceased: outcomes that close, not ledger reasons.
    }
  }
  return before;
}

export async function closeLedgerEntry(store: Store, input: CloseEntryInput): Promise<LedgerClosure> {
  const closedBy = required(input.closedBy, 'ledger.closed-by', 'closedBy', {
    zh: '请填写销号人',
    en: 'say who closes the entry',
  });
  const reason = required(input.reason, 'ledger.reason', 'reason', {
    zh: '请填写销号原因',
    en: 'give the reason for closing the entry',
  });
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  const resident = await findResident(store.db, input.idNumber, input.scope ? { scope: input.scope } : {});
  const county = resident.county_code;
  const residentId = Number(resident.id);
  const campaignId = Number(campaign.id);
  const now = store.now();
  const today = shanghaiDate(now);
  const at = now.toISOString();

  return store.transaction(async (trx) => {
    const row = await campaignResident(trx, county, campaignId, residentId);
    if (!row) {
      throw notFound({
        code: 'ledger.not-in-campaign',
        field: 'resident',
        message: {
          zh: `该居民不在接种任务 ${campaignId} 的范围内`,
          en: `the resident is not covered by campaign ${campaignId}`,
        },
      });
    }
    const current = statusToday(row, today);
    if (current.status === 'open' || current.status === 'unscreened') {
      throw businessRule({
        code: 'ledger.still-open',
        field: 'resident',
        message: {
          zh: '该居民仍为待接种或未摸排，请先录入接种记录或使其销号的摸排记录（禁忌、迁出等），再销号',
          en: 'the resident is still open: record the dose, or the visit that closes the entry (a contraindication, moved out …), before closing it',
        },
      });
    }
    if (current.status === 'ineligible' && current.reason === 'age') {
      throw businessRule({
        code: 'ledger.not-eligible',
        field: 'resident',
        message: {
          zh: '该居民不在本次接种年龄段，从未列入台账',
          en: 'the resident is outside the campaign age band and was never on the ledger',
        },
      });
    }
    // Closed already, and nothing about the resident has changed since: a second click, not a
    // second closing. (A resident can return to the ledger — a deferral ends — and be closed
    // again once new facts close them.)
    const last = await latestClosure(trx, county, campaignId, residentId);
    if (last) {
      const changed = await lastFactChange(trx, county, residentId);
      if (changed === null || changed < last.at) {
        throw conflict({
          code: 'ledger.already-closed',
          field: 'resident',
          message: {
            zh: `该居民的台账条目已于 ${last.at} 由 ${last.closed_by} 销号`,
            en: `the entry was already closed at ${last.at} by ${last.closed_by}`,
          },
        });
      }
    }
    const before = ledgerStatusBefore(await visitOutcomes(trx, county, residentId), today);
    const closure = await insertClosure(trx, {
      county_code: county,
      campaign_id: campaignId,
      resident_id: residentId,
      at,
      closed_by: closedBy,
      reason,
      status_before: before.status,
      reason_before: before.reason,
    });
    return toClosure(closure, current.status);
  });
}

function toClosure(r: LedgerClosureRow, statusNow: string): LedgerClosure {
  return {
    id: Number(r.id),
    residentId: Number(r.resident_id),
    county: r.county_code,
    at: r.at,
    closedBy: r.closed_by,
    reason: r.reason,
    statusBefore: r.status_before,
    reasonBefore: r.reason_before,
    statusNow,
  };
}

/**
 * The closures of a unit's residents in a campaign, oldest first, each with where the resident
 * stands today (a closed entry can be back on the ledger). A page at a time, like the ledger.
 */
export async function ledgerHistory(
  store: Store,
  input: { campaignId: number; place: string; scope?: Scope; limit?: number; offset?: number },
): Promise<LedgerClosure[]> {
  const limit = pageSize(input.limit);
  const offset = pageOffset(input.offset);
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  await requirePlace(store, input.place, input.scope);
  const today = shanghaiDate(store.now());
  const rows = await closuresUnder(store.db, Number(campaign.id), input.place, limit, offset);
  return rows.map((r) =>
    toClosure(
      r,
      r.status_now === null
        ? 'ineligible'
        : statusToday({ status: r.status_now, reason: null, until_date: r.until_now }, today).status,
    ),
  );
}
