/**
 * Ending the 30-minute observation (留观) of a dose given through a check-in: all well, or an
 * AEFI, whose report is written with it in one write (siteScreeningObservation.ts has the rule
 * on ending early).
 */
import type { AefiInput } from '../../domain/aefi.js';
import { validateAefi } from '../../domain/aefi.js';
import { businessRule, conflict, invalidInput } from '../../domain/errors.js';
import { checkObservationEnd } from '../../domain/siteScreeningObservation.js';
import {
  aefiById,
  updateCheckinStep,
  type AefiDetailRow,
} from '../../store/fieldops/siteScreeningQueries.js';
import type { Store } from '../../store/openStore.js';
import type { Scope } from '../records/findResident.js';
import { storeAefi, toAefiView, type AefiView } from './aefi.js';
import { checkinView, requireCheckin, type CheckinView } from './checkinView.js';

export interface ObserveInput {
  checkinId: string;
  /** `ok` or `aefi`. */
  outcome: string;
  /** When it ended (ISO-8601 with a zone); now when absent. */
  at?: string | null;
  /** Why it ended before the 30 minutes (an AEFI is its own reason). */
  reason?: string | null;
  /** outcome `aefi`: the report. */
  aefi?: AefiInput | null;
  by: string;
  scope?: Scope;
  unmasked?: boolean;
}

const ended = (id: string) =>
  conflict({
    code: 'observation.ended',
    field: 'checkinId',
    message: { zh: `预检登记 ${id} 的留观已结束`, en: `the observation of check-in ${id} has ended` },
  });

export async function endObservation(
  store: Store,
  input: ObserveInput,
): Promise<{ checkin: CheckinView; aefi: AefiView | null }> {
  const now = store.now();
  const row = await requireCheckin(store.db, input.checkinId, input.scope, 'write');
  if (row.dose_id === null || row.dose_at === null || row.observation_ends_at === null) {
    throw businessRule({
      code: 'observation.no-dose',
      field: 'checkinId',
      message: { zh: '尚未接种，无留观可结束', en: 'no dose given yet: there is no observation to end' },
    });
  }
  if (row.observation_ended_at !== null) throw ended(row.id);
  const end = checkObservationEnd(
    { outcome: input.outcome, at: input.at ?? now.toISOString(), reason: input.reason ?? null },
    row.dose_at,
    now,
  );
  if ((end.outcome === 'aefi') !== (input.aefi !== undefined && input.aefi !== null)) {
    throw invalidInput({
      code: 'observation.aefi',
      field: 'aefi',
      message:
        end.outcome === 'aefi'
          ? { zh: '留观结果为异常反应时须填写异常反应报告', en: 'an AEFI outcome needs its report' }
          : {
              zh: '留观无异常时不应附异常反应报告',
              en: 'an observation that ended well takes no AEFI report',
            },
    });
  }
  const report = input.aefi ? validateAefi(input.aefi, row.dose_at, now) : undefined;
  const doseId = row.dose_id;
  const aefiId = await store.write(async (trx) => {
    const updated = await updateCheckinStep(trx, row.county_code, row.id, 'observation_ended_at', {
      observation_ended_at: end.at,
      observation_outcome: end.outcome,
      observation_note: end.reason,
    });
    if (!updated) throw ended(row.id);
    if (!report) return null;
    return storeAefi(
      trx,
      report,
      {
        county: row.county_code,
        residentId: Number(row.resident_id),
        gridCode: row.grid_code,
        doseId,
        checkinId: row.id,
        siteId: Number(row.site_id),
      },
      now.toISOString(),
      input.by,
    );
  });
  const unmasked = input.unmasked === true;
  const aefiRow = aefiId === null ? undefined : await aefiById(store.db, row.county_code, aefiId);
  return {
    checkin: await checkinView(store.db, row.id, input.scope, unmasked),
    aefi: aefiRow ? toAefiView(aefiRow as AefiDetailRow, unmasked) : null,
  };
}
