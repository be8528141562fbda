/**
 * The comfort and supply checklist (接种现场保障) of the day: shade, fans, water, heatstroke
 * remedies, the one-metre line, the cuff, the doctor. Each item in order or not, with a note
 * (what is missing, what was done about it); items nobody has checked today say so.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistItem } from '../../../src/domain/sitesChecklist.js';
import { Choice } from './Choice.js';
import { ErrorNote } from './ErrorNote.js';
import { usePick, useTimeOfDay } from './hooks.js';
import { siteApi, type Checklist } from './siteApi.js';

interface Draft {
  ok: boolean | null;
  note: string;
}

const draftOf = (c: Checklist): Record<string, Draft> =>
  Object.fromEntries(c.items.map((i) => [i.item, { ok: i.ok, note: i.note ?? '' }]));

export function ChecklistPanel({
  siteId,
  checklist,
  onSaved,
}: {
  siteId: number;
  checklist: Checklist;
  onSaved: (c: Checklist) => void;
}) {
  const { t } = useTranslation('site');
  const pick = usePick();
  const time = useTimeOfDay();
  const [draft, setDraft] = useState(() => draftOf(checklist));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  // Only what changed is sent: the others keep who checked them and when.
  const changed = checklist.items.filter((i) => {
    const d = draft[i.item];
    return d && d.ok !== null && (d.ok !== i.ok || d.note.trim() !== (i.note ?? ''));
  });

  const save = async () => {
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      const next = await siteApi.check(
        siteId,
        checklist.day,
        changed.map((i) => {
          const d = draft[i.item] as Draft;
          return { item: i.item as ChecklistItem, ok: d.ok as boolean, note: d.note.trim() || null };
        }),
      );
      onSaved(next);
      setDraft(draftOf(next));
      setDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="st-card" aria-labelledby="checklist-title" data-testid="checklist">
      <h2 className="st-subtitle" id="checklist-title">
        {t('checklist.title')}
      </h2>
      <p className={checklist.complete ? 'st-ok' : 'st-warn'} data-testid="checklist-state">
        {checklist.complete
          ? t('checklist.complete')
          : t('checklist.incomplete', {
              missing: checklist.missing.length,
              unchecked: checklist.unchecked.length,
            })}
      </p>
      <ul className="st-list">
        {checklist.items.map((i) => {
          const d = draft[i.item] ?? { ok: null, note: '' };
          return (
            <li
              key={i.item}
              className={`st-check${i.ok === false ? ' st-check--missing' : ''}${i.ok === null ? ' st-check--unchecked' : ''}`}
              data-testid={`check-${i.item}`}
            >
              <Choice
                name={`check-${i.item}`}
                legend={pick(i.label)}
                value={d.ok === null ? '' : d.ok ? 'ok' : 'missing'}
                onChange={(v) => setDraft({ ...draft, [i.item]: { ...d, ok: v === 'ok' } })}
                options={[
                  { value: 'ok', label: t('checklist.ok'), tone: 'ok' },
                  { value: 'missing', label: t('checklist.missing'), tone: 'bad' },
                ]}
              />
              <label className="st-field">
                <span className="st-visually-hidden">{t('checklist.noteFor', { item: pick(i.label) })}</span>
                <input
                  className="st-input"
                  placeholder={t('checklist.note')}
                  value={d.note}
                  onChange={(e) => setDraft({ ...draft, [i.item]: { ...d, note: e.target.value } })}
                />
              </label>
              <span className="st-meta">
                {i.checkedBy
                  ? t('checklist.checkedBy', { by: i.checkedBy, time: time(i.checkedAt) })
                  : t('checklist.unchecked')}
              </span>
            </li>
          );
        })}
      </ul>
      <ErrorNote error={error} />
      {done && (
        <p className="st-ok" role="status">
          {t('checklist.saved')}
        </p>
      )}
      <button
        type="button"
        className="st-button"
        disabled={busy || changed.length === 0}
        onClick={() => void save()}
        data-testid="checklist-save"
      >
        {busy ? t('busy') : t('checklist.save', { count: changed.length })}
      </button>
    </section>
  );
}
