import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createTeam } from '../../app/teams/createTeam.js';
import { listTeams } from '../../app/teams/listTeams.js';
import { sendTeam } from '../../app/teams/sendTeam.js';
import { setTeamQuota } from '../../app/teams/setTeamQuota.js';
import { showTeam } from '../../app/teams/showTeam.js';
import { addTeamMember, removeTeamMember } from '../../app/teams/teamMembers.js';
import { teamProgress } from '../../app/teams/teamProgress.js';
import { teamWorklist } from '../../app/teams/teamWorklist.js';
import { TEAM_KINDS } from '../../domain/teams.js';
import type { Store } from '../../store/openStore.js';
import { auditRequest } from '../auth/auditRequest.js';
import { callerOf } from '../auth/authenticate.js';
import { scopeOf } from '../scope.js';
import {
  calendarDate,
  campaignIdParam,
  errorResponses,
  limit,
  offset,
  placeCode,
  unmaskedFlag,
} from '../schemas.js';
import { answerableRoutes } from './teamsAnswerable.js';
import { sectorRoutes } from './teamsSectors.js';
import {
  team,
  teamIdParam,
  teamInput,
  teamMember,
  teamMemberInput,
  teamProgress as teamProgressSchema,
  teamSummary,
  teamWorklist as teamWorklistSchema,
  villageCode,
} from './teamSchemas.js';

/** Teams 攻坚队 and other teams (issue 8); answerable cadres and sectors in their own files. */
export const teamRoutes =
  (store: Store): FastifyPluginAsync =>
  async (base) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const params = z.object({ id: teamIdParam });

    app.get(
      '/teams',
      {
        config: { permission: 'teams.read' },
        schema: {
          tags: ['teams'],
          summary: 'The teams at a place: formed by it, or sent to its villages',
          description:
            'A township lists its own teams; a village, the teams sent to it; the county, every team. Each with its member count, villages and the leads it still lacks.',
          querystring: z.object({ place: placeCode, kind: z.enum(TEAM_KINDS).optional() }),
          response: { 200: z.object({ items: z.array(teamSummary) }), ...errorResponses(400, 404) },
        },
      },
      async (req) => ({
        items: await listTeams(store, {
          place: req.query.place,
          ...(req.query.kind ? { kind: req.query.kind } : {}),
          scope: scopeOf(req),
        }),
      }),
    );

    app.post(
      '/teams',
      {
        config: { permission: 'teams.write' },
        schema: {
          tags: ['teams'],
          summary: 'Form a team (组建队伍), with its members and villages in one go',
          description:
            'Kinds: `attack` (攻坚队), `screening-volunteers` (摸排志愿者), `transport` (接送车队), `publicity` (宣传车), `community` (社区工作组). The team belongs to a township or the county; its villages must be villages of that place. An attack team sent to villages needs its two leads among the members — a `dispatcher` at the village office and a `site-commander` at the health centre — or it is refused with 422 `team.leads-required`; nothing is written. 409 `team.name-taken`, `team.lead-taken`.',
          body: teamInput,
          response: { 201: team, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const created = await createTeam(store, {
          ...req.body,
          by: callerOf(req).displayName,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'team.create',
          entity: 'team',
          entityId: created.id,
          detail: {
            after: {
              kind: created.kind,
              place: created.place,
              name: created.name,
              quota: created.quota,
              members: created.members.map((m) => ({ id: m.id, name: m.name, lead: m.lead })),
              villages: created.villages.map((v) => v.code),
            },
          },
        });
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/teams/:id',
      {
        config: { permission: 'teams.read' },
        schema: {
          tags: ['teams'],
          summary: 'One team: members and leads, villages, quota',
          description:
            'Seen by whoever sees the team’s own place or one of its villages; anyone else gets 404.',
          params,
          response: { 200: team, ...errorResponses(400, 404) },
        },
      },
      async (req) => showTeam(store, { teamId: req.params.id, scope: scopeOf(req) }),
    );

    app.post(
      '/teams/:id/members',
      {
        config: { permission: 'teams.write' },
        schema: {
          tags: ['teams'],
          summary: 'Add a member to a team (optionally as one of its leads)',
          description:
            '409 `team.lead-taken` when another member holds that lead. Only whoever sees the team’s own place may change it (403 `team.not-yours` for someone who sees it through a village).',
          params,
          body: teamMemberInput,
          response: { 201: teamMember, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const member = await addTeamMember(store, {
          teamId: req.params.id,
          member: req.body,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'team.member-add',
          entity: 'team',
          entityId: req.params.id,
          detail: { after: { member: member.id, name: member.name, title: member.title, lead: member.lead } },
        });
        return reply.status(201).send(member);
      },
    );

    app.delete(
      '/teams/:id/members/:memberId',
      {
        config: { permission: 'teams.write' },
        schema: {
          tags: ['teams'],
          summary: 'Take a member off a team',
          description:
            'The member stays on record (with when they left). A lead of an attack team that is out in its villages is refused (422 `team.lead-in-field`): recall the team or hand the lead over first. 409 `team.member-removed` when already off.',
          params: z.object({ id: teamIdParam, memberId: z.coerce.number().int().positive() }),
          response: { 200: teamMember, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req) => {
        const member = await removeTeamMember(store, {
          teamId: req.params.id,
          memberId: req.params.memberId,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'team.member-remove',
          entity: 'team',
          entityId: req.params.id,
          detail: { before: { member: member.id, name: member.name }, after: { removed: true } },
        });
        return member;
      },
    );

    app.put(
      '/teams/:id/villages',
      {
        config: { permission: 'teams.write' },
        schema: {
          tags: ['teams'],
          summary: 'Send a team (派出) to exactly these villages; an empty list recalls it',
          description:
            'Villages must be villages of the team’s own place (422 `team.village-outside`). An attack team is sent only with both leads (422 `team.leads-required`). Villages it keeps keep the day they were sent on.',
          params,
          body: z.object({ villages: z.array(villageCode).max(500) }),
          response: { 200: team, ...errorResponses(400, 404, 409, 422) },
        },
      },
      async (req) => {
        const { team: sent, before } = await sendTeam(store, {
          teamId: req.params.id,
          villages: req.body.villages,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'team.send',
          entity: 'team',
          entityId: sent.id,
          detail: { before: { villages: before }, after: { villages: sent.villages.map((v) => v.code) } },
        });
        return sent;
      },
    );

    app.put(
      '/teams/:id/quota',
      {
        config: { permission: 'teams.write' },
        schema: {
          tags: ['teams'],
          summary: 'Set a team’s daily quota (doses a day in its villages); null clears it',
          params,
          body: z.object({ quota: z.number().int().nullable() }),
          response: { 200: team, ...errorResponses(400, 404) },
        },
      },
      async (req) => {
        const { team: changed, before } = await setTeamQuota(store, {
          teamId: req.params.id,
          quota: req.body.quota,
          scope: scopeOf(req),
        });
        await auditRequest(store, req, {
          action: 'team.quota',
          entity: 'team',
          entityId: changed.id,
          detail: { before: { quota: before }, after: { quota: changed.quota } },
        });
        return changed;
      },
    );

    app.get(
      '/teams/:id/worklist',
      {
        config: { permission: 'teams.read' },
        schema: {
          tags: ['teams'],
          summary: 'A team’s worklist: the open and unscreened residents of its villages',
          description:
            'The close-out ledger of the team’s villages (as `GET /campaigns/:id/ledger/:place` gives a unit’s), by grid and household, a page at a time; `total` and `byReason` count all of it. Someone who sees the team through one village gets that village only (`partial`). ID and phone numbers are masked unless `unmasked=true`.',
          params,
          querystring: z.object({ campaign: campaignIdParam, limit, offset, unmasked: unmaskedFlag }),
          response: { 200: teamWorklistSchema, ...errorResponses(400, 404) },
        },
      },
      async (req) =>
        teamWorklist(store, {
          teamId: req.params.id,
          campaignId: req.query.campaign,
          scope: scopeOf(req),
          unmasked: req.query.unmasked,
          limit: req.query.limit,
          offset: req.query.offset,
        }),
    );

    app.get(
      '/teams/:id/progress',
      {
        config: { permission: 'teams.read' },
        schema: {
          tags: ['teams'],
          summary: 'A team’s progress by day against its quota',
          description:
            'Doses that reached the campaign’s target each day in the team’s villages, against the quota: `met`, and how many `short`. Default: the last 7 days to today; at most 92 days.',
          params,
          querystring: z.object({
            campaign: campaignIdParam,
            from: calendarDate.optional(),
            to: calendarDate.optional(),
          }),
          response: { 200: teamProgressSchema, ...errorResponses(400, 404) },
        },
      },
      async (req) =>
        teamProgress(store, {
          teamId: req.params.id,
          campaignId: req.query.campaign,
          ...(req.query.from ? { from: req.query.from } : {}),
          ...(req.query.to ? { to: req.query.to } : {}),
          scope: scopeOf(req),
        }),
    );

    await app.register(answerableRoutes(store));
    await app.register(sectorRoutes(store));
  };
