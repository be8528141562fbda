import { describe, expect, it } from 'vitest';
import { VISIT_OUTCOMES, validateVisit, type VisitOutcome } from '../../../src/domain/screening.js';
import {
  checkDraft,
  contraindicationChoices,
  draftOf,
  emptyDraft,
  OUTCOME_FIELDS,
  REQUIRED_FIELDS,
  visitInputOf,
  type VisitDraft,
} from './visitDraft.js';

const TODAY = '2021-08-09';
const NOW = new Date('2021-08-09T10:00:00.000Z');

/** Every field the outcome shows, filled as a member would. */
function filled(outcome: VisitOutcome): VisitDraft {
  return {
    ...emptyDraft(TODAY),
    outcome,
    placeText: '广东省深圳市',
    untilDate: '2021-08-20',
    bookedDate: '2021-08-10',
    site: '锦石乡卫生院接种点',
    reason: '担心副作用',
    verified: true,
    product: 'sinovac',
    contraindication: outcome === 'contraindicated-temporary' ? 'acute-illness' : 'vaccine-allergy',
  };
}

describe('the screening form against the server’s validateVisit', () => {
  it.each(VISIT_OUTCOMES)('%s: every field it shows, filled, is accepted', (outcome) => {
    const r = checkDraft(filled(outcome), NOW);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it.each(VISIT_OUTCOMES)('%s: a field it does not show is never sent', (outcome) => {
    const input = visitInputOf(filled(outcome), NOW.toISOString());
    const shown = new Set<string>(['outcome', 'at', 'channel', ...OUTCOME_FIELDS[outcome]]);
    expect(Object.keys(input).filter((k) => !shown.has(k))).toEqual([]);
  });

  it.each(VISIT_OUTCOMES)('%s: each required field left empty is refused, naming that field', (outcome) => {
    for (const field of REQUIRED_FIELDS[outcome]) {
      const draft: VisitDraft = { ...filled(outcome), [field]: field === 'verified' ? undefined : '' };
      const r = validateVisit(visitInputOf(draft, NOW.toISOString()), NOW);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors.map((e) => e.field)).toContain(field);
    }
  });

  it('refuses a visit with no outcome, and speaks both languages', () => {
    const r = checkDraft(emptyDraft(TODAY), NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field: 'outcome', message: { zh: '请填写摸排结果' } });
  });

  it('refuses what the server refuses: a booking before the visit day, a temporary deferral ending today', () => {
    const booked = checkDraft({ ...filled('booked'), bookedDate: '2021-08-08' }, NOW);
    expect(booked.ok ? [] : booked.errors.map((e) => e.code)).toEqual(['visit.date-order']);
    const deferred = checkDraft({ ...filled('contraindicated-temporary'), untilDate: TODAY }, NOW);
    expect(deferred.ok ? [] : deferred.errors.map((e) => e.code)).toEqual(['visit.date-order']);
  });

  it('needs the place or the product for vaccinated elsewhere, and whether proof was seen', () => {
    const r = checkDraft(
      { ...filled('vaccinated-elsewhere'), placeText: '', product: '', verified: undefined },
      NOW,
    );
    expect(r.ok ? [] : r.errors.map((e) => e.field).sort()).toEqual(['placeText', 'verified']);
  });

  it('offers only the lasting contraindications for a permanent one', () => {
    expect(contraindicationChoices('contraindicated-permanent')).toEqual([
      'vaccine-allergy',
      'severe-allergic-reaction',
      'neurological-disease',
    ]);
    expect(contraindicationChoices('contraindicated-temporary')).toHaveLength(5);
  });

  it('gives back the draft of a queued visit, to fix it', () => {
    const draft = filled('away');
    const input = visitInputOf(draft, NOW.toISOString());
    expect(visitInputOf(draftOf(input, TODAY), NOW.toISOString())).toEqual(input);
  });
});
