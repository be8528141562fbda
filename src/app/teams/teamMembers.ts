/**
 * Adding a member to a team (with a lead, if they take one) and taking one off. A member taken
 * off stays on record; an attack team that has been sent keeps both its leads: the lead is
 * handed to someone else first (add the new one after removing, before the team is sent again).
 */
import { businessRule, conflict, notFound } from '../../domain/errors.js';
import {
  checkLeadFree,
  checkMember,
  checkSendable,
  checkTeamSize,
  type MemberDraft,
} from '../../domain/teams.js';
import {
  activeMembers,
  findMember,
  insertMembers,
  isUniqueViolation,
  removeMemberRow,
} from '../../store/fieldops/teamQueries.js';
import type { Store } from '../../store/openStore.js';
import type { Scope } from '../records/findResident.js';
import { checkMemberUsers } from './createTeam.js';
import { requireTeam } from './teamAccess.js';
import { memberView, type TeamMemberView } from './teamView.js';

export async function addTeamMember(
  store: Store,
  input: { teamId: number; member: MemberDraft; scope?: Scope },
): Promise<TeamMemberView> {
  const { team } = await requireTeam(store, input.teamId, input.scope, 'write');
  const member = checkMember(team.kind, input.member);
  await checkMemberUsers(store, [member]);
  const at = store.now().toISOString();
  const insert = store.write(async (trx) => {
    const on = await activeMembers(trx, team.id);
    checkTeamSize(on.length + 1);
    checkLeadFree(
      member.lead,
      on.map((m) => m.lead),
    );
    const [memberId] = await insertMembers(trx, [
      {
        team_id: team.id,
        name: member.name,
        phone: member.phone,
        title: member.title,
        user_id: member.userId,
        lead: member.lead,
        added_at: at,
        removed_at: null,
      },
    ]);
    await trx.updateTable('teams').set({ updated_at: at }).where('id', '=', team.id).execute();
    return memberId as number;
  });
  // Two requests naming the same lead at once: the unique index stops the second one.
  const id = await insert.catch((e: unknown) => {
    if (isUniqueViolation(e)) checkLeadFree(member.lead, [member.lead]);
    throw e;
  });
  const row = await findMember(store.db, team.id, id);
  return memberView(row as NonNullable<typeof row>);
}

export async function removeTeamMember(
  store: Store,
  input: { teamId: number; memberId: number; scope?: Scope },
): Promise<TeamMemberView> {
  const { team, villages } = await requireTeam(store, input.teamId, input.scope, 'write');
  const at = store.now().toISOString();
  return store.write(async (trx) => {
    const member = Number.isInteger(input.memberId)
      ? await findMember(trx, team.id, input.memberId)
      : undefined;
    if (!member) {
      throw notFound({
        code: 'team.member-not-found',
        field: 'member',
        message: { zh: `本队没有队员 ${input.memberId}`, en: `the team has no member ${input.memberId}` },
      });
    }
    if (member.removed_at !== null) {
      throw conflict({
        code: 'team.member-removed',
        field: 'member',
        message: {
          zh: `${member.name}已于 ${member.removed_at} 离队`,
          en: `${member.name} already left the team at ${member.removed_at}`,
        },
      });
    }
    if (member.lead !== null && villages.length > 0) {
      const leads = (await activeMembers(trx, team.id)).filter((m) => m.id !== member.id).map((m) => m.lead);
      try {
        checkSendable(
          team.kind,
          leads,
          villages.map((v) => v.village_code),
        );
      } catch {
        throw businessRule({
          code: 'team.lead-in-field',
          field: 'member',
          message: {
            zh: `${member.name}是已派出攻坚队的带队负责人，请先召回队伍或另派负责人`,
            en: `${member.name} leads an attack team that is out in its villages: recall the team or send it with another lead first`,
          },
        });
      }
    }
    await removeMemberRow(trx, member.id, at);
    await trx.updateTable('teams').set({ updated_at: at }).where('id', '=', team.id).execute();
    return memberView({ ...member, removed_at: at });
  });
}
