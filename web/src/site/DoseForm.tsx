/**
 * Recording the dose (接种登记): product and lot, picked from the lots the site holds today (the
 * stock page's reconciliation) or typed from the box. The dose number is the resident's next one
 * (the server knows their history). A dose too early for the product's window is refused with
 * the earliest date; giving it anyway takes a written reason, as on every other path.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCT_CODES, productByCode, type ProductCode } from '../../../src/domain/vaccines/catalog.js';
import { ApiError } from '../api/client.js';
import { useFormat } from '../i18n/format.js';
import { ErrorNote } from './ErrorNote.js';
import { useLoad, usePick } from './hooks.js';
import { siteApi, type CheckinView } from './siteApi.js';

export function DoseForm({ c, onSaved }: { c: CheckinView; onSaved: (c: CheckinView) => void }) {
  const { t } = useTranslation('site');
  const pick = usePick();
  const fmt = useFormat();
  const stock = useLoad(`${c.site.id}/${c.day}`, () => siteApi.stock(c.site.id, c.day));
  const lots = (stock.data?.lots ?? []).filter((l) => l.lot !== null && l.left.doses > 0);
  const [product, setProduct] = useState<ProductCode | ''>('');
  const [lot, setLot] = useState('');
  const [override, setOverride] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const name = (code: string) => {
    const p = productByCode(code);
    return p ? pick(p.shortName) : code;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!product || lot.trim() === '') {
      setError({ code: 'dose.incomplete', message: { zh: t('dose.incomplete'), en: t('dose.incomplete') } });
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onSaved(
        await siteApi.dose(c.id, { product, lot: lot.trim(), overrideReason: override?.trim() || null }),
      );
    } catch (err) {
      // Too early for the product's window: the same override as POST /doses, with a reason.
      if (err instanceof ApiError && err.code === 'dose.too-early' && override === null) setOverride('');
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="st-form st-card" onSubmit={(e) => void submit(e)} noValidate data-testid="dose-form">
      <h2 className="st-subtitle">{t('dose.title')}</h2>
      {lots.length > 0 && (
        <fieldset className="st-choice">
          <legend className="st-choice__legend">{t('dose.fromStock')}</legend>
          <div className="st-choice__options st-choice__options--column">
            {lots.map((l) => (
              <button
                key={`${l.product}/${l.lot}`}
                type="button"
                className={`st-lot${product === l.product && lot === l.lot ? ' st-lot--on' : ''}`}
                aria-pressed={product === l.product && lot === l.lot}
                onClick={() => {
                  setProduct(l.product);
                  setLot(l.lot ?? '');
                }}
                data-testid="stock-lot"
              >
                {t('dose.lotOption', {
                  product: name(l.product),
                  lot: l.lot,
                  left: fmt.number(l.left.doses),
                })}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      <label className="st-field">
        <span>{t('dose.product')}</span>
        <select
          name="product"
          className="st-input"
          value={product}
          onChange={(e) => setProduct(e.target.value as ProductCode | '')}
        >
          <option value="">{t('choose')}</option>
          {PRODUCT_CODES.map((p) => (
            <option key={p} value={p}>
              {name(p)}
            </option>
          ))}
        </select>
      </label>
      <label className="st-field">
        <span>{t('dose.lot')}</span>
        <input
          name="lot"
          className="st-input st-mono"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          value={lot}
          onChange={(e) => setLot(e.target.value)}
        />
      </label>
      {override !== null && (
        <label className="st-field">
          <span>{t('dose.override')}</span>
          <textarea
            name="overrideReason"
            className="st-input st-textarea"
            rows={2}
            value={override}
            onChange={(e) => setOverride(e.target.value)}
          />
        </label>
      )}
      <ErrorNote error={error} />
      <button type="submit" className="st-button" disabled={busy} data-testid="dose-submit">
        {busy ? t('busy') : t('dose.submit')}
      </button>
    </form>
  );
}
