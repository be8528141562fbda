/**
 * Every field page's frame: where am I, is there a network, and how many records are not on
 * the server yet (待上传 N) — always in sight, because that number is what a grid member in a
 * village without signal needs to trust the phone.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router-dom';
import { countUnsent } from '../offline/outboxLogic.js';
import { LanguageSwitch } from '../shell/LanguageSwitch.js';
import { useSession } from '../shell/session.js';
import { useOnline, useOutbox, usePick } from './hooks.js';

function PendingBadge() {
  const { t } = useTranslation('field');
  const { ready, items } = useOutbox();
  const { unsent, refused } = countUnsent(items);
  return (
    <NavLink
      to="/field/outbox"
      className={`fd-badge${unsent > 0 ? ' fd-badge--on' : ''}${refused > 0 ? ' fd-badge--warn' : ''}`}
      data-testid="pending-badge"
      data-count={ready ? unsent : ''}
    >
      {!ready ? '…' : unsent > 0 ? t('badge.pending', { count: unsent }) : t('badge.none')}
      {refused > 0 && <span className="fd-badge__refused"> · {t('badge.refused', { count: refused })}</span>}
    </NavLink>
  );
}

function SyncBanner() {
  const { t } = useTranslation('field');
  const pick = usePick();
  const { status } = useOutbox();
  const { signOut } = useSession();
  if (status.state === 'signed-out') {
    // The device still remembers the member (that is how it opened offline), so the sign-in page
    // would send them straight back: forget the remembered user first. The outbox stays.
    return (
      <p className="fd-banner fd-banner--warn" role="status">
        {t('sync.signedOut')}{' '}
        <button type="button" className="fd-button--secondary" onClick={() => void signOut()}>
          {t('sync.signIn')}
        </button>
      </p>
    );
  }
  if (status.state === 'error' && status.lastError) {
    return (
      <p className="fd-banner fd-banner--warn" role="status">
        {t('sync.error', { reason: pick(status.lastError) })}
      </p>
    );
  }
  return null;
}

export function FieldLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation('field');
  const online = useOnline();
  const { status } = useOutbox();
  return (
    <div className="fd">
      <header className="fd-head">
        <div className="fd-head__row">
          <Link to="/field" className="fd-brand">
            {t('title')}
          </Link>
          <span className={`fd-net${online ? '' : ' fd-net--off'}`} data-testid="network-state">
            {status.state === 'syncing' ? t('sync.syncing') : online ? t('net.online') : t('net.offline')}
          </span>
          <LanguageSwitch className="fd-lang" />
        </div>
        <nav className="fd-nav" aria-label={t('title')}>
          <NavLink to="/field" end className="fd-nav__link">
            {t('nav.worklist')}
          </NavLink>
          <PendingBadge />
        </nav>
      </header>
      <SyncBanner />
      <main className="fd-main">{children}</main>
    </div>
  );
}
