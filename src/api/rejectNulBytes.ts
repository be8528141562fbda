import type { FastifyInstance } from 'fastify';
import { invalidInput } from '../domain/errors.js';

/** Whether a parsed value holds a string with a NUL character anywhere inside it. */
function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => hasNul(v, depth + 1));
  return Object.values(value).some((v) => hasNul(v, depth + 1));
}

/**
 * Refuses text with a NUL character (U+0000) in a body, query or path: no field of gridvax
 * means one, PostgreSQL cannot store it (the write would fail as a 500) and SQLite would store
 * what C-string tools truncate. Refused alike on both engines, as invalid input.
 */
export function rejectNulBytes(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (hasNul(request.body) || hasNul(request.query) || hasNul(request.params)) {
      throw invalidInput({
        code: 'request.nul',
        message: { zh: '请求中含有空字符（U+0000）', en: 'the request contains a NUL character (U+0000)' },
      });
    }
  });
}
