/**
 * The 30-minute observation (留观) as a live countdown to `endsAt`, the instant the server set
 * (the dose + 30 minutes), counted in the server's time (serverClock.ts), not the tablet's.
 */
import { useTranslation } from 'react-i18next';
import { countdownText, remainingMs } from './serverClock.js';
import { useSites, useTick } from './siteContext.js';
import { useTimeOfDay } from './hooks.js';

export function ObservationTimer({ endsAt, compact = false }: { endsAt: string; compact?: boolean }) {
  const { t } = useTranslation('site');
  const time = useTimeOfDay();
  const { clock } = useSites();
  const now = useTick();
  if (!clock) return null;
  const left = remainingMs(endsAt, clock, now);
  const over = left <= 0;
  return (
    <span
      className={`st-timer${over ? ' st-timer--over' : ''}${compact ? ' st-timer--compact' : ''}`}
      role="timer"
      aria-label={over ? t('observe.over') : t('observe.leftLabel', { left: countdownText(left) })}
      data-testid="observation-timer"
      data-left-ms={Math.max(0, Math.round(left))}
    >
      <span className="st-timer__clock">{over ? t('observe.overShort') : countdownText(left)}</span>
      {!compact && <span className="st-timer__until">{t('observe.until', { time: time(endsAt) })}</span>}
    </span>
  );
}
