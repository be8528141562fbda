/**
 * The outbox of the signed-in member, kept in IndexedDB and mirrored in memory so every field
 * page shows the same count at once (useSyncExternalStore reads `snapshot`). Every record is
 * written here before anything is sent: the network is an afterthought, never a precondition.
 */
import type { Bilingual } from '../../../src/domain/errors.js';
import { fieldDb, type SentRecord } from './db.js';
import type { OutboxItem } from './outboxItem.js';
import type { Settled } from './outboxLogic.js';

export type SyncState = 'idle' | 'syncing' | 'offline' | 'signed-out' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** The last upload the server answered (the phone's clock, ISO). */
  lastSyncAt?: string;
  lastError?: Bilingual;
}

export interface OutboxSnapshot {
  username: string | null;
  /** Loaded from IndexedDB (until then the count is unknown, not zero). */
  ready: boolean;
  items: readonly OutboxItem[];
  /** Newest first, at most KEEP_SENT. */
  sent: readonly SentRecord[];
  status: SyncStatus;
}

/** Sent records kept per member: enough for "recorded from this phone" on the cards, no more. */
const KEEP_SENT = 200;

let snapshot: OutboxSnapshot = {
  username: null,
  ready: false,
  items: [],
  sent: [],
  status: { state: 'idle' },
};
const listeners = new Set<() => void>();

function publish(next: Partial<OutboxSnapshot>): void {
  snapshot = { ...snapshot, ...next };
  for (const l of listeners) l();
}

export const outbox = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: (): OutboxSnapshot => snapshot,

  /** Loads a member's outbox (again, when another member signs in on this phone). */
  async open(username: string): Promise<void> {
    if (snapshot.username === username && snapshot.ready) return;
    publish({ username, ready: false, items: [], sent: [] });
    const db = await fieldDb();
    const [items, sent] = await Promise.all([
      db.getAllFromIndex('outbox', 'byUser', username),
      db.getAllFromIndex('sent', 'byUser', username),
    ]);
    if (snapshot.username !== username) return;
    sent.sort((a, b) => (a.sentAt < b.sentAt ? 1 : -1));
    publish({ ready: true, items, sent });
  },

  async add(item: OutboxItem): Promise<void> {
    const db = await fieldDb();
    await db.put('outbox', item);
    if (item.username === snapshot.username) publish({ items: [...snapshot.items, item] });
  },

  /** A fixed record in place of a refused one (a new id: the old one may be taken on the server). */
  async replace(oldId: string, item: OutboxItem): Promise<void> {
    const db = await fieldDb();
    const tx = db.transaction('outbox', 'readwrite');
    await Promise.all([tx.store.delete(oldId), tx.store.put(item), tx.done]);
    publish({ items: [...snapshot.items.filter((i) => i.id !== oldId), item] });
  },

  async discard(id: string): Promise<void> {
    const db = await fieldDb();
    await db.delete('outbox', id);
    publish({ items: snapshot.items.filter((i) => i.id !== id) });
  },

  /** Writes what an answer decided: the server's records leave the outbox for the sent history. */
  async settle(settled: Settled, summaryOf: (item: OutboxItem) => string): Promise<void> {
    if (settled.remove.length === 0 && settled.keep.length === 0) return;
    const gone = new Set(settled.remove);
    const sentAt = new Date().toISOString();
    const newlySent: SentRecord[] = snapshot.items
      .filter((i) => gone.has(i.id))
      .map((i) => ({
        id: i.id,
        username: i.username,
        residentId: i.residentId,
        kind: i.kind,
        summary: summaryOf(i),
        createdAt: i.createdAt,
        sentAt,
      }));
    const db = await fieldDb();
    const tx = db.transaction(['outbox', 'sent'], 'readwrite');
    const box = tx.objectStore('outbox');
    const sent = tx.objectStore('sent');
    const writes: Promise<unknown>[] = [];
    for (const id of settled.remove) writes.push(box.delete(id));
    for (const item of settled.keep) writes.push(box.put(item));
    for (const r of newlySent) writes.push(sent.put(r));
    const allSent = [...newlySent, ...snapshot.sent];
    for (const old of allSent.slice(KEEP_SENT)) writes.push(sent.delete(old.id));
    await Promise.all([...writes, tx.done]);
    const kept = new Map(settled.keep.map((i) => [i.id, i]));
    publish({
      items: snapshot.items.filter((i) => !gone.has(i.id)).map((i) => kept.get(i.id) ?? i),
      sent: allSent.slice(0, KEEP_SENT),
    });
  },

  /** The loop's state; the last sync time is kept, an error only with the state that has it. */
  setStatus(state: SyncState, extra: { lastSyncAt?: string; lastError?: Bilingual } = {}): void {
    const lastSyncAt = extra.lastSyncAt ?? snapshot.status.lastSyncAt;
    publish({
      status: {
        state,
        ...(lastSyncAt ? { lastSyncAt } : {}),
        ...(extra.lastError ? { lastError: extra.lastError } : {}),
      },
    });
  },
};
