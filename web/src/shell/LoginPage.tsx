import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router-dom';
import { ApiError } from '../api/client.js';
import { homeOf, useSession } from './session.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** Plain HTML on purpose: it is the first thing a phone downloads, before any field page. */
export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { user, signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (user) return <Navigate to={homeOf(user.role)} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username, password);
    } catch (err) {
      setError(
        err instanceof ApiError ? (i18n.language === 'en' ? err.text.en : err.text.zh) : t('error.generic'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="gv-login">
      <header className="gv-login__head">
        <h1>{t('appName')}</h1>
        <LanguageSwitch />
      </header>
      <form onSubmit={(e) => void submit(e)} className="gv-form" aria-labelledby="login-title">
        <h2 id="login-title">{t('login.title')}</h2>
        <label>
          {t('login.username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p role="alert" className="gv-error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
        <p className="gv-hint">{t('login.demoHint')}</p>
      </form>
    </main>
  );
}
