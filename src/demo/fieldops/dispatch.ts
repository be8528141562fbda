import type { Store } from '../../store/openStore.js';

/** The demo's field operations (issue 8): the county's dispatch orders and the villages' notices. */
 
export async function seedDispatch(store: Store, campaignId: number): Promise<void> {
  void store;
  void campaignId;
}
