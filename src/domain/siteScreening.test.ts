import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGridvaxError } from './errors.js';
import {
  CONTRAINDICATION_CODES,
  CONTRAINDICATIONS,
  HEALTH_CODES,
  type ContraindicationCode,
} from './screening.js';
import {
  DECISION_RANK,
  SCREENING_QUESTIONS,
  suggestDecision,
  validateScreening,
  type Screening,
  type ScreeningInput,
} from './siteScreening.js';

const DAY = '2021-08-09';
const NO = Object.fromEntries(CONTRAINDICATION_CODES.map((c) => [c, false])) as Record<
  ContraindicationCode,
  boolean
>;
const well: ScreeningInput = {
  temperature: 36.5,
  healthCode: 'green',
  systolic: 120,
  diastolic: 80,
  answers: NO,
};

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (isGridvaxError(e)) return e.code;
    throw e;
  }
  return undefined;
};

describe('the five questions', () => {
  it('ask one question per guideline group, in the guideline’s order', () => {
    expect(SCREENING_QUESTIONS.map((q) => q.code)).toEqual([...CONTRAINDICATION_CODES]);
    expect(SCREENING_QUESTIONS.map((q) => CONTRAINDICATIONS[q.code].guidelineItem)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('validateScreening', () => {
  it('types a complete screening and rounds the temperature to a tenth', () => {
    expect(validateScreening({ ...well, temperature: 36.54 })).toEqual({
      temperature: 36.5,
      healthCode: 'green',
      systolic: 120,
      diastolic: 80,
      answers: NO,
    });
    expect(validateScreening({ ...well, systolic: null, diastolic: null }).systolic).toBeNull();
  });

  it('refuses implausible readings, half a blood pressure, an unknown colour, an unanswered question', () => {
    expect(codeOf(() => validateScreening({ ...well, temperature: 373 }))).toBe('screening.temperature');
    expect(codeOf(() => validateScreening({ ...well, healthCode: 'blue' }))).toBe('screening.health-code');
    expect(codeOf(() => validateScreening({ ...well, diastolic: null }))).toBe('screening.blood-pressure');
    expect(codeOf(() => validateScreening({ ...well, systolic: 80, diastolic: 120 }))).toBe(
      'screening.blood-pressure',
    );
    const { pregnancy: _, ...four } = NO;
    expect(codeOf(() => validateScreening({ ...well, answers: four }))).toBe('screening.unanswered');
    expect(codeOf(() => validateScreening({ ...well, answers: { ...NO, covid: true } }))).toBe(
      'screening.question',
    );
  });
});

describe('suggestDecision', () => {
  const s = (over: Partial<Screening>): Screening => ({ ...validateScreening(well), ...over });

  it('suggests vaccinating a well resident, with nothing flagged', () => {
    expect(suggestDecision(s({}), DAY)).toEqual({
      decision: 'recommend',
      flags: [],
      contraindication: null,
      untilDate: null,
      watchClosely: false,
    });
  });

  it('postpones a fever (≥ 37.3 °C) for a week, as acute illness (guideline group 4)', () => {
    expect(suggestDecision(s({ temperature: 37.2 }), DAY).decision).toBe('recommend');
    const fever = suggestDecision(s({ temperature: 37.3 }), DAY);
    expect(fever).toMatchObject({
      decision: 'postpone',
      contraindication: 'acute-illness',
      untilDate: '2021-08-16',
    });
    expect(fever.flags.map((f) => f.code)).toEqual(['fever']);
  });

  it('postpones a yellow or red health code for the 14 days of monitoring', () => {
    for (const healthCode of ['yellow', 'red'] as const) {
      expect(suggestDecision(s({ healthCode }), DAY)).toMatchObject({
        decision: 'postpone',
        contraindication: null,
        untilDate: '2021-08-23',
      });
    }
  });

  it('postpones at 160/100 and above; vaccinates at 140–159 / 90–99, watched closely', () => {
    expect(suggestDecision(s({ systolic: 160, diastolic: 90 }), DAY).decision).toBe('postpone');
    expect(suggestDecision(s({ systolic: 150, diastolic: 100 }), DAY).decision).toBe('postpone');
    expect(suggestDecision(s({ systolic: 150, diastolic: 95 }), DAY)).toMatchObject({
      decision: 'recommend',
      watchClosely: true,
    });
    expect(suggestDecision(s({ systolic: 139, diastolic: 89 }), DAY).watchClosely).toBe(false);
  });

  it('finds a resident not suitable on a permanent group, naming it, even with a fever too', () => {
    const r = suggestDecision(
      s({ temperature: 38, answers: { ...NO, 'severe-allergic-reaction': true } }),
      DAY,
    );
    expect(r).toMatchObject({
      decision: 'not-suitable',
      contraindication: 'severe-allergic-reaction',
      untilDate: null,
    });
    expect(r.flags.map((f) => f.code)).toEqual(['severe-allergic-reaction', 'fever']);
  });

  it('postpones pregnancy for a quarter, and takes the longest postponement of several', () => {
    expect(suggestDecision(s({ answers: { ...NO, pregnancy: true } }), DAY)).toMatchObject({
      decision: 'postpone',
      contraindication: 'pregnancy',
      untilDate: '2021-11-07',
    });
    expect(suggestDecision(s({ healthCode: 'yellow', temperature: 38.1 }), DAY)).toMatchObject({
      contraindication: 'acute-illness',
      untilDate: '2021-08-23',
    });
  });

  const arbScreening = fc.record({
    temperature: fc.integer({ min: 340, max: 430 }).map((t) => t / 10),
    healthCode: fc.constantFrom(...HEALTH_CODES),
    bp: fc.option(fc.tuple(fc.integer({ min: 90, max: 250 }), fc.integer({ min: 40, max: 89 }))),
    answers: fc.record(
      Object.fromEntries(CONTRAINDICATION_CODES.map((c) => [c, fc.boolean()])) as Record<
        ContraindicationCode,
        fc.Arbitrary<boolean>
      >,
    ),
  });
  type Arb = typeof arbScreening extends fc.Arbitrary<infer R> ? R : never;
  const toScreening = (a: Arb): Screening =>
    validateScreening({
      temperature: a.temperature,
      healthCode: a.healthCode,
      systolic: a.bp?.[0] ?? null,
      diastolic: a.bp?.[1] ?? null,
      answers: a.answers,
    });

  it('never suggests vaccinating a yellow or red code, a fever or a yes to any question (property)', () => {
    fc.assert(
      fc.property(arbScreening, (a) => {
        const s = toScreening(a);
        const red =
          s.healthCode !== 'green' || s.temperature >= 37.3 || Object.values(s.answers).some(Boolean);
        const r = suggestDecision(s, DAY);
        if (red) expect(r.decision).not.toBe('recommend');
        // The suggestion is the most cautious of its flags, and a postponement always has a date.
        expect(DECISION_RANK[r.decision]).toBe(Math.max(0, ...r.flags.map((f) => DECISION_RANK[f.suggests])));
        expect(r.untilDate !== null).toBe(r.decision === 'postpone');
        if (r.untilDate !== null) expect(r.untilDate > DAY).toBe(true);
      }),
    );
  });
});
