import type { Kysely } from 'kysely';
import type { Database, UsersTable } from './schema.js';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  disabled: number;
  created_at: string;
}

export const toUserRow = (r: Omit<UsersTable, 'id'> & { id: number | string }): UserRow => ({
  ...r,
  id: Number(r.id),
  disabled: Number(r.disabled),
});

export async function findUserByName(db: Kysely<Database>, username: string): Promise<UserRow | undefined> {
  const r = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return r ? toUserRow(r) : undefined;
}

export async function findUserById(db: Kysely<Database>, id: number): Promise<UserRow | undefined> {
  const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toUserRow(r) : undefined;
}

export async function placesOfUser(db: Kysely<Database>, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('user_places')
    .select('place_code')
    .where('user_id', '=', userId)
    .orderBy('place_code')
    .execute();
  return rows.map((r) => r.place_code);
}

export async function allUsers(db: Kysely<Database>): Promise<(UserRow & { places: string[] })[]> {
  const users = (await db.selectFrom('users').selectAll().orderBy('id').execute()).map(toUserRow);
  const places = await db.selectFrom('user_places').selectAll().orderBy('place_code').execute();
  return users.map((u) => ({
    ...u,
    places: places.filter((p) => Number(p.user_id) === u.id).map((p) => p.place_code),
  }));
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
