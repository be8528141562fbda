import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

const KEY = 'clock.pinned_now';

/**
 * A database may pin its own "now" so that a demo reads as it would have on one evening of
 * the 2021 campaign; the domain never reads the wall clock, it is handed this.
 */
export async function readPinnedNow(db: Kysely<Database>): Promise<Date | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return row ? new Date(row.value) : undefined;
}

export async function writePinnedNow(db: Kysely<Database>, instant: Date | null): Promise<void> {
  if (instant === null) {
    await db.deleteFrom('settings').where('key', '=', KEY).execute();
    return;
  }
  const value = instant.toISOString();
  await db
    .insertInto('settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
