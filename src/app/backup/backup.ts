/**
 * An online backup of the SQLite database: taken while the server keeps serving, through
 * SQLite's backup API (better-sqlite3's `db.backup`), which copies the database page by page
 * and yields a consistent copy even while other connections write. The copy is written to a
 * temporary file beside the destination, checked (`PRAGMA integrity_check`, the schema version
 * and the row counts), made durable, and only then renamed into place: a failed or interrupted
 * backup never leaves a half-written file under the name asked for.
 *
 * PostgreSQL is backed up with its own tools (pg_dump; the README has the recipe).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { conflict, invalidInput } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';

/** Where the README explains backing up and restoring a PostgreSQL database. */
export const PG_RECIPE_POINTER = 'README.md, "Backup and restore"';

export interface BackupCounts {
  places: number;
  residents: number;
  visits: number;
  doses: number;
}

/** What a gridvax SQLite file holds, read from the file itself. */
export interface DatabaseFacts {
  integrity: 'ok';
  /** The migrations it has run, in order. */
  migrations: string[];
  /** The last of them: the version of its schema. */
  schemaVersion: string;
  counts: BackupCounts;
}

export interface BackupReport {
  /** The backup file (absolute path). */
  file: string;
  bytes: number;
  integrity: 'ok';
  schemaVersion: string;
  counts: BackupCounts;
  /** How often the copy started over because another connection wrote to the database. */
  restarts: number;
}

export interface BackupOptions {
  /** Replace an existing file at the destination. */
  force?: boolean;
  /** Pages copied per step; the server's own queries run between steps (default 1024, 4 MiB). */
  pagesPerStep?: number;
  /**
   * After this many restarts the rest is copied in one step: under a steady stream of writes
   * from another process a page-by-page copy would start over for ever. One step reads one
   * snapshot, which in WAL mode does not block the writers (default 3).
   */
  maxRestarts?: number;
  /** Called as pages are copied. */
  onProgress?: (copied: number, total: number) => void;
}

/** A file's SQLite header ("SQLite format 3\0"): what tells a database from any other file. */
export const SQLITE_MAGIC = 'SQLite format 3\u0000';

const ALL_AT_ONCE = 0x7fffffff;

/** The temporary name a file is written under before it is renamed into place. */
export function partialName(destination: string): string {
  return join(
    dirname(destination),
    `.${basename(destination)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`,
  );
}

/** Removes a file and the journal files SQLite may have left beside it. */
export function removeWithSidecars(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/** Flushes a file (or a folder, so a rename in it is durable) to disk. */
export function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch (e) {
    // Some systems (Windows) cannot open or fsync a folder; the file itself was synced before.
    if (statSync(path).isFile()) throw e;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const sqliteMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Checks an open SQLite file and reads what it holds: integrity, the migrations it has run and
 * the rows of the main tables. Refuses (invalid input, naming `field`) a file that is damaged,
 * not a database, or a database gridvax did not write; codes start with `codePrefix`.
 */
export function readDatabaseFacts(
  raw: BetterSqlite3.Database,
  field: string,
  file: string,
  codePrefix: 'backup' | 'restore',
): DatabaseFacts {
  const refuse = (code: string, zh: string, en: string): never => {
    throw invalidInput({ code, field, message: { zh, en } });
  };
  let problems: string[];
  try {
    problems = (raw.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } catch (e) {
    return refuse(
      `${codePrefix}.unreadable`,
      `${file} 不是可读的 SQLite 数据库：${sqliteMessage(e)}`,
      `${file} is not a readable SQLite database: ${sqliteMessage(e)}`,
    );
  }
  if (problems.length !== 1 || problems[0] !== 'ok') {
    refuse(
      `${codePrefix}.integrity`,
      `${file} 未通过完整性检查：${problems.slice(0, 3).join('; ')}`,
      `${file} fails its integrity check: ${problems.slice(0, 3).join('; ')}`,
    );
  }
  const hasTable = (name: string): boolean =>
    raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  const migrations = hasTable('kysely_migration')
    ? (raw.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map(
        (r) => r.name,
      )
    : [];
  const tables = ['places', 'residents', 'screening_visits', 'dose_records'];
  const schemaVersion = migrations.at(-1);
  if (schemaVersion === undefined || !tables.every(hasTable)) {
    return refuse(
      `${codePrefix}.not-gridvax`,
      `${file} 是 SQLite 数据库，但不是 gridvax 数据库（没有迁移记录或缺少数据表）`,
      `${file} is a SQLite database but not a gridvax one (no migration record or missing tables)`,
    );
  }
  const count = (table: string): number =>
    Number((raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
  return {
    integrity: 'ok',
    migrations,
    schemaVersion,
    counts: {
      places: count('places'),
      residents: count('residents'),
      visits: count('screening_visits'),
      doses: count('dose_records'),
    },
  };
}

/** The commands of the README's recipe, quoted in the refusal so it can be acted on at once. */
export const PG_DUMP = 'pg_dump -Fc --no-owner "$GRIDVAX_DATABASE_URL" > gridvax.dump';
export const PG_RESTORE = 'pg_restore --clean --if-exists --no-owner -d "$GRIDVAX_DATABASE_URL" gridvax.dump';

/** The refusal for a PostgreSQL store: its backup is pg_dump's job. */
export function postgresRefusal(what: 'backup' | 'restore'): Error {
  const command = what === 'backup' ? PG_DUMP : PG_RESTORE;
  return invalidInput({
    code: `${what}.postgres`,
    field: 'db',
    message: {
      zh: `PostgreSQL 数据库请用 ${what === 'backup' ? 'pg_dump 备份' : 'pg_restore 恢复'}：${command}（见 ${PG_RECIPE_POINTER}）`,
      en: `a PostgreSQL database is ${what === 'backup' ? 'backed up with pg_dump' : 'restored with pg_restore'}: ${command} (see ${PG_RECIPE_POINTER})`,
    },
  });
}

/** Refuses a destination that exists, unless the caller said to replace it. */
function refuseExisting(out: string, force: boolean | undefined): void {
  if (!force && existsSync(out)) {
    throw conflict({
      code: 'backup.exists',
      field: 'out',
      message: {
        zh: `${out} 已存在；用 --force 覆盖`,
        en: `${out} already exists; --force replaces it`,
      },
    });
  }
}

/**
 * Copies the store's SQLite database to `out` while it stays in use, verifies the copy and
 * reports what it holds. The copy is one consistent state of the database: every transaction
 * committed before the backup started is in it, and any later one is either wholly in it or
 * wholly absent.
 */
export async function backupSqlite(
  store: Store,
  out: string,
  options: BackupOptions = {},
): Promise<BackupReport> {
  const raw = store.sqlite;
  if (!raw) throw postgresRefusal('backup');
  const file = resolve(out);
  if (!existsSync(dirname(file))) {
    throw invalidInput({
      code: 'backup.folder',
      field: 'out',
      message: { zh: `目录不存在：${dirname(file)}`, en: `folder does not exist: ${dirname(file)}` },
    });
  }
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw invalidInput({
      code: 'backup.out',
      field: 'out',
      message: { zh: `${file} 是目录，请给出文件名`, en: `${file} is a folder; name a file` },
    });
  }
  if (resolve(raw.name) === file) {
    throw invalidInput({
      code: 'backup.same-file',
      field: 'out',
      message: { zh: '备份不能写到数据库自身', en: 'the backup cannot overwrite the database itself' },
    });
  }
  refuseExisting(file, options.force);

  const pagesPerStep = Math.max(1, options.pagesPerStep ?? 1024);
  const maxRestarts = options.maxRestarts ?? 3;
  let restarts = 0;
  let lastRemaining = Number.POSITIVE_INFINITY;
  const partial = partialName(file);
  try {
    await raw.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        // Another connection's commit sends the copy back to page 1: remaining goes up.
        if (remainingPages > lastRemaining) restarts++;
        lastRemaining = remainingPages;
        options.onProgress?.(totalPages - remainingPages, totalPages);
        return restarts >= maxRestarts ? ALL_AT_ONCE : pagesPerStep;
      },
    });

    const copy = new BetterSqlite3(partial, { fileMustExist: true });
    let facts: DatabaseFacts;
    try {
      facts = readDatabaseFacts(copy, 'db', store.where, 'backup');
      // The live database runs in WAL mode; the backup is one self-contained file.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    fsyncPath(partial);
    refuseExisting(file, options.force); // it may have appeared while the copy ran
    renameSync(partial, file);
    fsyncPath(dirname(file));
    return {
      file,
      bytes: statSync(file).size,
      integrity: facts.integrity,
      schemaVersion: facts.schemaVersion,
      counts: facts.counts,
      restarts,
    };
  } finally {
    removeWithSidecars(partial);
  }
}
