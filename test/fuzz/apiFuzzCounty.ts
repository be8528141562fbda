import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { PRODUCT_CODES } from '../../src/domain/vaccines/catalog.js';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { refusal } from '../api/apiCounty.js';
import { FIELD_OPS_AREAS } from '../security/rules/index.js';
import { securityCounty, type SecurityCounty } from '../security/securityCounty.js';
import type { StoreCase } from '../support/stores.js';
import { describeBody, type FuzzRequest, type Seed } from './apiRequests.js';
import { noteRequest } from './fuzzStats.js';
import { rowCounter, type RowCounts } from './rowCounts.js';
import type { Pool } from './schemaArbitrary.js';

/**
 * The county the API fuzz runs against: the security suite's (the API suites' six residents, a
 * seventh in another township, a signed-in user of every role) with what field operations' rules
 * set up at both targets (teams, sites, trips, check-ins, orders), so that fuzzed ids and places
 * name things that exist and requests get past "not found" into the code behind.
 */
export interface FuzzCounty {
  t: SecurityCounty;
  pool: Pool;
  /** Valid bodies of the routes some suite knows one for, by "METHOD /openapi/{path}". */
  seeds: Map<string, Seed[]>;
  count(): Promise<RowCounts>;
}

const DATES = [
  '2021-08-09',
  '2021-08-10',
  '2021-08-11',
  '2021-07-20',
  '2021-08-31',
  '2021-02-30',
  '2099-01-01',
];
const INSTANTS = [
  '2021-08-09T09:00:00+08:00',
  '2021-08-09T01:30:00Z',
  '2021-08-10T08:00:00+08:00',
  '2099-01-01T00:00:00Z',
  '2021-08-09',
];

export async function fuzzCounty(c: StoreCase): Promise<FuzzCounty> {
  const t = await securityCounty(c);
  for (const area of FIELD_OPS_AREAS)
    for (const target of [t.inside, t.outside])
      if (area.setUp) Object.assign(target.fixtures, await area.setUp(t.store, target, t));

  const fixtureIds = [t.inside, t.outside].flatMap((x) => [
    x.lookbackId,
    ...Object.values(x.fixtures).filter((v): v is number => typeof v === 'number'),
  ]);
  const places = [
    '430321',
    '430321205',
    '430321205206',
    '430321205206001',
    '430321205206002',
    '430321205201001',
    t.outside.grid,
    t.outside.village,
    t.outside.township,
  ];
  const values: Record<string, readonly unknown[]> = {
    place: places,
    code: places,
    unit: places,
    township: places.filter((p) => p.length === 9),
    village: places.filter((p) => p.length === 12),
    villages: places.filter((p) => p.length === 12),
    grid: places.filter((p) => p.length === 15),
    grids: ['430321205206001,430321205206002', '430321205206'],
    targets: places,
    issuer: places,
    county: ['430321'],
    idNumber: [...t.ids, '11010519491231002X', '430321199003071234'],
    campaign: [t.campaignId],
    campaignId: [t.campaignId],
    id: [...fixtureIds, t.campaignId, randomUUID(), '00000000-0000-0000-0000-000000000000'],
    siteId: fixtureIds,
    driverId: fixtureIds,
    vehicleId: fixtureIds,
    requestId: fixtureIds,
    userId: [1, 2, 3, 4],
    memberId: [Number(t.inside.fixtures['memberId'] ?? 1)],
    residentId: [1, 2, 3, 6, 7],
    doseId: [String(t.inside.fixtures['screeningDoseId'] ?? '')],
    doseNumber: [1, 2, 3],
    day: DATES,
    date: DATES,
    asOf: DATES,
    start: DATES,
    deadline: [...DATES, ...INSTANTS],
    from: DATES,
    to: DATES,
    cutoff: INSTANTS,
    followUpDate: DATES,
    untilDate: DATES,
    bookedDate: DATES,
    at: INSTANTS,
    onsetAt: INSTANTS,
    time: ['09:00', '08:30'],
    opens: ['08:00'],
    closes: ['17:30'],
    product: PRODUCT_CODES,
    deviceId: ['fuzz-phone-1'],
    username: ['commander', 'nobody'],
    password: ['wrong-password'],
    role: ROLES,
    temperature: [36.6, 39.5],
    systolic: [120],
    diastolic: [80],
  };
  const pool: Pool = (name) => values[name] ?? [];

  const seeds = new Map<string, Seed[]>();
  const seed = (key: string, s: Seed) => seeds.set(key, [...(seeds.get(key) ?? []), s]);
  for (const area of FIELD_OPS_AREAS) {
    for (const [key, cases] of Object.entries(area.rules)) {
      for (const rule of cases) {
        for (const target of [t.inside, t.outside]) {
          const r = rule.request(target, t);
          if (typeof r.url !== 'string' || r.payload === null || typeof r.payload !== 'object') continue;
          if (Buffer.isBuffer(r.payload)) continue;
          seed(key.replace(/:(\w+)/g, '{$1}'), { url: r.url, payload: r.payload as Record<string, unknown> });
        }
      }
    }
  }
  // The engine's writes, which the field rules do not cover.
  const [one, six] = [t.ids[0] as string, t.ids[5] as string];
  seed('POST /api/v1/visits', { url: '/api/v1/visits', payload: { idNumber: one, ...refusal() } });
  seed('POST /api/v1/doses', {
    url: '/api/v1/doses',
    payload: {
      idNumber: six,
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T09:00:00+08:00',
      site: '锦石乡卫生院',
      lot: '202107A',
    },
  });
  seed('POST /api/v1/sync', {
    url: '/api/v1/sync',
    payload: {
      deviceId: 'fuzz-phone-1',
      items: [
        { kind: 'visit', id: randomUUID(), idNumber: one, visit: refusal() },
        { kind: 'visit', id: randomUUID(), resident: { county: '430321', id: 2 }, visit: refusal() },
      ],
    },
  });
  seed('POST /api/v1/campaigns', {
    url: '/api/v1/campaigns',
    payload: {
      name: '加强针',
      place: '430321',
      target: 'booster',
      minAge: 18,
      asOf: '2021-08-09',
      deadline: '2021-12-31',
    },
  });

  // Refused requests are written to the audit log (request.refused, src/api/auth/auditRequest.ts)
  // and failed sign-ins to login_attempts (the lockout counts them): both grow by design.
  const count = await rowCounter(t.store, ['audit_log', 'login_attempts']);
  return { t, pool, seeds, count };
}

/** Who sends the request: mostly the commander (every right), now and then a narrower role. */
export const roles: fc.Arbitrary<Role> = fc.oneof(
  { arbitrary: fc.constant<Role>('commander'), weight: 6 },
  fc.constantFrom<Role>('grid-member', 'site-staff', 'township-lead'),
);

const describeRequest = (r: FuzzRequest, role: Role | 'anonymous', res: LightMyRequestResponse): string =>
  `${role} ${r.options.method} ${String(r.options.url).slice(0, 200)} [${r.kind}] ${describeBody(r.options.payload)} → ${res.statusCode} ${res.body.slice(0, 300)}`;

/**
 * Sends one fuzzed request and checks what must hold for any request: no 5xx; a refusal is the
 * one error body; a refusal wrote nothing (every table but those excluded above); and nothing
 * reached Object.prototype.
 */
export async function sendChecked(f: FuzzCounty, r: FuzzRequest, role: Role | 'anonymous'): Promise<void> {
  const before = await f.count();
  const res =
    role === 'anonymous'
      ? await f.t.app.inject({ ...r.options, remoteAddress: '203.0.113.7' } as InjectOptions)
      : await f.t.sessions[role].inject(r.options);
  const what = describeRequest(r, role, res);
  noteRequest(String(r.options.method), String(r.options.url), r.kind, role, res.statusCode, res.body);
  expect(res.statusCode, what).toBeLessThan(500);
  expect(Object.keys(Object.prototype), 'Object.prototype polluted').toEqual([]);
  if (res.statusCode < 400) return;
  let body: unknown;
  try {
    body = res.json();
  } catch {
    expect.fail(`not JSON: ${what}`);
  }
  expect(body, what).toMatchObject({
    error: { code: expect.any(String), message: expect.any(String), messageEn: expect.any(String) },
  });
  expect(await f.count(), `a refused request wrote: ${what}`).toEqual(before);
}
