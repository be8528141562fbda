import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { StoreLocation } from '../../src/store/dialect.js';
import { openStore, type Store } from '../../src/store/openStore.js';
import type { StoreCase } from '../support/stores.js';

/**
 * A database that child processes (`gridvax serve`, `gridvax import`) write to, and that the
 * test watches and then opens itself: a fresh SQLite file, or a fresh schema of the test
 * PostgreSQL database.
 */
export interface FaultDb {
  dialect: StoreCase['dialect'];
  location: StoreLocation;
  /** The CLI's arguments naming the database (`--db FILE` on SQLite, none on PostgreSQL). */
  args: string[];
  /** Added to a child's environment: GRIDVAX_DATABASE_URL (blank on SQLite: ignored). */
  env: Record<string, string>;
  open(): Promise<Store>;
  /**
   * Whether a child is inside a write transaction at this moment: what it is doing there (on
   * PostgreSQL the statement it runs), or undefined.
   */
  writing(): Promise<string | undefined>;
  /**
   * After a kill: waits until the database has let go of the killed child. PostgreSQL ends a
   * dead client's session (rolling back its transaction) only when it next talks to it, which
   * may be after the statement it is running; SQLite has nothing to wait for.
   */
  settled(): Promise<void>;
}

export async function faultDb(c: StoreCase): Promise<FaultDb> {
  const location = await c.freshLocation();
  const open = () => openStore(location);
  if (location.dialect === 'sqlite') return sqliteFaultDb(location, open);
  const schema = location.schema ?? 'public';
  // The CLI knows only GRIDVAX_DATABASE_URL: the suite's schema goes in as a connection option
  // (the test migrates it first, so the child's migrator finds its table through the search
  // path), and a name for the child's sessions, to watch them.
  const appName = `gx-fault-${schema}`;
  const url = new URL(location.target);
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', appName);
  const sessions = async (where: string): Promise<string[]> => {
    const client = new pg.Client({ connectionString: location.target });
    await client.connect();
    try {
      const r = await client.query<{ query: string }>(
        `SELECT query FROM pg_stat_activity WHERE application_name = $1 AND ${where}`,
        [appName],
      );
      return r.rows.map((row) => row.query);
    } finally {
      await client.end();
    }
  };
  return {
    dialect: 'postgres',
    location,
    args: [],
    env: { GRIDVAX_DATABASE_URL: url.toString() },
    open,
    // A transaction that has written anything has a transaction id.
    writing: async () => {
      const [query] = await sessions('backend_xid IS NOT NULL');
      return query === undefined ? undefined : query.replace(/\s+/g, ' ').slice(0, 40);
    },
    async settled() {
      for (let waited = 0; (await sessions('true')).length > 0; waited += 50) {
        if (waited > 60_000) throw new Error(`sessions of ${appName} still open a minute after the kill`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

function sqliteFaultDb(location: StoreLocation, open: () => Promise<Store>): FaultDb {
  return {
    dialect: 'sqlite',
    location,
    args: ['--db', location.target],
    env: { GRIDVAX_DATABASE_URL: '' },
    open,
    // A writer holds the database's one write lock from BEGIN IMMEDIATE to COMMIT: if it cannot
    // be taken at once, someone is writing. Taken, it is given back at once.
    writing: () => {
      const probe = new BetterSqlite3(location.target, { timeout: 0 });
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
        return Promise.resolve(undefined);
      } catch (e) {
        if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY'))
          return Promise.resolve('holding the write lock');
        throw e;
      } finally {
        probe.close();
      }
    },
    settled: () => Promise.resolve(),
  };
}
