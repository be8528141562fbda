/**
 * The screening form (摸排登记): tap the outcome, then fill only what that outcome needs. The
 * form is checked by the server's own validateVisit (visitDraft.ts), so what the phone saves
 * the server accepts; saved, the visit goes into the outbox under a new UUID and the member is
 * back on the worklist, online or not. Also fixes a visit the server returned (outbox/:fixId).
 * The resident is the worklist's entry (sent by key), so nothing is typed to name them: the
 * masked ID number is shown for the member to check the card by eye.
 */
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { addDays, shanghaiDate } from '../../../src/domain/calendar.js';
import type { Bilingual, ErrorDetail } from '../../../src/domain/errors.js';
import {
  CHANNEL_LABELS,
  CHANNELS,
  CONTRAINDICATIONS,
  HEALTH_CODE_LABELS,
  HEALTH_CODES,
  OUTCOME_LABELS,
  VISIT_OUTCOMES,
  type VisitOutcome,
} from '../../../src/domain/screening.js';
import { PRODUCT_CODES, productByCode } from '../../../src/domain/vaccines/catalog.js';
import { serverNow } from '../offline/clock.js';
import { newId } from '../offline/ids.js';
import { outbox } from '../offline/outbox.js';
import type { VisitOutboxItem } from '../offline/outboxItem.js';
import { syncNow } from '../offline/syncLoop.js';
import type { SiteSummary } from '../offline/worklistTypes.js';
import { useSession } from '../shell/session.js';
import { useOutbox, usePick } from './hooks.js';
import { useResident } from './ResidentCard.js';
import {
  checkDraft,
  contraindicationChoices,
  draftOf,
  emptyDraft,
  OUTCOME_FIELDS,
  REQUIRED_FIELDS,
  type DraftField,
  type VisitDraft,
} from './visitDraft.js';
import { useWorklist } from './worklistContext.js';

const UNTIL_STEPS = [3, 7, 14, 30] as const;
const REFUSAL_REASONS = ['sideEffects', 'health', 'busy', 'wait', 'family'] as const;
const OTHER_SITE = '__other';

interface Subject {
  residentId: number | string;
  name: string;
  gridCode: string;
  /** From the worklist, shown to check the card against (absent when fixing a resident no longer listed). */
  masked?: string;
}

export function VisitForm() {
  const { t } = useTranslation('field');
  const { key, fixId } = useParams();
  const { ready, items } = useOutbox();
  const fixing = fixId
    ? (items.find((i): i is VisitOutboxItem => i.id === fixId && i.kind === 'visit') ?? null)
    : undefined;
  const resident = useResident(fixing ? String(fixing.residentId) : key);
  const { worklist } = useWorklist();
  if ((fixId && !ready) || resident === undefined || worklist === undefined)
    return <p className="fd-hint">…</p>;
  const subject: Subject | null = resident
    ? {
        residentId: resident.residentId,
        name: resident.name,
        gridCode: resident.gridCode,
        masked: resident.idNumber,
      }
    : fixing
      ? { residentId: fixing.residentId, name: fixing.residentName, gridCode: fixing.gridCode }
      : null;
  if (fixing === null || !subject) {
    return (
      <>
        <p className="fd-empty">{t('card.notFound')}</p>
        <Link to="/field">{t('card.back')}</Link>
      </>
    );
  }
  return (
    <FormBody
      key={fixing?.id ?? String(subject.residentId)}
      subject={subject}
      sites={worklist?.sites ?? []}
      today={worklist?.today ?? shanghaiDate(serverNow())}
      {...(fixing ? { fixing } : {})}
    />
  );
}

function FormBody({
  subject,
  sites,
  today,
  fixing,
}: {
  subject: Subject;
  sites: SiteSummary[];
  today: string;
  fixing?: VisitOutboxItem;
}) {
  const { t } = useTranslation('field');
  const pick = usePick();
  const navigate = useNavigate();
  const { user } = useSession();
  const [draft, setDraft] = useState<VisitDraft>(() =>
    fixing ? draftOf(fixing.visit, today) : emptyDraft(today),
  );
  const [errors, setErrors] = useState<ErrorDetail[]>(() =>
    fixing?.error
      ? [{ code: fixing.error.code, message: fixing.error.message, field: fixing.error.field ?? '' }]
      : [],
  );
  const [siteChoice, setSiteChoice] = useState(() =>
    draft.site === '' || sites.some((s) => s.name === draft.site) ? draft.site : OTHER_SITE,
  );
  const summary = useRef<HTMLDivElement>(null);

  const now = useMemo(() => serverNow(), []);
  const preview = draft.outcome ? checkDraft(draft, now, fixing?.visit.at) : null;
  const shown: readonly DraftField[] = draft.outcome ? OUTCOME_FIELDS[draft.outcome] : [];
  const required = (f: DraftField) => !!draft.outcome && REQUIRED_FIELDS[draft.outcome].includes(f);
  const errorsOf = (field: string) => errors.filter((e) => e.field === field);
  const set = (patch: Partial<VisitDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const chooseOutcome = (outcome: VisitOutcome) => {
    setErrors([]);
    // A booking names a site: the township's first (its health centre) unless another is chosen.
    const first = sites[0]?.name;
    if (outcome === 'booked' && draft.site === '' && first) {
      set({ outcome, site: first });
      setSiteChoice(first);
    } else set({ outcome });
  };

  const save = async () => {
    const at = fixing?.visit.at;
    const checked = checkDraft(draft, serverNow(), at);
    if (!checked.ok || !user) {
      setErrors(checked.ok ? [] : checked.errors);
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    const item: VisitOutboxItem = {
      kind: 'visit',
      id: newId(),
      username: user.username,
      residentId: subject.residentId,
      residentName: subject.name,
      gridCode: subject.gridCode,
      createdAt: new Date().toISOString(),
      state: 'pending',
      attempts: 0,
      visit: checked.input,
    };
    if (fixing) await outbox.replace(fixing.id, item);
    else await outbox.add(item);
    void syncNow();
    navigate(fixing ? '/field/outbox' : '/field', { state: { saved: t('form.saved') } });
  };

  return (
    <form
      className="fd-form"
      data-testid="visit-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h1 className="fd-title">{fixing ? t('form.fixing') : t('form.title')}</h1>
      <p className="fd-meta">{t('form.for', { name: subject.name })}</p>
      {subject.masked && (
        <p className="fd-meta" data-testid="masked-id">
          {t('form.checkCard')} <span className="fd-mono">{subject.masked}</span>
        </p>
      )}

      <fieldset className="fd-choices" data-testid="outcomes">
        <legend>
          {t('form.outcome')} <Req />
        </legend>
        {VISIT_OUTCOMES.map((o) => (
          <button
            key={o}
            type="button"
            className="fd-choice"
            aria-pressed={draft.outcome === o}
            data-outcome={o}
            onClick={() => chooseOutcome(o)}
          >
            {pick(OUTCOME_LABELS[o])}
          </button>
        ))}
      </fieldset>
      <Problems list={errorsOf('outcome')} />

      <fieldset className="fd-choices fd-choices--row">
        <legend>{t('form.channel')}</legend>
        {CHANNELS.map((c) => (
          <button
            key={c}
            type="button"
            className="fd-choice"
            aria-pressed={draft.channel === c}
            onClick={() => set({ channel: c })}
          >
            {pick(CHANNEL_LABELS[c])}
          </button>
        ))}
      </fieldset>

      {draft.outcome && (
        <>
          {shown.includes('placeText') && (
            <TextField
              name="placeText"
              label={t(`form.place.${draft.outcome}`)}
              required={required('placeText')}
              value={draft.placeText}
              onChange={(placeText) => set({ placeText })}
              errors={errorsOf('placeText')}
            />
          )}
          {shown.includes('product') && (
            <Labelled name="product" label={t('form.product')} errors={errorsOf('product')}>
              <select
                id="fd-product"
                name="product"
                value={draft.product}
                onChange={(e) => set({ product: e.target.value })}
              >
                <option value="">{t('form.productNone')}</option>
                {PRODUCT_CODES.map((p) => (
                  <option key={p} value={p}>
                    {pick(productByCode(p).shortName)}
                  </option>
                ))}
              </select>
            </Labelled>
          )}
          {draft.outcome === 'vaccinated-elsewhere' && <p className="fd-hint">{t('form.oneOf')}</p>}
          {shown.includes('verified') && (
            <fieldset className="fd-choices fd-choices--row">
              <legend>
                {t('form.verified')} <Req />
              </legend>
              {([true, false] as const).map((v) => (
                <button
                  key={String(v)}
                  type="button"
                  className="fd-choice"
                  aria-pressed={draft.verified === v}
                  data-verified={String(v)}
                  onClick={() => set({ verified: v })}
                >
                  {v ? t('form.verified.yes') : t('form.verified.no')}
                </button>
              ))}
              <Problems list={errorsOf('verified')} />
            </fieldset>
          )}
          {shown.includes('bookedDate') && (
            <DateField
              name="bookedDate"
              label={t('form.bookedDate')}
              required
              min={today}
              value={draft.bookedDate}
              onChange={(bookedDate) => set({ bookedDate })}
              errors={errorsOf('bookedDate')}
            />
          )}
          {shown.includes('site') && (
            <Labelled name="site" label={t('form.site')} required errors={errorsOf('site')}>
              {sites.length > 0 && (
                <select
                  id="fd-site"
                  name="siteChoice"
                  value={siteChoice}
                  onChange={(e) => {
                    setSiteChoice(e.target.value);
                    set({ site: e.target.value === OTHER_SITE ? '' : e.target.value });
                  }}
                >
                  {sites.map((s) => (
                    <option key={s.id} value={s.name}>
                      {s.name}
                    </option>
                  ))}
                  <option value={OTHER_SITE}>{t('form.siteOther')}</option>
                </select>
              )}
              {(sites.length === 0 || siteChoice === OTHER_SITE) && (
                <input
                  id={sites.length === 0 ? 'fd-site' : 'fd-site-other'}
                  aria-label={t('form.siteOther')}
                  name="site"
                  value={draft.site}
                  onChange={(e) => set({ site: e.target.value })}
                />
              )}
            </Labelled>
          )}
          {shown.includes('contraindication') && (
            <Labelled
              name="contraindication"
              label={t('form.contraindication')}
              required={required('contraindication')}
              errors={errorsOf('contraindication')}
            >
              <select
                id="fd-contraindication"
                name="contraindication"
                value={draft.contraindication}
                onChange={(e) => set({ contraindication: e.target.value })}
              >
                <option value="">{t('form.contraindicationNone')}</option>
                {contraindicationChoices(draft.outcome).map((c) => (
                  <option key={c} value={c}>
                    {pick(CONTRAINDICATIONS[c].label)}
                  </option>
                ))}
              </select>
            </Labelled>
          )}
          {shown.includes('untilDate') && (
            <DateField
              name="untilDate"
              label={t(`form.until.${draft.outcome}`)}
              required
              min={today}
              value={draft.untilDate}
              onChange={(untilDate) => set({ untilDate })}
              errors={errorsOf('untilDate')}
            >
              <span className="fd-chips">
                {UNTIL_STEPS.map((n) => (
                  <button
                    key={n}
                    type="button"
                    className="fd-chip"
                    onClick={() => set({ untilDate: addDays(today, n) })}
                  >
                    {t('form.plusDays', { n })}
                  </button>
                ))}
              </span>
            </DateField>
          )}
          {shown.includes('reason') && (
            <TextField
              name="reason"
              label={
                draft.outcome === 'refused' || draft.outcome === 'contraindicated-temporary'
                  ? t(`form.reason.${draft.outcome}`)
                  : t('form.reason.other')
              }
              required={required('reason')}
              value={draft.reason}
              onChange={(reason) => set({ reason })}
              errors={errorsOf('reason')}
            >
              {draft.outcome === 'refused' && (
                <span className="fd-chips">
                  {REFUSAL_REASONS.map((r) => (
                    <button
                      key={r}
                      type="button"
                      className="fd-chip"
                      onClick={() => set({ reason: t(`reason.${r}`) })}
                    >
                      {t(`reason.${r}`)}
                    </button>
                  ))}
                </span>
              )}
            </TextField>
          )}
        </>
      )}

      <fieldset className="fd-choices fd-choices--row">
        <legend>{t('form.healthCode')}</legend>
        {HEALTH_CODES.map((h) => (
          <button
            key={h}
            type="button"
            className={`fd-choice fd-choice--${h}`}
            aria-pressed={draft.healthCode === h}
            onClick={() => set(draft.healthCode === h ? { healthCode: undefined } : { healthCode: h })}
          >
            {pick(HEALTH_CODE_LABELS[h])}
          </button>
        ))}
      </fieldset>

      {preview?.ok && (
        <p className="fd-hint" data-testid="follow-up">
          {preview.visit.followUpDate
            ? t('form.followUp', { date: preview.visit.followUpDate })
            : t('form.noFollowUp')}
        </p>
      )}

      <div ref={summary} tabIndex={-1} className="fd-summary">
        {errors.length > 0 && (
          <div className="fd-error" role="alert" data-testid="form-errors">
            <p>{draft.outcome ? t('form.errors') : t('form.chooseOutcome')}</p>
            <ul>
              {errors.map((e, i) => (
                <li key={i}>{pick(e.message)}</li>
              ))}
            </ul>
          </div>
        )}
      </div>

      <button type="submit" className="fd-submit" data-testid="save-visit">
        {t('form.save')}
      </button>
    </form>
  );
}

function Req() {
  const { t } = useTranslation('field');
  return (
    <span className="fd-req" aria-label={t('form.required')}>
      *
    </span>
  );
}

function Problems({ list }: { list: ErrorDetail[] }) {
  const { t } = useTranslation('field');
  const pick = usePick();
  if (list.length === 0) return null;
  return (
    <p className="fd-field-error">{list.map((e) => pick(e.message as Bilingual)).join(t('sep.clause'))}</p>
  );
}

function Labelled({
  name,
  label,
  required,
  errors,
  children,
}: {
  name: string;
  label: string;
  required?: boolean;
  errors: ErrorDetail[];
  children: ReactNode;
}) {
  return (
    <div className="fd-field">
      <label htmlFor={`fd-${name}`}>
        {label} {required && <Req />}
      </label>
      {children}
      <Problems list={errors} />
    </div>
  );
}

function TextField({
  name,
  label,
  required,
  value,
  onChange,
  errors,
  children,
}: {
  name: string;
  label: string;
  required?: boolean;
  value: string;
  onChange: (v: string) => void;
  errors: ErrorDetail[];
  children?: ReactNode;
}) {
  return (
    <Labelled name={name} label={label} required={!!required} errors={errors}>
      <input
        id={`fd-${name}`}
        name={name}
        value={value}
        aria-invalid={errors.length > 0}
        onChange={(e) => onChange(e.target.value)}
      />
      {children}
    </Labelled>
  );
}

function DateField({
  name,
  label,
  required,
  min,
  value,
  onChange,
  errors,
  children,
}: {
  name: string;
  label: string;
  required?: boolean;
  min: string;
  value: string;
  onChange: (v: string) => void;
  errors: ErrorDetail[];
  children?: ReactNode;
}) {
  return (
    <Labelled name={name} label={label} required={!!required} errors={errors}>
      <input
        id={`fd-${name}`}
        type="date"
        name={name}
        min={min}
        value={value}
        aria-invalid={errors.length > 0}
        onChange={(e) => onChange(e.target.value)}
      />
      {children}
    </Labelled>
  );
}
