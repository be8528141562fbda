import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common } from './common.js';

/**
 * Chinese first, English on request. Each area keeps its words in its own namespace
 * (`<area>/messages.ts`) and adds it with `addMessages`, so the field pages do not carry the
 * command room's vocabulary. The choice is remembered on the device.
 */
export type Language = 'zh' | 'en';

const STORED = 'gridvax.lang';

export function storedLanguage(): Language {
  return localStorage.getItem(STORED) === 'en' ? 'en' : 'zh';
}

export function setLanguage(lang: Language): void {
  localStorage.setItem(STORED, lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  void i18next.changeLanguage(lang);
}

export interface Messages {
  zh: Record<string, string>;
  en: Record<string, string>;
}

export function addMessages(namespace: string, messages: Messages): void {
  i18next.addResourceBundle('zh', namespace, messages.zh, true, true);
  i18next.addResourceBundle('en', namespace, messages.en, true, true);
}

export async function startI18n(): Promise<void> {
  const lng = storedLanguage();
  document.documentElement.lang = lng === 'zh' ? 'zh-CN' : 'en';
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'zh',
    defaultNS: 'common',
    resources: { zh: { common: common.zh }, en: { common: common.en } },
    interpolation: { escapeValue: false },
  });
}
