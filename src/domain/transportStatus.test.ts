import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isGridvaxError } from './errors.js';
import {
  canMove,
  checkMove,
  isFinal,
  needsReason,
  TRANSPORT_MOVES,
  TRANSPORT_STATUSES,
  type TransportStatus,
} from './transportStatus.js';

const status = fc.constantFrom(...TRANSPORT_STATUSES);

function refusal(f: () => unknown): { kind: string; code: string; zh: string; en: string } | undefined {
  try {
    f();
  } catch (e) {
    if (isGridvaxError(e))
      return { kind: e.kind, code: e.code, zh: e.detail.message.zh, en: e.detail.message.en };
    throw e;
  }
  return undefined;
}

describe('the ride state machine', () => {
  it('runs requested → assigned → picked-up → vaccinated → returned', () => {
    const path: TransportStatus[] = ['requested', 'assigned', 'picked-up', 'vaccinated', 'returned'];
    for (let i = 1; i < path.length; i++) {
      expect(checkMove(path[i - 1] as TransportStatus, path[i] as string)).toEqual({
        to: path[i],
        reason: null,
      });
    }
    expect(isFinal('returned')).toBe(true);
    expect(isFinal('cancelled')).toBe(true);
  });

  it('cancels from every state before returned, only with a reason', () => {
    for (const from of ['requested', 'assigned', 'picked-up', 'vaccinated'] as const) {
      expect(checkMove(from, 'cancelled', ' 家属自行接送 ')).toEqual({
        to: 'cancelled',
        reason: '家属自行接送',
      });
      expect(refusal(() => checkMove(from, 'cancelled', '  '))).toMatchObject({
        kind: 'invalid-input',
        code: 'transport.reason',
      });
    }
    expect(refusal(() => checkMove('returned', 'cancelled', 'x'))?.code).toBe('transport.bad-transition');
  });

  it('drives home someone screened out at the site, with the reason', () => {
    expect(checkMove('picked-up', 'returned', '血压偏高，暂缓接种')).toEqual({
      to: 'returned',
      reason: '血压偏高，暂缓接种',
    });
    expect(refusal(() => checkMove('picked-up', 'returned'))?.code).toBe('transport.reason');
  });

  it('names both states when it refuses a move, and an unknown status as invalid input', () => {
    const r = refusal(() => checkMove('requested', 'vaccinated'));
    expect(r).toMatchObject({ kind: 'business-rule', code: 'transport.bad-transition' });
    expect(r?.en).toContain('from requested to vaccinated');
    expect(r?.zh).toContain('requested');
    expect(r?.zh).toContain('vaccinated');
    expect(refusal(() => checkMove('requested', 'flying'))).toMatchObject({
      kind: 'invalid-input',
      code: 'transport.status',
    });
  });

  it('law: a move is accepted exactly when the table allows it, and refusals name from and to', () => {
    fc.assert(
      fc.property(
        status,
        status,
        fc.option(fc.string({ minLength: 1 }).filter((s) => s.trim() !== '')),
        (from, to, reason) => {
          const r = refusal(() => checkMove(from, to, reason));
          if (!canMove(from, to)) {
            expect(r?.code).toBe('transport.bad-transition');
            expect(r?.en).toContain(`from ${from} to ${to}`);
          } else if (needsReason(from, to) && reason === null) {
            expect(r?.code).toBe('transport.reason');
          } else {
            expect(r).toBeUndefined();
          }
        },
      ),
    );
  });

  it('law: any walk of accepted moves ends within five moves, never leaves a final state, never goes back', () => {
    const rank = (s: TransportStatus) => TRANSPORT_STATUSES.indexOf(s);
    fc.assert(
      fc.property(fc.array(status, { maxLength: 30 }), (targets) => {
        let at: TransportStatus = 'requested';
        let moves = 0;
        for (const to of targets) {
          if (refusal(() => checkMove(at, to, 'reason')) !== undefined) continue;
          expect(rank(to)).toBeGreaterThan(rank(at));
          expect(isFinal(at)).toBe(false);
          at = to;
          moves++;
        }
        expect(moves).toBeLessThanOrEqual(4);
        // Every state can still reach a final one.
        const reachable = (s: TransportStatus): boolean => isFinal(s) || TRANSPORT_MOVES[s].some(reachable);
        expect(reachable(at)).toBe(true);
      }),
    );
  });
});
