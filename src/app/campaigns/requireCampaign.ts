import { notFound } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import { findCampaign, type CampaignRow } from '../../store/campaignQueries.js';
import type { Scope } from '../records/findResident.js';

/**
 * A campaign is visible to a caller whose places it covers (set by their county or above) or
 * who sees its unit (a county commander looking at a township's campaign).
 */
export const campaignInScope = (scope: Scope, campaignPlace: string): boolean =>
  !scope || scope.some((p) => p.startsWith(campaignPlace) || campaignPlace.startsWith(p));

/** The campaign, if it exists and the caller may see it; otherwise "not found". */
export async function requireCampaign(store: Store, campaignId: number, scope?: Scope): Promise<CampaignRow> {
  const campaign = Number.isInteger(campaignId) ? await findCampaign(store.db, campaignId) : undefined;
  if (!campaign || !campaignInScope(scope, campaign.place_code)) {
    throw notFound({
      code: 'campaign.not-found',
      field: 'campaign',
      message: { zh: `找不到接种任务 ${campaignId}`, en: `no campaign ${campaignId}` },
    });
  }
  return campaign;
}
