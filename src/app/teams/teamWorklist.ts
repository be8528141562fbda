/**
 * A team's worklist (攻坚清单): the close-out ledger of the villages it is sent to — residents
 * open or never screened, with what is known about them — a page at a time, masked unless asked
 * otherwise. A caller who sees the team through one village gets that village's part only.
 */
import { shanghaiDate } from '../../domain/calendar.js';
import { ledgerPageIn } from '../../store/fieldops/teamQueries.js';
import { ledgerReasonCounts } from '../../store/ledgerQueries.js';
import type { Store } from '../../store/openStore.js';
import { pageOffset, pageSize } from '../../store/residentListQueries.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { ledgerEntry, type LedgerEntry } from '../ledger/ledgerOf.js';
import type { Scope } from '../records/findResident.js';
import { requireTeam } from './teamAccess.js';

export interface TeamWorklistInput {
  teamId: number;
  campaignId: number;
  scope?: Scope;
  unmasked?: boolean;
  limit?: number;
  offset?: number;
}

export interface TeamWorklist {
  teamId: number;
  /** The villages this worklist covers (the team's, as far as the caller sees them). */
  villages: string[];
  /** Some of the team's villages are outside the caller's places and left out. */
  partial: boolean;
  /** Everyone on the worklist, not just this page. */
  total: number;
  byReason: Record<string, number>;
  entries: LedgerEntry[];
}

export async function teamWorklist(store: Store, input: TeamWorklistInput): Promise<TeamWorklist> {
  const limit = pageSize(input.limit);
  const offset = pageOffset(input.offset);
  const { team, villages, visibleVillages } = await requireTeam(store, input.teamId, input.scope);
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  const campaignId = Number(campaign.id);
  const today = shanghaiDate(store.now());
  const [rows, ...counts] = await Promise.all([
    ledgerPageIn(store.db, campaignId, team.place_code, visibleVillages, today, limit, offset),
    ...visibleVillages.map((v) => ledgerReasonCounts(store.db, campaignId, v, today)),
  ]);
  const byReason: Record<string, number> = {};
  let total = 0;
  for (const c of counts.flat()) {
    // As the ledger counts them: only deferrals that have ended are on it at all.
    const key = c.status === 'deferred' ? 'deferral-ended' : (c.reason ?? c.status);
    byReason[key] = (byReason[key] ?? 0) + c.n;
    total += c.n;
  }
  return {
    teamId: team.id,
    villages: visibleVillages,
    partial: visibleVillages.length < villages.length,
    total,
    byReason,
    entries: rows.map((r) => ledgerEntry(r, campaign, today, input.unmasked === true)),
  };
}
