/**
 * A township's (or village's) day board, read-only (/driver/board/:place?day=): rides by state,
 * who is still out, the "vaccinated" marks with no dose to check, and every trip with its riders.
 */
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { TRANSPORT_STATUSES, TRANSPORT_STATUS_LABELS } from '../../../src/domain/transportStatus.js';
import { useFormat } from '../i18n/format.js';
import { DriverLayout } from './DriverLayout.js';
import { fetchBoard } from './driverApi.js';
import { useErrorText, useLoad, usePick } from './hooks.js';
import { TripCard } from './TripCard.js';

export function BoardPage() {
  const { t } = useTranslation('driver');
  const fmt = useFormat();
  const pick = usePick();
  const errorText = useErrorText();
  const place = useParams().place ?? '';
  const [params, setParams] = useSearchParams();
  const asked = params.get('day');
  const board = useLoad(`${place}/${asked ?? ''}`, () => fetchBoard(place, asked));
  const data = board.data;
  const total = data ? TRANSPORT_STATUSES.reduce((n, s) => n + data.counts[s], 0) : 0;
  return (
    <DriverLayout board={place}>
      <div className="dr-toolbar">
        <label className="dr-day">
          {t('day.label')}
          <input
            type="date"
            value={data?.day ?? asked ?? ''}
            onChange={(e) => e.target.value && setParams({ day: e.target.value })}
          />
        </label>
      </div>
      {board.loading && !data && <p className="dr-muted">{t('trips.loading')}</p>}
      {board.error !== undefined && (
        <p className="dr-error" role="alert">
          {errorText(board.error)}
        </p>
      )}
      {data && (
        <>
          <h1 className="dr-title">
            {t('board.heading', { name: data.placeName, date: fmt.date(data.day) })}
          </h1>
          <p className="dr-board__sum">
            <strong>{t('board.stillOut', { count: data.stillOut })}</strong>
            {data.mismatches > 0 && (
              <span className="dr-warn"> · {t('board.mismatches', { count: data.mismatches })}</span>
            )}
          </p>
          <h2 className="dr-sub">{t('board.counts')}</h2>
          <dl className="dr-counts" data-testid="board-counts">
            {TRANSPORT_STATUSES.map((s) => (
              <div key={s}>
                <dt>{pick(TRANSPORT_STATUS_LABELS[s])}</dt>
                <dd>{fmt.number(data.counts[s])}</dd>
              </div>
            ))}
          </dl>
          {total === 0 && <p className="dr-empty">{t('board.empty')}</p>}
          {data.trips.length > 0 && <h2 className="dr-sub">{t('board.trips')}</h2>}
          {data.trips.map((trip) => (
            <TripCard key={trip.id} trip={trip} readOnly />
          ))}
        </>
      )}
    </DriverLayout>
  );
}
