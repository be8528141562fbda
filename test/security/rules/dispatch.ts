import { insertOrder } from '../../../src/store/fieldops/dispatchQueries.js';
import { json, type MatrixArea } from '../matrixCase.js';

/**
 * The scope matrix's rules for the dispatch routes (issue 8). Each target gets a county order to
 * its village; an order is visible to whoever sees one of its units, and a unit answers only for
 * itself, so every route aims at the village.
 */
export const DISPATCH: MatrixArea = {
  async setUp(store, target) {
    const orderId = await insertOrder(
      store.db,
      {
        county_code: '430321',
        issuer_code: '430321',
        title: '矩阵测试调度令',
        body: '请报送销号台账。',
        issued_at: '2021-08-09T00:00:00.000Z',
        deadline: '2021-08-09T09:00:00.000Z',
        campaign_id: null,
        issued_by: 'test',
      },
      [target.village],
    );
    return { orderId };
  },
  rules: {
    'POST /api/v1/orders': [
      {
        name: 'issue',
        aims: 'village',
        request: (t) => ({
          url: '/api/v1/orders',
          ...json({
            title: '调度令',
            text: '请报送销号台账。',
            deadline: '2021-08-10T17:00:00+08:00',
            targets: [t.village],
          }),
        }),
      },
    ],
    'GET /api/v1/orders': [
      { name: 'list', aims: 'village', request: (t) => ({ url: `/api/v1/orders?place=${t.village}` }) },
    ],
    'GET /api/v1/orders/:id': [
      { name: 'show', aims: 'village', request: (t) => ({ url: `/api/v1/orders/${t.fixtures['orderId']}` }) },
    ],
    'POST /api/v1/orders/:id/units/:unit/ack': [
      {
        name: 'acknowledge',
        aims: 'village',
        request: (t) => ({ url: `/api/v1/orders/${t.fixtures['orderId']}/units/${t.village}/ack` }),
      },
    ],
    'POST /api/v1/orders/:id/units/:unit/complete': [
      {
        name: 'complete',
        aims: 'village',
        request: (t) => ({
          url: `/api/v1/orders/${t.fixtures['orderId']}/units/${t.village}/complete`,
          ...json({ note: '已报送' }),
        }),
      },
    ],
    'GET /api/v1/notices/:village': [
      {
        name: 'notice',
        aims: 'village',
        request: (t, c) => ({ url: `/api/v1/notices/${t.village}?campaign=${c.campaignId}` }),
      },
    ],
    'PUT /api/v1/notices/:village/text': [
      {
        name: 'edit',
        aims: 'village',
        request: (t) => ({ url: `/api/v1/notices/${t.village}/text`, ...json({ zh: '今晚村部开会' }) }),
      },
    ],
    'DELETE /api/v1/notices/:village/text': [
      { name: 'clear', aims: 'village', request: (t) => ({ url: `/api/v1/notices/${t.village}/text` }) },
    ],
    'GET /api/v1/notices/:village/broadcasts': [
      {
        name: 'schedule',
        aims: 'village',
        request: (t) => ({ url: `/api/v1/notices/${t.village}/broadcasts` }),
      },
    ],
    'PUT /api/v1/notices/:village/broadcasts': [
      {
        name: 'set',
        aims: 'village',
        request: (t) => ({
          url: `/api/v1/notices/${t.village}/broadcasts`,
          ...json({ slots: [{ time: '07:00', message: '疫苗要打好，筑牢防疫墙，大家都放心' }] }),
        }),
      },
    ],
    'GET /api/v1/notices/:village/leaders': [
      {
        name: 'public list',
        aims: 'village',
        request: (t, c) => ({ url: `/api/v1/notices/${t.village}/leaders?campaign=${c.campaignId}` }),
      },
    ],
  },
};
