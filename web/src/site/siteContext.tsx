/**
 * What every site page needs: the sites the staff member runs, the server's time (for "today"
 * and the observation timers) and a second hand for the timers. Loaded once when the site pages
 * open; the server's time is asked again with each refresh of the queue.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ServerSample } from './serverClock.js';
import { siteApi, type Site } from './siteApi.js';

interface SiteState {
  sites: Site[] | undefined;
  /** Why the sites could not be loaded. */
  error: unknown;
  /** The server's time as last heard; undefined until it answered. */
  clock: ServerSample | undefined;
  /** Ask the server for its time again. */
  syncClock(): Promise<void>;
}

const Ctx = createContext<SiteState | null>(null);

export function SiteProvider({ children }: { children: ReactNode }) {
  const [sites, setSites] = useState<Site[]>();
  const [error, setError] = useState<unknown>();
  const [clock, setClock] = useState<ServerSample>();

  const syncClock = useCallback(async () => {
    const h = await siteApi.health();
    setClock({ server: Date.parse(h.now), client: Date.now() });
  }, []);

  useEffect(() => {
    siteApi
      .sites()
      .then((r) => setSites(r.items))
      .catch(setError);
    syncClock().catch(setError);
  }, [syncClock]);

  return <Ctx.Provider value={{ sites, error, clock, syncClock }}>{children}</Ctx.Provider>;
}

export function useSites(): SiteState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSites outside SiteProvider');
  return s;
}

/** The tablet's clock, re-read every `ms` (the timers' second hand). */
export function useTick(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
