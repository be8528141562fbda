import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorJson, isGridvaxError, type ErrorKind } from '../domain/errors.js';

/** The one place where the error vocabulary meets HTTP. */
export const HTTP_STATUS: Record<ErrorKind, number> = {
  'invalid-input': 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'business-rule': 422,
  unauthenticated: 401,
  'rate-limited': 429,
};

/**
 * Every failure answers `{ "error": { code, message, messageEn, field? } }`. An unexpected
 * error is logged in full and answered with a bare 500: no stack, no SQL, no internals.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isGridvaxError(error)) {
      return reply.status(HTTP_STATUS[error.kind]).send({ error: errorJson(error.detail) });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const path = first?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
      const field = [error.validationContext, path].filter(Boolean).join('.') || undefined;
      const why = first?.message ?? 'invalid';
      return reply.status(400).send({
        error: errorJson({
          code: 'request.invalid',
          ...(field ? { field } : {}),
          message: {
            zh: `请求参数无效${field ? `（${field}）` : ''}：${why}`,
            en: `invalid request${field ? ` (${field})` : ''}: ${why}`,
          },
        }),
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({
        error: errorJson({
          code: `http.${error.statusCode}`,
          message: { zh: `请求无效：${error.message}`, en: error.message },
        }),
      });
    }
    request.log.error(error);
    return reply.status(500).send({
      error: errorJson({ code: 'internal', message: { zh: '服务器内部错误', en: 'internal server error' } }),
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: errorJson({
        code: 'http.route-not-found',
        message: {
          zh: `没有这个接口：${request.method} ${request.url}`,
          en: `no such route: ${request.method} ${request.url}`,
        },
      }),
    }),
  );
}

/**
 * What Fastify refuses before any route or hook sees the request (a malformed percent-escape
 * in the path, a path parameter over its length): the one error body too, not Fastify's own.
 * Passed as Fastify's `frameworkErrors` option (it has no setter).
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 400;
  void reply.status(status).send({
    error: errorJson({
      code: status === 414 ? 'http.414' : 'http.bad-url',
      message: {
        zh: `请求地址无效：${request.method} ${request.url}`,
        en: `not a valid request path: ${request.method} ${request.url}`,
      },
    }),
  });
}
