import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { invalidInput } from '../domain/errors.js';
import { type BulkLoader, postgresBulkLoader, sqliteBulkLoader } from './bulk.js';
import { type DialectName, type StoreLocation, describeLocation } from './dialect.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';
import { readPinnedNow, writePinnedNow } from './clock.js';
import { groupCommit } from './groupCommit.js';
import { exclusive } from './exclusive.js';
import { cachingSqliteDatabase } from './statementCache.js';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Where it is, with any password hidden: for messages. */
  readonly where: string;
  readonly bulk: BulkLoader;
  /** The store's "now": the pinned instant if the database pins one (the demo does), else the clock. */
  now(): Date;
  /** The pinned "now", if the database pins one. */
  pinned(): Date | undefined;
  /** Pins (or with null, unpins) the database's "now". */
  pinNow(instant: Date | null): Promise<void>;
  transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /**
   * A small write (one visit, one dose) in its own savepoint of a shared transaction: writes
   * arriving together commit together (group commit), each still all-or-nothing.
   */
  write<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /** The raw SQLite handle, for the few paths that must bypass the builder (bulk, backup). */
  readonly sqlite: BetterSqlite3.Database | undefined;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Run pending migrations (default true). */
  migrate?: boolean;
}

// int8 (count(*), bigserial) comes back from pg as a string; our counts fit in a double.
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

function openSqlite(loc: StoreLocation): { db: Kysely<Database>; raw: BetterSqlite3.Database } {
  const file = resolve(loc.target);
  if (loc.isDefault && !existsSync(dirname(file))) mkdirSync(dirname(file), { recursive: true });
  if (!existsSync(dirname(file))) {
    throw invalidInput({
      code: 'store.path',
      field: 'db',
      message: {
        zh: `数据库目录不存在：${dirname(file)}`,
        en: `database folder does not exist: ${dirname(file)}`,
      },
    });
  }
  let raw: BetterSqlite3.Database;
  try {
    raw = new BetterSqlite3(file);
    // WAL lets the server read while a writer works; FULL makes every acknowledged commit
    // survive a power cut, which is the promise made to a grid member's screening record.
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    raw.pragma('cache_size = -65536');
    raw.pragma('temp_store = MEMORY');
  } catch (e) {
    throw invalidInput({
      code: 'store.open',
      field: 'db',
      message: {
        zh: `无法打开数据库 ${file}：${(e as Error).message}`,
        en: `cannot open database ${file}: ${(e as Error).message}`,
      },
    });
  }
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingSqliteDatabase(raw) }) }),
    raw,
  };
}

function openPostgres(loc: StoreLocation): { db: Kysely<Database>; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: loc.target,
    max: 10,
    types: pgTypes,
    ...(loc.schema ? { options: `-c search_path=${loc.schema}` } : {}),
  });
  // An idle client's error (the server restarting) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}

export async function openStore(loc: StoreLocation, options: OpenOptions = {}): Promise<Store> {
  const where = describeLocation(loc);
  const opened = loc.dialect === 'sqlite' ? openSqlite(loc) : openPostgres(loc);
  const { db } = opened;
  const raw = 'raw' in opened ? opened.raw : undefined;
  const pool = 'pool' in opened ? opened.pool : undefined;
  try {
    if (options.migrate !== false) await migrate(db, loc.dialect, loc.schema);
  } catch (e) {
    await db.destroy().catch(() => undefined);
    if (e instanceof Error && e.name === 'GridvaxError') throw e;
    throw invalidInput({
      code: 'store.open',
      field: 'db',
      message: {
        zh: `无法使用数据库 ${where}：${(e as Error).message}`,
        en: `cannot use database ${where}: ${(e as Error).message}`,
      },
    });
  }
  // An unmigrated database (opened with migrate: false) may not have its settings table yet.
  // SQLite: bulk loads and single writes share the one connection, so they take turns.
  const lane = raw ? exclusive() : undefined;
  const bulk = raw ? sqliteBulkLoader(raw) : postgresBulkLoader(pool as pg.Pool);
  let pinned =
    options.migrate === false ? await readPinnedNow(db).catch(() => undefined) : await readPinnedNow(db);
  return {
    db,
    dialect: loc.dialect,
    where,
    bulk: lane ? { load: (fill) => lane(() => bulk.load(fill)) } : bulk,
    sqlite: raw,
    now: () => pinned ?? new Date(),
    pinned: () => pinned,
    async pinNow(instant) {
      await writePinnedNow(db, instant);
      pinned = instant ?? undefined;
    },
    transaction: (fn) => db.transaction().execute(fn),
    write: groupCommit(db, loc.dialect, 200, lane),
    close: () => db.destroy(),
  };
}

async function migrate(
  db: Kysely<Database>,
  dialect: DialectName,
  schema: string | undefined,
): Promise<void> {
  const migrator = new Migrator({
    db,
    ...(schema ? { migrationTableSchema: schema } : {}),
    provider: { getMigrations: () => Promise.resolve(migrations(dialect)) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`migration ${failed ?? '?'} failed: ${(error as Error).message}`);
  }
}
