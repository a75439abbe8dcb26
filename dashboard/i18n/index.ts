import i18next from 'i18next';
import type {} from './keys';
import { createI18n } from '../../shared/ui/i18n';
import { en } from './en';
import { zhCN } from './zh-CN';

/** The dashboard keeps its language apart from a desk's in the same browser; its tab says it. */
export const { initI18n, setLanguage } = createI18n(
  { 'zh-CN': zhCN, en },
  {
    storageKey: 'cocare.dashboard.language',
    storage: localStorage,
    show: (language) => {
      document.documentElement.lang = language;
      document.title = i18next.t('app.title');
    },
  },
);
