/**
 * Booking a ride (预约上门接送) for a resident who needs one — 60 and over, limited mobility or
 * living far away. Like a visit, the request goes into the outbox first and is sent by the
 * sync loop; a ride already booked for that resident and day counts as sent. The resident goes
 * by the worklist's key, as a visit does: nothing to type, the masked number shown to check.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { addDays } from '../../../src/domain/calendar.js';
import type { Bilingual } from '../../../src/domain/errors.js';
import { newId } from '../offline/ids.js';
import { outbox } from '../offline/outbox.js';
import { residentKeyOf } from '../offline/outboxLogic.js';
import { syncNow } from '../offline/syncLoop.js';
import { useSession } from '../shell/session.js';
import { useOutbox, usePick } from './hooks.js';
import { useResident } from './ResidentCard.js';
import { checkRide, windowsFor, type RideDraft } from './rideDraft.js';
import { useWorklist } from './worklistContext.js';
import type { CachedWorklist, WorklistResident } from '../offline/worklistTypes.js';

export function TransportForm() {
  const { t } = useTranslation('field');
  const { key } = useParams();
  const resident = useResident(key);
  const { worklist } = useWorklist();
  const { ready } = useOutbox();
  if (resident === undefined || !ready) return <p className="fd-hint">…</p>;
  if (resident === null || !worklist) {
    return (
      <>
        <p className="fd-empty">{t('card.notFound')}</p>
        <Link to="/field">{t('card.back')}</Link>
      </>
    );
  }
  return <RideForm key={String(resident.residentId)} resident={resident} worklist={worklist} />;
}

function RideForm({ resident, worklist }: { resident: WorklistResident; worklist: CachedWorklist }) {
  const { t } = useTranslation('field');
  const pick = usePick();
  const navigate = useNavigate();
  const { user } = useSession();
  const { today, sites } = worklist;
  const [draft, setDraft] = useState<RideDraft>(() => ({
    day: resident.bookedDate && resident.bookedDate >= today ? resident.bookedDate : addDays(today, 1),
    window: '08:00-10:00',
    siteId: '',
    pickUp: '',
    wheelchair: resident.limitedMobility,
    companion: false,
    note: '',
  }));
  const [errors, setErrors] = useState<{ field: string; message: Bilingual }[]>([]);
  const set = (patch: Partial<RideDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const site = sites.find((s) => String(s.id) === draft.siteId);
  const errorsOf = (f: string) => errors.filter((e) => e.field === f).map((e) => pick(e.message));

  const save = async () => {
    const checked = checkRide(draft, residentKeyOf(resident), today, sites, worklist.campaign?.id);
    if (!checked.ok || !user) {
      setErrors(checked.ok ? [] : checked.errors);
      return;
    }
    await outbox.add({
      kind: 'transport',
      id: newId(),
      username: user.username,
      residentId: resident.residentId,
      residentName: resident.name,
      gridCode: resident.gridCode,
      createdAt: new Date().toISOString(),
      state: 'pending',
      attempts: 0,
      request: checked.body,
    });
    void syncNow();
    navigate(`/field/residents/${encodeURIComponent(String(resident.residentId))}`, {
      state: { saved: t('ride.saved') },
    });
  };

  return (
    <form
      className="fd-form"
      data-testid="transport-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h1 className="fd-title">{t('ride.title')}</h1>
      <p className="fd-meta">{t('form.for', { name: resident.name })}</p>
      <p className="fd-meta" data-testid="masked-id">
        {t('form.checkCard')} <span className="fd-mono">{resident.idNumber}</span>
      </p>
      <p className="fd-hint">{t('ride.why')}</p>
      <div className="fd-field">
        <label htmlFor="fd-ride-day">{t('ride.day')}</label>
        <input
          id="fd-ride-day"
          type="date"
          min={today}
          value={draft.day}
          onChange={(e) => set({ day: e.target.value })}
        />
        {errorsOf('day').map((m) => (
          <p key={m} className="fd-field-error">
            {m}
          </p>
        ))}
      </div>
      <div className="fd-field">
        <label htmlFor="fd-ride-site">{t('ride.site')}</label>
        <select id="fd-ride-site" value={draft.siteId} onChange={(e) => set({ siteId: e.target.value })}>
          <option value="">{t('ride.siteDefault')}</option>
          {sites.map((s) => (
            <option key={s.id} value={String(s.id)}>
              {t('ride.siteOption', { name: s.name, opens: s.opens, closes: s.closes })}
            </option>
          ))}
        </select>
      </div>
      <div className="fd-field">
        <label htmlFor="fd-ride-window">{t('ride.window')}</label>
        <select id="fd-ride-window" value={draft.window} onChange={(e) => set({ window: e.target.value })}>
          {windowsFor(site).map((w) => (
            <option key={w} value={w}>
              {w}
            </option>
          ))}
        </select>
        {errorsOf('window').map((m) => (
          <p key={m} className="fd-field-error">
            {m}
          </p>
        ))}
      </div>
      <label className="fd-check">
        <input
          type="checkbox"
          checked={draft.wheelchair}
          onChange={(e) => set({ wheelchair: e.target.checked })}
        />
        {t('ride.wheelchair')}
      </label>
      <label className="fd-check">
        <input
          type="checkbox"
          checked={draft.companion}
          onChange={(e) => set({ companion: e.target.checked })}
        />
        {t('ride.companion')}
      </label>
      <div className="fd-field">
        <label htmlFor="fd-ride-pickup">{t('ride.pickUp')}</label>
        <input id="fd-ride-pickup" value={draft.pickUp} onChange={(e) => set({ pickUp: e.target.value })} />
      </div>
      <div className="fd-field">
        <label htmlFor="fd-ride-note">{t('ride.note')}</label>
        <input id="fd-ride-note" value={draft.note} onChange={(e) => set({ note: e.target.value })} />
      </div>
      {errors.length > 0 && (
        <p className="fd-error" role="alert" data-testid="ride-errors">
          {t('form.errors')} {errors.map((e) => pick(e.message)).join(t('sep.clause'))}
        </p>
      )}
      <button type="submit" className="fd-submit" data-testid="save-ride">
        {t('ride.save')}
      </button>
    </form>
  );
}
