import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  CLEARANCE_KINDS,
  CLEARANCE_LABELS,
  CLEARANCE_REASON_LABELS,
  CLEARANCE_REASONS,
  clearanceOf,
  clearanceTransition,
  clearedSince,
  NEVER_CLEARED,
  type Clearance,
  type ClearanceEvent,
} from './clearance.js';

const counts = (eligible: number, unscreened: number, open: number) => ({ eligible, unscreened, open });
const T1 = '2021-08-09T10:00:00.000Z';
const T2 = '2021-08-10T10:00:00.000Z';

describe('clearanceOf', () => {
  it('is screening cleared when nobody is unscreened, task cleared when nobody is open, double when both', () => {
    expect(clearanceOf(counts(100, 0, 0))).toEqual({
      screeningCleared: true,
      taskCleared: true,
      doubleCleared: true,
      empty: false,
    });
    expect(clearanceOf(counts(100, 0, 3))).toEqual({
      screeningCleared: true,
      taskCleared: false,
      doubleCleared: false,
      empty: false,
    });
    expect(clearanceOf(counts(100, 2, 0))).toEqual({
      screeningCleared: false,
      taskCleared: true,
      doubleCleared: false,
      empty: false,
    });
    expect(clearanceOf(counts(100, 2, 3)).doubleCleared).toBe(false);
  });

  it('treats a unit with nobody eligible as cleared, flagged empty', () => {
    expect(clearanceOf(counts(0, 0, 0))).toEqual({
      screeningCleared: true,
      taskCleared: true,
      doubleCleared: true,
      empty: true,
    });
  });

  it('double ⇔ screening ∧ task (property)', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), (e, u, o) => {
        const c = clearanceOf(counts(e + u + o, u, o));
        return c.doubleCleared === (c.screeningCleared && c.taskCleared);
      }),
    );
  });
});

describe('clearanceTransition', () => {
  const open = clearanceOf(counts(100, 0, 3));
  const cleared = clearanceOf(counts(100, 0, 0));
  const unscreened = clearanceOf(counts(101, 1, 0));

  it('appends nothing when nothing changed', () => {
    expect(clearanceTransition(cleared, cleared, T1, 'recount')).toEqual([]);
    expect(clearanceTransition(open, open, T1)).toEqual([]);
  });

  it('records task and double clearance when the last open resident is vaccinated', () => {
    expect(clearanceTransition(open, cleared, T1, 'dose-recorded')).toEqual([
      { at: T1, kind: 'cleared', which: 'task', reason: 'dose-recorded' },
      { at: T1, kind: 'cleared', which: 'double', reason: 'dose-recorded' },
    ]);
  });

  it('records a reopening when a new resident arrives unscreened', () => {
    expect(clearanceTransition(cleared, unscreened, T2, 'new-resident')).toEqual([
      { at: T2, kind: 'reopened', which: 'screening', reason: 'new-resident' },
      { at: T2, kind: 'reopened', which: 'double', reason: 'new-resident' },
    ]);
  });

  it('records a reopening when a deferral falls due', () => {
    expect(clearanceTransition(cleared, clearanceOf(counts(100, 0, 1)), T2, 'deferral-due')).toEqual([
      { at: T2, kind: 'reopened', which: 'task', reason: 'deferral-due' },
      { at: T2, kind: 'reopened', which: 'double', reason: 'deferral-due' },
    ]);
  });

  it('leaves the reason out when none is given', () => {
    expect(clearanceTransition(NEVER_CLEARED, cleared, T1)).toEqual([
      { at: T1, kind: 'cleared', which: 'screening' },
      { at: T1, kind: 'cleared', which: 'task' },
      { at: T1, kind: 'cleared', which: 'double' },
    ]);
  });

  it('law: replaying the events of any sequence of recounts gives the current clearance (property)', () => {
    const clearanceArb = fc
      .tuple(fc.nat(3), fc.nat(3), fc.nat(3))
      .map(([e, u, o]) => clearanceOf(counts(e + u + o, u, o)));
    fc.assert(
      fc.property(fc.array(clearanceArb, { minLength: 1, maxLength: 12 }), (states) => {
        const events: ClearanceEvent[] = [];
        let before: Clearance = NEVER_CLEARED;
        states.forEach((after, i) => {
          events.push(
            ...clearanceTransition(before, after, new Date(Date.UTC(2021, 7, 1 + i)).toISOString()),
          );
          before = after;
        });
        const last = states[states.length - 1] as Clearance;
        expect(clearedSince(events, 'screening') !== undefined).toBe(last.screeningCleared);
        expect(clearedSince(events, 'task') !== undefined).toBe(last.taskCleared);
        expect(clearedSince(events, 'double') !== undefined).toBe(last.doubleCleared);
        // Events of one kind alternate cleared / reopened, starting with cleared.
        for (const which of CLEARANCE_KINDS) {
          const kinds = events.filter((e) => e.which === which).map((e) => e.kind);
          kinds.forEach((k, i) => expect(k).toBe(i % 2 === 0 ? 'cleared' : 'reopened'));
        }
      }),
    );
  });
});

describe('clearedSince', () => {
  it('is the instant of the last clearing still in force', () => {
    const events: ClearanceEvent[] = [
      { at: T1, kind: 'cleared', which: 'double' },
      { at: T1, kind: 'cleared', which: 'task' },
      { at: T2, kind: 'reopened', which: 'double', reason: 'lookback-finding' },
    ];
    expect(clearedSince(events, 'double')).toBeUndefined();
    expect(clearedSince(events, 'task')).toBe(T1);
    expect(clearedSince(events, 'screening')).toBeUndefined();
  });
});

describe('labels', () => {
  it('are bilingual', () => {
    for (const k of CLEARANCE_KINDS) expect(CLEARANCE_LABELS[k].zh && CLEARANCE_LABELS[k].en).toBeTruthy();
    for (const r of CLEARANCE_REASONS)
      expect(CLEARANCE_REASON_LABELS[r].zh && CLEARANCE_REASON_LABELS[r].en).toBeTruthy();
    expect(CLEARANCE_LABELS.double.zh).toBe('双清零');
  });
});
