/** A team's daily quota (每日任务量): the doses a day its villages are expected to give. */
import { checkQuota } from '../../domain/teams.js';
import { updateTeamQuota } from '../../store/fieldops/teamQueries.js';
import type { Store } from '../../store/openStore.js';
import type { Scope } from '../records/findResident.js';
import { requireTeam } from './teamAccess.js';
import { teamView, type TeamView } from './teamView.js';

/** Sets (or with null, clears) a team's daily quota of doses. */
export async function setTeamQuota(
  store: Store,
  input: { teamId: number; quota: number | null; scope?: Scope },
): Promise<{ team: TeamView; before: number | null }> {
  const { team } = await requireTeam(store, input.teamId, input.scope, 'write');
  const quota = checkQuota(input.quota);
  await store.write((trx) => updateTeamQuota(trx, team.id, quota, store.now().toISOString()));
  return {
    team: await teamView(store, await requireTeam(store, team.id, input.scope)),
    before: team.quota === null ? null : Number(team.quota),
  };
}
