import type { FastifyRequest } from 'fastify';
import type { Scope } from '../app/records/findResident.js';

export type { Scope };

/**
 * The places the caller of a request may see: the signed-in user's places, each with its
 * subtree (a commander on the county sees all of it). Every route passes it into its app call,
 * which treats anything outside as not found. A request without a caller (which only a public
 * route can be) sees nothing: never "everything".
 */
export function scopeOf(request: FastifyRequest): Scope {
  return request.caller?.scope ?? [];
}
