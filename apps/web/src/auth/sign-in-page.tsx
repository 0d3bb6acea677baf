import { FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/http';
import { usePageTitle } from '../app/page';
import { ErrorNotice } from '../app/error-notice';
import { useAuth } from './auth-context';

export function SignInPage() {
  const { t } = useTranslation();
  const { session, signIn, endedBecause } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<'required' | 'failed' | unknown>(null);
  usePageTitle(t('signIn.title'));

  if (session && !pending) return <Navigate to={from} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setProblem('required');
      return;
    }
    setPending(true);
    setProblem(null);
    try {
      await signIn(username.trim(), password);
      navigate(from, { replace: true });
    } catch (error) {
      setProblem(error instanceof ApiError && (error.status === 401 || error.status === 400) ? 'failed' : error);
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="sign-in">
      <h1 tabIndex={-1} className="page-title">
        {t('signIn.title')}
      </h1>
      <p className="lead">{t('signIn.intro')}</p>
      {endedBecause === 'expired' && !problem ? (
        <p className="notice" role="status">
          {t('signIn.expired')}
        </p>
      ) : null}
      <form className="form" onSubmit={submit} noValidate aria-describedby={problem ? 'sign-in-problem' : undefined}>
        <div className="field">
          <label htmlFor="username">{t('signIn.username')}</label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={problem === 'required' && !username.trim() ? true : undefined}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="password">{t('signIn.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={problem === 'required' && !password ? true : undefined}
            required
          />
        </div>
        <div id="sign-in-problem" aria-live="assertive">
          {problem === 'required' ? <p className="notice notice--error">{t('signIn.required')}</p> : null}
          {problem === 'failed' ? <p className="notice notice--error">{t('signIn.failed')}</p> : null}
          {problem && problem !== 'required' && problem !== 'failed' ? <ErrorNotice error={problem} /> : null}
        </div>
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
