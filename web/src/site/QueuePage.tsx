/**
 * The site's day (今日队列): how many came against what the site can take, and everyone in the
 * order the site works them — those in observation with their timers, those waiting for the
 * nurse or the doctor, those waiting for their dose, those done, those not vaccinated today.
 * Refreshed every 20 seconds: the registration desk, the doctor and the observation room
 * each have a tablet on the same queue.
 */
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useFormat } from '../i18n/format.js';
import { ErrorNote } from './ErrorNote.js';
import { useLoad, usePick, useTimeOfDay } from './hooks.js';
import { ObservationTimer } from './ObservationTimer.js';
import { groupQueue } from './queue.js';
import { serverToday } from './serverClock.js';
import { useSites } from './siteContext.js';
import { siteApi, type CheckinView } from './siteApi.js';

const REFRESH_MS = 20_000;

function Row({ siteId, c }: { siteId: number; c: CheckinView }) {
  const { t } = useTranslation('site');
  const pick = usePick();
  const time = useTimeOfDay();
  const sex = t(`sex.${c.resident.sex}`);
  return (
    <li>
      <Link
        to={`/site/${siteId}/checkins/${c.id}`}
        className="st-row"
        data-testid="queue-row"
        data-stage={c.stage}
      >
        <span className="st-row__who">
          <strong>{c.resident.name}</strong>
          <span className="st-meta">
            {sex} · {t('resident.age', { age: c.resident.age })} · {c.resident.idNumber}
          </span>
        </span>
        <span className="st-row__what">
          {c.stage === 'observing' && c.observation ? (
            <ObservationTimer endsAt={c.observation.endsAt} compact />
          ) : (
            <span className={`st-stage st-stage--${c.stage}`}>
              {c.stage === 'not-vaccinated' && c.decision ? pick(c.decision.label) : t(`stage.${c.stage}`)}
            </span>
          )}
          <span className="st-meta">{t('queue.checkedInAt', { time: time(c.at) })}</span>
        </span>
      </Link>
    </li>
  );
}

export function QueuePage({ siteId }: { siteId: number }) {
  const { t } = useTranslation('site');
  const fmt = useFormat();
  const pick = usePick();
  const time = useTimeOfDay();
  const { clock, syncClock } = useSites();
  const [params, setParams] = useSearchParams();
  const day = params.get('day') ?? undefined;
  const queue = useLoad(
    `${siteId}/${day ?? ''}`,
    () => {
      void syncClock().catch(() => undefined);
      return siteApi.queue(siteId, day);
    },
    REFRESH_MS,
  );
  const q = queue.data;
  const aefi = useLoad(q ? `${siteId}/${q.day}/${q.totals.aefi}` : null, () =>
    siteApi.aefiOfDay(siteId, q?.day ?? ''),
  );

  if (!q) return queue.error ? <ErrorNote error={queue.error} /> : <p className="st-hint">{t('loading')}</p>;
  const cap = q.site.dailyCapacity;
  const tiles: [string, number][] = [
    ['waiting', q.totals.waiting],
    ['observing', q.totals.observing],
    ['vaccinated', q.totals.vaccinated],
    ['postponed', q.totals.postponed],
    ['notSuitable', q.totals.notSuitable],
    ['aefi', q.totals.aefi],
  ];
  return (
    <>
      <h1 className="st-title">{t('queue.title')}</h1>
      <p className="st-meta" data-testid="queue-day" data-day={q.day}>
        {q.site.name} · {fmt.date(q.day)}
      </p>
      <label className="st-field st-field--inline">
        <span>{t('queue.day')}</span>
        <input
          type="date"
          className="st-input"
          value={q.day}
          max={clock ? serverToday(clock) : undefined}
          onChange={(e) => e.target.value && setParams({ day: e.target.value }, { replace: true })}
        />
      </label>
      <ErrorNote error={queue.error} />
      <section className="st-capacity" aria-label={t('queue.capacity')}>
        <p className="st-capacity__line" data-testid="queue-capacity">
          {t('queue.counts', {
            checkedIn: fmt.number(q.totals.checkedIn),
            capacity: fmt.number(cap),
            vaccinated: fmt.number(q.totals.vaccinated),
          })}
        </p>
        <meter
          className="st-meter"
          min={0}
          max={cap}
          value={Math.min(q.totals.checkedIn, cap)}
          high={cap * 0.9}
          aria-label={t('queue.capacity')}
        />
        <ul className="st-tiles">
          {tiles.map(([key, n]) => (
            <li key={key} className={`st-tile${key === 'aefi' && n > 0 ? ' st-tile--warn' : ''}`}>
              <span className="st-tile__n" data-testid={`total-${key}`}>
                {fmt.number(n)}
              </span>
              <span className="st-tile__label">{t(`total.${key}`)}</span>
            </li>
          ))}
        </ul>
      </section>
      <Link to={`/site/${siteId}/checkin`} className="st-button st-button--wide" data-testid="start-checkin">
        {t('queue.checkIn')}
      </Link>
      {q.items.length === 0 && <p className="st-empty">{t('queue.empty')}</p>}
      {groupQueue(q.items).map((g) => (
        <section key={g.group} aria-labelledby={`group-${g.group}`} data-testid={`group-${g.group}`}>
          <h2 className="st-subtitle" id={`group-${g.group}`}>
            {t(`group.${g.group}`)} <span className="st-count">{fmt.number(g.items.length)}</span>
          </h2>
          <ul className="st-list">
            {g.items.map((c) => (
              <Row key={c.id} siteId={siteId} c={c} />
            ))}
          </ul>
        </section>
      ))}
      {aefi.data && aefi.data.items.length > 0 && (
        <section aria-labelledby="aefi-title" data-testid="aefi-list">
          <h2 className="st-subtitle" id="aefi-title">
            {t('aefi.ofDay')}
          </h2>
          <ul className="st-list">
            {aefi.data.items.map((a) => (
              <li key={a.id} className={`st-card${a.urgent ? ' st-card--warn' : ''}`}>
                <strong>
                  {a.resident.name} · {pick(a.whatLabel)}
                </strong>
                <span className="st-meta">
                  {pick(a.severityLabel)} · {t('aefi.onsetAt', { time: time(a.onsetAt) })} ·{' '}
                  {pick(a.outcomeLabel)}
                </span>
                {a.urgent && <span className="st-warn">{t('aefi.urgent')}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
