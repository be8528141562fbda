import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Store } from '../store/openStore.js';
import { frameworkErrors, installErrorHandler } from './httpErrors.js';
import { healthRoutes } from './routes/health.js';
import { placeRoutes } from './routes/places.js';
import { campaignRoutes } from './routes/campaigns.js';
import { clearanceRoutes } from './routes/clearance.js';
import { progressRoutes } from './routes/progress.js';
import { residentRoutes } from './routes/residents.js';
import { recordRoutes } from './routes/records.js';
import { ledgerRoutes } from './routes/ledger.js';
import { lookbackRoutes } from './routes/lookbacks.js';
import { scheduleRoutes } from './routes/schedule.js';
import { worklistRoutes } from './routes/worklist.js';
import { syncRoutes } from './routes/sync.js';
import { productRoutes } from './routes/products.js';
import { reportRoutes } from './routes/reports.js';
import { exportRoutes } from './routes/exports.js';
import { importRoutes } from './routes/imports.js';
import { VERSION } from '../version.js';
import { maskIdNumbersIn } from './logMasking.js';
import { installRouteGuard, withAccess } from './auth/routeGuard.js';
import { installAuthentication } from './auth/authenticate.js';
import { installRefusalAudit } from './auth/auditRequest.js';
import { rejectNulBytes } from './rejectNulBytes.js';
import { API_CSP, DOCS_CSP } from './auth/contentSecurityPolicy.js';
import { authRoutes } from './routes/auth.js';
import { installWebApp } from './webApp.js';
import { auditRoutes } from './routes/audit.js';
import { teamRoutes } from './routes/teams.js';
import { siteRoutes } from './routes/sites.js';
import { transportRoutes } from './routes/transport.js';
import { siteScreeningRoutes } from './routes/siteScreening.js';
import { dispatchRoutes } from './routes/dispatch.js';

export interface ServerOptions {
  /** Log level for Fastify's logger (pino, to stdout); no logging when absent, as in tests. */
  logLevel?: string;
  /**
   * The clock sessions, lockouts and the audit log run on: the wall clock, never the store's
   * pinned "now" (a demo pinned to 2021 must still expire sessions). Tests pass their own.
   */
  clock?: () => Date;
  /**
   * Believe X-Forwarded-For/-Proto from a reverse proxy (GRIDVAX_TRUST_PROXY=1): the client's
   * address for the lockout and the audit log, and HTTPS for the Secure cookie. Only behind a
   * proxy: otherwise any client could claim any address.
   */
  trustProxy?: boolean;
}

/**
 * The HTTP face of gridvax. Routes are thin: parse with zod, call src/app, let the one error
 * handler map failures. The OpenAPI document is generated from the same zod schemas, so it
 * cannot drift from what the routes accept.
 */
export async function buildServer(store: Store, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logLevel
      ? {
          level: options.logLevel,
          // Request logs must not carry residents' ID numbers (some routes take one in the path).
          serializers: {
            req: (req: { method: string; url: string }) => ({
              method: req.method,
              url: maskIdNumbersIn(req.url),
            }),
          },
        }
      : false,
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: options.trustProxy === true,
    frameworkErrors,
  });
  const clock = options.clock ?? (() => new Date());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  // Before any route: a route registered without a declared permission fails the startup.
  installRouteGuard(app);
  await app.register(cookie);
  await app.register(helmet, { contentSecurityPolicy: { useDefaults: false, directives: API_CSP } });
  installAuthentication(app, store, clock);
  installRefusalAudit(app, store);
  rejectNulBytes(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'gridvax API',
        description: '网格化疫苗接种攻坚调度平台 — the county vaccination drive, resident by resident.',
        version: VERSION,
      },
      tags: [
        { name: 'health', description: 'Liveness' },
        {
          name: 'auth',
          description:
            '登录 Sign-in: a session cookie plus X-CSRF-Token for browsers, `Authorization: Bearer` API tokens for scripts',
        },
        { name: 'places', description: '区划与网格 Places: county, townships, villages, grids, households' },
        { name: 'campaigns', description: '接种任务 Campaigns: target, age band, deadline, task numbers' },
        { name: 'progress', description: '进度 Progress and double clearance (双清零) of any unit' },
        { name: 'residents', description: '居民 Residents and their status in a campaign' },
        { name: 'records', description: '摸排与接种 Screening visits and doses, one at a time' },
        { name: 'ledger', description: '销号台账 The close-out ledger of a unit' },
        { name: 'lookbacks', description: '回头看 Look-backs: re-visiting a sample of a cleared unit' },
        { name: 'schedule', description: '倒排工期 Backward scheduling: needed vs actual daily rate' },
        { name: 'worklist', description: '工作清单 A grid member’s worklist for today' },
        { name: 'sync', description: '离线同步 Offline phones: upload batches, pull changes, devices' },
        { name: 'products', description: '疫苗产品 Vaccine products and dose windows' },
        {
          name: 'reports',
          description:
            '按日调度 Daily dispatch reports (xlsx, PDF, SVG, WeChat text, JSON) and their daily snapshots',
        },
        {
          name: 'imports',
          description: '导入 Upload a register or a dose ledger (xlsx, CSV); download its validation report',
        },
        { name: 'audit', description: '审计日志 The append-only audit log (commander only)' },
        {
          name: 'teams',
          description:
            '攻坚队与包保 Teams, their villages and quotas; the cadre answerable for each unit; sectors',
        },
        {
          name: 'sites',
          description: '接种点 Sites, opening hours and capacity, bookings per village, stock, checklist',
        },
        { name: 'transport', description: '上门接送 Rides to the site: requests, drivers, vehicles, trips' },
        {
          name: 'site-screening',
          description:
            '现场预检 Check-in, pre-screening, the doctor’s decision, observation and AEFI reports',
        },
        { name: 'dispatch', description: '调度令与村通知 Dispatch orders to units and village notices' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  // The docs page gets its own policy (it loads its own scripts and data: images), set by the plugin.
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { permission: 'public' } }, () =>
    app.swagger(),
  );
  await app.register(healthRoutes(store));
  await installWebApp(app);
  await app.register(authRoutes(store, clock), { prefix: '/api/v1' });
  await app.register(placeRoutes(store), { prefix: '/api/v1' });
  await app.register(campaignRoutes(store), { prefix: '/api/v1' });
  await app.register(progressRoutes(store), { prefix: '/api/v1' });
  await app.register(clearanceRoutes(store), { prefix: '/api/v1' });
  await app.register(residentRoutes(store), { prefix: '/api/v1' });
  await app.register(recordRoutes(store), { prefix: '/api/v1' });
  await app.register(ledgerRoutes(store), { prefix: '/api/v1' });
  await app.register(lookbackRoutes(store), { prefix: '/api/v1' });
  await app.register(scheduleRoutes(store), { prefix: '/api/v1' });
  await app.register(worklistRoutes(store), { prefix: '/api/v1' });
  await app.register(syncRoutes(store), { prefix: '/api/v1' });
  await app.register(productRoutes(), { prefix: '/api/v1' });
  await app.register(reportRoutes(store), { prefix: '/api/v1' });
  await app.register(auditRoutes(store), { prefix: '/api/v1' });
  await app.register(importRoutes(store), { prefix: '/api/v1' });
  await app.register(teamRoutes(store), { prefix: '/api/v1' });
  await app.register(siteRoutes(store), { prefix: '/api/v1' });
  await app.register(transportRoutes(store), { prefix: '/api/v1' });
  await app.register(siteScreeningRoutes(store), { prefix: '/api/v1' });
  await app.register(dispatchRoutes(store), { prefix: '/api/v1' });
  // The export routes declare their access here, at registration: downloads of a unit need
  // 'exports.read'; the FHIR files always carry full ID numbers, so they also need 'pii.unmask'
  // and every download is audited (as `unmasked=true` on the workbooks is).
  await app.register(
    withAccess(
      { access: 'exports.read', fullPii: (url) => url.includes('/exports/fhir/') },
      exportRoutes(store),
    ),
    { prefix: '/api/v1' },
  );
  return app;
}
