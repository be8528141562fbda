/** Small hooks the site pages share: the two-language pick, times of day, and a load-and-refresh. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bilingual } from '../../../src/domain/errors.js';

/** The reader's half of a {zh, en} text from src/domain or the server. */
export function usePick(): (text: Bilingual) => string {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return useCallback((text: Bilingual) => (en ? text.en : text.zh), [en]);
}

/** An instant's time of day in Shanghai (HH:MM), the way a site's day is read. */
export function useTimeOfDay(): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const f = useMemo(
    () =>
      new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
        timeZone: 'Asia/Shanghai',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
    [i18n.language],
  );
  return useCallback((iso) => (iso ? f.format(new Date(iso)) : '—'), [f]);
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): Promise<void>;
  /** Replace the data with a fresher answer (a write's response). */
  set(data: T): void;
}

/**
 * Loads `fetcher` when `key` changes, and again every `refreshMs` when given (the queue moves
 * while the page is open). A failed refresh keeps the last answer on screen with the error.
 */
export function useLoad<T>(key: string | null, fetcher: () => Promise<T>, refreshMs?: number): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const keyRef = useRef(key);
  keyRef.current = key;

  const reload = useCallback(async () => {
    const asked = keyRef.current;
    if (asked === null) return;
    setLoading(true);
    try {
      const d = await fetcherRef.current();
      if (keyRef.current === asked) {
        setData(d);
        setError(undefined);
      }
    } catch (e) {
      if (keyRef.current === asked) setError(e);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    setData(undefined);
    setError(undefined);
    void reload();
    if (!refreshMs || key === null) return;
    const t = setInterval(() => void reload(), refreshMs);
    return () => clearInterval(t);
  }, [key, refreshMs, reload]);

  return { data, error, loading, reload, set: setData };
}
