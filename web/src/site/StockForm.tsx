/**
 * A stock movement of the day: vaccine received (in whole vials, as boxes arrive), given or
 * wasted (in doses; the vials they opened follow). The server refuses more given or wasted than
 * is left of the lot, and says how much is.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MOVEMENT_KINDS, MOVEMENT_LABELS, type MovementKind } from '../../../src/domain/sitesStock.js';
import { PRODUCT_CODES, productByCode, type ProductCode } from '../../../src/domain/vaccines/catalog.js';
import { Choice } from './Choice.js';
import { ErrorNote } from './ErrorNote.js';
import { usePick } from './hooks.js';
import { siteApi, type StockDay, type StockLine } from './siteApi.js';

export function StockForm({
  siteId,
  day,
  lots,
  onSaved,
}: {
  siteId: number;
  day: string;
  lots: StockLine[];
  onSaved: (s: StockDay) => void;
}) {
  const { t } = useTranslation('site');
  const pick = usePick();
  const [kind, setKind] = useState<MovementKind>('received');
  const [product, setProduct] = useState<ProductCode | ''>('');
  const [lot, setLot] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(amount.trim());
    if (!product || lot.trim() === '' || !Number.isInteger(n) || n <= 0) {
      const zh = t('stock.incomplete');
      return setError({ code: 'stock.form', message: { zh, en: zh } });
    }
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      const r = await siteApi.recordStock(siteId, day, [
        {
          product,
          lot: lot.trim(),
          kind,
          ...(kind === 'received' ? { vials: n } : { doses: n }),
          note: note.trim() || null,
        },
      ]);
      onSaved(r.stock);
      setAmount('');
      setNote('');
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const known = [...new Set(lots.map((l) => l.lot).filter((l): l is string => l !== null))];
  return (
    <form className="st-form st-card" onSubmit={(e) => void submit(e)} noValidate data-testid="stock-form">
      <h3 className="st-subtitle">{t('stock.record')}</h3>
      <Choice
        name="kind"
        legend={t('stock.kind')}
        value={kind}
        onChange={setKind}
        options={MOVEMENT_KINDS.map((k) => ({ value: k, label: pick(MOVEMENT_LABELS[k]) }))}
        testId="stock-kind"
      />
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
              {pick(productByCode(p).shortName)}
            </option>
          ))}
        </select>
      </label>
      <label className="st-field">
        <span>{t('dose.lot')}</span>
        <input
          name="lot"
          className="st-input st-mono"
          list="known-lots"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          value={lot}
          onChange={(e) => setLot(e.target.value)}
        />
        <datalist id="known-lots">
          {known.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
      </label>
      <label className="st-field">
        <span>{kind === 'received' ? t('stock.amountVials') : t('stock.amountDoses')}</span>
        <input
          name="amount"
          className="st-input"
          inputMode="numeric"
          autoComplete="off"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
        />
      </label>
      <label className="st-field">
        <span>{t('stock.note')}</span>
        <input name="note" className="st-input" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <ErrorNote error={error} />
      {done && (
        <p className="st-ok" role="status">
          {t('stock.saved')}
        </p>
      )}
      <button type="submit" className="st-button" disabled={busy} data-testid="stock-submit">
        {busy ? t('busy') : t('stock.submit')}
      </button>
    </form>
  );
}
