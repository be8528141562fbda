import { describe, expect, it } from 'vitest';
import { isGridvaxError } from './errors.js';
import { checkObservationEnd, observationEndsAt } from './siteScreeningObservation.js';

const DOSE = '2021-08-09T01:00:00.000Z'; // 09:00 in Xiangtan
const NOW = new Date('2021-08-09T10:00:00.000Z');

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (isGridvaxError(e)) return e.code;
    throw e;
  }
  return undefined;
};

describe('the 30-minute observation', () => {
  it('ends 30 minutes after the dose', () => {
    expect(observationEndsAt(DOSE)).toBe('2021-08-09T01:30:00.000Z');
  });

  it('ends well at or after the 30 minutes', () => {
    expect(checkObservationEnd({ outcome: 'ok', at: '2021-08-09T09:30:00+08:00' }, DOSE, NOW)).toEqual({
      outcome: 'ok',
      at: '2021-08-09T01:30:00.000Z',
      reason: null,
      early: false,
    });
  });

  it('refuses to end early without a reason, saying how long is left; an AEFI needs none', () => {
    expect(
      code(() => checkObservationEnd({ outcome: 'ok', at: '2021-08-09T09:20:00+08:00' }, DOSE, NOW)),
    ).toBe('observation.too-early');
    expect(
      checkObservationEnd(
        { outcome: 'ok', at: '2021-08-09T09:20:00+08:00', reason: '家中有急事，本人坚持离开' },
        DOSE,
        NOW,
      ),
    ).toMatchObject({ early: true, reason: '家中有急事，本人坚持离开' });
    expect(checkObservationEnd({ outcome: 'aefi', at: '2021-08-09T09:10:00+08:00' }, DOSE, NOW).early).toBe(
      true,
    );
  });

  it('refuses an end before the dose, after now, or an unknown outcome', () => {
    expect(
      code(() => checkObservationEnd({ outcome: 'ok', at: '2021-08-09T08:00:00+08:00' }, DOSE, NOW)),
    ).toBe('observation.instant');
    expect(
      code(() => checkObservationEnd({ outcome: 'ok', at: '2021-08-09T19:00:00+08:00' }, DOSE, NOW)),
    ).toBe('observation.instant');
    expect(
      code(() => checkObservationEnd({ outcome: 'fine', at: '2021-08-09T09:40:00+08:00' }, DOSE, NOW)),
    ).toBe('observation.outcome');
  });
});
