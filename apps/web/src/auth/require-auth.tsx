import type { Role } from '@hailong/contracts';
import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from './auth-context';

/** Sends a visitor without a session to the sign-in page, and back here afterwards. */
export function RequireAuth({ roles, children }: { roles?: readonly Role[]; children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (roles && !session.roles.some((role) => roles.includes(role))) {
    return (
      <p role="alert" className="notice notice--error">
        {t('errors.forbidden')}
      </p>
    );
  }
  return children;
}
