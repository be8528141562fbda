/** One trip: window and vehicle, where it goes, the seats, and its riders in boarding order. */
import { useTranslation } from 'react-i18next';
import type { Ride, Trip } from './driverApi.js';
import { RiderCard } from './RiderCard.js';

export function TripCard({
  trip,
  onMoved,
  readOnly = false,
}: {
  trip: Trip;
  onMoved?: (ride: Ride) => void;
  readOnly?: boolean;
}) {
  const { t } = useTranslation('driver');
  const headingId = `trip-${trip.id}`;
  return (
    <section className="dr-trip" aria-labelledby={headingId} data-testid="trip">
      <h2 id={headingId} className="dr-trip__head">
        <span>{t('trip.heading', { window: trip.windowText, plate: trip.vehicle.plate })}</span>
        <span className={`dr-tag dr-tag--${trip.progress}`}>{t(`trip.progress.${trip.progress}`)}</span>
      </h2>
      <p className="dr-trip__where">
        {t('trip.site', { name: trip.site.name })}
        <br />
        {t('trip.address', { address: trip.site.address })}
        {trip.villageName && (
          <>
            <br />
            {t('trip.village', { name: trip.villageName })}
          </>
        )}
      </p>
      <p className="dr-muted">
        {t('trip.seats', { used: trip.seatsUsed, seats: trip.seats })}
        {trip.driver && readOnly && <> · {t('board.driver', { name: trip.driver.name })}</>}
        {trip.otherRiders > 0 && <> · {t('trip.others', { count: trip.otherRiders })}</>}
      </p>
      <h3 className="dr-sub">{t('trip.riders')}</h3>
      <ol className="dr-riders">
        {trip.riders.map((ride, i) => (
          <RiderCard key={ride.id} ride={ride} order={i + 1} onMoved={onMoved} readOnly={readOnly} />
        ))}
      </ol>
    </section>
  );
}
