import { conflict, invalidInput, notFound } from '../../domain/errors.js';
import { isRole, ROLES, scopeOfUser, type Role } from '../../domain/roles.js';
import type { Store } from '../../store/openStore.js';
import { findPlace } from '../../store/placeQueries.js';
import { findUserByName } from '../../store/userQueries.js';
import { appendAudit, type Actor } from '../audit/appendAudit.js';
import { hashPassword } from './password.js';

export interface NewUser {
  username: string;
  role: string;
  places: readonly string[];
  displayName?: string;
  password: string;
}

export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  places: string[];
  disabled: boolean;
  createdAt: string;
}

/** Lower-case letters, digits, `.`, `_`, `-`: a username is typed on phones and read in logs. */
export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

export function checkUsername(username: string): string {
  if (!USERNAME.test(username)) {
    throw invalidInput({
      code: 'user.username',
      field: 'username',
      message: {
        zh: `用户名应为 2–63 个小写字母、数字或 . _ -：${username}`,
        en: `a username is 2–63 lower-case letters, digits, . _ or -: ${username}`,
      },
    });
  }
  return username;
}

export function checkRole(role: string): Role {
  if (!isRole(role)) {
    throw invalidInput({
      code: 'user.role',
      field: 'role',
      message: {
        zh: `未知角色：${role}（可用 ${ROLES.join(' / ')}）`,
        en: `unknown role: ${role} (one of ${ROLES.join(', ')})`,
      },
    });
  }
  return role;
}

/** The places, each of which must exist: a user on a mistyped code would silently see nothing. */
export async function checkPlaces(store: Store, places: readonly string[]): Promise<string[]> {
  if (places.length === 0) {
    throw invalidInput({
      code: 'user.places',
      field: 'place',
      message: { zh: '请至少指定一个区划或网格', en: 'name at least one place' },
    });
  }
  for (const code of places) {
    if (!/^\d{6}(\d{3}){0,3}$/.test(code) || !(await findPlace(store, code))) {
      throw notFound({
        code: 'place.not-found',
        field: 'place',
        message: { zh: `找不到区划或网格 ${code}`, en: `no place with code ${code}` },
      });
    }
  }
  return scopeOfUser(places);
}

/** Creates a user on its places, with its password hashed (argon2id). */
export async function createUser(store: Store, input: NewUser, by: Actor): Promise<UserSummary> {
  const username = checkUsername(input.username);
  const role = checkRole(input.role);
  const places = await checkPlaces(store, input.places);
  const passwordHash = await hashPassword(input.password);
  if (await findUserByName(store.db, username)) {
    throw conflict({
      code: 'user.exists',
      field: 'username',
      message: { zh: `用户名已存在：${username}`, en: `a user named ${username} already exists` },
    });
  }
  const createdAt = new Date().toISOString();
  const displayName = input.displayName?.trim() || username;
  const id = await store.transaction(async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({
        username,
        display_name: displayName,
        role,
        password_hash: passwordHash,
        disabled: 0,
        created_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const userId = Number(row.id);
    await trx
      .insertInto('user_places')
      .values(places.map((place_code) => ({ user_id: userId, place_code })))
      .execute();
    await appendAudit(trx, by, {
      action: 'user.create',
      entity: 'user',
      entityId: userId,
      detail: { after: { username, role, places, displayName } },
    });
    return userId;
  });
  return { id, username, displayName, role, places, disabled: false, createdAt };
}
