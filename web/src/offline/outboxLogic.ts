/**
 * The outbox's rules, as pure functions (no IndexedDB, no network), so they are tested alone:
 * what an answer from the server does to each queued record, how a long queue is split, and
 * how long to wait before trying again.
 *
 * The one rule everything follows: a record leaves the phone only when the server has it —
 * `stored` (new) or `duplicate` (it had it already: an earlier upload got through but its
 * answer was lost). Anything else stays, visible: `rejected` and `conflict` with the server's
 * reason for the member to fix or discard, and anything unanswered as pending, to send again
 * under the same id (which is what makes a retry harmless).
 */
import type { OutboxItem, VisitOutboxItem } from './outboxItem.js';

/** One item of POST /api/v1/sync's answer (src/api/routes/sync.ts). */
export interface SyncItemAnswer {
  id: string;
  kind: 'visit' | 'dose';
  result: 'stored' | 'duplicate' | 'rejected' | 'conflict';
  error?: { code: string; message: string; messageEn: string; field?: string | null };
}

/** The resident's key as the sync API takes it: the county is the first six digits of any code under it. */
export function residentKeyOf(item: Pick<OutboxItem, 'residentId' | 'gridCode'>): {
  county: string;
  id: number;
} {
  return { county: item.gridCode.slice(0, 6), id: Number(item.residentId) };
}

/** A queued visit as POST /sync takes it: the resident by key, never by full ID number. */
export function syncItemOf(item: VisitOutboxItem): {
  kind: 'visit';
  id: string;
  resident: { county: string; id: number };
  visit: VisitOutboxItem['visit'];
} {
  return { kind: 'visit', id: item.id, resident: residentKeyOf(item), visit: item.visit };
}

/** What to do to the outbox after an answer: delete these ids, write these items back. */
export interface Settled {
  remove: string[];
  keep: OutboxItem[];
}

/** Records the sync API takes in one batch here: small enough to send on a weak signal. */
export const SYNC_BATCH_SIZE = 200;

/** Applies the answers to the records that were sent; a record with no answer stays pending. */
export function settleSyncAnswers(sent: readonly OutboxItem[], answers: readonly SyncItemAnswer[]): Settled {
  const byId = new Map(answers.map((a) => [a.id.toLowerCase(), a]));
  const out: Settled = { remove: [], keep: [] };
  for (const item of sent) {
    const a = byId.get(item.id.toLowerCase());
    if (!a) {
      out.keep.push({ ...item, state: 'pending', attempts: item.attempts + 1 });
    } else if (a.result === 'stored' || a.result === 'duplicate') {
      out.remove.push(item.id);
    } else {
      const { waitingFor: _w, ...rest } = item;
      out.keep.push({
        ...rest,
        state: a.result,
        error: {
          code: a.error?.code ?? `sync.${a.result}`,
          message: {
            zh: a.error?.message ?? (a.result === 'conflict' ? '记录编号冲突' : '服务器退回了这条记录'),
            en:
              a.error?.messageEn ??
              (a.result === 'conflict' ? 'record id conflict' : 'the server refused it'),
          },
          ...(a.error?.field ? { field: a.error.field } : {}),
        },
      });
    }
  }
  return out;
}

/** How a single request (a transport request) ended: an answer, or a refusal with its code. */
export type SingleAnswer =
  | { ok: true }
  | { ok: false; status: number; code: string; message: { zh: string; en: string }; field?: string };

/**
 * A transport request's answer. The API keeps one live ride per resident and day, so a retry
 * of one that got through answers 409 `transport.duplicate`: the server has it. A route that
 * does not exist yet (an older server) leaves it waiting; a server error leaves it pending; any
 * other refusal is the member's to fix.
 */
export function settleSingle(item: OutboxItem, answer: SingleAnswer): Settled {
  if (answer.ok || answer.code === 'transport.duplicate') return { remove: [item.id], keep: [] };
  if (answer.code === 'http.route-not-found' || answer.status >= 500) {
    return {
      remove: [],
      keep: [
        {
          ...item,
          state: 'pending',
          attempts: item.attempts + 1,
          ...(answer.code === 'http.route-not-found' ? { waitingFor: answer.code } : {}),
        },
      ],
    };
  }
  const { waitingFor: _w, ...rest } = item;
  return {
    remove: [],
    keep: [
      {
        ...rest,
        state: answer.status === 409 ? 'conflict' : 'rejected',
        error: {
          code: answer.code,
          message: answer.message,
          ...(answer.field ? { field: answer.field } : {}),
        },
      },
    ],
  };
}

/** The records to send now: the pending ones, oldest first. */
export function sendable(items: readonly OutboxItem[]): OutboxItem[] {
  return items
    .filter((i) => i.state === 'pending')
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Waits between attempts after failures in a row: 15 s, 30 s, 1 min … at most 5 min. */
export function retryDelay(failures: number): number {
  return Math.min(5 * 60_000, 15_000 * 2 ** Math.max(0, failures));
}

/** Records on the phone per resident, for the worklist's "recorded, not yet sent". */
export function byResident(items: readonly OutboxItem[]): Map<string, OutboxItem[]> {
  const out = new Map<string, OutboxItem[]>();
  for (const item of items) {
    const key = String(item.residentId);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

/** The counts the header shows: everything the server does not have yet, and how much of it was refused. */
export function countUnsent(items: readonly OutboxItem[]): { unsent: number; refused: number } {
  const refused = items.filter((i) => i.state !== 'pending').length;
  return { unsent: items.length, refused };
}
