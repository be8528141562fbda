import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { refusal } from '../api/apiCounty.js';
import { describeEachStore } from '../support/stores.js';
import { printable, requestFor } from './apiRequests.js';
import { openApiOperations } from './openApiOperations.js';
import { fuzzCounty, roles, sendChecked, type FuzzCounty } from './apiFuzzCounty.js';
import { fuzzParams } from './fuzzParams.js';

/**
 * Every operation of the OpenAPI document that takes a JSON body, sent fuzzed bodies (shaped
 * after its schema with values of the county, mutations of a valid body, the right keys with
 * the wrong types, random JSON, deep nesting, prototype-pollution keys, NUL, huge strings,
 * bytes that are not JSON) by a signed-in user: never a 5xx, a refusal in the one error body,
 * and a refusal writes nothing. The operations come from the server's own document, so a route
 * added later is fuzzed without a line here.
 */
const OPERATIONS = (await openApiOperations()).filter((o) => o.body !== undefined);

const BIG = 2 ** 31;

describeEachStore('fuzz: every API body', (c) => {
  let f: FuzzCounty;
  // Fewer runs on PostgreSQL: each request costs more there, and the inputs are the same.
  const runs = c.dialect === 'sqlite' ? 16 : 8;

  beforeAll(async () => {
    f = await fuzzCounty(c);
  });
  afterAll(async () => {
    await f.t.app.close();
    await c.cleanup();
  });

  it('covers the operations that take a body', () => {
    expect(OPERATIONS.length).toBeGreaterThan(40);
  });

  // What the fuzz found, kept as plain cases so that CI holds them whatever the seed: whole
  // numbers past a 32-bit column (PostgreSQL's integer) reached PostgreSQL and failed there
  // with a 500 (SQLite, whose integers are 64-bit, took them).
  it('resident and campaign ids, task counts and site capacities past 2^31 − 1', async () => {
    const site = String(f.t.inside.fixtures['siteId']);
    const cases: [string, string, object?][] = [
      ['GET', `/api/v1/residents/by-key/430321/${BIG}`],
      ['GET', `/api/v1/residents?place=430321205206&after=${BIG}`],
      ['GET', `/api/v1/residents/by-key/430321/1?campaign=${2 ** 32}`],
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

  for (const op of OPERATIONS) {
    const key = `${op.method} ${op.path}`;
    // Sign-in is fuzzed without a session (it is the one public write); the rest as a user.
    const anonymous = op.path === '/api/v1/auth/login';
    it(key, async () => {
      await fc.assert(
        fc.asyncProperty(requestFor(op, f.pool, f.seeds.get(key)), roles, async (r, role) => {
          await sendChecked(f, r, anonymous ? 'anonymous' : role);
        }),
        fuzzParams(anonymous ? 10 : runs),
      );
    });
  }
});
