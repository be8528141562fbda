import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeclaredRoute } from '../../src/api/auth/access.js';
import { can, ROLES, type Permission, type Role } from '../../src/domain/roles.js';
import { refusal } from '../api/apiCounty.js';
import { describeEachStore } from '../support/stores.js';
import { signIn } from '../support/signIn.js';
import { ROLE_PLACES, securityCounty, type SecurityCounty, type Target } from './securityCounty.js';
import { json, q, upload, type Case } from './matrixCase.js';
import { FIELD_OPS_AREAS } from './rules/index.js';

/**
 * Every route the server serves × every role × a target inside and outside the role's places.
 * The routes come from the server itself (what its onRoute guard saw), so a route added without
 * a rule here fails this suite, as a route added without a declared permission fails startup.
 */

/** The rules: one or more cases per route, keyed `METHOD url` as the server declared it. */
const ENGINE_RULES: Record<string, Case[]> = {
  'POST /api/v1/auth/logout': [
    { name: 'sign out', aims: 'none', freshSession: true, request: () => ({ url: '/api/v1/auth/logout' }) },
  ],
  'GET /api/v1/auth/me': [{ name: 'me', aims: 'none', request: () => ({ url: '/api/v1/auth/me' }) }],
  'GET /api/v1/places/:code': [
    { name: 'grid', aims: 'grid', request: (t) => ({ url: `/api/v1/places/${t.grid}` }) },
    { name: 'village', aims: 'village', request: (t) => ({ url: `/api/v1/places/${t.village}` }) },
  ],
  'GET /api/v1/campaigns': [{ name: 'list', aims: 'none', request: () => ({ url: '/api/v1/campaigns' }) }],
  'POST /api/v1/campaigns': [
    {
      name: 'create',
      // On the county: a campaign set by a township fails on PostgreSQL (recount finds no county).
      aims: 'none',
      request: () => ({
        url: '/api/v1/campaigns',
        ...json({
          name: '加强针',
          place: '430321',
          target: 'booster',
          minAge: 18,
          asOf: '2021-08-09',
          deadline: '2021-12-31',
        }),
      }),
    },
  ],
  'GET /api/v1/campaigns/:id': [
    { name: 'one', aims: 'none', request: (_t, c) => ({ url: `/api/v1/campaigns/${c.campaignId}` }) },
  ],
  'PUT /api/v1/campaigns/:id/tasks/:place': [
    {
      name: 'set',
      aims: 'village',
      request: (t, c) => ({
        url: `/api/v1/campaigns/${c.campaignId}/tasks/${t.village}`,
        ...json({ count: 3 }),
      }),
    },
  ],
  'GET /api/v1/campaigns/:id/tasks/check': [
    {
      name: 'check',
      aims: 'village',
      request: (t, c) => ({ url: `/api/v1/campaigns/${c.campaignId}/tasks/check?place=${t.village}` }),
    },
  ],
  'POST /api/v1/campaigns/:id/tasks/derive': [
    {
      name: 'derive',
      aims: 'village',
      request: (t, c) => ({
        url: `/api/v1/campaigns/${c.campaignId}/tasks/derive`,
        ...json({ place: t.village }),
      }),
    },
  ],
  'GET /api/v1/campaigns/:id/progress/:place': [
    {
      name: 'progress',
      aims: 'village',
      request: (t, c) => ({ url: `/api/v1/campaigns/${c.campaignId}/progress/${t.village}` }),
    },
  ],
  'GET /api/v1/campaigns/:id/clearance/:place': [
    {
      name: 'clearance',
      aims: 'village',
      request: (t, c) => ({ url: `/api/v1/campaigns/${c.campaignId}/clearance/${t.village}` }),
    },
  ],
  'GET /api/v1/campaigns/:id/schedule/:place': [
    {
      name: 'schedule',
      aims: 'village',
      request: (t, c) => ({ url: `/api/v1/campaigns/${c.campaignId}/schedule/${t.village}` }),
    },
  ],
  'GET /api/v1/residents': [
    {
      name: 'masked',
      aims: 'grid',
      request: (t, c) => ({ url: `/api/v1/residents?${q({ place: t.grid, campaign: c.campaignId })}` }),
    },
    {
      name: 'unmasked',
      aims: 'grid',
      needs: ['pii.unmask'],
      fullIds: true,
      request: (t) => ({ url: `/api/v1/residents?${q({ place: t.grid, unmasked: true })}` }),
    },
  ],
  'GET /api/v1/residents/by-key/:county/:residentId': [
    {
      name: 'one',
      aims: 'grid',
      request: (t, c) => ({
        url: `/api/v1/residents/by-key/430321/${t.residentId}?campaign=${c.campaignId}`,
      }),
    },
  ],
  'POST /api/v1/visits': [
    {
      name: 'visit',
      aims: 'grid',
      request: (t) => ({ url: '/api/v1/visits', ...json({ ...refusal(), idNumber: t.idNumber }) }),
    },
  ],
  'POST /api/v1/doses': [
    {
      name: 'dose',
      aims: 'grid',
      request: (t) => ({
        url: '/api/v1/doses',
        ...json({ idNumber: t.idNumber, product: 'sinovac', doseNumber: 1, at: '2021-08-09T09:00:00+08:00' }),
      }),
    },
  ],
  'POST /api/v1/residents/:idNumber/visits': [
    {
      name: 'visit',
      aims: 'grid',
      request: (t) => ({ url: `/api/v1/residents/${t.idNumber}/visits`, ...json(refusal()) }),
    },
  ],
  'POST /api/v1/residents/:idNumber/doses': [
    {
      name: 'dose',
      aims: 'grid',
      request: (t) => ({
        url: `/api/v1/residents/${t.idNumber}/doses`,
        ...json({ product: 'sinovac', doseNumber: 1, at: '2021-08-09T09:00:00+08:00' }),
      }),
    },
  ],
  'GET /api/v1/campaigns/:id/ledger/:place': [
    {
      name: 'masked',
      aims: 'village',
      request: (t, c) => ({ url: `/api/v1/campaigns/${c.campaignId}/ledger/${t.village}` }),
    },
    {
      name: 'unmasked',
      aims: 'village',
      needs: ['pii.unmask'],
      fullIds: true,
      request: (t, c) => ({ url: `/api/v1/campaigns/${c.campaignId}/ledger/${t.village}?unmasked=true` }),
    },
  ],
  'POST /api/v1/campaigns/:id/ledger/closures': [
    {
      name: 'close',
      aims: 'grid',
      request: (t, c) => ({
        url: `/api/v1/campaigns/${c.campaignId}/ledger/closures`,
        ...json({ idNumber: t.idNumber, reason: '已接种' }),
      }),
    },
  ],
  'GET /api/v1/campaigns/:id/ledger/:place/history': [
    {
      name: 'history',
      aims: 'village',
      request: (t, c) => ({ url: `/api/v1/campaigns/${c.campaignId}/ledger/${t.village}/history` }),
    },
  ],
  'POST /api/v1/campaigns/:id/lookbacks': [
    {
      name: 'start',
      aims: 'grid',
      request: (t, c) => ({ url: `/api/v1/campaigns/${c.campaignId}/lookbacks`, ...json({ place: t.grid }) }),
    },
  ],
  'GET /api/v1/lookbacks/:id': [
    { name: 'show', aims: 'grid', request: (t) => ({ url: `/api/v1/lookbacks/${t.lookbackId}` }) },
  ],
  'POST /api/v1/lookbacks/:id/checks': [
    {
      name: 'check',
      aims: 'grid',
      request: (t) => ({
        url: `/api/v1/lookbacks/${t.lookbackId}/checks`,
        ...json({ idNumber: t.idNumber, matches: true }),
      }),
    },
  ],
  'GET /api/v1/campaigns/:id/worklist': [
    {
      name: 'worklist',
      aims: 'grid',
      request: (t, c) => ({ url: `/api/v1/campaigns/${c.campaignId}/worklist?grids=${t.grid}` }),
    },
  ],
  'POST /api/v1/sync': [
    {
      name: 'batch',
      aims: 'grid',
      outside: 'item-rejected',
      request: (t) => ({
        url: '/api/v1/sync',
        ...json({
          deviceId: 'phone-1',
          items: [{ kind: 'visit', id: randomUUID(), idNumber: t.idNumber, visit: refusal() }],
        }),
      }),
    },
  ],
  'GET /api/v1/sync/changes': [
    { name: 'changes', aims: 'grid', request: (t) => ({ url: `/api/v1/sync/changes?grids=${t.grid}` }) },
  ],
  'GET /api/v1/devices': [
    { name: 'devices', aims: 'village', request: (t) => ({ url: `/api/v1/devices?place=${t.village}` }) },
  ],
  'GET /api/v1/products': [{ name: 'products', aims: 'none', request: () => ({ url: '/api/v1/products' }) }],
  'GET /api/v1/reports/daily': [
    {
      name: 'json',
      aims: 'village',
      request: (t, c) => ({
        url: `/api/v1/reports/daily?${q({ campaign: c.campaignId, date: '2021-08-09', place: t.village })}`,
      }),
    },
  ],
  'POST /api/v1/reports/daily/snapshots': [
    {
      name: 'freeze',
      aims: 'village',
      request: (t, c) => ({
        url: '/api/v1/reports/daily/snapshots',
        ...json({ campaign: c.campaignId, place: t.village, date: '2021-08-08' }),
      }),
    },
  ],
  'GET /api/v1/audit': [{ name: 'audit', aims: 'none', request: () => ({ url: '/api/v1/audit?limit=5' }) }],
  'GET /api/v1/exports/ledger': [
    {
      name: 'masked',
      aims: 'village',
      request: (t, c) => ({
        url: `/api/v1/exports/ledger?${q({ campaign: c.campaignId, place: t.village })}`,
      }),
    },
    {
      name: 'unmasked',
      aims: 'village',
      needs: ['pii.unmask'],
      fullIds: true,
      request: (t, c) => ({
        url: `/api/v1/exports/ledger?${q({ campaign: c.campaignId, place: t.village, unmasked: true })}`,
      }),
    },
  ],
  'GET /api/v1/exports/ledgers': [
    {
      name: 'masked',
      aims: 'village',
      request: (t, c) => ({
        url: `/api/v1/exports/ledgers?${q({ campaign: c.campaignId, place: t.village })}`,
      }),
    },
  ],
  'GET /api/v1/exports/fhir/Patient.ndjson': [
    {
      name: 'patients',
      aims: 'village',
      needs: ['pii.unmask'],
      fullIds: true,
      request: (t) => ({ url: `/api/v1/exports/fhir/Patient.ndjson?place=${t.village}` }),
    },
  ],
  'GET /api/v1/exports/fhir/Immunization.ndjson': [
    {
      name: 'immunizations',
      aims: 'village',
      needs: ['pii.unmask'],
      fullIds: true,
      request: (t) => ({ url: `/api/v1/exports/fhir/Immunization.ndjson?place=${t.village}` }),
    },
  ],
  // Imports are the county commander's (the only role with imports.write): a dry run writes nothing.
  'POST /api/v1/imports/residents': [
    {
      name: 'dry run',
      aims: 'none',
      request: () => ({
        url: '/api/v1/imports/residents',
        ...upload(Buffer.from('姓名,身份证号码,乡镇,村（社区）,网格\r\n'), { dryRun: 'true' }),
      }),
    },
  ],
  'POST /api/v1/imports/doses': [
    {
      name: 'not a spreadsheet (400)',
      aims: 'none',
      request: () => ({
        url: '/api/v1/imports/doses',
        ...upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0])),
      }),
    },
  ],
  'GET /api/v1/imports/reports/:id': [
    { name: 'not a uuid (400)', aims: 'none', request: () => ({ url: '/api/v1/imports/reports/x' }) },
  ],
};

/** Public routes: answered without a session (the docs' own routes are checked by prefix). */
/** The engine's rules here; field operations' (issue 8) each in their own file under ./rules. */
const RULES: Record<string, Case[]> = Object.assign(
  { ...ENGINE_RULES },
  ...FIELD_OPS_AREAS.map((a) => a.rules),
) as Record<string, Case[]>;

const PUBLIC: Record<string, string> = {
  'GET /healthz': '/healthz',
  'GET /api/openapi.json': '/api/openapi.json',
  'POST /api/v1/auth/login': '/api/v1/auth/login',
  // The web app: its files and index.html (which asks for a session itself).
  'GET /*': '/command',
};

const inScope = (role: Role, rule: Case, t: Target): boolean =>
  rule.aims === 'none' || ROLE_PLACES[role].some((p) => t[rule.aims as 'grid' | 'village'].startsWith(p));

/** Full ID numbers appear in the raw bytes of a response (JSON, text, NDJSON). */
const leaked = (res: LightMyRequestResponse, ids: readonly string[]): string[] =>
  ids.filter((id) => res.body.includes(id));

describeEachStore('security: every route × every role × inside and outside its places', (c) => {
  let t: SecurityCounty;
  let routes: DeclaredRoute[];

  beforeAll(async () => {
    t = await securityCounty(c);
    routes = t.app.declaredRoutes;
    for (const area of FIELD_OPS_AREAS)
      for (const target of [t.inside, t.outside])
        if (area.setUp) Object.assign(target.fixtures, await area.setUp(t.store, target, t));
  });
  afterAll(async () => {
    await t.app.close();
    await c.cleanup();
  });

  it('has a rule for every route the server serves, and the server declares access on each', () => {
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes
      .filter((r) => !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`)
      .filter((key) => !(key in RULES) && !(key in PUBLIC));
    expect(missing, 'routes without a rule in test/security/scopeMatrix.test.ts').toEqual([]);
    for (const r of routes) {
      const key = `${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`;
      if (key in PUBLIC || r.url.startsWith('/api/docs')) expect(r.access, key).toBe('public');
      else expect(r.access, key).not.toBe('public');
    }
  });

  it('answers the public routes without a session', async () => {
    for (const [key, url] of Object.entries(PUBLIC)) {
      const [method] = key.split(' ') as [InjectOptions['method']];
      const res = await t.app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(res.statusCode, key).not.toBe(401);
      expect(res.statusCode, key).toBeLessThan(500);
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('refuses every other route without a session: 401, before looking at the request', async () => {
    for (const r of routes) {
      const key = `${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`;
      for (const rule of RULES[key] ?? []) {
        const res = await t.app.inject({
          method: r.method as InjectOptions['method'],
          ...rule.request(t.inside, t),
        });
        expect(res.statusCode, `${r.method} ${r.url} (${rule.name}) anonymous`).toBe(401);
        expect(leaked(res, t.ids)).toEqual([]);
      }
    }
  });

  it('gives each role exactly its rights, inside its places and nowhere else', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      if (r.access === 'public') continue;
      const key = `${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`;
      for (const rule of RULES[key] ?? []) {
        for (const role of ROLES) {
          for (const target of [t.inside, t.outside]) {
            const session = rule.freshSession ? await signIn(t.app, role) : t.sessions[role];
            const res = await session.inject({
              method: r.method as InjectOptions['method'],
              ...rule.request(target, t),
            });
            const allowed =
              (r.access === 'signed-in' || can(role, r.access as Permission)) &&
              (rule.needs ?? []).every((p) => can(role, p));
            const visible = inScope(role, rule, target);
            const where = `${r.method} ${r.url} (${rule.name}) as ${role}, ${target.name}: ${res.statusCode} ${res.body.slice(0, 160)}`;
            let ok: boolean;
            if (!allowed) ok = res.statusCode === 403;
            else if (!visible && rule.outside === 'item-rejected') {
              ok = res.statusCode === 200 && res.json().results[0]?.error?.code === 'resident.not-found';
            } else if (!visible) ok = res.statusCode === 404;
            else ok = res.statusCode < 500 && ![401, 403, 404].includes(res.statusCode);
            if (!ok) failures.push(where);
            // No full ID number leaves the server unless the case asks for them and the role may see them.
            const ids = leaked(res, t.ids);
            if (ids.length > 0 && !(rule.fullIds && allowed))
              failures.push(`${where}: leaks ${ids.join(', ')}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('keeps a role out of places it is not attached to even when the route is one it may use', async () => {
    // The grid member asks for the next grid of its own village: a sibling it does not work.
    const sibling = await t.sessions['grid-member'].inject({
      method: 'GET',
      url: `/api/v1/residents?place=430321205206002`,
    });
    expect(sibling.statusCode).toBe(404);
    // A village head asks for its township (above its village): not found either.
    const above = await t.sessions['village-head'].inject({
      method: 'GET',
      url: `/api/v1/campaigns/${t.campaignId}/progress/430321205`,
    });
    expect(above.statusCode).toBe(404);
    expect(above.json().error.code).toBe('place.not-found');
  });

  it('writes every full-ID view to the audit log, and every write', async () => {
    const audit = await t.sessions.commander.inject({
      method: 'GET',
      url: '/api/v1/audit?action=pii.view&limit=1000',
    });
    expect(audit.statusCode).toBe(200);
    const views = audit.json().items as { actor: string; entityId: string }[];
    for (const role of ROLES.filter((r) => can(r, 'pii.unmask'))) {
      expect(views.some((v) => v.actor === role && v.entityId === '/api/v1/residents')).toBe(true);
    }
    for (const role of ROLES.filter((r) => !can(r, 'pii.unmask'))) {
      expect(views.some((v) => v.actor === role)).toBe(false);
    }
    const writes = (
      await t.sessions.commander.inject({
        method: 'GET',
        url: '/api/v1/audit?action=visit.record&limit=1000',
      })
    ).json().items as { actor: string; origin: string }[];
    expect(writes.some((w) => w.actor === 'grid-member' && w.origin === '127.0.0.1')).toBe(true);
    const refused = (
      await t.sessions.commander.inject({
        method: 'GET',
        url: '/api/v1/audit?action=request.refused&limit=1000',
      })
    ).json().items as { actor: string; detail: { status: number; code: string } }[];
    expect(refused.some((r) => r.actor === 'driver' && r.detail.code === 'auth.permission')).toBe(true);
    // A read refused for want of a right is recorded too: the analyst asking for full ID numbers.
    expect(refused.some((r) => r.actor === 'analyst' && r.detail.code === 'pii.forbidden')).toBe(true);
  });
});
