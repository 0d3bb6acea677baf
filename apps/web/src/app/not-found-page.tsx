import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from './page';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('app.notFound'));
  return (
    <>
      <h1 className="page-title">{t('app.notFound')}</h1>
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </>
  );
}
