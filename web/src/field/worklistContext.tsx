/**
 * The member's worklist for every field page: what IndexedDB holds, shown at once, and a
 * download when there is a network and the phone has none yet (or only another day's, or
 * another set of grids'). A failed download leaves the saved list in place.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { shanghaiDate } from '../../../src/domain/calendar.js';
import type { Bilingual } from '../../../src/domain/errors.js';
import { ApiError, OfflineError } from '../api/client.js';
import { serverNow } from '../offline/clock.js';
import { cachedWorklist, downloadWorklist } from '../offline/worklistCache.js';
import type { CachedWorklist } from '../offline/worklistTypes.js';

interface WorklistState {
  /** undefined while reading the phone's copy; null when the phone has none. */
  worklist: CachedWorklist | null | undefined;
  refreshing: boolean;
  error: Bilingual | null;
  refresh(): Promise<void>;
}

const Worklist = createContext<WorklistState | null>(null);

const stale = (w: CachedWorklist, places: string[]): boolean =>
  w.grids.join(',') !== places.join(',') || w.today !== shanghaiDate(serverNow());

export function WorklistProvider({
  user,
  children,
}: {
  user: { username: string; places: string[] };
  children: ReactNode;
}) {
  const [worklist, setWorklist] = useState<CachedWorklist | null | undefined>(undefined);
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<Bilingual | null>(null);
  const busy = useRef(false);
  const { username } = user;
  const places = user.places.join(',');

  const refresh = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setRefreshing(true);
    try {
      setWorklist(await downloadWorklist({ username, places: places.split(',').filter(Boolean) }));
      setError(null);
    } catch (e) {
      if (e instanceof OfflineError) setError({ zh: '没有网络', en: 'no network' });
      else if (e instanceof ApiError) setError(e.text);
      else setError({ zh: '出错了', en: 'something went wrong' });
    } finally {
      busy.current = false;
      setRefreshing(false);
    }
  }, [username, places]);

  useEffect(() => {
    let live = true;
    void cachedWorklist(username).then((w) => {
      if (!live) return;
      setWorklist(w ?? null);
      if (navigator.onLine && (!w || stale(w, places.split(',')))) void refresh();
    });
    return () => {
      live = false;
    };
  }, [username, places, refresh]);

  return <Worklist.Provider value={{ worklist, refreshing, error, refresh }}>{children}</Worklist.Provider>;
}

export function useWorklist(): WorklistState {
  const w = useContext(Worklist);
  if (!w) throw new Error('useWorklist outside WorklistProvider');
  return w;
}
