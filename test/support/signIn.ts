import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createUser } from '../../src/app/users/createUser.js';
import type { Role } from '../../src/domain/roles.js';
import type { Store } from '../../src/store/openStore.js';

/** The password test users get (tests sign in through the real login: no back door). */
export const TEST_PASSWORD = 'test-password-1';

export const COOKIE = 'gridvax_session';

/** A signed-in browser: its cookie and CSRF token, and an inject that sends both. */
export interface Session {
  username: string;
  token: string;
  csrfToken: string;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function addUser(
  store: Store,
  username: string,
  role: Role,
  places: readonly string[],
  password = TEST_PASSWORD,
  displayName?: string,
): Promise<void> {
  await createUser(
    store,
    { username, role, places, password, ...(displayName ? { displayName } : {}) },
    { userId: null, name: 'test', origin: 'test' },
  );
}

/** The session cookie's value in a response's Set-Cookie, if it sets one. */
export function sessionCookieOf(res: LightMyRequestResponse): string | undefined {
  const header = res.headers['set-cookie'];
  const all = Array.isArray(header) ? header : header === undefined ? [] : [header];
  for (const c of all) {
    const m = new RegExp(`^${COOKIE}=([^;]*)`).exec(c);
    if (m) return m[1];
  }
  return undefined;
}

/** Signs in through POST /api/v1/auth/login, as a browser would. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
  remoteAddress?: string,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const token = sessionCookieOf(res);
  if (!token) throw new Error(`sign-in of ${username} set no session cookie`);
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  return {
    username,
    token,
    csrfToken,
    inject: (options) => {
      const method = String(options.method ?? 'GET').toUpperCase();
      return app.inject({
        ...options,
        headers: {
          ...(options.headers ?? {}),
          cookie: `${COOKIE}=${token}`,
          ...(method === 'GET' || method === 'HEAD' ? {} : { 'x-csrf-token': csrfToken }),
        },
      });
    },
  };
}

/** A user of this role on these places (default: a commander on the county), signed in. */
export async function signedIn(
  app: FastifyInstance,
  store: Store,
  role: Role = 'commander',
  places: readonly string[] = ['430321'],
  username: string = role,
  displayName?: string,
): Promise<Session> {
  await addUser(store, username, role, places, TEST_PASSWORD, displayName);
  return signIn(app, username);
}
