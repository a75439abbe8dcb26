import { useTranslation } from 'react-i18next';

/**
 * A built desk opened without the desktop shell (say, its page served to a browser, or a shell
 * whose bridge failed to load): there is nowhere safe for its secrets, so it opens nothing and
 * says why (platform/index.ts, BROWSER_TRIAL_KEY).
 */
export function NoSecureStore() {
  const { t } = useTranslation();
  return (
    <p className="fatal" role="alert">
      {t('app.noSecureStore')}
    </p>
  );
}
