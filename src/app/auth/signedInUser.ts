import { scopeOfUser, type Role } from '../../domain/roles.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { placesOfUser, type UserRow } from '../../store/userQueries.js';

/** The user a request acts for, as every route sees it. */
export interface SignedInUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  places: string[];
  /** The place prefixes the user may see (their places' subtrees). */
  scope: string[];
  /** How the request proved who it is: a browser session (which needs CSRF) or an API token. */
  via: 'session' | 'token';
  /** The session's CSRF token, for a browser session. */
  csrfToken?: string;
}

export async function signedInUser(
  db: Kysely<Database>,
  user: UserRow,
  via: SignedInUser['via'],
  csrfToken?: string,
): Promise<SignedInUser> {
  const places = await placesOfUser(db, user.id);
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role as Role,
    places,
    scope: scopeOfUser(places),
    via,
    ...(csrfToken === undefined ? {} : { csrfToken }),
  };
}
