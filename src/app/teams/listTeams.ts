/** The teams at a place: formed by it (or a unit under it), or sent to one of its villages. */
import type { Bilingual } from '../../domain/errors.js';
import { missingLeads, TEAM_KIND_LABELS, type LeadRole, type TeamKind } from '../../domain/teams.js';
import { teamsAt, teamSizes } from '../../store/fieldops/teamQueries.js';
import type { Store } from '../../store/openStore.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';

export interface TeamSummary {
  id: number;
  kind: TeamKind;
  kindLabel: Bilingual;
  place: string;
  name: string;
  quota: number | null;
  members: number;
  villages: string[];
  missingLeads: LeadRole[];
}

export async function listTeams(
  store: Store,
  input: { place: string; kind?: TeamKind; scope?: Scope },
): Promise<TeamSummary[]> {
  await requirePlace(store, input.place, input.scope);
  const teams = (await teamsAt(store.db, input.place)).filter((t) => !input.kind || t.kind === input.kind);
  const sizes = await teamSizes(
    store.db,
    teams.map((t) => t.id),
  );
  return teams.map((t) => {
    const leads = sizes.members.get(t.id) ?? [];
    return {
      id: t.id,
      kind: t.kind,
      kindLabel: TEAM_KIND_LABELS[t.kind],
      place: t.place_code,
      name: t.name,
      quota: t.quota === null ? null : Number(t.quota),
      members: leads.length,
      villages: sizes.villages.get(t.id) ?? [],
      missingLeads: missingLeads(t.kind, leads),
    };
  });
}
