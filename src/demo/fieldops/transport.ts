import type { Store } from '../../store/openStore.js';

/** The demo's field operations (issue 8): drivers, vehicles and the day's transport requests in 锦石乡. */
 
export async function seedTransport(store: Store, campaignId: number): Promise<void> {
  void store;
  void campaignId;
}
