import { useTranslation } from 'react-i18next';
import type { Language } from './i18n';

/**
 * The one-click switch between Chinese and English, on the desk and the dashboard alike: it names
 * the other language (`lang.switchTo` in each front end's catalogue) and keeps the choice through
 * the front end's own `setLanguage` (from `createI18n`).
 */
export function LanguageButton({
  setLanguage,
  className = 'lang',
}: {
  setLanguage(language: Language): void;
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <button
      type="button"
      className={className}
      onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')}
    >
      {t('lang.switchTo')}
    </button>
  );
}
