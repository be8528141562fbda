/** One team, as its caller may see it. */
import type { Store } from '../../store/openStore.js';
import type { Scope } from '../records/findResident.js';
import { requireTeam } from './teamAccess.js';
import { teamView, type TeamView } from './teamView.js';

export async function showTeam(store: Store, input: { teamId: number; scope?: Scope }): Promise<TeamView> {
  return teamView(store, await requireTeam(store, input.teamId, input.scope));
}
