import type { FastifyRequest } from 'fastify';
import { notFound } from '../domain/errors.js';
import { inScope, type Scope } from '../app/records/findResident.js';

export type { Scope };

/**
 * The places the caller of a request may see. Every route passes it into its app call, so
 * that enforcing it is a change here and nowhere else. Until authentication arrives (a later
 * issue) there is no caller to read it from, and undefined means "everything".
 */
export function scopeOf(_request: FastifyRequest): Scope {
  return undefined;
}

/**
 * For the few app functions that do not take a scope yet (progressOf, setTask): a place
 * outside the caller's scope is "not found", as findResident answers for a resident, so a
 * request cannot tell that it exists. Remove once those functions take `scope` themselves.
 */
export function placeInScopeOrThrow(scope: Scope, code: string, field = 'place'): void {
  if (inScope(scope, code)) return;
  throw notFound({
    code: 'place.not-found',
    field,
    message: { zh: `找不到区划或网格 ${code}`, en: `no place with code ${code}` },
  });
}

/**
 * A campaign is visible to a caller whose places it covers (set by their county or above) or
 * who sees its unit (a county commander looking at a township's campaign).
 */
export const campaignInScope = (scope: Scope, campaignPlace: string): boolean =>
  !scope || scope.some((p) => p.startsWith(campaignPlace) || campaignPlace.startsWith(p));
