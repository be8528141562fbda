/**
 * What the pre-screening found and what it suggests (the server's suggestion with its reasons,
 * most cautious first), for the doctor to decide on.
 */
import { useTranslation } from 'react-i18next';
import { HEALTH_CODE_LABELS } from '../../../src/domain/screening.js';
import { SCREENING_QUESTIONS } from '../../../src/domain/siteScreening.js';
import { useFormat } from '../i18n/format.js';
import { usePick, useTimeOfDay } from './hooks.js';
import type { ScreeningView } from './siteApi.js';

export function ScreeningSummary({ s, count }: { s: ScreeningView; count: number }) {
  const { t } = useTranslation('site');
  const pick = usePick();
  const fmt = useFormat();
  const time = useTimeOfDay();
  const yes = SCREENING_QUESTIONS.filter((q) => s.answers[q.code]);
  const sug = s.suggestion;
  return (
    <section className="st-card" aria-labelledby="screening-title" data-testid="screening-summary">
      <h2 className="st-subtitle" id="screening-title">
        {t('screen.title')}
        {count > 1 && <span className="st-meta"> · {t('screen.times', { count })}</span>}
      </h2>
      <dl className="st-facts">
        <dt>{t('fact.temperature')}</dt>
        <dd>{t('screen.celsius', { value: fmt.number(s.temperature) })}</dd>
        <dt>{t('fact.healthCode')}</dt>
        <dd className={`st-code st-code--${s.healthCode}`}>{pick(HEALTH_CODE_LABELS[s.healthCode])}</dd>
        <dt>{t('fact.bloodPressure')}</dt>
        <dd>{s.systolic === null ? t('screen.notMeasured') : `${s.systolic}/${s.diastolic} mmHg`}</dd>
        <dt>{t('fact.questions')}</dt>
        <dd>
          {yes.length === 0 ? t('screen.noneYes') : yes.map((q) => pick(q.question)).join(t('sep.list'))}
        </dd>
        <dt>{t('fact.by')}</dt>
        <dd>
          {s.screenedBy} · {time(s.at)}
        </dd>
      </dl>
      <div
        className={`st-suggestion st-suggestion--${sug.decision}`}
        data-testid="suggestion"
        data-decision={sug.decision}
      >
        <p className="st-suggestion__head">
          {t('suggest.title')}
          <strong>{pick(sug.label)}</strong>
        </p>
        {sug.flags.length === 0 ? (
          <p className="st-meta">{t('suggest.nothingFound')}</p>
        ) : (
          <ul className="st-flags">
            {sug.flags.map((f) => (
              <li key={f.code} data-testid="flag" data-code={f.code}>
                {pick(f.message)}
              </li>
            ))}
          </ul>
        )}
        {sug.untilDate && <p className="st-meta">{t('suggest.until', { date: fmt.date(sug.untilDate) })}</p>}
        {sug.watchClosely && <p className="st-warn">{t('suggest.watchClosely')}</p>}
      </div>
    </section>
  );
}
