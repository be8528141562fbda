import type { Store } from '../../store/openStore.js';
import { countUsers, findUserByName, placesOfUser } from '../../store/userQueries.js';
import { appendAudit, type Actor } from '../audit/appendAudit.js';
import { createUser } from './createUser.js';
import { generatePassword, hashPassword } from './password.js';

export const ADMIN_USERNAME = 'admin';

export interface AdministratorNews {
  /** Set when the administrator was created just now: its password, to print once. */
  created?: { username: string; password: string; places: string[] };
  /** Set when the administrator had no places and was attached to the counties now present. */
  attached?: { username: string; places: string[] };
}

async function counties(store: Store): Promise<string[]> {
  const rows = await store.db
    .selectFrom('places')
    .select('code')
    .where('level', '=', 'county')
    .orderBy('code')
    .execute();
  return rows.map((r) => r.code);
}

/**
 * A fresh database gets one administrator: `admin`, a commander, with a generated password
 * returned (for `gridvax init` or the first `serve` to print once; only its hash is kept).
 *
 * A commander sees the places it is attached to, so the administrator is attached to every
 * county in the database. Created before any places were imported, it is attached to nothing
 * (and sees nothing) until the next `init` or `serve` finds counties and attaches it to them.
 * A database that already has users (the demo's, or any made with `gridvax users add`) is left
 * as it is.
 */
export async function ensureAdministrator(store: Store, by: Actor): Promise<AdministratorNews> {
  const present = await counties(store);
  if ((await countUsers(store.db)) === 0) {
    const password = generatePassword();
    // createUser insists on at least one place; an empty database has none yet.
    if (present.length > 0) {
      const user = await createUser(
        store,
        {
          username: ADMIN_USERNAME,
          role: 'commander',
          places: present,
          displayName: '管理员 administrator',
          password,
        },
        by,
      );
      return { created: { username: user.username, password, places: user.places } };
    }
    const passwordHash = await hashPassword(password);
    await store.transaction(async (trx) => {
      const row = await trx
        .insertInto('users')
        .values({
          username: ADMIN_USERNAME,
          display_name: '管理员 administrator',
          role: 'commander',
          password_hash: passwordHash,
          disabled: 0,
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, by, {
        action: 'user.create',
        entity: 'user',
        entityId: Number(row.id),
        detail: { after: { username: ADMIN_USERNAME, role: 'commander', places: [] } },
      });
    });
    return { created: { username: ADMIN_USERNAME, password, places: [] } };
  }
  const admin = await findUserByName(store.db, ADMIN_USERNAME);
  if (admin && admin.role === 'commander' && present.length > 0) {
    if ((await placesOfUser(store.db, admin.id)).length === 0) {
      await store.transaction(async (trx) => {
        await trx
          .insertInto('user_places')
          .values(present.map((place_code) => ({ user_id: admin.id, place_code })))
          .execute();
        await appendAudit(trx, by, {
          action: 'user.places',
          entity: 'user',
          entityId: admin.id,
          detail: { before: { places: [] }, after: { places: present } },
        });
      });
      return { attached: { username: ADMIN_USERNAME, places: present } };
    }
  }
  return {};
}
