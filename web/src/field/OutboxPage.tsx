/**
 * The outbox (待上传): what this phone holds that the server does not, with the server's reason
 * next to anything it returned — fix it (the form opens with it) or discard it. "Send now" for
 * a member who has just found signal; sign-out warns that records stay on the phone.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../i18n/format.js';
import { newId } from '../offline/ids.js';
import { outbox } from '../offline/outbox.js';
import type { OutboxItem } from '../offline/outboxItem.js';
import { syncNow } from '../offline/syncLoop.js';
import { useSession } from '../shell/session.js';
import { Flash } from './Flash.js';
import { useOnline, useOutbox, usePick } from './hooks.js';
import { outcomeText } from './ResidentCard.js';

function ItemRow({ item }: { item: OutboxItem }) {
  const { t } = useTranslation('field');
  const pick = usePick();
  const fmt = useFormat();
  const what =
    item.kind === 'visit'
      ? outcomeText(item.visit.outcome, pick)
      : `${item.request.day} ${item.request.window}`;
  return (
    <li className={`fd-item fd-item--${item.state}`} data-testid="outbox-item" data-state={item.state}>
      <p className="fd-item__head">
        <strong>{item.residentName}</strong> · {t(`outbox.kind.${item.kind}`)} · {what}
      </p>
      <p className="fd-hint">
        {t(`outbox.state.${item.state}`)} · {t('outbox.recorded', { time: fmt.instant(item.createdAt) })}
      </p>
      {item.waitingFor === 'http.route-not-found' && <p className="fd-hint">{t('outbox.waitingRoute')}</p>}
      {item.error && (
        <p className="fd-error" role="note">
          {pick(item.error.message)}
        </p>
      )}
      {item.state !== 'pending' && (
        <div className="fd-actions">
          {item.kind === 'visit' && item.state === 'rejected' && (
            <Link className="fd-button" to={`/field/outbox/${encodeURIComponent(item.id)}`}>
              {t('outbox.fix')}
            </Link>
          )}
          {item.state === 'conflict' && (
            <button
              type="button"
              onClick={() => {
                const { error: _e, ...rest } = item;
                void outbox
                  .replace(item.id, { ...rest, id: newId(), state: 'pending', attempts: 0 })
                  .then(syncNow);
              }}
            >
              {t('outbox.resend')}
            </button>
          )}
          <button
            type="button"
            className="fd-button--secondary"
            onClick={() => {
              if (window.confirm(t('outbox.confirmDiscard'))) void outbox.discard(item.id);
            }}
          >
            {t('outbox.discard')}
          </button>
        </div>
      )}
    </li>
  );
}

export function OutboxPage() {
  const { t } = useTranslation('field');
  const pick = usePick();
  const fmt = useFormat();
  const online = useOnline();
  const { ready, items, sent, status } = useOutbox();
  const { signOut } = useSession();
  const ordered = [...items].sort((a, b) =>
    a.state === b.state ? (a.createdAt < b.createdAt ? -1 : 1) : a.state === 'pending' ? 1 : -1,
  );
  return (
    <>
      <h1 className="fd-title">{t('outbox.title')}</h1>
      <Flash />
      {status.lastSyncAt && (
        <p className="fd-meta">{t('outbox.lastSync', { time: fmt.instant(status.lastSyncAt) })}</p>
      )}
      <div className="fd-actions">
        <button
          type="button"
          data-testid="sync-now"
          disabled={!online || status.state === 'syncing' || items.length === 0}
          onClick={() => void syncNow()}
        >
          {status.state === 'syncing' ? t('sync.syncing') : t('outbox.syncNow')}
        </button>
      </div>
      {ready && items.length === 0 && <p className="fd-empty">{t('outbox.empty')}</p>}
      {ordered.length > 0 && (
        <ul className="fd-items">
          {ordered.map((i) => (
            <ItemRow key={i.id} item={i} />
          ))}
        </ul>
      )}
      {sent.length > 0 && (
        <section>
          <h2 className="fd-subtitle">{t('outbox.sent')}</h2>
          <ul className="fd-plain">
            {sent.slice(0, 10).map((s) => (
              <li key={s.id}>
                {fmt.instant(s.sentAt)} · {t(`outbox.kind.${s.kind}`)} ·{' '}
                {s.kind === 'visit' ? outcomeText(s.summary, pick) : s.summary}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="fd-actions fd-actions--end">
        {items.length > 0 && <p className="fd-hint">{t('outbox.signOutWarn', { count: items.length })}</p>}
        <button type="button" className="fd-button--secondary" onClick={() => void signOut()}>
          {t('outbox.signOut')}
        </button>
      </div>
    </>
  );
}
