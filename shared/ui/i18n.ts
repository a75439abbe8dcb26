import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/** Chinese first; English for staff who prefer it. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where a front end keeps and shows its language: the page itself stays the app's business. */
export interface LanguagePlace {
  /** The key the choice is kept under: the desk and the dashboard each keep their own. */
  storageKey: string;
  /** The browser's storage, or none (then every start is in Chinese). */
  storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  /** Shows the language on the page (its `lang`, its title): at start and on every change. */
  show(language: Language): void;
}

/**
 * The i18n setup both front ends share: one catalogue per language, Chinese when nothing (or
 * something unknown) was chosen, and the choice kept in the browser. Returns `initI18n`, to await
 * before the first render, and `setLanguage`, for the language button.
 */
export function createI18n(catalogues: Record<Language, object>, place: LanguagePlace) {
  const saved = (): Language =>
    place.storage?.getItem(place.storageKey) === 'en' ? 'en' : 'zh-CN';
  return {
    async initI18n(): Promise<typeof i18next> {
      await i18next.use(initReactI18next).init({
        resources: {
          'zh-CN': { translation: catalogues['zh-CN'] },
          en: { translation: catalogues.en },
        },
        lng: saved(),
        fallbackLng: 'zh-CN',
        interpolation: { escapeValue: false },
        returnNull: false,
      });
      place.show(saved());
      return i18next;
    },
    setLanguage(language: Language): void {
      place.storage?.setItem(place.storageKey, language);
      void i18next.changeLanguage(language);
      place.show(language);
    },
  };
}
