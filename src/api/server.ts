import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Store } from '../store/openStore.js';
import { installErrorHandler } from './httpErrors.js';
import { healthRoutes } from './routes/health.js';
import { placeRoutes } from './routes/places.js';
import { VERSION } from '../version.js';

export interface ServerOptions {
  /** Log level for Fastify's logger (pino, to stdout); no logging when absent, as in tests. */
  logLevel?: string;
}

/**
 * The HTTP face of gridvax. Routes are thin: parse with zod, call src/app, let the one error
 * handler map failures. The OpenAPI document is generated from the same zod schemas, so it
 * cannot drift from what the routes accept.
 */
export async function buildServer(store: Store, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logLevel ? { level: options.logLevel } : false,
    bodyLimit: 10 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'gridvax API',
        description: '网格化疫苗接种攻坚调度平台 — the county vaccination drive, resident by resident.',
        version: VERSION,
      },
      tags: [
        { name: 'health', description: 'Liveness' },
        { name: 'places', description: '区划与网格 Places: county, townships, villages, grids, households' },
      ],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  await app.register(healthRoutes(store));
  await app.register(placeRoutes(store), { prefix: '/api/v1' });
  return app;
}
