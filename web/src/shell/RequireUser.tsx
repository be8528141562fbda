import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from './session.js';

/** A page for signed-in users: sends anyone else to the sign-in page. */
export function RequireUser({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const { t } = useTranslation();
  const location = useLocation();
  if (user === undefined) return <p className="gv-loading">{t('loading')}</p>;
  if (user === null) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <>{children}</>;
}
