/**
 * One resident from check-in to the end of observation, on one screen (issue 6: "site staff want
 * check-in to dose to observation on one screen"). Each step shows what was done and, for the
 * step the server's `stage` says comes next, its form: pre-screening → the suggestion and the
 * doctor's decision → the dose → the 30-minute observation → done (and an AEFI report, even
 * later that day). A resident postponed or not suitable gets no dose form at all: the server
 * would refuse the dose, and the page does not offer it.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { productByCode } from '../../../src/domain/vaccines/catalog.js';
import { useFormat } from '../i18n/format.js';
import { AefiForm } from './AefiForm.js';
import { DecisionForm } from './DecisionForm.js';
import { DoseForm } from './DoseForm.js';
import { ErrorNote } from './ErrorNote.js';
import { useLoad, usePick, useTimeOfDay } from './hooks.js';
import { defaultOnset, ObservationPanel } from './ObservationPanel.js';
import { ResidentCard } from './ResidentCard.js';
import { ScreeningForm } from './ScreeningForm.js';
import { ScreeningSummary } from './ScreeningSummary.js';
import { useSites } from './siteContext.js';
import { siteApi, type AefiView, type CheckinView, type Stage } from './siteApi.js';

const STEPS = ['checked-in', 'screened', 'awaiting-dose', 'observing', 'done'] as const;

function Steps({ stage }: { stage: Stage }) {
  const { t } = useTranslation('site');
  const at = stage === 'not-vaccinated' ? 2 : STEPS.indexOf(stage);
  return (
    <ol className="st-steps" aria-label={t('steps.label')}>
      {STEPS.map((s, i) => (
        <li
          key={s}
          className={`st-steps__step${i < at ? ' st-steps__step--done' : ''}${i === at ? ' st-steps__step--now' : ''}`}
          aria-current={i === at ? 'step' : undefined}
        >
          {t(`steps.${s}`)}
        </li>
      ))}
    </ol>
  );
}

function Decided({ c }: { c: CheckinView }) {
  const { t } = useTranslation('site');
  const pick = usePick();
  const fmt = useFormat();
  const time = useTimeOfDay();
  const d = c.decision;
  if (!d) return null;
  return (
    <section
      className={`st-card st-decided st-decided--${d.decision}`}
      data-testid="decision"
      data-decision={d.decision}
    >
      <h2 className="st-subtitle">
        {t('decide.shown')} <strong>{pick(d.label)}</strong>
      </h2>
      <p className="st-meta">
        {d.by} · {time(d.at)}
        {d.againstSuggestion && ` · ${t('decide.againstFlag')}`}
      </p>
      {d.untilDate && <p>{t('decide.untilShown', { date: fmt.date(d.untilDate) })}</p>}
      {d.note && <p className="st-meta">{t('decide.noteShown', { note: d.note })}</p>}
      {c.stage === 'not-vaccinated' && (
        <p className="st-warn" data-testid="no-dose">
          {t('decide.noDoseToday')}
        </p>
      )}
    </section>
  );
}

function DoseDone({ c }: { c: CheckinView }) {
  const { t } = useTranslation('site');
  const pick = usePick();
  const time = useTimeOfDay();
  if (!c.dose) return null;
  const p = productByCode(c.dose.product);
  return (
    <section className="st-card" data-testid="dose-recorded">
      <h2 className="st-subtitle">{t('dose.recorded')}</h2>
      <p>
        {t('dose.line', {
          product: p ? pick(p.shortName) : c.dose.product,
          n: c.dose.doseNumber,
          lot: c.dose.lot ?? '—',
          time: time(c.dose.at),
        })}
      </p>
    </section>
  );
}

function ObservationDone({
  c,
  fullId,
  siteId,
}: {
  c: CheckinView;
  fullId: string | undefined;
  siteId: number;
}) {
  const { t } = useTranslation('site');
  const pick = usePick();
  const time = useTimeOfDay();
  const { clock, syncClock } = useSites();
  const [reporting, setReporting] = useState(false);
  const [reported, setReported] = useState<AefiView>();
  const o = c.observation;
  if (!o || !c.dose) return null;
  const dose = c.dose;
  return (
    <section className="st-card" data-testid="observation-done" data-outcome={o.outcome}>
      <h2 className="st-subtitle">{t('observe.ended')}</h2>
      <p>
        {t('observe.endedLine', {
          time: time(o.endedAt),
          outcome: o.outcome === 'aefi' ? t('observe.outcomeAefi') : t('observe.outcomeOk'),
        })}
      </p>
      {o.note && <p className="st-meta">{t('decide.noteShown', { note: o.note })}</p>}
      {reported && (
        <p className={reported.urgent ? 'st-warn' : 'st-ok'} role="status" data-testid="aefi-reported">
          {t('aefi.reported', { what: pick(reported.whatLabel), severity: pick(reported.severityLabel) })}
          {reported.urgent && ` ${t('aefi.urgent')}`}
        </p>
      )}
      {reporting ? (
        <AefiForm
          defaultOnset={defaultOnset(dose.at, clock?.server)}
          onCancel={() => setReporting(false)}
          onSubmit={async (input) => {
            // The report names the resident by the full ID number: asked for now (an audited unmasking).
            const idNumber = fullId ?? (await siteApi.checkin(c.id, true)).resident.idNumber;
            setReported(await siteApi.reportAefi({ ...input, idNumber, doseId: dose.id }));
            setReporting(false);
          }}
        />
      ) : (
        <button
          type="button"
          className="st-button st-button--secondary"
          onClick={() => {
            void syncClock().catch(() => undefined);
            setReporting(true);
          }}
          data-testid="report-aefi"
        >
          {t('aefi.reportLater')}
        </button>
      )}
      <p>
        <Link to={`/site/${siteId}`}>{t('checkin.backToQueue')}</Link>
      </p>
    </section>
  );
}

/** A step of the page; the one the stage says comes next is scrolled into view when the stage moves. */
function Step({ current, children }: { current: boolean; children: ReactNode }) {
  return (
    <div className="st-step" data-current-step={current ? '' : undefined}>
      {children}
    </div>
  );
}

export function CheckinPage({ siteId }: { siteId: number }) {
  const { t } = useTranslation('site');
  const checkinId = useParams().checkinId ?? '';
  const loaded = useLoad(checkinId, () => siteApi.checkin(checkinId));
  const [fullId, setFullId] = useState<string>();
  const [rescreen, setRescreen] = useState(false);
  const stage = loaded.data?.stage;
  useEffect(() => {
    // The form of a fresh check-in is right under the name; later, what to do next is further down.
    if (stage && stage !== 'checked-in')
      document.querySelector('[data-current-step]')?.scrollIntoView({ block: 'start' });
  }, [stage]);
  const c = loaded.data;
  if (!c)
    return loaded.error ? <ErrorNote error={loaded.error} /> : <p className="st-hint">{t('loading')}</p>;
  const saved = (next: CheckinView) => {
    loaded.set(next);
    setRescreen(false);
  };
  const s = c.screening;
  return (
    <div className="st-checkin" data-testid="checkin" data-stage={c.stage} data-day={c.day}>
      <ResidentCard c={c} fullId={fullId} onUnmasked={setFullId} />
      <Steps stage={c.stage} />
      {s && (
        <Step current={c.stage === 'screened'}>
          <ScreeningSummary s={s} count={c.screenings} />
        </Step>
      )}
      {(c.stage === 'checked-in' || rescreen) && (
        <section className="st-card" aria-labelledby="screen-form-title">
          <h2 className="st-subtitle" id="screen-form-title">
            {rescreen ? t('screen.again') : t('screen.title')}
          </h2>
          <ScreeningForm c={c} onSaved={saved} />
        </section>
      )}
      {c.stage === 'screened' && s && !rescreen && (
        <>
          <DecisionForm key={s.id} c={c} suggestion={s.suggestion} onSaved={saved} />
          <button type="button" className="st-button st-button--secondary" onClick={() => setRescreen(true)}>
            {t('screen.again')}
          </button>
        </>
      )}
      <Step current={c.stage === 'awaiting-dose' || c.stage === 'not-vaccinated'}>
        <Decided c={c} />
      </Step>
      {c.stage === 'awaiting-dose' && <DoseForm c={c} onSaved={saved} />}
      <DoseDone c={c} />
      {c.stage === 'observing' && (
        <Step current>
          <ObservationPanel c={c} watchClosely={s?.suggestion.watchClosely ?? false} onSaved={saved} />
        </Step>
      )}
      {c.stage === 'done' && (
        <Step current>
          <ObservationDone c={c} fullId={fullId} siteId={siteId} />
        </Step>
      )}
      {(c.stage === 'done' || c.stage === 'not-vaccinated') && (
        <p className="st-next">
          <Link
            to={`/site/${siteId}/checkin`}
            className="st-button st-button--wide"
            data-testid="next-checkin"
          >
            {t('checkin.next')}
          </Link>
        </p>
      )}
    </div>
  );
}
