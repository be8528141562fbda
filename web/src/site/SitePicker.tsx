/**
 * Which site am I at today: a township has its health centre and, in a drive, temporary points
 * in the villages. One site goes straight to its queue; the last one chosen on this device is
 * remembered (the tablet stays at its desk) unless the staff come here to change it.
 */
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router-dom';
import { ErrorNote } from './ErrorNote.js';
import { usePick } from './hooks.js';
import { useSites } from './siteContext.js';

const REMEMBERED = 'gridvax.site';

export const rememberSite = (id: number): void => localStorage.setItem(REMEMBERED, String(id));

export function SitePicker() {
  const { t } = useTranslation('site');
  const pick = usePick();
  const { sites, error } = useSites();
  const [params] = useSearchParams();
  if (error) return <ErrorNote error={error} />;
  if (!sites) return <p className="st-hint">{t('loading')}</p>;
  if (sites.length === 0) return <p className="st-empty">{t('sites.none')}</p>;
  const remembered = Number(localStorage.getItem(REMEMBERED));
  const only = sites.length === 1 ? sites[0] : undefined;
  const again = sites.find((s) => s.id === remembered);
  if (!params.has('choose') && (only ?? again))
    return <Navigate to={`/site/${(only ?? again)?.id}`} replace />;
  return (
    <>
      <h1 className="st-title">{t('sites.title')}</h1>
      <ul className="st-list">
        {sites.map((s) => (
          <li key={s.id}>
            <Link to={`/site/${s.id}`} className="st-card st-card--link" onClick={() => rememberSite(s.id)}>
              <strong>{s.name}</strong>
              <span className="st-meta">
                {pick(s.kindLabel)} · {s.address}
              </span>
              <span className="st-meta">
                {t('sites.hours', { opens: s.opens, closes: s.closes })} ·{' '}
                {t('sites.capacity', { count: s.dailyCapacity })}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
