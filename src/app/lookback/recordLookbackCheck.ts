/**
 * What a look-back found at one door. A discrepancy — the door does not agree with the record —
 * reopens the unit (DESIGN.md): its clearance history gets `reopened` events with the reason
 * `lookback-finding` even when no count changed, because the audit has just shown the counts
 * cannot be trusted. A re-verification visit, when one was made, is stored like any other visit
 * and moves the resident's status through the engine as usual, in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { ClearanceKind } from '../../domain/clearance.js';
import { conflict, invalidInput } from '../../domain/errors.js';
import { lookbackVerdict } from '../../domain/lookback.js';
import type { VisitInput } from '../../domain/screening.js';
import {
  appendAudit,
  appendClearanceEvent,
  latestClearanceEvent,
  lookbackItems,
  recordItemCheck,
  setLookbackVerdict,
} from '../../store/lookbackQueries.js';
import type { Store } from '../../store/openStore.js';
import type { Database } from '../../store/schema.js';
import { findResident, type Scope } from '../records/findResident.js';
import { storeVisit, validVisitOrThrow } from '../records/recordVisit.js';
import { readLookback, requireLookback, type Lookback } from './showLookback.js';

export interface LookbackCheckInput {
  lookbackId: number;
  idNumber: string;
  /** The door agrees with the record (vaccinated as recorded, exempt as recorded …). */
  matches: boolean;
  note?: string;
  /** A re-verification visit made at the door, stored as a visit. */
  visit?: VisitInput;
  checkedBy: string;
  scope?: Scope;
}

/**
 * A finding says the recorded statuses — done, exempt, deferred: what task clearance rests on —
 * do not hold, so task clearance and with it double clearance are reopened. Nothing says the
 * resident was never asked, so screening clearance stands.
 */
const REOPENED_BY_FINDING: readonly ClearanceKind[] = ['task', 'double'];

/**
 * Appends `reopened` (lookback-finding) for the unit and the units above it, for each kind their
 * history says is cleared now: a second finding in a unit already reopened adds nothing.
 */
async function reopenForFinding(
  trx: Kysely<Database>,
  campaignId: number,
  place: string,
  at: string,
): Promise<void> {
  const units = [15, 12, 9, 6].filter((len) => len <= place.length).map((len) => place.slice(0, len));
  if (!units.includes(place)) units.unshift(place);
  for (const unit of units) {
    for (const which of REOPENED_BY_FINDING) {
      if ((await latestClearanceEvent(trx, campaignId, unit, which)) !== 'cleared') continue;
      await appendClearanceEvent(trx, {
        campaign_id: campaignId,
        place_code: unit,
        at,
        kind: 'reopened',
        which,
        reason: 'lookback-finding',
      });
    }
  }
}

export async function recordLookbackCheck(store: Store, input: LookbackCheckInput): Promise<Lookback> {
  const checkedBy = input.checkedBy.trim();
  if (!checkedBy) {
    throw invalidInput({
      code: 'lookback.checked-by',
      field: 'checkedBy',
      message: { zh: '请填写核查人', en: 'say who checked' },
    });
  }
  const lookback = await requireLookback(store.db, input.lookbackId, input.scope);
  const lookbackId = Number(lookback.id);
  const campaignId = Number(lookback.campaign_id);
  const resident = await findResident(store.db, input.idNumber, {
    county: lookback.place_code.slice(0, 6),
    ...(input.scope ? { scope: input.scope } : {}),
  });
  const now = store.now();
  const at = now.toISOString();
  const visit = input.visit ? validVisitOrThrow(input.visit, now) : undefined;
  const note = input.note?.trim() || null;

  return store.transaction(async (trx) => {
    const items = await lookbackItems(trx, lookbackId);
    const item = items.find(
      (i) => i.county_code === resident.county_code && Number(i.resident_id) === Number(resident.id),
    );
    if (!item) {
      throw invalidInput({
        code: 'lookback.not-in-sample',
        field: 'idNumber',
        message: {
          zh: `该居民不在回头看 ${lookbackId} 的抽样名单中`,
          en: `the resident is not in the sample of look-back ${lookbackId}`,
        },
      });
    }
    if (item.checked_at !== null) {
      throw conflict({
        code: 'lookback.already-checked',
        field: 'idNumber',
        message: {
          zh: `该居民已于 ${item.checked_at} 核查过`,
          en: `the resident was already checked at ${item.checked_at}`,
        },
      });
    }
    await recordItemCheck(trx, lookbackId, Number(item.position), {
      checked_at: at,
      matches: input.matches,
      note,
    });
    // The finding first, so the unit's history names the look-back as the cause; a visit that
    // then reopens the counts adds the engine's own events after it.
    if (!input.matches) await reopenForFinding(trx, campaignId, lookback.place_code, at);
    let visitId: string | undefined;
    if (visit) visitId = (await storeVisit(trx, resident, visit, {}, now)).id;
    await appendAudit(trx, {
      at,
      actor: checkedBy,
      action: 'lookback.check',
      entity: 'lookback',
      entityId: String(lookbackId),
      detail: {
        position: Number(item.position),
        residentId: Number(resident.id),
        matches: input.matches,
        note,
        visitId,
      },
    });

    const checked = items.map((i) =>
      i === item ? { ...i, checked_at: at, matches: input.matches ? 1 : 0 } : i,
    );
    const verdict = lookbackVerdict(
      checked.flatMap((i) =>
        i.matches === null ? [] : [{ residentId: Number(i.resident_id), matches: Number(i.matches) === 1 }],
      ),
    );
    const complete = checked.every((i) => i.checked_at !== null);
    await setLookbackVerdict(trx, lookbackId, JSON.stringify(verdict), complete ? at : null);
    return readLookback(trx, await requireLookback(trx, lookbackId, undefined));
  });
}
