/**
 * The doctor's decision (医生意见): 建议接种, 推迟接种 until a date, or 不宜接种 with the guideline
 * group. It starts from the suggestion; a decision less cautious than it (vaccinating despite a
 * flag) needs a note saying why, and the server refuses it without one — that refusal is shown
 * as the server words it. Postponing or exempting flows into the resident's status on the server.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../src/domain/calendar.js';
import { CONTRAINDICATIONS } from '../../../src/domain/screening.js';
import { DECISIONS, DECISION_LABELS, type Decision } from '../../../src/domain/siteScreening.js';
import { Choice } from './Choice.js';
import { decisionBody, draftFrom, groupsFor, needsNote, type DecisionDraft } from './drafts.js';
import { ErrorNote } from './ErrorNote.js';
import { usePick } from './hooks.js';
import { siteApi, type CheckinView, type Suggestion } from './siteApi.js';

const TONE: Record<Decision, 'ok' | 'warn' | 'bad'> = {
  recommend: 'ok',
  postpone: 'warn',
  'not-suitable': 'bad',
};

export function DecisionForm({
  c,
  suggestion,
  onSaved,
}: {
  c: CheckinView;
  suggestion: Suggestion;
  onSaved: (c: CheckinView) => void;
}) {
  const { t } = useTranslation('site');
  const pick = usePick();
  const [d, setD] = useState<DecisionDraft>(() => draftFrom(suggestion, c.day));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<DecisionDraft>) => setD((prev) => ({ ...prev, ...patch }));
  const noteNeeded = needsNote(d.decision, suggestion.decision);
  const groups = groupsFor(d.decision);
  const group = d.contraindication !== '' && groups.includes(d.contraindication) ? d.contraindication : '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await siteApi.decide(c.id, decisionBody(d)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="st-form st-card" onSubmit={(e) => void submit(e)} noValidate data-testid="decision-form">
      <h2 className="st-subtitle">{t('decide.title')}</h2>
      <Choice
        name="decision"
        legend={t('decide.legend')}
        value={d.decision}
        onChange={(decision) => set({ decision })}
        options={DECISIONS.map((x) => ({ value: x, label: pick(DECISION_LABELS[x]), tone: TONE[x] }))}
        testId="decision"
      />
      {d.decision === 'postpone' && (
        <label className="st-field">
          <span>{t('decide.until')}</span>
          <input
            type="date"
            name="untilDate"
            className="st-input"
            min={addDays(c.day, 1)}
            value={d.untilDate}
            onChange={(e) => set({ untilDate: e.target.value })}
          />
        </label>
      )}
      {d.decision !== 'recommend' && (
        <label className="st-field">
          <span>{d.decision === 'not-suitable' ? t('decide.group') : t('decide.groupOptional')}</span>
          <select
            name="contraindication"
            className="st-input"
            value={group}
            onChange={(e) => set({ contraindication: e.target.value as DecisionDraft['contraindication'] })}
          >
            <option value="">
              {d.decision === 'not-suitable' ? t('decide.groupFromSuggestion') : t('none')}
            </option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {t('decide.groupOption', {
                  n: CONTRAINDICATIONS[g].guidelineItem,
                  label: pick(CONTRAINDICATIONS[g].label),
                })}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="st-field">
        <span>{noteNeeded ? t('decide.noteRequired') : t('decide.note')}</span>
        <textarea
          name="note"
          className="st-input st-textarea"
          rows={2}
          value={d.note}
          onChange={(e) => set({ note: e.target.value })}
          aria-describedby={noteNeeded ? 'note-why' : undefined}
        />
      </label>
      {noteNeeded && (
        <p className="st-warn" id="note-why">
          {t('decide.againstSuggestion', { suggested: pick(suggestion.label) })}
        </p>
      )}
      <ErrorNote error={error} />
      <button type="submit" className="st-button" disabled={busy} data-testid="decision-submit">
        {busy ? t('busy') : t('decide.submit', { decision: pick(DECISION_LABELS[d.decision]) })}
      </button>
    </form>
  );
}
