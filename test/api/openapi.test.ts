import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/server.js';
import { importPlaces, SHIPPED_DIVISIONS } from '../../src/app/places/importPlaces.js';
import { signedIn } from '../support/signIn.js';
import { describeEachStore } from '../support/stores.js';
import { apiCounty, id, refusal, V1, type ApiCounty } from './apiCounty.js';

/** What the server serves under /api/v1, from its own route tree: `GET /api/v1/campaigns/:id` … */
function servedRoutes(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(m[2] ?? '');
    const path = stack.join('');
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD')) {
      if (path.startsWith(`${V1}/`)) out.push(`${method} ${path}`);
    }
  }
  return out.sort();
}

/** Every operation this issue adds, as the README lists them. */
const EXPECTED = [
  'GET /api/v1/campaigns',
  'POST /api/v1/campaigns',
  'GET /api/v1/campaigns/:id',
  'PUT /api/v1/campaigns/:id/tasks/:place',
  'GET /api/v1/campaigns/:id/tasks/check',
  'GET /api/v1/campaigns/:id/progress/:place',
  'GET /api/v1/residents',
  'POST /api/v1/visits',
  'POST /api/v1/doses',
  'POST /api/v1/residents/:idNumber/visits',
  'POST /api/v1/residents/:idNumber/doses',
  'GET /api/v1/campaigns/:id/ledger/:place',
  'POST /api/v1/campaigns/:id/ledger/closures',
  'GET /api/v1/campaigns/:id/ledger/:place/history',
  'POST /api/v1/campaigns/:id/lookbacks',
  'GET /api/v1/lookbacks/:id',
  'POST /api/v1/lookbacks/:id/checks',
  'GET /api/v1/campaigns/:id/schedule/:place',
  'GET /api/v1/campaigns/:id/worklist',
  'POST /api/v1/sync',
  'GET /api/v1/sync/changes',
  'GET /api/v1/devices',
  'GET /api/v1/products',
];

describeEachStore('API: the OpenAPI document', (c) => {
  let t: ApiCounty;

  beforeAll(async () => {
    t = await apiCounty(c);
  });
  afterAll(() => c.cleanup());

  it('documents every /api/v1 route the server serves, with tags, a summary and its answers', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const served = servedRoutes(t.app);
    expect(served).toEqual(expect.arrayContaining(EXPECTED));
    expect(served).toContain('GET /api/v1/places/:code');
    const tags = new Set(doc.tags.map((tag: { name: string }) => tag.name));
    for (const route of served) {
      const [method, path] = route.split(' ') as [string, string];
      const op = doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      expect(op, route).toBeDefined();
      expect(op.summary, route).toBeTruthy();
      expect(op.tags?.length, route).toBeGreaterThan(0);
      for (const tag of op.tags) expect(tags.has(tag), `${route}: tag ${tag}`).toBe(true);
      const codes = Object.keys(op.responses);
      expect(
        codes.some((code) => code === '200' || code === '201'),
        route,
      ).toBe(true);
      // Every refusal a route of this API can give (and the bare 500) has the one error body.
      if (!EXPECTED.includes(route)) continue;
      const failures = codes.filter((code) => code.startsWith('4') || code === '500');
      expect(failures, route).toContain('500');
      if (op.parameters?.length || op.requestBody) expect(failures.length, route).toBeGreaterThan(1);
      for (const code of failures) {
        const error = op.responses[code].content['application/json'].schema;
        expect(error.properties.error.required, `${route} ${code}`).toEqual(
          expect.arrayContaining(['code', 'message', 'messageEn']),
        );
      }
    }
  });

  it('documents parameters and bodies from the zod schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const residents = doc.paths['/api/v1/residents'].get;
    expect(residents.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['place', 'campaign', 'status', 'limit', 'after', 'unmasked']),
    );
    const sync = doc.paths['/api/v1/sync'].post.requestBody.content['application/json'].schema;
    expect(sync.required).toEqual(expect.arrayContaining(['deviceId', 'items']));
    const progress = doc.paths['/api/v1/campaigns/{id}/progress/{place}'].get.responses['200'];
    expect(JSON.stringify(progress)).not.toContain('$ref');
  });

  it('answers an unexpected failure with a bare 500: no stack, no SQL, no internals', async () => {
    const store = await c.fresh();
    const app = await buildServer(store);
    await importPlaces(store, SHIPPED_DIVISIONS, ['430321']);
    const session = await signedIn(app, store);
    await store.close();
    const res = await session.inject({ method: 'GET', url: '/api/v1/campaigns' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: { code: 'internal', message: '服务器内部错误', messageEn: 'internal server error' },
    });
    const write = await session.inject({
      method: 'POST',
      url: '/api/v1/visits',
      payload: { ...refusal(), idNumber: id(1, t.ids) },
    });
    expect(write.statusCode).toBe(500);
    expect(write.json()).toEqual(res.json());
    expect(write.body).not.toMatch(/stack|select|insert|sqlite|postgres|database|\.ts\b/i);
    await app.close();
  });
});
