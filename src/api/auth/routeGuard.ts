import type { FastifyInstance, FastifyPluginAsync, RouteOptions } from 'fastify';
import { isPermission } from '../../domain/roles.js';
import type { Access, DeclaredRoute } from './access.js';

/**
 * Routes registered by the Swagger UI plugin, which cannot carry our config: the interactive
 * documentation, public like the document it shows (/api/openapi.json).
 */
export const DOCS_PREFIX = '/api/docs';

export const isDocsRoute = (url: string | undefined): boolean =>
  url !== undefined && (url === DOCS_PREFIX || url.startsWith(`${DOCS_PREFIX}/`));

const isAccess = (value: unknown): value is Access =>
  value === 'public' || value === 'signed-in' || (typeof value === 'string' && isPermission(value));

/** Where withAccess leaves its declaration, on the encapsulated instance it registers into. */
const DECLARED = 'gridvaxDeclaredAccess';

interface PluginAccess {
  access: Access;
  /** Routes (by URL) that always show full ID numbers: they need `pii.unmask` and are audited. */
  fullPii?: (url: string) => boolean;
}

/**
 * Declares the access of every route of a plugin at its registration, for a plugin whose
 * routes do not declare their own (a route's own `config.permission` still wins):
 * `app.register(withAccess({ access: 'exports.read' }, exportRoutes(store)), …)`.
 */
export function withAccess(declared: PluginAccess, plugin: FastifyPluginAsync): FastifyPluginAsync {
  return async (instance, opts) => {
    instance.decorate(DECLARED, declared);
    await plugin(instance, opts);
  };
}

/**
 * Refuses, at startup, any route that does not declare the permission it needs: a new route
 * cannot be added unprotected by forgetting to say so. Must be installed before any route.
 */
export function installRouteGuard(app: FastifyInstance): void {
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);
  app.addHook('onRoute', function guard(this: FastifyInstance, route: RouteOptions) {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const config = (route.config ?? {}) as { permission?: unknown; pii?: unknown };
    const fromPlugin = (this as unknown as Record<string, PluginAccess | undefined>)[DECLARED];
    let access: Access;
    if (isAccess(config.permission)) access = config.permission;
    else if (config.permission === undefined && fromPlugin) access = fromPlugin.access;
    else if (config.permission === undefined && isDocsRoute(route.url)) access = 'public';
    else {
      throw new Error(
        `route ${methods.join(',')} ${route.url} declares no valid permission: add config: { permission: … } ` +
          `(a permission of src/domain/roles.ts, 'signed-in' or 'public'); got ${JSON.stringify(config.permission)}`,
      );
    }
    const pii = config.pii === 'always' || fromPlugin?.fullPii?.(route.url) === true ? 'always' : undefined;
    route.config = { ...(config as object), permission: access, pii };
    for (const method of methods) declared.push({ method, url: route.url, access, ...(pii ? { pii } : {}) });
  });
}
