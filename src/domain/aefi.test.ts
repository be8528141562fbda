import { describe, expect, it } from 'vitest';
import { AEFI_KIND_LABELS, AEFI_KINDS, validateAefi } from './aefi.js';
import { isGridvaxError } from './errors.js';

const DOSE = '2021-08-09T01:00:00.000Z';
const NOW = new Date('2021-08-09T10:00:00.000Z');
const mild = {
  what: 'syncope',
  severity: 'mild',
  onsetAt: '2021-08-09T09:05:00+08:00',
  outcome: 'recovered',
};

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (isGridvaxError(e)) return e.code;
    throw e;
  }
  return undefined;
};

describe('AEFI reports', () => {
  it('label every kind in both languages', () => {
    for (const k of AEFI_KINDS) expect(AEFI_KIND_LABELS[k].zh.length).toBeGreaterThan(0);
  });

  it('type a report, onset in canonical UTC; only a severe one is urgent', () => {
    expect(validateAefi(mild, DOSE, NOW)).toEqual({
      what: 'syncope',
      severity: 'mild',
      onsetAt: '2021-08-09T01:05:00.000Z',
      outcome: 'recovered',
      description: null,
      urgent: false,
    });
    expect(
      validateAefi({ ...mild, what: 'anaphylaxis', severity: 'severe', outcome: 'referred' }, DOSE, NOW)
        .urgent,
    ).toBe(true);
  });

  it('refuses unknown words, an onset before the dose or after now, `other` undescribed, a mild anaphylaxis', () => {
    expect(code(() => validateAefi({ ...mild, what: 'sneeze' }, DOSE, NOW))).toBe('aefi.what');
    expect(code(() => validateAefi({ ...mild, severity: 'awful' }, DOSE, NOW))).toBe('aefi.severity');
    expect(code(() => validateAefi({ ...mild, outcome: 'fine' }, DOSE, NOW))).toBe('aefi.outcome');
    expect(code(() => validateAefi({ ...mild, onsetAt: '2021-08-09T08:59:00+08:00' }, DOSE, NOW))).toBe(
      'aefi.onset',
    );
    expect(code(() => validateAefi({ ...mild, onsetAt: '2021-08-10T08:00:00+08:00' }, DOSE, NOW))).toBe(
      'aefi.onset',
    );
    expect(code(() => validateAefi({ ...mild, what: 'other' }, DOSE, NOW))).toBe('aefi.description');
    expect(code(() => validateAefi({ ...mild, what: 'anaphylaxis' }, DOSE, NOW))).toBe('aefi.severity');
  });
});
