import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n/index.js';

/** 中文 ⇄ English, remembered on the device. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <button
      type="button"
      className={className ?? 'gv-lang'}
      data-testid="language-switch"
      lang={i18n.language === 'en' ? 'zh-CN' : 'en'}
      onClick={() => setLanguage(i18n.language === 'en' ? 'zh' : 'en')}
    >
      {t('lang.switch')}
    </button>
  );
}
