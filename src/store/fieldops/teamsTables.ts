/**
 * The tables of migration 0005_teams, as Kysely sees them (joined into `Database` in ../schema.ts).
 * Teams (攻坚队 and the others), their members, leads, villages and quotas; the cadre answerable for each unit (包保责任人); residents' employer and sector (行业监管).
 */
import type { Generated } from 'kysely';
import type { CadreLevel } from '../../domain/answerability.js';
import type { LeadRole, TeamKind } from '../../domain/teams.js';

export interface TeamsTable {
  id: Generated<number>;
  county_code: string;
  /** The township (9 digits) or county (6) the team belongs to. */
  place_code: string;
  kind: TeamKind;
  name: string;
  /** Doses a day expected in the team's villages; null without a quota. */
  quota: number | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface TeamMembersTable {
  id: Generated<number>;
  team_id: number;
  name: string;
  phone: string | null;
  title: string;
  /** The member's gridvax account, when they have one. */
  user_id: number | null;
  /** At most one member of a team holds each lead (a unique index; nulls do not collide). */
  lead: LeadRole | null;
  added_at: string;
  /** Kept, not deleted: who was on the team stays known. */
  removed_at: string | null;
}

export interface TeamVillagesTable {
  team_id: number;
  village_code: string;
  sent_at: string;
}

export interface AnswerableCadresTable {
  /** The township or village the cadre answers for. */
  place_code: string;
  name: string;
  title: string;
  phone: string | null;
  cadre_level: CadreLevel;
  assigned_at: string;
  assigned_by: string;
}

export interface TeamsTables {
  teams: TeamsTable;
  team_members: TeamMembersTable;
  team_villages: TeamVillagesTable;
  answerable_cadres: AnswerableCadresTable;
}
