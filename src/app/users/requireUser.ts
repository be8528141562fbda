import { notFound } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import { findUserByName, type UserRow } from '../../store/userQueries.js';

export async function requireUser(store: Store, username: string): Promise<UserRow> {
  const user = await findUserByName(store.db, username);
  if (!user) {
    throw notFound({
      code: 'user.not-found',
      field: 'username',
      message: { zh: `找不到用户 ${username}`, en: `no user named ${username}` },
    });
  }
  return user;
}
