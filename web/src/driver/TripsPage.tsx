/**
 * The driver's day (/driver?day=YYYY-MM-DD): the trips by window, each with its site and riders
 * in boarding order. The day defaults to the server's today (the demo's 2021-08-09); a move
 * answered by the server replaces the rider in place, so a cancelled rider stays in sight with
 * the reason until the next refresh.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useFormat } from '../i18n/format.js';
import { DriverLayout } from './DriverLayout.js';
import { fetchMyTrips, type Ride } from './driverApi.js';
import { useErrorText, useLoad, usePick } from './hooks.js';
import { TripCard } from './TripCard.js';

export function TripsPage() {
  const { t } = useTranslation('driver');
  const fmt = useFormat();
  const pick = usePick();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const asked = params.get('day');
  const trips = useLoad(asked ?? '', () => fetchMyTrips(asked));
  const [done, setDone] = useState<Ride | null>(null);
  const data = trips.data;

  const onMoved = (ride: Ride) => {
    if (!data) return;
    trips.setData({
      ...data,
      trips: data.trips.map((trip) => ({
        ...trip,
        riders: trip.riders.map((r) => (r.id === ride.id ? { ...r, ...ride } : r)),
      })),
    });
    setDone(ride);
  };

  return (
    <DriverLayout board={data?.driver?.township ?? null}>
      <div className="dr-toolbar">
        <label className="dr-day">
          {t('day.label')}
          <input
            type="date"
            value={data?.day ?? asked ?? ''}
            onChange={(e) => {
              setDone(null);
              if (e.target.value) setParams({ day: e.target.value });
            }}
          />
        </label>
        <button
          type="button"
          className="dr-button--secondary"
          onClick={() => {
            setDone(null);
            trips.reload();
          }}
        >
          {t('trips.refresh')}
        </button>
      </div>
      <h1 className="dr-title">{t('trips.heading', { date: fmt.date(data?.day ?? asked) })}</h1>
      {data?.driver && <p className="dr-muted">{t('trips.driver', { name: data.driver.name })}</p>}
      <p className="dr-flash" role="status" data-testid="flash">
        {done && t('move.done', { name: done.name, status: pick(done.statusLabel) })}
      </p>
      {trips.loading && !data && <p className="dr-muted">{t('trips.loading')}</p>}
      {trips.error !== undefined && (
        <p className="dr-error" role="alert">
          {errorText(trips.error)}
        </p>
      )}
      {data && data.driver === null && <p className="dr-empty">{t('trips.noDriver')}</p>}
      {data?.driver && data.trips.length === 0 && <p className="dr-empty">{t('trips.empty')}</p>}
      {data?.trips.map((trip) => (
        <TripCard key={trip.id} trip={trip} onMoved={onMoved} />
      ))}
    </DriverLayout>
  );
}
