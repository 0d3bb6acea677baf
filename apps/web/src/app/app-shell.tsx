import { ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { useAuth } from '../auth/auth-context';
import { LanguageSwitch } from '../i18n/language-switch';
import { navigationFor } from './navigation';

/** Header (name, language, who is signed in), the menu the person's roles allow, and the page. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { session, signOut } = useAuth();
  const items = session ? navigationFor(session.roles) : [];
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  // After a client-side navigation the clicked link is gone: move focus to the new page's content so
  // keyboard and screen-reader users start there, as after a full page load.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__bar">
          <NavLink to="/" className="brand">
            <img src="/favicon.svg" alt="" width="32" height="32" />
            <span>
              <span className="brand__name">{t('app.name')}</span>
              <span className="brand__tagline">{t('app.tagline')}</span>
            </span>
          </NavLink>
          <div className="app-header__tools">
            <LanguageSwitch />
            {session ? (
              <button type="button" className="button button--quiet" onClick={() => signOut()}>
                {t('app.signOut')}
              </button>
            ) : null}
          </div>
        </div>
        {session ? (
          <nav className="app-nav" aria-label={t('app.mainNavigation')}>
            <ul>
              {items.map((item) => (
                <li key={item.path}>
                  <NavLink to={item.path} end={item.path === '/'}>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
            <p className="app-nav__who">{t('app.signedInAs', { name: session.name ?? session.subject.slice(0, 8) })}</p>
          </nav>
        ) : null}
      </header>
      <main id="main" ref={main} className="app-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
