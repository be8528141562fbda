import { describe, expect, it } from 'vitest';
import type { OutboxItem, VisitOutboxItem } from './outboxItem.js';
import {
  byResident,
  chunks,
  countUnsent,
  retryDelay,
  sendable,
  settleSingle,
  settleSyncAnswers,
  syncItemOf,
  type SyncItemAnswer,
} from './outboxLogic.js';

const visit = (id: string, extra: Partial<VisitOutboxItem> = {}): VisitOutboxItem => ({
  kind: 'visit',
  id,
  username: 'grid-member',
  residentId: 42,
  residentName: '王清',
  gridCode: '430321205206001',
  createdAt: `2021-08-09T10:00:0${id.length % 10}.000Z`,
  state: 'pending',
  attempts: 0,
  visit: { outcome: 'refused', at: '2021-08-09T10:00:00.000Z', channel: 'door', reason: '担心副作用' },
  ...extra,
});

const answer = (
  id: string,
  result: SyncItemAnswer['result'],
  error?: SyncItemAnswer['error'],
): SyncItemAnswer => ({
  id,
  kind: 'visit',
  result,
  ...(error ? { error } : {}),
});

describe('settleSyncAnswers', () => {
  it('removes what the server stored or already had, and keeps refusals with the reason in both languages', () => {
    const sent = [visit('a'), visit('b'), visit('c'), visit('d')];
    const out = settleSyncAnswers(sent, [
      answer('a', 'stored'),
      answer('b', 'duplicate'),
      answer('c', 'rejected', {
        code: 'resident.not-found',
        message: '找不到该居民',
        messageEn: 'no such resident',
        field: 'resident',
      }),
      answer('d', 'conflict', {
        code: 'visit.id-conflict',
        message: '编号已被占用',
        messageEn: 'id taken',
        field: null,
      }),
    ]);
    expect(out.remove).toEqual(['a', 'b']);
    expect(out.keep).toEqual([
      {
        ...visit('c'),
        state: 'rejected',
        error: {
          code: 'resident.not-found',
          message: { zh: '找不到该居民', en: 'no such resident' },
          field: 'resident',
        },
      },
      {
        ...visit('d'),
        state: 'conflict',
        error: { code: 'visit.id-conflict', message: { zh: '编号已被占用', en: 'id taken' } },
      },
    ]);
  });

  it('keeps an item the answer does not mention pending, counting the attempt', () => {
    const out = settleSyncAnswers([visit('a'), visit('b')], [answer('a', 'stored')]);
    expect(out.remove).toEqual(['a']);
    expect(out.keep).toEqual([{ ...visit('b'), attempts: 1 }]);
  });

  it('matches ids whatever their case (the server stores UUIDs in lower case)', () => {
    const out = settleSyncAnswers([visit('ABC-1')], [answer('abc-1', 'duplicate')]);
    expect(out.remove).toEqual(['ABC-1']);
  });

  it('a retried batch (every item a duplicate) empties the outbox exactly as the first answer would have', () => {
    const sent = [visit('a'), visit('b'), visit('c')];
    const first = settleSyncAnswers(
      sent,
      sent.map((i) => answer(i.id, 'stored')),
    );
    const retry = settleSyncAnswers(
      sent,
      sent.map((i) => answer(i.id, 'duplicate')),
    );
    expect(retry).toEqual(first);
    expect(retry.keep).toEqual([]);
  });

  it('a refused item fixed and resent clears its old error', () => {
    const refused = {
      ...visit('a'),
      state: 'rejected' as const,
      error: { code: 'x', message: { zh: 'x', en: 'x' } },
    };
    expect(settleSyncAnswers([refused], [answer('a', 'stored')]).remove).toEqual(['a']);
  });
});

describe('syncItemOf', () => {
  it('names the resident by key (county of the grid, resident id), never by ID number', () => {
    const item = visit('a');
    expect(syncItemOf(item)).toEqual({
      kind: 'visit',
      id: 'a',
      resident: { county: '430321', id: 42 },
      visit: item.visit,
    });
    // An id the worklist gave as text (a PostgreSQL bigint) goes as a number.
    expect(syncItemOf(visit('b', { residentId: '7' })).resident).toEqual({ county: '430321', id: 7 });
    // A visit queued by an older version with the typed number still goes by key only.
    const legacy = { ...visit('c'), idNumber: '430321195001010012' } as VisitOutboxItem;
    expect(syncItemOf(legacy)).not.toHaveProperty('idNumber');
  });
});

describe('settleSingle (a transport request)', () => {
  const ride: OutboxItem = {
    kind: 'transport',
    id: 'r',
    username: 'grid-member',
    residentId: 42,
    residentName: '王清',
    gridCode: '430321205206001',
    createdAt: '2021-08-09T10:00:00.000Z',
    state: 'pending',
    attempts: 0,
    request: {
      residentId: 42,
      county: '430321',
      day: '2021-08-10',
      window: '08:00-10:00',
      wheelchair: false,
      companion: true,
    },
  };
  const refusal = (status: number, code: string) =>
    ({ ok: false, status, code, message: { zh: '不行', en: 'no' } }) as const;

  it('is done when the server took it, or already had a ride for that resident and day', () => {
    expect(settleSingle(ride, { ok: true })).toEqual({ remove: ['r'], keep: [] });
    expect(settleSingle(ride, refusal(409, 'transport.duplicate'))).toEqual({ remove: ['r'], keep: [] });
  });

  it('waits, still pending, while the server has no transport route, and after a server error', () => {
    expect(settleSingle(ride, refusal(404, 'http.route-not-found')).keep).toEqual([
      { ...ride, attempts: 1, waitingFor: 'http.route-not-found' },
    ]);
    expect(settleSingle(ride, refusal(503, 'http.503')).keep).toEqual([{ ...ride, attempts: 1 }]);
  });

  it('shows any other refusal with its reason', () => {
    expect(settleSingle(ride, refusal(422, 'transport.after-hours')).keep).toEqual([
      {
        ...ride,
        state: 'rejected',
        error: { code: 'transport.after-hours', message: { zh: '不行', en: 'no' } },
      },
    ]);
  });
});

describe('the queue', () => {
  it('sends pending items oldest first and never the refused ones', () => {
    const items = [
      visit('b', { createdAt: '2021-08-09T10:02:00Z' }),
      visit('a', { createdAt: '2021-08-09T10:01:00Z' }),
      visit('c', { createdAt: '2021-08-09T10:00:00Z', state: 'rejected' }),
    ];
    expect(sendable(items).map((i) => i.id)).toEqual(['a', 'b']);
    expect(countUnsent(items)).toEqual({ unsent: 3, refused: 1 });
  });

  it('splits a long outbox into batches', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 2)).toEqual([]);
  });

  it('waits longer after each failure, at most five minutes', () => {
    expect([0, 1, 2, 3, 10].map(retryDelay)).toEqual([15_000, 30_000, 60_000, 120_000, 300_000]);
  });

  it('groups records by resident for the worklist', () => {
    const m = byResident([visit('a'), visit('b', { residentId: 7 }), visit('c')]);
    expect(m.get('42')?.map((i) => i.id)).toEqual(['a', 'c']);
    expect(m.get('7')?.map((i) => i.id)).toEqual(['b']);
  });
});
