import { describe, expect, it } from 'vitest';
import { checkScreening, decisionBody, draftFrom, emptyScreening, groupsFor, needsNote } from './drafts.js';
import { groupQueue } from './queue.js';
import type { CheckinView, Suggestion } from './siteApi.js';

const allNo = {
  'vaccine-allergy': false,
  'severe-allergic-reaction': false,
  'neurological-disease': false,
  'acute-illness': false,
  pregnancy: false,
} as const;

describe('the pre-screening draft', () => {
  it('becomes a screening with the domain’s rules (a decimal comma, blood pressure optional)', () => {
    const r = checkScreening({
      ...emptyScreening(),
      temperature: '36,5',
      healthCode: 'green',
      answers: allNo,
    });
    expect(r).toEqual({
      ok: true,
      value: { temperature: 36.5, healthCode: 'green', systolic: null, diastolic: null, answers: allNo },
    });
  });

  it('names the first problem in both languages', () => {
    const noTemp = checkScreening({ ...emptyScreening(), healthCode: 'green', answers: allNo });
    expect(noTemp.ok || noTemp.error.code).toBe('screening.temperature');
    const oneReading = checkScreening({
      ...emptyScreening(),
      temperature: '36.6',
      healthCode: 'green',
      systolic: '150',
      answers: allNo,
    });
    expect(oneReading.ok || oneReading.error.code).toBe('screening.blood-pressure');
    const unanswered = checkScreening({ ...emptyScreening(), temperature: '36.6', healthCode: 'green' });
    expect(unanswered.ok || unanswered.error.field).toBe('answers.vaccine-allergy');
    expect(unanswered.ok || unanswered.error.message.zh).toMatch(/请回答/);
  });
});

const suggestion = (s: Partial<Suggestion>): Suggestion => ({
  decision: 'recommend',
  label: { zh: '建议接种', en: 'Vaccinate' },
  flags: [],
  contraindication: null,
  untilDate: null,
  watchClosely: false,
  ...s,
});

describe('the doctor’s decision', () => {
  it('starts from the suggestion, with a week’s postponement when it suggested no date', () => {
    expect(draftFrom(suggestion({}), '2021-08-09')).toEqual({
      decision: 'recommend',
      untilDate: '2021-08-16',
      contraindication: '',
      note: '',
    });
    const fever = draftFrom(
      suggestion({ decision: 'postpone', untilDate: '2021-08-16', contraindication: 'acute-illness' }),
      '2021-08-09',
    );
    expect(decisionBody(fever)).toEqual({
      decision: 'postpone',
      untilDate: '2021-08-16',
      contraindication: 'acute-illness',
      note: null,
    });
  });

  it('needs a note only when less cautious than the suggestion', () => {
    expect(needsNote('recommend', 'postpone')).toBe(true);
    expect(needsNote('postpone', 'not-suitable')).toBe(true);
    expect(needsNote('postpone', 'recommend')).toBe(false);
    expect(needsNote('not-suitable', 'not-suitable')).toBe(false);
  });

  it('sends only what the decision takes', () => {
    const d = {
      decision: 'recommend' as const,
      untilDate: '2021-08-16',
      contraindication: 'pregnancy' as const,
    };
    expect(decisionBody({ ...d, note: '  ' })).toEqual({
      decision: 'recommend',
      untilDate: null,
      contraindication: null,
      note: null,
    });
    // Pregnancy passes: "not suitable" may name only the permanent groups 1–3.
    expect(groupsFor('not-suitable')).toEqual([
      'vaccine-allergy',
      'severe-allergic-reaction',
      'neurological-disease',
    ]);
    expect(decisionBody({ ...d, decision: 'not-suitable', note: 'x' }).contraindication).toBeNull();
  });
});

describe('the queue', () => {
  const c = (id: string, stage: CheckinView['stage'], endsAt?: string) =>
    ({ id, stage, observation: endsAt ? { endsAt } : null }) as CheckinView;
  it('puts observation first, soonest to leave on top, and drops empty groups', () => {
    const groups = groupQueue([
      c('a', 'done'),
      c('b', 'observing', '2021-08-09T10:30:00Z'),
      c('c', 'checked-in'),
      c('d', 'observing', '2021-08-09T10:10:00Z'),
      c('e', 'screened'),
    ]);
    expect(groups.map((g) => [g.group, g.items.map((i) => i.id)])).toEqual([
      ['observing', ['d', 'b']],
      ['waiting', ['c', 'e']],
      ['done', ['a']],
    ]);
  });
});
