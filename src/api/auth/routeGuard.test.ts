import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installRouteGuard, withAccess } from './routeGuard.js';

describe('the route guard', () => {
  it('refuses at startup a route that declares no permission, or one that does not exist', async () => {
    const app = Fastify();
    installRouteGuard(app);
    app.get('/ok', { config: { permission: 'progress.read' } }, () => 'ok');
    expect(() => app.get('/open', () => 'no')).toThrow(/declares no valid permission/);
    expect(() =>
      app.get('/typo', { config: { permission: 'progres.read' as 'progress.read' } }, () => 'no'),
    ).toThrow(/declares no valid permission/);
    expect(app.declaredRoutes).toEqual([
      { method: 'GET', url: '/ok', access: 'progress.read' },
      { method: 'HEAD', url: '/ok', access: 'progress.read' },
    ]);
    await app.close();
  });

  it('lets a plugin declare the access of its routes at registration, and marks full-PII ones', async () => {
    const app = Fastify();
    installRouteGuard(app);
    await app.register(
      withAccess({ access: 'exports.read', fullPii: (url) => url.endsWith('.ndjson') }, async (p) => {
        p.get('/x.xlsx', () => 'x');
        p.get('/x.ndjson', () => 'x');
        p.get('/own', { config: { permission: 'audit.read' } }, () => 'x');
      }),
      { prefix: '/v1' },
    );
    await app.ready();
    const get = app.declaredRoutes.filter((r) => r.method === 'GET');
    expect(get).toEqual([
      { method: 'GET', url: '/v1/x.xlsx', access: 'exports.read' },
      { method: 'GET', url: '/v1/x.ndjson', access: 'exports.read', pii: 'always' },
      { method: 'GET', url: '/v1/own', access: 'audit.read' },
    ]);
    await app.close();
  });
});
