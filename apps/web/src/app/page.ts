import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The tab's title names the screen, so a screen reader announces where a navigation led. */
export function usePageTitle(title: string | null | undefined): void {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} — ${app}` : app;
  }, [title, app]);
}
