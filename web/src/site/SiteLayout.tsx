/**
 * Every site page's frame: which site, the three places a site team moves between (the queue,
 * check-in, stock and checklist), the language switch. Sized for a phone in a nurse's hand or a
 * tablet on the registration desk.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router-dom';
import { LanguageSwitch } from '../shell/LanguageSwitch.js';
import { useSession } from '../shell/session.js';
import { useSites } from './siteContext.js';

export function SiteLayout({ siteId, children }: { siteId?: number; children: ReactNode }) {
  const { t } = useTranslation('site');
  const { signOut } = useSession();
  const { sites } = useSites();
  const site = sites?.find((s) => s.id === siteId);
  const base = `/site/${siteId ?? ''}`;
  return (
    <div className="st">
      <header className="st-head">
        <div className="st-head__row">
          <Link to="/site?choose=1" className="st-brand">
            {t('title')}
            {site && <span className="st-brand__site"> · {site.name}</span>}
          </Link>
          <LanguageSwitch className="st-lang" />
          <button type="button" className="st-link-button" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
        {siteId !== undefined && (
          <nav className="st-nav" aria-label={t('nav.label')}>
            <NavLink to={base} end className="st-nav__link">
              {t('nav.queue')}
            </NavLink>
            <NavLink to={`${base}/checkin`} className="st-nav__link">
              {t('nav.checkin')}
            </NavLink>
            <NavLink to={`${base}/stock`} className="st-nav__link">
              {t('nav.stock')}
            </NavLink>
          </nav>
        )}
      </header>
      <main className="st-main">{children}</main>
    </div>
  );
}
