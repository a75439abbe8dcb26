import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistrictUserInfo, SessionInfo } from '../../server/district/types';
import { api, ApiError } from '../api';
import { LanguageButton } from '../../shared/ui/LanguageButton';
import { setLanguage } from '../i18n';
import { errorText } from '../format';
import { LabelledInput } from '../../shared/ui/LabelledInput';

export function LoginPage({
  notice,
  onLoggedIn,
}: {
  notice: string | null;
  onLoggedIn: (user: DistrictUserInfo) => void;
}) {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!login.trim() || !password) {
      setError(t('login.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await api<SessionInfo>('POST', '/login', { login: login.trim(), password });
      onLoggedIn(session.user);
    } catch (err) {
      setPassword('');
      if (err instanceof ApiError && err.code === 'login_failed') setError(t('login.failed'));
      else if (err instanceof ApiError && err.status === 429) {
        setError(t('login.rateLimited', { minutes: Math.ceil((err.retryAfter ?? 900) / 60) }));
      } else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-heading">
        <h1 id="login-heading">{t('app.title')}</h1>
        <h2>{t('login.heading')}</h2>
        {notice && !error && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <LabelledInput
          label={t('login.login')}
          name="login"
          autoComplete="username"
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          autoFocus
        />
        <LabelledInput
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary big" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
        <p className="hint">{t('login.hint')}</p>
        <LanguageButton setLanguage={setLanguage} className="link" />
      </form>
    </div>
  );
}
