import { CLEARANCE_REASON_LABELS, type ClearanceReason } from '../../domain/clearance.js';
import type { Bilingual } from '../../domain/errors.js';
import { codeRange } from '../../store/codeRange.js';
import type { Store } from '../../store/openStore.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';

export interface ClearanceHistoryEntry {
  place: string;
  at: string;
  kind: 'cleared' | 'reopened';
  which: 'screening' | 'task' | 'double';
  reason: string | null;
  reasonLabel: Bilingual | null;
}

/**
 * When a unit (and, with `withinUnits`, every unit under it) cleared and reopened, and why,
 * oldest first: the record behind "cleared since" and "reopened because" (DESIGN.md, 双清零).
 */
export async function clearanceHistory(
  store: Store,
  input: { campaignId: number; place: string; withinUnits?: boolean; scope?: Scope; limit?: number },
): Promise<ClearanceHistoryEntry[]> {
  await requireCampaign(store, input.campaignId, input.scope);
  await requirePlace(store, input.place, input.scope);
  const { low, high } = codeRange(input.place);
  let q = store.db
    .selectFrom('clearance_events')
    .select(['place_code', 'at', 'kind', 'which', 'reason'])
    .where('campaign_id', '=', input.campaignId);
  q = input.withinUnits
    ? q.where('place_code', '>=', low).where('place_code', '<', high)
    : q.where('place_code', '=', input.place);
  const rows = await q
    .orderBy('at')
    .orderBy('id')
    .limit(input.limit ?? 1000)
    .execute();
  return rows.map((r) => ({
    place: r.place_code,
    at: r.at,
    kind: r.kind,
    which: r.which,
    reason: r.reason,
    reasonLabel:
      r.reason && r.reason in CLEARANCE_REASON_LABELS
        ? CLEARANCE_REASON_LABELS[r.reason as ClearanceReason]
        : null,
  }));
}
