import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, OfflineError, get, post, setCsrfToken } from '../api/client.js';

/** The signed-in user as /api/v1/auth/me answers it. */
export interface User {
  id: number;
  username: string;
  displayName: string;
  role: string;
  places: string[];
  permissions: string[];
}

interface SignedIn {
  user: User;
  csrfToken: string | null;
}

interface SessionState {
  /** undefined while asking the server; null when nobody is signed in. */
  user: User | null | undefined;
  /** The user came from this device's memory because the server could not be reached. */
  offline: boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  can(permission: string): boolean;
}

const Session = createContext<SessionState | null>(null);

/**
 * The last signed-in user is remembered on the device (not their password, not the session
 * cookie, which stays HttpOnly): a grid member who reloads the field page in a village without
 * signal must still see their worklist and queue, and their records sync under the session
 * the browser still holds once the network is back.
 */
const REMEMBERED = 'gridvax.user';

function remembered(): User | null {
  try {
    const raw = localStorage.getItem(REMEMBERED);
    return raw ? (JSON.parse(raw) as User) : null;
  } catch {
    return null;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [offline, setOffline] = useState(false);

  const accept = useCallback((s: SignedIn) => {
    setCsrfToken(s.csrfToken);
    localStorage.setItem(REMEMBERED, JSON.stringify(s.user));
    setUser(s.user);
    setOffline(false);
  }, []);

  useEffect(() => {
    get<SignedIn>('/api/v1/auth/me')
      .then(accept)
      .catch((e: unknown) => {
        if (e instanceof OfflineError) {
          setUser(remembered());
          setOffline(true);
        } else {
          if (!(e instanceof ApiError)) console.error(e);
          setUser(null);
        }
      });
  }, [accept]);

  const value: SessionState = {
    user,
    offline,
    signIn: async (username, password) =>
      accept(await post<SignedIn>('/api/v1/auth/login', { username, password })),
    signOut: async () => {
      await post('/api/v1/auth/logout').catch(() => undefined);
      localStorage.removeItem(REMEMBERED);
      setCsrfToken(null);
      setUser(null);
    },
    can: (permission) => user?.permissions.includes(permission) ?? false,
  };
  return <Session.Provider value={value}>{children}</Session.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(Session);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Where a role starts: the command room, the field, the site or the driver's trips. */
export function homeOf(role: string): string {
  switch (role) {
    case 'grid-member':
      return '/field';
    case 'site-staff':
      return '/site';
    case 'driver':
      return '/driver';
    default:
      return '/command';
  }
}
