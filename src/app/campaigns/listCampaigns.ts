import type { Store } from '../../store/openStore.js';
import { listCampaigns as campaignRows, type CampaignRow } from '../../store/campaignQueries.js';
import type { Scope } from '../records/findResident.js';
import { campaignInScope } from './requireCampaign.js';

/**
 * The campaigns the caller may see, oldest first. There are a handful per county, so the
 * scope is applied here rather than in the query.
 */
export async function listCampaigns(store: Store, input: { scope?: Scope } = {}): Promise<CampaignRow[]> {
  const rows = await campaignRows(store.db);
  return rows.filter((c) => campaignInScope(input.scope, c.place_code));
}
