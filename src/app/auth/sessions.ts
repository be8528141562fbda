import type { Store } from '../../store/openStore.js';
import { findUserById } from '../../store/userQueries.js';
import { newSecret, secretHash } from './secrets.js';
import { signedInUser, type SignedInUser } from './signedInUser.js';

/** A session ends after this long without a request … */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** … and this long after sign-in, however busy. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** `last_seen_at` is written at most this often: not one write per read. */
const LAST_SEEN_REFRESH_MS = 60 * 1000;

export interface NewSession {
  /** The cookie's value; only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function startSession(
  store: Store,
  input: { userId: number; ip: string | null; userAgent: string | null; now: Date },
): Promise<NewSession> {
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(input.now.getTime() + SESSION_ABSOLUTE_MS);
  const now = input.now.toISOString();
  // Sessions nobody came back for are deleted here, at the next sign-in of anyone.
  await store.db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', now),
        eb('last_seen_at', '<=', new Date(input.now.getTime() - SESSION_IDLE_MS).toISOString()),
      ]),
    )
    .execute();
  await store.db
    .insertInto('sessions')
    .values({
      id: secretHash(token),
      user_id: input.userId,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: expiresAt.toISOString(),
      last_seen_at: now,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** Ends a session (sign-out, or a new sign-in from the same browser). Unknown tokens are ignored. */
export async function endSession(store: Store, token: string): Promise<boolean> {
  const r = await store.db.deleteFrom('sessions').where('id', '=', secretHash(token)).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * The user of a live session, or undefined: unknown, idle too long, past its absolute end, or
 * its user disabled. A dead session is deleted on sight.
 */
export async function sessionUser(store: Store, token: string, now: Date): Promise<SignedInUser | undefined> {
  const id = secretHash(token);
  const session = await store.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!session) return undefined;
  const t = now.getTime();
  const lastSeen = Date.parse(session.last_seen_at);
  const user = await findUserById(store.db, Number(session.user_id));
  if (
    !user ||
    user.disabled === 1 ||
    t >= Date.parse(session.expires_at) ||
    t - lastSeen >= SESSION_IDLE_MS
  ) {
    await store.db.deleteFrom('sessions').where('id', '=', id).execute();
    return undefined;
  }
  if (t - lastSeen >= LAST_SEEN_REFRESH_MS) {
    // Through the group commit, like the records: a county's phones refreshing their sessions
    // share one fsync per batch instead of committing one by one.
    await store.write((trx) =>
      trx.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute(),
    );
  }
  return signedInUser(store.db, user, 'session', session.csrf_token);
}
