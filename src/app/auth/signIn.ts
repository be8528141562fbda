import { rateLimited, unauthenticated } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import { findUserByName } from '../../store/userQueries.js';
import { appendAudit } from '../audit/appendAudit.js';
import { verifyPassword } from '../users/password.js';
import { lockoutOf, recordAttempt } from './lockout.js';
import { endSession, startSession, type NewSession } from './sessions.js';
import { signedInUser, type SignedInUser } from './signedInUser.js';

export interface SignInInput {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  /** The session cookie the browser already had, if any: it is ended, never kept (no fixation). */
  previousToken?: string;
  now: Date;
}

const failed = () =>
  unauthenticated({
    code: 'auth.failed',
    message: { zh: '用户名或密码错误', en: 'wrong username or password' },
  });

/**
 * Checks a username and password and starts a new session. Every attempt is counted for the
 * lockout and written to the audit log; a wrong password, an unknown user and a disabled one
 * are refused alike (and take as long), so the answer does not tell which usernames exist.
 */
export async function signIn(store: Store, input: SignInInput): Promise<{ user: SignedInUser } & NewSession> {
  const username = input.username.trim().toLowerCase().slice(0, 100);
  const who = { userId: null, name: username || 'anonymous', origin: input.ip };
  const lock = await lockoutOf(store.db, username, input.ip, input.now);
  if (lock.locked) {
    await appendAudit(store.db, who, { action: 'auth.login-locked', entity: 'session' }, input.now);
    const minutes = Math.max(1, Math.ceil(((lock.until?.getTime() ?? 0) - input.now.getTime()) / 60_000));
    throw rateLimited({
      code: 'auth.locked',
      message: {
        zh: `登录失败次数过多，请 ${minutes} 分钟后再试`,
        en: `too many failed sign-ins: try again in ${minutes} min`,
      },
    });
  }
  const user = await findUserByName(store.db, username);
  const ok = (await verifyPassword(user?.password_hash, input.password)) && user?.disabled === 0;
  await recordAttempt(store.db, { username, ok, ip: input.ip, at: input.now });
  if (!ok || !user) {
    await appendAudit(
      store.db,
      who,
      {
        action: 'auth.login-failed',
        entity: 'session',
        detail: { reason: !user ? 'unknown-user' : user.disabled ? 'disabled' : 'wrong-password' },
      },
      input.now,
    );
    throw failed();
  }
  if (input.previousToken) await endSession(store, input.previousToken);
  const session = await startSession(store, {
    userId: user.id,
    ip: input.ip,
    userAgent: input.userAgent,
    now: input.now,
  });
  const signedIn = await signedInUser(store.db, user, 'session', session.csrfToken);
  await appendAudit(
    store.db,
    { userId: user.id, name: user.username, origin: input.ip },
    { action: 'auth.login', entity: 'session', detail: { role: user.role } },
    input.now,
  );
  return { user: signedIn, ...session };
}
