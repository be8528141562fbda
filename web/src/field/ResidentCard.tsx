/**
 * A resident's card (居民卡片): what the worklist knows of them — masked ID number, age,
 * household, status and dates, the last visit — what this phone recorded for them, and the
 * buttons for what to do: record a visit, book a ride (60+, limited mobility or remote), call.
 */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { OUTCOME_LABELS } from '../../../src/domain/screening.js';
import { useFormat } from '../i18n/format.js';
import type { WorklistResident } from '../offline/worklistTypes.js';
import { Flash } from './Flash.js';
import { useOutbox, usePick } from './hooks.js';
import { markOf } from './marks.js';
import { Flags, MarkTag, statusText } from './WorklistPage.js';
import { useWorklist } from './worklistContext.js';

/** The worklist's resident for a route's `:key` (undefined while loading, null when not on it). */
export function useResident(key: string | undefined): WorklistResident | null | undefined {
  const { worklist } = useWorklist();
  if (worklist === undefined) return undefined;
  return worklist?.items.find((r) => String(r.residentId) === key) ?? null;
}

/** A ride is offered to those the county laid transport on for: 60+, limited mobility, remote. */
export const mayNeedRide = (r: WorklistResident): boolean => r.sixtyPlus || r.limitedMobility || r.remote;

export function ResidentCard() {
  const { t } = useTranslation('field');
  const pick = usePick();
  const fmt = useFormat();
  const { key } = useParams();
  const resident = useResident(key);
  const { worklist } = useWorklist();
  const { items, sent } = useOutbox();
  if (resident === undefined) return <p className="fd-hint">…</p>;
  if (resident === null) {
    return (
      <>
        <p className="fd-empty">{t('card.notFound')}</p>
        <Link to="/field">{t('card.back')}</Link>
      </>
    );
  }
  const r = resident;
  const others = r.alsoAtDoor
    .map((id) => worklist?.items.find((x) => String(x.residentId) === String(id)))
    .filter((x): x is WorklistResident => !!x);
  const here = [
    ...items
      .filter((i) => String(i.residentId) === String(r.residentId))
      .map((i) => ({
        id: i.id,
        at: i.createdAt,
        what: i.kind === 'visit' ? outcomeText(i.visit.outcome, pick) : t('outbox.kind.transport'),
        state: i.state === 'pending' ? t('mark.queued') : t('mark.refused'),
      })),
    ...sent
      .filter((s) => String(s.residentId) === String(r.residentId))
      .map((s) => ({
        id: s.id,
        at: s.createdAt,
        what: s.kind === 'visit' ? outcomeText(s.summary, pick) : t('outbox.kind.transport'),
        state: t('mark.sent'),
      })),
  ];

  return (
    <article className="fd-card" data-testid="resident-card">
      <Flash />
      <h1 className="fd-title">
        {r.name} <span className="fd-resident__age">{t('resident.age', { age: r.age })}</span>
      </h1>
      <p className="fd-resident__tags">
        <Flags r={r} />
        <MarkTag mark={markOf(r.residentId, items, sent, worklist?.fetchedAt)} />
      </p>
      <p className="fd-next">
        <strong>{t('card.nextActionLabel')}</strong>
        {pick(r.nextAction.label)}
      </p>
      <div className="fd-actions fd-actions--stack">
        <Link className="fd-button" to="visit" data-testid="record-visit">
          {t('card.recordVisit')}
        </Link>
        {mayNeedRide(r) && (
          <Link className="fd-button fd-button--secondary" to="transport" data-testid="book-transport">
            {t('card.bookTransport')}
          </Link>
        )}
        {r.phone && (
          <a className="fd-button fd-button--secondary" href={`tel:${r.phone}`}>
            {t('card.call')} {r.phone}
          </a>
        )}
      </div>
      <dl className="fd-facts">
        <dt>{t('card.status')}</dt>
        <dd>{statusText(r, pick)}</dd>
        <dt>{t('card.idNumber')}</dt>
        <dd className="fd-mono">{r.idNumber}</dd>
        <dt>{t('card.birthDate')}</dt>
        <dd>{fmt.date(r.birthDate)}</dd>
        <dt>{t('card.grid')}</dt>
        <dd>{worklist?.placeNames[r.gridCode] ?? r.gridCode}</dd>
        {r.followUpDate && (
          <>
            <dt>{t('card.followUp')}</dt>
            <dd>{fmt.date(r.followUpDate)}</dd>
          </>
        )}
        {r.untilDate && (
          <>
            <dt>{t('card.until')}</dt>
            <dd>{fmt.date(r.untilDate)}</dd>
          </>
        )}
        {r.bookedDate && (
          <>
            <dt>{t('card.booked')}</dt>
            <dd>{fmt.date(r.bookedDate)}</dd>
          </>
        )}
        <dt>{t('card.lastVisit')}</dt>
        <dd>{r.lastVisitAt ? fmt.instant(r.lastVisitAt) : t('card.never')}</dd>
      </dl>
      {others.length > 0 && (
        <section>
          <h2 className="fd-subtitle">{t('card.household')}</h2>
          <ul className="fd-plain">
            {others.map((o) => (
              <li key={String(o.residentId)}>
                <Link to={`/field/residents/${encodeURIComponent(String(o.residentId))}`}>
                  {t('card.member', { name: o.name, age: o.age })}
                </Link>{' '}
                — {pick(o.nextAction.label)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {here.length > 0 && (
        <section>
          <h2 className="fd-subtitle">{t('card.onThisPhone')}</h2>
          <ul className="fd-plain">
            {here.map((h) => (
              <li key={h.id}>
                {fmt.instant(h.at)} · {h.what} · {h.state}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <Link to="/field">{t('card.back')}</Link>
      </p>
    </article>
  );
}

export function outcomeText(outcome: string, pick: (b: { zh: string; en: string }) => string): string {
  const label = (OUTCOME_LABELS as Record<string, { zh: string; en: string } | undefined>)[outcome];
  return label ? pick(label) : outcome;
}
