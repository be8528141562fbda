import type { Store } from '../../store/openStore.js';
import { seedTeams } from './teams.js';
import { seedSites } from './sites.js';
import { seedTransport } from './transport.js';
import { seedSiteScreening } from './siteScreening.js';
import { seedDispatch } from './dispatch.js';

/**
 * The field work of the demo evening, in the order it depends on: teams and answerable cadres,
 * sites (bookings need them), transport (trips go to sites), site screening, dispatch orders.
 * Deterministic, like the rest of the demo.
 */
export async function seedFieldOperations(store: Store, campaignId: number): Promise<void> {
  await seedTeams(store, campaignId);
  await seedSites(store, campaignId);
  await seedTransport(store, campaignId);
  await seedSiteScreening(store, campaignId);
  await seedDispatch(store, campaignId);
}
