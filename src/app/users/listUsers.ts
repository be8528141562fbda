import type { Role } from '../../domain/roles.js';
import type { Store } from '../../store/openStore.js';
import { allUsers } from '../../store/userQueries.js';
import type { UserSummary } from './createUser.js';

/** Every user with role and places; never a password hash. */
export async function listUsers(store: Store): Promise<UserSummary[]> {
  return (await allUsers(store.db)).map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    // A role edited by hand into something unknown is shown as it is; it grants nothing.
    role: u.role as Role,
    places: u.places,
    disabled: u.disabled === 1,
    createdAt: u.created_at,
  }));
}
