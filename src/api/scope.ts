import type { FastifyRequest } from 'fastify';
import type { Scope } from '../app/records/findResident.js';

export type { Scope };

/**
 * The places the caller of a request may see. Every route passes it into its app call, so
 * that enforcing it is a change here and nowhere else. Until authentication arrives (a later
 * issue) there is no caller to read it from, and undefined means "everything".
 */
export function scopeOf(_request: FastifyRequest): Scope {
  return undefined;
}
