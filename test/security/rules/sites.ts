import { createSite } from '../../../src/app/sites/sites.js';
import { json, q, type MatrixArea } from '../matrixCase.js';

/**
 * The scope matrix's rules for the sites routes (issue 8). A site belongs to the target's
 * township: everyone in or above the township sees it (aims 'grid'), only the township and above
 * run it (the roles with sites.write all sit there); a booking names a village, which must be in
 * the caller's places (aims 'village': a grid member may not plan a whole village's day).
 */
export const SITES: MatrixArea = {
  async setUp(store, target) {
    const site = await createSite(store, {
      township: target.township,
      name: `${target.township}卫生院（权限矩阵）`,
      kind: 'health-centre',
      opens: '08:00',
      closes: '17:30',
      dailyCapacity: 500,
    });
    return { siteId: site.id };
  },
  rules: {
    'GET /api/v1/sites': [
      {
        name: 'serving a grid',
        aims: 'grid',
        request: (t) => ({ url: `/api/v1/sites?${q({ place: t.grid })}` }),
      },
    ],
    'POST /api/v1/sites': [
      {
        name: 'create',
        aims: 'grid',
        // The second role to create it gets 409 site.duplicate: an answer, not a refusal of access.
        request: (t) => ({
          url: '/api/v1/sites',
          ...json({
            township: t.township,
            name: `${t.township}临时接种点（权限矩阵）`,
            kind: 'temporary',
            opens: '08:30',
            closes: '16:00',
            dailyCapacity: 50,
          }),
        }),
      },
    ],
    'GET /api/v1/sites/schedule': [
      {
        name: 'township week',
        aims: 'grid',
        request: (t, c) => ({
          url: `/api/v1/sites/schedule?${q({ place: t.grid, from: '2021-08-09', campaign: c.campaignId })}`,
        }),
      },
    ],
    'GET /api/v1/sites/:id': [
      { name: 'one', aims: 'grid', request: (t) => ({ url: `/api/v1/sites/${t.fixtures['siteId']}` }) },
    ],
    'PATCH /api/v1/sites/:id': [
      {
        name: 'update',
        aims: 'grid',
        request: (t) => ({
          url: `/api/v1/sites/${t.fixtures['siteId']}`,
          ...json({ address: '卫生院门诊楼' }),
        }),
      },
    ],
    'POST /api/v1/sites/:id/bookings': [
      {
        name: 'book a village',
        aims: 'village',
        request: (t) => ({
          url: `/api/v1/sites/${t.fixtures['siteId']}/bookings`,
          ...json({ bookings: [{ village: t.village, day: '2021-08-10', planned: 20 }] }),
        }),
      },
    ],
    'GET /api/v1/sites/:id/days/:day': [
      {
        name: 'site day',
        aims: 'grid',
        request: (t, c) => ({
          url: `/api/v1/sites/${t.fixtures['siteId']}/days/2021-08-10?${q({ campaign: c.campaignId })}`,
        }),
      },
    ],
    'POST /api/v1/sites/:id/stock': [
      {
        name: 'receive',
        aims: 'grid',
        request: (t) => ({
          url: `/api/v1/sites/${t.fixtures['siteId']}/stock`,
          ...json({
            day: '2021-08-09',
            movements: [{ product: 'sinovac', lot: '202107K0042', kind: 'received', vials: 10 }],
          }),
        }),
      },
    ],
    'GET /api/v1/sites/:id/stock/:day': [
      {
        name: 'stock',
        aims: 'grid',
        request: (t) => ({ url: `/api/v1/sites/${t.fixtures['siteId']}/stock/2021-08-09` }),
      },
    ],
    'GET /api/v1/sites/:id/checklist/:day': [
      {
        name: 'checklist',
        aims: 'grid',
        request: (t) => ({ url: `/api/v1/sites/${t.fixtures['siteId']}/checklist/2021-08-09` }),
      },
    ],
    'PUT /api/v1/sites/:id/checklist/:day': [
      {
        name: 'check',
        aims: 'grid',
        request: (t) => ({
          url: `/api/v1/sites/${t.fixtures['siteId']}/checklist/2021-08-09`,
          ...json({ items: [{ item: 'shade', ok: true }] }),
        }),
      },
    ],
  },
};
