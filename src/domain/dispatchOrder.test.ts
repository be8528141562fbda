import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGridvaxError } from './errors.js';
import {
  acknowledgedBy,
  latenessText,
  minutesLate,
  targetState,
  validateOrder,
  validCompletionNote,
  type TargetFacts,
} from './dispatchOrder.js';

// The demo's second order: issued on the morning of 2021-08-09, due at 17:00 that day.
const DEADLINE = '2021-08-09T09:00:00.000Z';
const EVENING = '2021-08-09T10:00:00.000Z';
const facts = (over: Partial<TargetFacts> = {}): TargetFacts => ({
  deadline: DEADLINE,
  acknowledgedAt: null,
  completedAt: null,
  ...over,
});

const refusal = (fn: () => unknown): { kind: string; code: string } => {
  try {
    fn();
  } catch (e) {
    if (isGridvaxError(e)) return { kind: e.kind, code: e.code };
    throw e;
  }
  throw new Error('not refused');
};

describe('targetState', () => {
  it('is issued, then acknowledged, then completed, before the deadline', () => {
    expect(targetState(facts(), '2021-08-09T01:00:00Z')).toBe('issued');
    const ack = facts({ acknowledgedAt: '2021-08-09T01:10:00Z' });
    expect(targetState(ack, '2021-08-09T02:00:00Z')).toBe('acknowledged');
    const done = { ...ack, completedAt: '2021-08-09T08:30:00Z' };
    expect(targetState(done, EVENING)).toBe('completed');
  });

  it('is overdue after the deadline unless completed, acknowledged or not', () => {
    expect(targetState(facts(), EVENING)).toBe('overdue');
    expect(targetState(facts({ acknowledgedAt: '2021-08-09T01:10:00Z' }), EVENING)).toBe('overdue');
  });

  it('counts a completion exactly at the deadline as on time, a minute later as late', () => {
    expect(targetState(facts({ completedAt: DEADLINE }), EVENING)).toBe('completed');
    expect(targetState(facts({ completedAt: '2021-08-09T09:01:00Z' }), EVENING)).toBe('completed-late');
    expect(targetState(facts(), DEADLINE)).toBe('issued');
  });

  it('ignores answers recorded after the instant asked about (a past cut-off)', () => {
    const later = facts({ acknowledgedAt: '2021-08-09T09:30:00Z', completedAt: '2021-08-09T09:45:00Z' });
    expect(targetState(later, '2021-08-09T08:00:00Z')).toBe('issued');
    expect(targetState(later, '2021-08-09T09:20:00Z')).toBe('overdue');
    expect(targetState(later, EVENING)).toBe('completed-late');
    expect(acknowledgedBy(later, '2021-08-09T09:20:00Z')).toBe(false);
    expect(acknowledgedBy(later, EVENING)).toBe(true);
  });

  it('treats a completion as an acknowledgement', () => {
    expect(acknowledgedBy(facts({ completedAt: '2021-08-09T08:00:00Z' }), EVENING)).toBe(true);
  });

  it('is overdue exactly when the deadline has passed and nothing was completed by then (law)', () => {
    const t0 = Date.parse('2021-08-01T00:00:00Z');
    const instant = fc
      .integer({ min: 0, max: 20 * 86_400 })
      .map((s) => new Date(t0 + s * 1000).toISOString());
    fc.assert(
      fc.property(instant, fc.option(instant), fc.option(instant), instant, (deadline, ack, done, now) => {
        const t = { deadline, acknowledgedAt: ack, completedAt: done };
        const state = targetState(t, now);
        const completedByNow = done !== null && done <= now;
        expect(state === 'overdue').toBe(now > deadline && !completedByNow);
        expect(state === 'completed' || state === 'completed-late').toBe(completedByNow);
        // Lateness is said exactly when the state is late.
        expect(minutesLate(t, now) !== null).toBe(state === 'overdue' || state === 'completed-late');
      }),
    );
  });
});

describe('minutesLate and latenessText', () => {
  it('measures an overdue order to now and a late completion to the completion', () => {
    expect(minutesLate(facts(), EVENING)).toBe(60);
    expect(minutesLate(facts({ completedAt: '2021-08-09T09:20:00Z' }), EVENING)).toBe(20);
    expect(minutesLate(facts({ completedAt: '2021-08-09T08:20:00Z' }), EVENING)).toBeNull();
  });

  it('says it as officials would', () => {
    expect(latenessText(20)).toEqual({ zh: '逾期20分钟', en: '20 min late' });
    expect(latenessText(60)).toEqual({ zh: '逾期1小时', en: '1 h late' });
    expect(latenessText(1440 + 180)).toEqual({ zh: '逾期1天3小时', en: '1 d 3 h late' });
    expect(latenessText(2 * 1440 + 5)).toEqual({ zh: '逾期2天', en: '2 d late' });
  });
});

describe('validateOrder', () => {
  const issuedAt = new Date('2021-08-09T00:00:00Z');
  const draft = {
    issuer: '430321',
    title: '关于加快推进第一剂次接种的调度令',
    text: '请各乡镇于8月9日17:00前报送未接种人员销号台账。',
    deadline: '2021-08-09T17:00:00+08:00',
    targets: ['430321205', '430321114', '430321205206', '430321205'],
  };

  it('normalizes the deadline to UTC and drops repeated targets', () => {
    expect(validateOrder(draft, issuedAt)).toEqual({
      issuer: '430321',
      title: draft.title,
      text: draft.text,
      deadline: '2021-08-09T09:00:00.000Z',
      targets: ['430321205', '430321114', '430321205206'],
    });
  });

  it('refuses a unit outside the issuer, naming it, as not found', () => {
    const e = refusal(() =>
      validateOrder({ ...draft, issuer: '430321205', targets: ['430321114207'] }, issuedAt),
    );
    expect(e).toEqual({ kind: 'not-found', code: 'order.out-of-scope' });
    try {
      validateOrder({ ...draft, targets: ['430322100'] }, issuedAt);
    } catch (err) {
      expect(String(err)).toContain('430322100');
    }
    // Nor can an order go to its own issuer.
    expect(
      refusal(() => validateOrder({ ...draft, issuer: '430321205', targets: ['430321205'] }, issuedAt)).code,
    ).toBe('order.out-of-scope');
  });

  it('refuses what is not an order', () => {
    expect(refusal(() => validateOrder({ ...draft, title: ' ' }, issuedAt)).code).toBe('order.title');
    expect(refusal(() => validateOrder({ ...draft, text: '' }, issuedAt)).code).toBe('order.text');
    expect(refusal(() => validateOrder({ ...draft, deadline: '2021-08-09 17:00' }, issuedAt)).code).toBe(
      'order.deadline',
    );
    expect(
      refusal(() => validateOrder({ ...draft, deadline: '2021-08-08T17:00:00+08:00' }, issuedAt)),
    ).toEqual({
      kind: 'business-rule',
      code: 'order.deadline',
    });
    expect(refusal(() => validateOrder({ ...draft, targets: [] }, issuedAt)).code).toBe('order.targets');
    expect(refusal(() => validateOrder({ ...draft, targets: ['430321205206001'] }, issuedAt)).code).toBe(
      'order.target-level',
    );
    expect(refusal(() => validateOrder({ ...draft, issuer: '430321205206' }, issuedAt)).code).toBe(
      'order.issuer',
    );
  });

  it('wants a completion note', () => {
    expect(validCompletionNote('  已完成 ')).toBe('已完成');
    expect(refusal(() => validCompletionNote(' ')).code).toBe('order.note');
  });
});
