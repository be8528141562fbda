import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  CONTRAINDICATION_CODES,
  CONTRAINDICATIONS,
  defaultFollowUp,
  OUTCOME_LABELS,
  parseInstant,
  validateVisit,
  VISIT_OUTCOMES,
  type VisitInput,
  type VisitValidation,
} from './screening.js';

// The demo's "now": the evening of 2021-08-09, 18:00 in Xiangtan.
const NOW = new Date('2021-08-09T10:00:00.000Z');
const AT = '2021-08-09T09:30:00+08:00';

const base = { at: AT, channel: 'door' };

function errorsOf(r: VisitValidation): { code: string; field: string | undefined }[] {
  return r.ok ? [] : r.errors.map((e) => ({ code: e.code, field: e.field }));
}

function ok(input: VisitInput) {
  const r = validateVisit(input, NOW);
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors)}`);
  return r.visit;
}

/** A minimal valid input for each outcome. */
const VALID: Record<(typeof VISIT_OUTCOMES)[number], VisitInput> = {
  'vaccinated-elsewhere': {
    ...base,
    outcome: 'vaccinated-elsewhere',
    placeText: '广东省东莞市',
    verified: false,
  },
  booked: { ...base, outcome: 'booked', bookedDate: '2021-08-11', site: '锦石乡卫生院' },
  'contraindicated-temporary': {
    ...base,
    outcome: 'contraindicated-temporary',
    untilDate: '2021-08-16',
    reason: '发热 38.2℃',
  },
  'contraindicated-permanent': {
    ...base,
    outcome: 'contraindicated-permanent',
    contraindication: 'severe-allergic-reaction',
  },
  away: { ...base, outcome: 'away', placeText: '长沙务工', untilDate: '2021-08-20' },
  refused: { ...base, outcome: 'refused', reason: '担心副作用' },
  'not-found': { ...base, outcome: 'not-found' },
  'moved-out': { ...base, outcome: 'moved-out' },
  deceased: { ...base, outcome: 'deceased' },
};

describe('validateVisit: the minimal valid visit of each outcome', () => {
  for (const outcome of VISIT_OUTCOMES) {
    it(`accepts ${outcome}`, () => {
      const v = ok(VALID[outcome]);
      expect(v.outcome).toBe(outcome);
      expect(v.at).toBe('2021-08-09T01:30:00.000Z');
      expect(v.day).toBe('2021-08-09');
      expect(v.channel).toBe('door');
      expect(OUTCOME_LABELS[outcome].zh).not.toBe('');
    });
  }
});

describe('validateVisit: required fields per outcome', () => {
  const cases: [string, VisitInput, { code: string; field: string }[]][] = [
    [
      'away needs placeText and untilDate',
      { ...base, outcome: 'away' },
      [
        { code: 'visit.required', field: 'placeText' },
        { code: 'visit.required', field: 'untilDate' },
      ],
    ],
    [
      'contraindicated-temporary needs untilDate and a reason or contraindication',
      { ...base, outcome: 'contraindicated-temporary' },
      [
        { code: 'visit.required', field: 'untilDate' },
        { code: 'visit.required', field: 'reason' },
      ],
    ],
    [
      'contraindicated-permanent needs a contraindication',
      { ...base, outcome: 'contraindicated-permanent', reason: '过敏' },
      [{ code: 'visit.required', field: 'contraindication' }],
    ],
    [
      'booked needs bookedDate and site',
      { ...base, outcome: 'booked' },
      [
        { code: 'visit.required', field: 'bookedDate' },
        { code: 'visit.required', field: 'site' },
      ],
    ],
    [
      'refused needs a reason',
      { ...base, outcome: 'refused' },
      [{ code: 'visit.required', field: 'reason' }],
    ],
    [
      'refused needs a reason that is not blank',
      { ...base, outcome: 'refused', reason: '   ' },
      [{ code: 'visit.required', field: 'reason' }],
    ],
    [
      'vaccinated-elsewhere needs a place or product, and verified',
      { ...base, outcome: 'vaccinated-elsewhere' },
      [
        { code: 'visit.required', field: 'placeText' },
        { code: 'visit.required', field: 'verified' },
      ],
    ],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => {
      expect(errorsOf(validateVisit(input, NOW))).toEqual(expected);
    });
  }

  it('accepts a product instead of a place for vaccinated-elsewhere, and keeps verified: true', () => {
    const v = ok({ ...base, outcome: 'vaccinated-elsewhere', product: 'sinovac', verified: true });
    expect(v.product).toBe('sinovac');
    expect(v.verified).toBe(true);
  });

  it('accepts a contraindication instead of a reason for a temporary contraindication', () => {
    const v = ok({
      ...base,
      outcome: 'contraindicated-temporary',
      untilDate: '2022-03-01',
      contraindication: 'pregnancy',
    });
    expect(v.contraindication).toBe('pregnancy');
  });

  it('needs outcome, at and channel on every visit', () => {
    expect(errorsOf(validateVisit({} as VisitInput, NOW))).toEqual([
      { code: 'visit.required', field: 'outcome' },
      { code: 'visit.required', field: 'at' },
      { code: 'visit.required', field: 'channel' },
    ]);
  });

  it('says every problem in both languages and names its field', () => {
    const r = validateVisit({ outcome: 'away', at: 'yesterday', channel: 'pigeon', healthCode: 'blue' }, NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const e of r.errors) {
      expect(e.field).toBeDefined();
      expect(e.message.zh).not.toBe('');
      expect(e.message.en).not.toBe('');
    }
  });
});

describe('validateVisit: values', () => {
  it('refuses unknown outcome, channel and health code, collecting all of them', () => {
    expect(
      errorsOf(
        validateVisit({ outcome: 'vaccinated-here', at: AT, channel: 'pigeon', healthCode: 'blue' }, NOW),
      ),
    ).toEqual([
      { code: 'visit.outcome', field: 'outcome' },
      { code: 'visit.channel', field: 'channel' },
      { code: 'visit.health-code', field: 'healthCode' },
    ]);
  });

  it('accepts each channel and health code', () => {
    for (const channel of ['door', 'phone', 'wechat', 'site']) {
      for (const healthCode of ['green', 'yellow', 'red']) {
        const v = ok({ ...VALID['not-found'], channel, healthCode });
        expect(v.channel).toBe(channel);
        expect(v.healthCode).toBe(healthCode);
      }
    }
  });

  it('refuses a visit after now, to the millisecond', () => {
    expect(errorsOf(validateVisit({ ...VALID.deceased, at: '2021-08-09T10:00:00.001Z' }, NOW))).toEqual([
      { code: 'visit.in-future', field: 'at' },
    ]);
    expect(validateVisit({ ...VALID.deceased, at: '2021-08-09T18:00:00+08:00' }, NOW).ok).toBe(true);
  });

  it('refuses an instant without a zone or that does not exist', () => {
    for (const at of [
      '2021-08-09',
      '2021-08-09T10:00:00',
      '2021-02-30T10:00:00Z',
      '2021-08-09T24:00:00Z',
      'x',
    ]) {
      expect(errorsOf(validateVisit({ ...VALID.deceased, at }, NOW))).toEqual([
        { code: 'visit.instant', field: 'at' },
      ]);
    }
  });

  it('stores the instant in UTC and the day in Asia/Shanghai', () => {
    const v = ok({ ...VALID['not-found'], at: '2021-08-08T16:30:00Z' });
    expect(v.at).toBe('2021-08-08T16:30:00.000Z');
    expect(v.day).toBe('2021-08-09');
  });

  it('refuses dates that are not real YYYY-MM-DD dates', () => {
    expect(errorsOf(validateVisit({ ...VALID.away, untilDate: '2021-08-32' }, NOW))).toEqual([
      { code: 'visit.date', field: 'untilDate' },
    ]);
    expect(errorsOf(validateVisit({ ...VALID.booked, bookedDate: '2021/08/11' }, NOW))).toEqual([
      { code: 'visit.date', field: 'bookedDate' },
    ]);
    expect(errorsOf(validateVisit({ ...VALID.refused, followUpDate: '2021-2-1' }, NOW))).toEqual([
      { code: 'visit.date', field: 'followUpDate' },
    ]);
  });

  it('refuses a follow-up or booking before the visit day, but accepts the same day', () => {
    expect(errorsOf(validateVisit({ ...VALID.refused, followUpDate: '2021-08-08' }, NOW))).toEqual([
      { code: 'visit.date-order', field: 'followUpDate' },
    ]);
    expect(ok({ ...VALID.refused, followUpDate: '2021-08-09' }).followUpDate).toBe('2021-08-09');
    expect(errorsOf(validateVisit({ ...VALID.booked, bookedDate: '2021-08-08' }, NOW))).toEqual([
      { code: 'visit.date-order', field: 'bookedDate' },
    ]);
    expect(ok({ ...VALID.booked, bookedDate: '2021-08-09' }).bookedDate).toBe('2021-08-09');
  });

  it('needs a temporary contraindication to end after the visit day', () => {
    expect(
      errorsOf(validateVisit({ ...VALID['contraindicated-temporary'], untilDate: '2021-08-09' }, NOW)),
    ).toEqual([{ code: 'visit.date-order', field: 'untilDate' }]);
    expect(ok({ ...VALID['contraindicated-temporary'], untilDate: '2021-08-10' }).untilDate).toBe(
      '2021-08-10',
    );
  });

  it('accepts someone away until the visit day (back tonight), not before it', () => {
    expect(ok({ ...VALID.away, untilDate: '2021-08-09' }).untilDate).toBe('2021-08-09');
    expect(errorsOf(validateVisit({ ...VALID.away, untilDate: '2021-08-08' }, NOW))).toEqual([
      { code: 'visit.date-order', field: 'untilDate' },
    ]);
  });

  it('refuses unknown product and contraindication codes', () => {
    expect(errorsOf(validateVisit({ ...VALID['vaccinated-elsewhere'], product: 'pfizer' }, NOW))).toEqual([
      { code: 'visit.product', field: 'product' },
    ]);
    expect(
      errorsOf(
        validateVisit({ ...VALID['contraindicated-permanent'], contraindication: 'hypertension' }, NOW),
      ),
    ).toEqual([{ code: 'visit.contraindication', field: 'contraindication' }]);
  });

  it('refuses a permanent contraindication that passes (fever, pregnancy)', () => {
    for (const code of ['acute-illness', 'pregnancy']) {
      expect(
        errorsOf(validateVisit({ ...VALID['contraindicated-permanent'], contraindication: code }, NOW)),
      ).toEqual([{ code: 'visit.contraindication-kind', field: 'contraindication' }]);
    }
  });

  it('accepts any of the five groups for a temporary contraindication', () => {
    for (const code of CONTRAINDICATION_CODES) {
      expect(ok({ ...VALID['contraindicated-temporary'], contraindication: code }).contraindication).toBe(
        code,
      );
    }
  });

  it('models the guideline’s five groups, three permanent and two temporary', () => {
    const items = CONTRAINDICATION_CODES.map((c) => CONTRAINDICATIONS[c].guidelineItem).sort();
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(CONTRAINDICATION_CODES.filter((c) => CONTRAINDICATIONS[c].kind === 'permanent')).toEqual([
      'vaccine-allergy',
      'severe-allergic-reaction',
      'neurological-disease',
    ]);
  });

  it('refuses structured fields that contradict the outcome', () => {
    expect(
      errorsOf(validateVisit({ ...VALID.refused, bookedDate: '2021-08-10', site: 'x', verified: true }, NOW)),
    ).toEqual([
      { code: 'visit.not-applicable', field: 'bookedDate' },
      { code: 'visit.not-applicable', field: 'site' },
      { code: 'visit.not-applicable', field: 'verified' },
    ]);
    // Blank boxes and nulls from a form are not values.
    expect(validateVisit({ ...VALID.refused, bookedDate: '', site: null, untilDate: '  ' }, NOW).ok).toBe(
      true,
    );
  });

  it('accepts free text as a note on any outcome and trims it', () => {
    const v = ok({ ...VALID.deceased, reason: '  8月3日病故 ', placeText: '家中' });
    expect(v.reason).toBe('8月3日病故');
    expect(v.placeText).toBe('家中');
  });

  it('refuses a value of the wrong type', () => {
    expect(
      errorsOf(
        validateVisit({ ...VALID['vaccinated-elsewhere'], verified: 'yes' } as unknown as VisitInput, NOW),
      ),
    ).toEqual([{ code: 'visit.type', field: 'verified' }]);
    expect(errorsOf(validateVisit({ ...VALID.refused, reason: 42 } as unknown as VisitInput, NOW))).toEqual([
      { code: 'visit.type', field: 'reason' },
    ]);
  });

  it('leaves out fields that were not given', () => {
    expect(ok(VALID.deceased)).toEqual({
      outcome: 'deceased',
      at: '2021-08-09T01:30:00.000Z',
      day: '2021-08-09',
      channel: 'door',
    });
  });
});

describe('follow-up dates', () => {
  it('defaults by outcome when the grid member gives none', () => {
    expect(ok(VALID.refused).followUpDate).toBe('2021-08-12');
    expect(ok(VALID['not-found']).followUpDate).toBe('2021-08-11');
    expect(ok(VALID.away).followUpDate).toBe('2021-08-20');
    expect(ok(VALID.booked).followUpDate).toBe('2021-08-12');
    expect(ok(VALID['contraindicated-temporary']).followUpDate).toBe('2021-08-16');
    expect(ok(VALID['vaccinated-elsewhere']).followUpDate).toBe('2021-08-12');
    expect(ok({ ...VALID['vaccinated-elsewhere'], verified: true }).followUpDate).toBeUndefined();
    expect(ok(VALID['contraindicated-permanent']).followUpDate).toBeUndefined();
    expect(ok(VALID['moved-out']).followUpDate).toBeUndefined();
    expect(ok(VALID.deceased).followUpDate).toBeUndefined();
  });

  it('keeps the date the grid member gives', () => {
    expect(ok({ ...VALID.refused, followUpDate: '2021-08-10' }).followUpDate).toBe('2021-08-10');
  });

  it('crosses month ends', () => {
    expect(defaultFollowUp('refused', '2021-08-30')).toBe('2021-09-02');
    expect(defaultFollowUp('booked', '2021-08-30', { bookedDate: '2021-08-31' })).toBe('2021-09-01');
    expect(defaultFollowUp('away', '2021-08-30')).toBeUndefined();
  });

  it('is never before the visit day for a valid visit (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VISIT_OUTCOMES),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        (outcome, bookIn, untilIn) => {
          const day = '2021-08-09';
          const d = (n: number) => new Date(Date.UTC(2021, 7, 9 + n)).toISOString().slice(0, 10);
          const f = defaultFollowUp(outcome, day, { bookedDate: d(bookIn), untilDate: d(untilIn) });
          return f === undefined || f >= day;
        },
      ),
    );
  });
});

describe('parseInstant', () => {
  it('reads zones and fractions', () => {
    expect(parseInstant('2021-08-09T18:00+08:00')).toBe(Date.UTC(2021, 7, 9, 10));
    expect(parseInstant('2021-08-09T10:00:00.5Z')).toBe(Date.UTC(2021, 7, 9, 10, 0, 0, 500));
    expect(parseInstant('2021-08-09T05:00:00-05:00')).toBe(Date.UTC(2021, 7, 9, 10));
    expect(parseInstant('2021-08-09T10:00:00.123456Z')).toBe(Date.UTC(2021, 7, 9, 10, 0, 0, 123));
  });

  it('agrees with toISOString for any instant (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          return parseInstant(d.toISOString()) === d.getTime();
        },
      ),
    );
  });
});
