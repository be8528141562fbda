/**
 * The site's day behind the counter (库存与保障): how many villages were planned against the
 * capacity, the vaccine by product and lot — opening + received − given − wasted = left, with
 * the site's own dose records beside "given" and any difference marked, never absorbed — and
 * the comfort and supply checklist. The day is the server's today unless another is picked.
 */
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { productByCode } from '../../../src/domain/vaccines/catalog.js';
import { useFormat } from '../i18n/format.js';
import { ChecklistPanel } from './ChecklistPanel.js';
import { ErrorNote } from './ErrorNote.js';
import { useLoad, usePick } from './hooks.js';
import { serverToday } from './serverClock.js';
import { useSites } from './siteContext.js';
import { siteApi, type Quantity, type StockDay, type StockLine } from './siteApi.js';
import { StockForm } from './StockForm.js';

/** Doses, and the vials beside them when a vial holds more than one dose (they then part ways). */
function Figure({
  label,
  q,
  perVial,
  testId,
}: {
  label: string;
  q: Quantity;
  perVial: number;
  testId: string;
}) {
  const { t } = useTranslation('site');
  const fmt = useFormat();
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId} data-doses={q.doses}>
        {t('stock.doses', { doses: fmt.number(q.doses) })}
        {perVial > 1 && <span className="st-meta"> {t('stock.vials', { vials: fmt.number(q.vials) })}</span>}
      </dd>
    </>
  );
}

function Difference({ n }: { n: number }) {
  const { t } = useTranslation('site');
  const fmt = useFormat();
  if (n === 0) return <span className="st-ok">{t('stock.diffNone')}</span>;
  return (
    <strong className="st-diff">
      {n > 0 ? t('stock.diffMore', { n: fmt.number(n) }) : t('stock.diffLess', { n: fmt.number(-n) })}
    </strong>
  );
}

function Lot({ l }: { l: StockLine }) {
  const { t } = useTranslation('site');
  const pick = usePick();
  const fmt = useFormat();
  const p = productByCode(l.product);
  const off = l.difference !== 0;
  return (
    <li
      className={`st-card st-lotcard${off ? ' st-lotcard--off' : ''}`}
      data-testid="stock-line"
      data-product={l.product}
      data-lot={l.lot ?? ''}
      data-difference={l.difference}
    >
      <h3 className="st-lotcard__head">
        {p ? pick(p.shortName) : l.product} · <span className="st-mono">{l.lot ?? t('stock.noLot')}</span>
      </h3>
      <dl className="st-facts st-facts--stock">
        <Figure label={t('stock.opening')} q={l.opening} perVial={l.dosesPerVial} testId="opening" />
        <Figure label={t('stock.received')} q={l.received} perVial={l.dosesPerVial} testId="received" />
        <Figure label={t('stock.given')} q={l.given} perVial={l.dosesPerVial} testId="given" />
        <Figure label={t('stock.wasted')} q={l.wasted} perVial={l.dosesPerVial} testId="wasted" />
        <Figure label={t('stock.left')} q={l.left} perVial={l.dosesPerVial} testId="left" />
        <dt>{t('stock.recorded')}</dt>
        <dd data-testid="recorded">{t('stock.doses', { doses: fmt.number(l.recorded) })}</dd>
        <dt>{t('stock.difference')}</dt>
        <dd data-testid="difference">
          <Difference n={l.difference} />
        </dd>
      </dl>
    </li>
  );
}

function Stock({ stock }: { stock: StockDay }) {
  const { t } = useTranslation('site');
  const fmt = useFormat();
  const tt = stock.totals;
  return (
    <>
      <p className="st-meta" data-testid="stock-totals">
        {t('stock.totals', {
          received: fmt.number(tt.received.doses),
          given: fmt.number(tt.given.doses),
          wasted: fmt.number(tt.wasted.doses),
          left: fmt.number(tt.left.doses),
          recorded: fmt.number(tt.recorded),
        })}
      </p>
      {stock.differences > 0 && (
        <p className="st-warn" role="status" data-testid="stock-differences">
          {t('stock.differences', { count: stock.differences })}
        </p>
      )}
      {stock.lots.length === 0 ? (
        <p className="st-empty">{t('stock.none')}</p>
      ) : (
        <ul className="st-list st-lots">
          {/* Lots that do not add up first: they are what the evening check is for. */}
          {[...stock.lots]
            .sort((a, b) => Number(b.difference !== 0) - Number(a.difference !== 0))
            .map((l) => (
              <Lot key={`${l.product}/${l.lot ?? ''}`} l={l} />
            ))}
        </ul>
      )}
    </>
  );
}

export function StockPage({ siteId }: { siteId: number }) {
  const { t } = useTranslation('site');
  const fmt = useFormat();
  const { clock } = useSites();
  const [params, setParams] = useSearchParams();
  const today = clock ? serverToday(clock) : undefined;
  const day = params.get('day') ?? today;
  const loaded = useLoad(day ? `${siteId}/${day}` : null, () => siteApi.day(siteId, day ?? ''));
  const d = loaded.data;
  return (
    <>
      <h1 className="st-title">{t('stock.title')}</h1>
      <label className="st-field st-field--inline">
        <span>{t('stock.day')}</span>
        <input
          type="date"
          className="st-input"
          value={day ?? ''}
          max={today}
          onChange={(e) => e.target.value && setParams({ day: e.target.value }, { replace: true })}
          data-testid="stock-day"
        />
      </label>
      <ErrorNote error={loaded.error} />
      {!d ? (
        !loaded.error && <p className="st-hint">{t('loading')}</p>
      ) : (
        <>
          <section className="st-card" aria-labelledby="plan-title">
            <h2 className="st-subtitle" id="plan-title">
              {t('plan.title')}
            </h2>
            <p data-testid="plan-line">
              {t('plan.line', {
                capacity: fmt.number(d.capacity),
                planned: fmt.number(d.planned),
                left: fmt.number(d.left),
              })}
            </p>
            {d.villages.length > 0 && (
              <ul className="st-plain">
                {d.villages.map((v) => (
                  <li key={v.village}>
                    {t('plan.village', { name: v.name, planned: fmt.number(v.planned) })}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="stock-title">
            <h2 className="st-subtitle" id="stock-title">
              {t('stock.reconciliation')}
            </h2>
            <Stock stock={d.stock} />
            <StockForm
              siteId={siteId}
              day={d.day}
              lots={d.stock.lots}
              onSaved={(stock) => loaded.set({ ...d, stock })}
            />
          </section>
          <ChecklistPanel
            key={d.day}
            siteId={siteId}
            checklist={d.checklist}
            onSaved={(checklist) => loaded.set({ ...d, checklist })}
          />
        </>
      )}
    </>
  );
}
