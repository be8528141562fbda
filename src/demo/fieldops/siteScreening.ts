import type { Store } from '../../store/openStore.js';

/** The demo's field operations (issue 8): nothing yet beyond what the engine recorded. */
 
export async function seedSiteScreening(store: Store, campaignId: number): Promise<void> {
  void store;
  void campaignId;
}
