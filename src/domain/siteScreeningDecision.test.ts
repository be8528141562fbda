import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGridvaxError } from './errors.js';
import { CONTRAINDICATION_CODES, type ContraindicationCode } from './screening.js';
import { DECISIONS, suggestDecision, validateScreening, type Screening } from './siteScreening.js';
import { checkDecision, type DecisionInput } from './siteScreeningDecision.js';

const DAY = '2021-08-09';
const NO = Object.fromEntries(CONTRAINDICATION_CODES.map((c) => [c, false])) as Record<
  ContraindicationCode,
  boolean
>;
const screening = (over: Partial<Screening> = {}): Screening => ({
  ...validateScreening({ temperature: 36.6, healthCode: 'green', systolic: 125, diastolic: 82, answers: NO }),
  ...over,
});
const decide = (input: DecisionInput, s: Screening = screening()) =>
  checkDecision(input, s, suggestDecision(s, DAY), DAY);

const refusal = (fn: () => unknown): { kind: string; code: string } | undefined => {
  try {
    fn();
  } catch (e) {
    if (isGridvaxError(e)) return { kind: e.kind, code: e.code };
    throw e;
  }
  return undefined;
};

describe('checkDecision', () => {
  it('takes a decision to vaccinate a well resident as it is', () => {
    expect(decide({ decision: 'recommend' })).toEqual({
      decision: 'recommend',
      untilDate: null,
      contraindication: null,
      note: null,
      againstSuggestion: false,
    });
  });

  it('fills a postponement from the suggestion: its date and its group', () => {
    expect(decide({ decision: 'postpone' }, screening({ temperature: 37.8 }))).toEqual({
      decision: 'postpone',
      untilDate: '2021-08-16',
      contraindication: 'acute-illness',
      note: null,
      againstSuggestion: false,
    });
    expect(
      decide({ decision: 'postpone', untilDate: '2021-08-11' }, screening({ temperature: 37.8 })).untilDate,
    ).toBe('2021-08-11');
  });

  it('needs a note to vaccinate against a red flag, and never vaccinates a yellow or red code', () => {
    const fever = screening({ temperature: 37.5 });
    expect(refusal(() => decide({ decision: 'recommend' }, fever))).toEqual({
      kind: 'business-rule',
      code: 'decision.note-required',
    });
    expect(decide({ decision: 'recommend', note: '休息后复测 36.9℃' }, fever)).toMatchObject({
      againstSuggestion: true,
      note: '休息后复测 36.9℃',
    });
    expect(
      refusal(() => decide({ decision: 'recommend', note: '核酸阴性' }, screening({ healthCode: 'yellow' }))),
    ).toEqual({ kind: 'business-rule', code: 'decision.health-code' });
  });

  it('needs a permanent group for not suitable, and a note when the answers did not name it', () => {
    expect(refusal(() => decide({ decision: 'not-suitable' }))).toEqual({
      kind: 'invalid-input',
      code: 'decision.contraindication',
    });
    expect(refusal(() => decide({ decision: 'not-suitable', contraindication: 'pregnancy' }))).toEqual({
      kind: 'business-rule',
      code: 'decision.contraindication-kind',
    });
    expect(
      refusal(() => decide({ decision: 'not-suitable', contraindication: 'neurological-disease' })),
    ).toEqual({
      kind: 'business-rule',
      code: 'decision.note-required',
    });
    expect(
      decide({
        decision: 'not-suitable',
        contraindication: 'neurological-disease',
        note: '癫痫未控制，病历为证',
      }),
    ).toMatchObject({ contraindication: 'neurological-disease', againstSuggestion: false });
    const allergic = screening({ answers: { ...NO, 'vaccine-allergy': true } });
    expect(decide({ decision: 'not-suitable' }, allergic)).toMatchObject({
      contraindication: 'vaccine-allergy',
    });
    // A doctor may postpone a permanent group (epilepsy expected under control), with a note.
    expect(refusal(() => decide({ decision: 'postpone', untilDate: '2021-09-09' }, allergic))).toMatchObject({
      code: 'decision.note-required',
    });
  });

  it('refuses what does not fit: an until date not after today, dates on a vaccination, unknown words', () => {
    const fever = screening({ temperature: 38 });
    expect(refusal(() => decide({ decision: 'postpone', untilDate: DAY }, fever))?.code).toBe(
      'decision.until-date',
    );
    expect(refusal(() => decide({ decision: 'postpone', untilDate: '2021-02-30' }, fever))?.code).toBe(
      'decision.until-date',
    );
    expect(refusal(() => decide({ decision: 'recommend', untilDate: '2021-08-20' }))?.code).toBe(
      'decision.not-applicable',
    );
    expect(refusal(() => decide({ decision: 'vaccinate' }))?.code).toBe('decision.unknown');
    expect(refusal(() => decide({ decision: 'postpone', contraindication: 'covid' }, fever))?.code).toBe(
      'decision.contraindication',
    );
    // Postponing a well resident needs a reason of some kind.
    expect(refusal(() => decide({ decision: 'postpone', untilDate: '2021-08-10' }))?.code).toBe(
      'decision.note-required',
    );
  });

  it('never lets a decision less cautious than the suggestion pass without a note (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 350, max: 400 }),
        fc.constantFrom('green', 'yellow', 'red' as const),
        fc.constantFrom(...CONTRAINDICATION_CODES, null),
        fc.constantFrom(...DECISIONS),
        (t, healthCode, yes, decision) => {
          const s = screening({
            temperature: t / 10,
            healthCode,
            answers: yes === null ? NO : { ...NO, [yes]: true },
          });
          try {
            const d = decide({ decision, untilDate: decision === 'postpone' ? '2021-08-20' : null }, s);
            expect(d.againstSuggestion).toBe(false);
            if (d.decision === 'recommend') expect(suggestDecision(s, DAY).decision).toBe('recommend');
          } catch (e) {
            if (!isGridvaxError(e)) throw e;
          }
        },
      ),
    );
  });
});
