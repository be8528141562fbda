import type { Store } from '../../store/openStore.js';

/** The demo's field operations (issue 8): attack teams in 锦石乡 as the news report tells them, the answerable cadres of every township and village, some residents' employers and sectors. */
 
export async function seedTeams(store: Store, campaignId: number): Promise<void> {
  void store;
  void campaignId;
}
