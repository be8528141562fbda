/** A team as the API, the CLI and the web app show it: members with their leads, villages, quota. */
import type { Bilingual } from '../../domain/errors.js';
import {
  LEAD_LABELS,
  missingLeads,
  TEAM_KIND_LABELS,
  type LeadRole,
  type TeamKind,
} from '../../domain/teams.js';
import { activeMembers, type TeamMemberRow } from '../../store/fieldops/teamQueries.js';
import type { Store } from '../../store/openStore.js';
import { findPlace } from '../../store/placeQueries.js';
import type { TeamAccess } from './teamAccess.js';

export interface TeamMemberView {
  id: number;
  name: string;
  /** In full: a cadre on a team is reached on this number. */
  phone: string | null;
  title: string;
  userId: number | null;
  lead: LeadRole | null;
  leadLabel: Bilingual | null;
  addedAt: string;
}

export interface TeamView {
  id: number;
  kind: TeamKind;
  kindLabel: Bilingual;
  /** The township (or county) the team belongs to. */
  place: string;
  placeName: string;
  name: string;
  /** Doses a day expected in its villages; null without one. */
  quota: number | null;
  members: TeamMemberView[];
  villages: { code: string; name: string; sentAt: string }[];
  /** Leads the team must name before it can be sent (an attack team's two). */
  missingLeads: LeadRole[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export const memberView = (m: TeamMemberRow): TeamMemberView => ({
  id: m.id,
  name: m.name,
  phone: m.phone,
  title: m.title,
  userId: m.user_id === null ? null : Number(m.user_id),
  lead: m.lead,
  leadLabel: m.lead === null ? null : LEAD_LABELS[m.lead],
  addedAt: m.added_at,
});

export async function teamView(store: Store, access: TeamAccess): Promise<TeamView> {
  const { team, villages } = access;
  const [members, place] = await Promise.all([
    activeMembers(store.db, team.id),
    findPlace(store, team.place_code),
  ]);
  return {
    id: team.id,
    kind: team.kind,
    kindLabel: TEAM_KIND_LABELS[team.kind],
    place: team.place_code,
    placeName: place?.name ?? team.place_code,
    name: team.name,
    quota: team.quota === null ? null : Number(team.quota),
    members: members.map(memberView),
    villages: villages.map((v) => ({ code: v.village_code, name: v.name, sentAt: v.sent_at })),
    missingLeads: missingLeads(
      team.kind,
      members.map((m) => m.lead),
    ),
    createdAt: team.created_at,
    createdBy: team.created_by,
    updatedAt: team.updated_at,
  };
}
