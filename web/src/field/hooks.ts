/** Small hooks the field pages share: the outbox, the network, and the two-language pick. */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bilingual } from '../../../src/domain/errors.js';
import { outbox, type OutboxSnapshot } from '../offline/outbox.js';

export function useOutbox(): OutboxSnapshot {
  return useSyncExternalStore(outbox.subscribe, outbox.snapshot);
}

/** Whether the browser believes it has a network (a hint: only an answer proves it). */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** The reader's half of a {zh, en} text from src/domain or the server. */
export function usePick(): (text: Bilingual) => string {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return useCallback((text: Bilingual) => (en ? text.en : text.zh), [en]);
}
