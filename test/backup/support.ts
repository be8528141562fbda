import { createHash, randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { findResident } from '../../src/app/records/findResident.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import type { Store } from '../../src/store/openStore.js';

export interface TableDigest {
  rows: number;
  hash: string;
}

/** Every table of a SQLite file: its row count and a hash of all its rows (order-independent). */
export function tableDigests(file: string): Record<string, TableDigest> {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const tables = (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((t) => t.name);
    const out: Record<string, TableDigest> = {};
    for (const t of tables) {
      const rows = (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[])
        .map((r) => JSON.stringify(r))
        .sort();
      out[t] = { rows: rows.length, hash: createHash('sha256').update(rows.join('\n')).digest('hex') };
    }
    return out;
  } finally {
    db.close();
  }
}

export function integrityOf(file: string): string {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
  } finally {
    db.close();
  }
}

/**
 * What a backup says about the writers' visits, and whether it is one consistent state: the
 * visits it holds, in the order they were written, and whether each table that one visit
 * writes (visit, change log, the resident's status and the per-grid counts) agrees.
 */
export function writerVisitsIn(
  file: string,
  device: string,
): {
  visits: Set<string>;
  changeLog: Set<string>;
  statusCounts: Record<string, number>;
  gridCounts: Record<string, number>;
} {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const visits = new Set(
      (
        db.prepare('SELECT id FROM screening_visits WHERE device_id = ?').all(device) as {
          id: string;
        }[]
      ).map((r) => r.id),
    );
    const changeLog = new Set(
      (
        db
          .prepare(
            "SELECT entity_id FROM change_log WHERE entity = 'visit' AND entity_id IN (SELECT id FROM screening_visits WHERE device_id = ?)",
          )
          .all(device) as { entity_id: string }[]
      ).map((r) => r.entity_id),
    );
    const statusCounts: Record<string, number> = {};
    for (const r of db
      .prepare(
        "SELECT status, count(*) AS n FROM campaign_residents WHERE status <> 'ineligible' GROUP BY status",
      )
      .all() as { status: string; n: number }[])
      statusCounts[r.status] = r.n;
    const sums = db
      .prepare(
        'SELECT sum(done) AS done, sum(exempt) AS exempt, sum(deferred) AS deferred, sum(open) AS open, sum(unscreened) AS unscreened FROM campaign_grid_counts',
      )
      .get() as Record<string, number | null>;
    const gridCounts: Record<string, number> = {};
    for (const [k, v] of Object.entries(sums)) if (v) gridCounts[k] = v;
    return { visits, changeLog, statusCounts, gridCounts };
  } finally {
    db.close();
  }
}

/**
 * Records "not found" visits one after another until stopped, as a grid member's phone would
 * while a backup runs, as device `device` (to tell them from the demo's and other runs'). `written` lists their ids in the order they were committed.
 */
export function visitLoop(
  store: Store,
  idNumbers: readonly string[],
  device: string,
): { written: string[]; stop(): Promise<string[]> } {
  const written: string[] = [];
  let stopping = false;
  const loop = (async () => {
    for (let i = 0; !stopping; i++) {
      const resident = await findResident(store.db, idNumbers[i % idNumbers.length] as string);
      const id = randomUUID();
      await recordVisit(
        store,
        resident,
        { outcome: 'not-found', at: '2021-08-09T09:00:00+08:00', channel: 'door' },
        { id, deviceId: device },
      );
      written.push(id);
    }
  })();
  return {
    written,
    async stop() {
      stopping = true;
      await loop;
      return written;
    },
  };
}

/** Waits until `n` visits have been written. */
export async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
