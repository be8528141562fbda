/**
 * The phone's own database (IndexedDB): the worklist of the member's grids, the outbox of
 * records not yet on the server, and a short history of what this phone sent. It survives a
 * reload, a closed tab and a night without signal; it is the field pages' source of truth and
 * the network only refreshes it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxItem } from './outboxItem.js';
import type { CachedWorklist } from './worklistTypes.js';

/** A record the server has: kept (without the ID number) so the card can show "sent from this phone". */
export interface SentRecord {
  id: string;
  username: string;
  residentId: number | string;
  kind: OutboxItem['kind'];
  /** A visit's outcome, or a ride's day. */
  summary: string;
  createdAt: string;
  sentAt: string;
}

interface FieldDb extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { byUser: string } };
  worklists: { key: string; value: CachedWorklist };
  sent: { key: string; value: SentRecord; indexes: { byUser: string } };
}

let opened: Promise<IDBPDatabase<FieldDb>> | null = null;

export function fieldDb(): Promise<IDBPDatabase<FieldDb>> {
  opened ??= openDB<FieldDb>('gridvax-field', 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byUser', 'username');
      db.createObjectStore('worklists', { keyPath: 'username' });
      db.createObjectStore('sent', { keyPath: 'id' }).createIndex('byUser', 'username');
    },
  });
  return opened;
}
