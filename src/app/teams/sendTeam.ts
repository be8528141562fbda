/**
 * Sends a team to villages (派出): exactly the villages given, each a village of the team's own
 * place that the caller sees; none recalls it. An attack team is sent only with both leads.
 */
import { checkSendable, checkVillages } from '../../domain/teams.js';
import { activeMembers, replaceVillages } from '../../store/fieldops/teamQueries.js';
import type { Store } from '../../store/openStore.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';
import { requireTeam } from './teamAccess.js';
import { teamView, type TeamView } from './teamView.js';

export interface SendResult {
  team: TeamView;
  /** The villages it was sent to before, for the audit log's before/after. */
  before: string[];
}

export async function sendTeam(
  store: Store,
  input: { teamId: number; villages: string[]; scope?: Scope },
): Promise<SendResult> {
  const { team, villages: was } = await requireTeam(store, input.teamId, input.scope, 'write');
  const villages = checkVillages(team.place_code, input.villages);
  for (const v of villages) await requirePlace(store, v, input.scope, 'villages');
  const at = store.now().toISOString();
  await store.write(async (trx) => {
    const members = await activeMembers(trx, team.id);
    checkSendable(
      team.kind,
      members.map((m) => m.lead),
      villages,
    );
    await replaceVillages(trx, team.id, villages, at);
    await trx.updateTable('teams').set({ updated_at: at }).where('id', '=', team.id).execute();
  });
  return {
    team: await teamView(store, await requireTeam(store, team.id, input.scope)),
    before: was.map((v) => v.village_code),
  };
}
