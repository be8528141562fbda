import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

/** Failed sign-ins are counted over this window … */
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
/** … and this many for one username lock it (until the oldest of them leaves the window) … */
export const MAX_FAILURES_PER_USERNAME = 5;
/**
 * … and this many from one address lock that address. Higher than per username: a township
 * office signs its grid members in from behind one NAT address, and they mistype too.
 */
export const MAX_FAILURES_PER_IP = 20;

export interface Lockout {
  locked: boolean;
  /** When it lifts, if locked. */
  until?: Date;
}

/**
 * Whether sign-in is locked for this username or address. A username's count starts again
 * after a successful sign-in; an address's does not (one good account must not reset a
 * guesser's count against the others).
 */
export async function lockoutOf(
  db: Kysely<Database>,
  username: string,
  ip: string | null,
  now: Date,
): Promise<Lockout> {
  const since = new Date(now.getTime() - LOCKOUT_WINDOW_MS).toISOString();
  const byName = await db
    .selectFrom('login_attempts')
    .select(['at', 'ok'])
    .where('username', '=', username)
    .where('at', '>=', since)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const lastOk = byName.findLastIndex((a) => Number(a.ok) === 1);
  const nameFailures = byName.slice(lastOk + 1).map((a) => a.at);
  const ipFailures =
    ip === null
      ? []
      : (
          await db
            .selectFrom('login_attempts')
            .select('at')
            .where('ip', '=', ip)
            .where('ok', '=', 0)
            .where('at', '>=', since)
            .orderBy('at')
            .execute()
        ).map((a) => a.at);
  const lifts: number[] = [];
  // Locked until enough of the failures have aged out of the window to bring the count under the limit.
  if (nameFailures.length >= MAX_FAILURES_PER_USERNAME) {
    const key = nameFailures[nameFailures.length - MAX_FAILURES_PER_USERNAME] as string;
    lifts.push(Date.parse(key) + LOCKOUT_WINDOW_MS);
  }
  if (ipFailures.length >= MAX_FAILURES_PER_IP) {
    const key = ipFailures[ipFailures.length - MAX_FAILURES_PER_IP] as string;
    lifts.push(Date.parse(key) + LOCKOUT_WINDOW_MS);
  }
  return lifts.length === 0 ? { locked: false } : { locked: true, until: new Date(Math.max(...lifts)) };
}

export async function recordAttempt(
  db: Kysely<Database>,
  attempt: { username: string; ok: boolean; ip: string | null; at: Date },
): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values({
      username: attempt.username,
      at: attempt.at.toISOString(),
      ok: attempt.ok ? 1 : 0,
      ip: attempt.ip,
    })
    .execute();
}
