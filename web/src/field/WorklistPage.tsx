/**
 * My worklist (我的工作清单): the member's grids' residents who need something today, in the
 * grid head's order, gathered by household (one knock, everyone at the door), each with the
 * next thing to do and, once recorded on this phone, "recorded, not yet sent".
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { REASON_LABELS, STATUS_LABELS } from '../../../src/domain/campaignStatus.js';
import type { Bilingual } from '../../../src/domain/errors.js';
import { useFormat } from '../i18n/format.js';
import type { WorklistResident } from '../offline/worklistTypes.js';
import { doorsOf } from './doors.js';
import { Flash } from './Flash.js';
import { useOnline, useOutbox, usePick } from './hooks.js';
import { markOf, type Mark } from './marks.js';
import { useWorklist } from './worklistContext.js';

export function statusText(r: WorklistResident, pick: (b: Bilingual) => string): string {
  const reason = r.openReason
    ? (REASON_LABELS as Record<string, Bilingual | undefined>)[r.openReason]
    : undefined;
  return reason ? `${pick(STATUS_LABELS[r.status])} · ${pick(reason)}` : pick(STATUS_LABELS[r.status]);
}

export function Flags({ r }: { r: WorklistResident }) {
  const { t } = useTranslation('field');
  return (
    <>
      {r.sixtyPlus && <span className="fd-tag fd-tag--old">{t('flag.sixtyPlus')}</span>}
      {r.limitedMobility && <span className="fd-tag">{t('flag.limitedMobility')}</span>}
      {r.remote && <span className="fd-tag">{t('flag.remote')}</span>}
    </>
  );
}

export function MarkTag({ mark }: { mark: Mark | null }) {
  const { t } = useTranslation('field');
  if (!mark) return null;
  return (
    <span className={`fd-mark fd-mark--${mark}`} data-testid="resident-mark">
      {t(`mark.${mark}`)}
    </span>
  );
}

export function WorklistPage() {
  const { t } = useTranslation('field');
  const pick = usePick();
  const fmt = useFormat();
  const online = useOnline();
  const { worklist, refreshing, error, refresh } = useWorklist();
  const { items: queued, sent } = useOutbox();
  const doors = useMemo(() => doorsOf(worklist?.items ?? []), [worklist]);

  return (
    <>
      <h1 className="fd-title">{t('worklist.title')}</h1>
      <Flash />
      {worklist && (
        <p className="fd-meta" data-testid="worklist-meta">
          {worklist.grids.map((g) => worklist.placeNames[g] ?? g).join(t('sep.list'))}
          {worklist.campaign ? ` · ${worklist.campaign.name}` : ''}
          <br />
          {t('worklist.day', { date: fmt.date(worklist.today) })} ·{' '}
          <span data-testid="worklist-updated">
            {t('worklist.updated', { time: fmt.instant(worklist.fetchedAt) })}
          </span>
          <br />
          {t('worklist.count', { count: worklist.items.length, doors: doors.length })}
        </p>
      )}
      <div className="fd-actions">
        <button
          type="button"
          onClick={() => void refresh()}
          disabled={!online || refreshing}
          data-testid="refresh"
        >
          {refreshing ? t('worklist.refreshing') : t('worklist.refresh')}
        </button>
        {!online && worklist && <span className="fd-hint">{t('worklist.offlineHint')}</span>}
      </div>
      {error && (
        <p className="fd-error" role="alert">
          {t('worklist.failed', { reason: pick(error) })}
        </p>
      )}
      {worklist === undefined && <p className="fd-hint">…</p>}
      {worklist === null && !refreshing && <p className="fd-empty">{t('worklist.offlineNoCache')}</p>}
      {worklist && worklist.items.length === 0 && <p className="fd-empty">{t('worklist.empty')}</p>}
      {worklist && worklist.items.length > 0 && (
        <ol className="fd-doors" data-testid="worklist">
          {doors.map((door) => (
            <li key={String(door.householdId)} className="fd-door">
              {door.members.length > 1 && (
                <p className="fd-door__label">{t('door.label', { count: door.members.length })}</p>
              )}
              <ul className="fd-members">
                {door.members.map((r) => (
                  <li key={String(r.residentId)}>
                    <Link
                      to={`/field/residents/${encodeURIComponent(String(r.residentId))}`}
                      className="fd-resident"
                      data-testid="worklist-resident"
                      data-resident={String(r.residentId)}
                    >
                      <span className="fd-resident__name">
                        {r.name}
                        <span className="fd-resident__age">{t('resident.age', { age: r.age })}</span>
                      </span>
                      <span className="fd-resident__tags">
                        <Flags r={r} />
                        <MarkTag mark={markOf(r.residentId, queued, sent, worklist.fetchedAt)} />
                      </span>
                      <span className="fd-resident__status">{statusText(r, pick)}</span>
                      <span className="fd-resident__next">{pick(r.nextAction.label)}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
