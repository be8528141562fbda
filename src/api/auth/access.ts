import type { SignedInUser } from '../../app/auth/signedInUser.js';
import type { Permission } from '../../domain/roles.js';

/**
 * What a route needs, declared in its options: `config: { permission: 'progress.read' }`.
 * `public` needs nobody (health, the API document, sign-in); `signed-in` needs a user but no
 * particular right (sign-out, who am I). A route that declares nothing is refused at startup.
 */
export type Access = Permission | 'public' | 'signed-in';

/** A route the server serves and what it needs: the scope-matrix test enumerates these. */
export interface DeclaredRoute {
  method: string;
  url: string;
  access: Access;
  /** `always`: the route always answers full ID numbers (not only on `unmasked=true`). */
  pii?: 'always';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Access;
    /**
     * `always` for a route whose answer always carries full ID numbers: it needs `pii.unmask`
     * and every call is audited, as `unmasked=true` is on any route.
     */
    pii?: 'always';
  }
  interface FastifyRequest {
    /** The signed-in user the request acts for; null on public routes. */
    caller: SignedInUser | null;
    /** The error code a refused request ended with, for the audit of refused writes. */
    refusal: string | null;
  }
  interface FastifyInstance {
    /** Every route and the access it declared, in registration order. */
    readonly declaredRoutes: DeclaredRoute[];
  }
}
