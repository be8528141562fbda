/**
 * The frame of the driver's pages: a phone held in a parked car. The title, the two pages (my
 * trips, the township's board), the language switch and sign-out.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { LanguageSwitch } from '../shell/LanguageSwitch.js';
import { useSession } from '../shell/session.js';

export function DriverLayout({ board, children }: { board?: string | null; children: ReactNode }) {
  const { t } = useTranslation('driver');
  const { signOut } = useSession();
  return (
    <div className="dr">
      <header className="dr-head">
        <div className="dr-head__row">
          <span className="dr-brand">{t('title')}</span>
          <LanguageSwitch className="dr-lang" />
          <button type="button" className="dr-link-button" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
        <nav className="dr-nav" aria-label={t('nav.label')}>
          <NavLink to="/driver" end className="dr-nav__link">
            {t('nav.trips')}
          </NavLink>
          {board && (
            <NavLink to={`/driver/board/${board}`} className="dr-nav__link">
              {t('nav.board')}
            </NavLink>
          )}
        </nav>
      </header>
      <main className="dr-main">{children}</main>
    </div>
  );
}
