/**
 * Forms a team (组建队伍): its kind, name, place, quota, and — in the same transaction, so a
 * refused member or village leaves nothing behind — its members with their leads and the
 * villages it is sent to. An attack team sent at once needs both leads among its members.
 */
import { conflict, notFound } from '../../domain/errors.js';
import {
  checkLeadFree,
  checkMember,
  checkSendable,
  checkTeam,
  checkTeamSize,
  checkVillages,
  type Member,
  type MemberDraft,
} from '../../domain/teams.js';
import {
  insertMembers,
  insertTeam,
  isUniqueViolation,
  replaceVillages,
  teamByName,
} from '../../store/fieldops/teamQueries.js';
import type { Store } from '../../store/openStore.js';
import { findUserById } from '../../store/userQueries.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';
import { requireTeam } from './teamAccess.js';
import { teamView, type TeamView } from './teamView.js';

export interface CreateTeamInput {
  kind: string;
  place: string;
  name: string;
  quota?: number | null;
  members?: MemberDraft[];
  villages?: string[];
  /** Who formed it (the signed-in user's name, or the CLI's). */
  by: string;
  scope?: Scope;
}

/** Refuses a member account that does not exist. */
export async function checkMemberUsers(store: Store, members: readonly Member[]): Promise<void> {
  for (const m of members) {
    if (m.userId !== null && !(await findUserById(store.db, m.userId))) {
      throw notFound({
        code: 'team.member-user',
        field: 'userId',
        message: { zh: `找不到账号 ${m.userId}`, en: `no user ${m.userId}` },
      });
    }
  }
}

/** Refuses a team name its place already uses. */
export async function checkNameFree(store: Store, place: string, name: string): Promise<void> {
  if (await teamByName(store.db, place, name)) {
    throw conflict({
      code: 'team.name-taken',
      field: 'name',
      message: { zh: `${place} 已有名为“${name}”的队伍`, en: `${place} already has a team named “${name}”` },
    });
  }
}

export async function createTeam(store: Store, input: CreateTeamInput): Promise<TeamView> {
  const draft = checkTeam(input);
  await requirePlace(store, draft.place, input.scope);
  const members = (input.members ?? []).map((m) => checkMember(draft.kind, m));
  checkTeamSize(members.length);
  const held: Member['lead'][] = [];
  for (const m of members) {
    checkLeadFree(m.lead, held);
    held.push(m.lead);
  }
  const villages = checkVillages(draft.place, input.villages ?? []);
  checkSendable(draft.kind, held, villages);
  for (const v of villages) await requirePlace(store, v, input.scope, 'villages');
  await checkMemberUsers(store, members);
  await checkNameFree(store, draft.place, draft.name);

  const at = store.now().toISOString();
  const formed = store.transaction(async (trx) => {
    const teamId = await insertTeam(trx, {
      county_code: draft.place.slice(0, 6),
      place_code: draft.place,
      kind: draft.kind,
      name: draft.name,
      quota: draft.quota,
      created_at: at,
      created_by: input.by,
      updated_at: at,
    });
    await insertMembers(
      trx,
      members.map((m) => ({
        team_id: teamId,
        name: m.name,
        phone: m.phone,
        title: m.title,
        user_id: m.userId,
        lead: m.lead,
        added_at: at,
        removed_at: null,
      })),
    );
    await replaceVillages(trx, teamId, villages, at);
    return teamId;
  });
  // The same name formed twice at once: the unique index stops the second one.
  const id = await formed.catch(async (e: unknown) => {
    if (isUniqueViolation(e)) await checkNameFree(store, draft.place, draft.name);
    throw e;
  });
  return teamView(store, await requireTeam(store, id, input.scope));
}
