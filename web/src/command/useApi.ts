import { useCallback, useEffect, useState } from 'react';
import { get } from '../api/client.js';

/**
 * Reads for the command pages. An answer is kept for a short while, so going back up the
 * drill-down, or hovering a row before clicking it, costs no second request; writes call
 * `forget` for what they changed. One request per path at a time: a second reader of the same
 * path shares the first one's promise.
 */
const FRESH_MS = 30_000;
interface Entry {
  at: number;
  promise: Promise<unknown>;
  /** The answer once it has come, so a page can draw it in its very first render. */
  value?: unknown;
  settled: boolean;
}
const cache = new Map<string, Entry>();

export function fetchCached<T>(path: string, maxAgeMs = FRESH_MS): Promise<T> {
  const hit = cache.get(path);
  if (hit && Date.now() - hit.at < maxAgeMs) return hit.promise as Promise<T>;
  const entry: Entry = { at: Date.now(), promise: get<T>(path), settled: false };
  entry.promise.then(
    (value) => {
      entry.value = value;
      entry.settled = true;
    },
    () => cache.delete(path),
  );
  cache.set(path, entry);
  return entry.promise as Promise<T>;
}

/** A kept answer that has already come (a prefetched drill-down level), or undefined. */
function arrived<T>(path: string): T | undefined {
  const hit = cache.get(path);
  return hit?.settled && Date.now() - hit.at < FRESH_MS ? (hit.value as T) : undefined;
}

/** Starts reading a path the user is about to open (a hovered row), ignoring failures. */
export function prefetch(path: string): void {
  fetchCached(path).catch(() => undefined);
}

/** Drops kept answers whose path starts with `prefix` (all of them without one). */
export function forget(prefix = ''): void {
  for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
}

export interface Loaded<T> {
  /** The answer for the current path; undefined until it arrives (never a previous path's). */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Asks again, keeping the current answer on screen until the new one arrives. */
  reload(): void;
}

interface State<T> {
  path: string | null;
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/** Reads `path` (nothing while it is null); `refreshMs` asks again every so often (the wall). */
export function useApi<T>(path: string | null, options: { refreshMs?: number } = {}): Loaded<T> {
  const [state, setState] = useState<State<T>>({
    path: null,
    data: undefined,
    error: undefined,
    loading: false,
  });
  const [round, setRound] = useState(0);

  useEffect(() => {
    if (path === null) return;
    let live = true;
    setState((s) =>
      s.path === path
        ? { ...s, loading: true }
        : { path, data: arrived<T>(path), error: undefined, loading: arrived<T>(path) === undefined },
    );
    fetchCached<T>(path).then(
      (data) => live && setState({ path, data, error: undefined, loading: false }),
      (error: unknown) => live && setState((s) => ({ ...s, path, error, loading: false })),
    );
    return () => {
      live = false;
    };
  }, [path, round]);

  const reload = useCallback(() => {
    if (path !== null) forget(path);
    setRound((r) => r + 1);
  }, [path]);

  const refreshMs = options.refreshMs;
  useEffect(() => {
    if (!refreshMs || path === null) return;
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, path, reload]);

  const current = state.path === path;
  // A new path whose answer is already here (hovered before the click) is drawn at once, in the
  // first render, without a loading state in between.
  const ready = !current && path !== null ? arrived<T>(path) : undefined;
  return {
    data: current ? state.data : ready,
    error: current ? state.error : undefined,
    loading: path !== null && (current ? state.loading : ready === undefined),
    reload,
  };
}
