import { createI18n } from '../../shared/ui/i18n';
import type {} from './keys';
import { en } from './en';
import { zhCN } from './zh-CN';

export const { initI18n, setLanguage } = createI18n(
  { 'zh-CN': zhCN, en },
  {
    storageKey: 'cocare.language',
    storage: localStorage,
    show: (language) => {
      document.documentElement.lang = language;
    },
  },
);
