/**
 * Who may see and change a team. A team is seen by whoever sees its own place (the township
 * that formed it) or one of the villages it is sent to — a village head works with the attack
 * team in their village; it is changed only by whoever sees its own place. Anyone else is told
 * it does not exist, as for residents and places.
 */
import { forbidden, notFound } from '../../domain/errors.js';
import {
  findTeam,
  teamVillages,
  type TeamRow,
  type TeamVillageRow,
} from '../../store/fieldops/teamQueries.js';
import type { Store } from '../../store/openStore.js';
import { inScope, type Scope } from '../records/findResident.js';

export interface TeamAccess {
  team: TeamRow;
  villages: TeamVillageRow[];
  /** The team's villages the caller sees (all of them for whoever sees the team's own place). */
  visibleVillages: string[];
}

const teamNotFound = (id: number) =>
  notFound({
    code: 'team.not-found',
    field: 'team',
    message: { zh: `找不到队伍 ${id}`, en: `no team ${id}` },
  });

/** The team, if the caller may see it (`write`: and change it); otherwise not found (or forbidden). */
export async function requireTeam(
  store: Store,
  id: number,
  scope: Scope,
  mode: 'read' | 'write' = 'read',
): Promise<TeamAccess> {
  const team = Number.isInteger(id) && id > 0 ? await findTeam(store.db, id) : undefined;
  if (!team) throw teamNotFound(id);
  const villages = await teamVillages(store.db, team.id);
  const own = inScope(scope, team.place_code);
  const visibleVillages = villages.map((v) => v.village_code).filter((v) => own || inScope(scope, v));
  if (!own && visibleVillages.length === 0) throw teamNotFound(id);
  if (mode === 'write' && !own) {
    throw forbidden({
      code: 'team.not-yours',
      field: 'team',
      message: {
        zh: `队伍“${team.name}”由 ${team.place_code} 管理，您只能查看`,
        en: `team “${team.name}” is run by ${team.place_code}: you may only look at it`,
      },
    });
  }
  return { team, villages, visibleVillages };
}
