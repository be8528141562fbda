import type { Store } from '../../store/openStore.js';
import { placesOfUser } from '../../store/userQueries.js';
import { appendAudit, type Actor } from '../audit/appendAudit.js';
import { checkPlaces } from './createUser.js';
import { requireUser } from './requireUser.js';

/** Replaces the places a user is attached to (a grid member moved to other grids). */
export async function setUserPlaces(
  store: Store,
  username: string,
  places: readonly string[],
  by: Actor,
): Promise<{ username: string; places: string[] }> {
  const user = await requireUser(store, username);
  const scope = await checkPlaces(store, places);
  const before = await placesOfUser(store.db, user.id);
  await store.transaction(async (trx) => {
    await trx.deleteFrom('user_places').where('user_id', '=', user.id).execute();
    await trx
      .insertInto('user_places')
      .values(scope.map((place_code) => ({ user_id: user.id, place_code })))
      .execute();
    await appendAudit(trx, by, {
      action: 'user.places',
      entity: 'user',
      entityId: user.id,
      detail: { before: { places: before }, after: { places: scope } },
    });
  });
  return { username, places: scope };
}
