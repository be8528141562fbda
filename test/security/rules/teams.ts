import { createTeam } from '../../../src/app/teams/createTeam.js';
import { json, q, type MatrixArea } from '../matrixCase.js';

/**
 * The scope matrix's rules for the teams routes (issue 8). At each target an attack team of the
 * target's township is sent to the target's village (so a village head there sees it), with a
 * plain member for the removal to take off.
 */
export const TEAMS: MatrixArea = {
  async setUp(store, target) {
    const team = await createTeam(store, {
      kind: 'attack',
      place: target.township,
      name: `矩阵攻坚队 ${target.name}`,
      quota: 10,
      members: [
        { name: '彭志强', title: '乡党委副书记', lead: 'dispatcher' },
        { name: '谭红梅', title: '副乡长', lead: 'site-commander' },
        { name: '干部甲', title: '乡机关干部' },
      ],
      villages: [target.village],
      by: 'matrix',
    });
    const plain = team.members.find((m) => m.lead === null);
    return { teamId: team.id, memberId: plain?.id ?? 0 };
  },
  rules: {
    'GET /api/v1/teams': [
      {
        name: 'at a village',
        aims: 'village',
        request: (t) => ({ url: `/api/v1/teams?${q({ place: t.village })}` }),
      },
    ],
    'POST /api/v1/teams': [
      {
        name: 'form and send',
        aims: 'village',
        request: (t) => ({
          url: '/api/v1/teams',
          ...json({
            kind: 'publicity',
            place: t.township,
            name: '宣传车队',
            members: [{ name: '张三', title: '志愿者', lead: 'leader' }],
            villages: [t.village],
          }),
        }),
      },
    ],
    'GET /api/v1/teams/:id': [
      { name: 'show', aims: 'village', request: (t) => ({ url: `/api/v1/teams/${t.fixtures['teamId']}` }) },
    ],
    'POST /api/v1/teams/:id/members': [
      {
        name: 'add',
        aims: 'village',
        request: (t) => ({
          url: `/api/v1/teams/${t.fixtures['teamId']}/members`,
          ...json({ name: '干部乙', title: '乡机关干部', phone: '13907320000' }),
        }),
      },
    ],
    'DELETE /api/v1/teams/:id/members/:memberId': [
      {
        name: 'remove (again: 409)',
        aims: 'village',
        request: (t) => ({ url: `/api/v1/teams/${t.fixtures['teamId']}/members/${t.fixtures['memberId']}` }),
      },
    ],
    'PUT /api/v1/teams/:id/villages': [
      {
        name: 'send',
        aims: 'village',
        request: (t) => ({
          url: `/api/v1/teams/${t.fixtures['teamId']}/villages`,
          ...json({ villages: [t.village] }),
        }),
      },
    ],
    'PUT /api/v1/teams/:id/quota': [
      {
        name: 'quota',
        aims: 'village',
        request: (t) => ({ url: `/api/v1/teams/${t.fixtures['teamId']}/quota`, ...json({ quota: 12 }) }),
      },
    ],
    'GET /api/v1/teams/:id/worklist': [
      {
        name: 'masked',
        aims: 'village',
        request: (t, c) => ({
          url: `/api/v1/teams/${t.fixtures['teamId']}/worklist?${q({ campaign: c.campaignId })}`,
        }),
      },
      {
        name: 'unmasked',
        aims: 'village',
        needs: ['pii.unmask'],
        fullIds: true,
        request: (t, c) => ({
          url: `/api/v1/teams/${t.fixtures['teamId']}/worklist?${q({ campaign: c.campaignId, unmasked: true })}`,
        }),
      },
    ],
    'GET /api/v1/teams/:id/progress': [
      {
        name: 'progress',
        aims: 'village',
        request: (t, c) => ({
          url: `/api/v1/teams/${t.fixtures['teamId']}/progress?${q({ campaign: c.campaignId })}`,
        }),
      },
    ],
    'GET /api/v1/answerable/:place': [
      { name: 'village', aims: 'village', request: (t) => ({ url: `/api/v1/answerable/${t.village}` }) },
    ],
    'PUT /api/v1/answerable/:place': [
      {
        name: 'village',
        aims: 'village',
        request: (t) => ({
          url: `/api/v1/answerable/${t.village}`,
          ...json({ name: '刘德明', title: '乡党委委员', phone: '13807320001' }),
        }),
      },
    ],
    'GET /api/v1/campaigns/:id/sectors/:place': [
      {
        name: 'progress',
        aims: 'village',
        request: (t, c) => ({ url: `/api/v1/campaigns/${c.campaignId}/sectors/${t.village}` }),
      },
    ],
    'GET /api/v1/campaigns/:id/sectors/:place/ledger': [
      {
        name: 'masked',
        aims: 'village',
        request: (t, c) => ({
          url: `/api/v1/campaigns/${c.campaignId}/sectors/${t.village}/ledger?${q({ sector: 'education' })}`,
        }),
      },
      {
        name: 'unmasked',
        aims: 'village',
        needs: ['pii.unmask'],
        fullIds: true,
        request: (t, c) => ({
          url: `/api/v1/campaigns/${c.campaignId}/sectors/${t.village}/ledger?${q({ sector: 'education', unmasked: true })}`,
        }),
      },
    ],
    'PUT /api/v1/residents/:idNumber/employment': [
      {
        name: 'employment',
        aims: 'grid',
        request: (t) => ({
          url: `/api/v1/residents/${t.idNumber}/employment`,
          ...json({ employer: '锦石乡中心学校', sector: 'education', publicRole: 'public-servant' }),
        }),
      },
    ],
  },
};
