import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { refusal } from '../api/apiCounty.js';
import { describeEachStore } from '../support/stores.js';
import { printable } from './apiRequests.js';
import { fuzzCounty, sendChecked, type FuzzCounty } from './apiFuzzCounty.js';

/**
 * What the fuzz suites found, kept as plain cases so that CI holds them whatever the seed:
 * whole numbers past a 32-bit column (PostgreSQL's `integer`) reached PostgreSQL and failed
 * there with a 500 (SQLite, whose integers are 64-bit, took them), and a malformed path was
 * answered in Fastify's own error body instead of the API's.
 */
const BIG = 2 ** 31;

describeEachStore('fuzz findings: numbers past 32 bits are refused, not a 500', (c) => {
  let f: FuzzCounty;

  beforeAll(async () => {
    f = await fuzzCounty(c);
  });
  afterAll(async () => {
    await f.t.app.close();
    await c.cleanup();
  });

  it('resident ids, task counts and site capacities past 2^31 − 1', async () => {
    const site = String(f.t.inside.fixtures['siteId']);
    const cases: [string, string, object?][] = [
      ['GET', `/api/v1/residents/by-key/430321/${BIG}`],
      ['GET', `/api/v1/residents?place=430321205206&after=${BIG}`],
      ['PUT', `/api/v1/campaigns/${f.t.campaignId}/tasks/430321205`, { count: BIG }],
      ['PATCH', `/api/v1/sites/${site}`, { dailyCapacity: BIG }],
      [
        'POST',
        '/api/v1/sites',
        {
          township: '430321205',
          name: '大容量接种点',
          kind: 'temporary',
          opens: '08:00',
          closes: '17:00',
          dailyCapacity: BIG,
        },
      ],
      ['POST', '/api/v1/transport/requests', { residentId: BIG, county: '430321', day: '2021-08-10' }],
    ];
    for (const [method, url, payload] of cases) {
      const r = printable({
        kind: 'a number past 32 bits',
        options: { method: method as 'GET', url, ...(payload ? { payload } : {}) },
      });
      await sendChecked(f, r, 'commander');
    }
  });

  it('a sync item naming a resident id past 2^31 − 1 is rejected alone, the batch stored', async () => {
    const res = await f.t.sessions.commander.inject({
      method: 'POST',
      url: '/api/v1/sync',
      payload: {
        deviceId: 'fuzz-bounds',
        items: [
          { kind: 'visit', id: randomUUID(), resident: { county: '430321', id: BIG }, visit: refusal() },
          { kind: 'visit', id: randomUUID(), resident: { county: '430321', id: 2 }, visit: refusal() },
        ],
      },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json()).toMatchObject({ stored: 1, rejected: 1 });
  });
});
