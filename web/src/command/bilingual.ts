import { useTranslation } from 'react-i18next';
import type { Bilingual } from '../api/client.js';

/** Picks the reader's language from a bilingual text the server or src/domain wrote. */
export function useBilingual(): (text: Bilingual | null | undefined) => string {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (text) => (text ? (en ? text.en : text.zh) : '—');
}
