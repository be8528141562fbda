import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, OfflineError, type Bilingual } from '../api/client.js';

/** The reader's half of a bilingual text (the server's messages and the domain's labels). */
export function usePick(): (text: Bilingual) => string {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return useCallback((text: Bilingual) => (en ? text.en : text.zh), [en]);
}

/** A refusal in the reader's language: the server's own words, or "no network". */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation('driver');
  const pick = usePick();
  return useCallback(
    (error: unknown) =>
      error instanceof ApiError
        ? pick(error.text)
        : error instanceof OfflineError
          ? t('error.offline')
          : t('error.generic'),
    [pick, t],
  );
}

/** Loads `load()` whenever `key` changes; `reload` fetches again. Late answers for an old key are dropped. */
export function useLoad<T>(key: string, load: () => Promise<T>) {
  const [state, setState] = useState<{ key: string | null; data?: T; error?: unknown }>({ key: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ key, data }),
      (error: unknown) => live && setState({ key, error }),
    );
    return () => {
      live = false;
    };
    // `load` is rebuilt every render; `key` says when it asks for something else.
  }, [key, round]);
  return {
    // Never the last day's answer under the new day's heading.
    data: state.key === key ? state.data : undefined,
    error: state.key === key ? state.error : undefined,
    loading: state.key !== key,
    setData: (data: T) => setState({ key, data }),
    reload: () => setRound((n) => n + 1),
  };
}
