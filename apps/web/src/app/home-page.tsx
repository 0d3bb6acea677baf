import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../auth/auth-context';
import { navigationFor } from './navigation';
import { usePageTitle } from './page';

export function HomePage() {
  const { t } = useTranslation();
  const session = useSession();
  const screens = navigationFor(session.roles).filter((item) => item.path !== '/');
  const name = session.name ?? session.subject.slice(0, 8);
  usePageTitle(t('nav.home'));
  return (
    <>
      <h1 className="page-title">{t('home.title', { name })}</h1>
      <section aria-labelledby="your-roles">
        <h2 id="your-roles">{t('home.yourRoles')}</h2>
        <ul className="chips">
          {session.roles.map((role) => (
            <li key={role} className="chip">
              {t(`roles.${role}`)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="screens">
        <h2 id="screens">{t('home.screens')}</h2>
        {screens.length === 0 ? <p>{t('home.noScreens')}</p> : null}
        <ul className="cards">
          {screens.map((item) => (
            <li key={item.path} className="card">
              <Link to={item.path} className="card__link">
                {t(item.label)}
              </Link>
              {item.path === '/units' ? <p>{t('home.directoryDescription')}</p> : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
