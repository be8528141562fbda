/**
 * Restoring a SQLite backup: the file is checked before anything is touched (a SQLite database,
 * intact, written by gridvax, by this version or an older one), copied to a temporary file
 * beside the target, checked again there, made durable, and renamed over the target in one
 * step. The target is either the old database or the restored one, never half of each.
 *
 * The server must be stopped first: a process that keeps the old database open would go on
 * writing to a file that is no longer the database. That is checked on a best-effort basis
 * (see `quiesce`), and the README says it.
 */
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { businessRule, conflict, invalidInput, notFound } from '../../domain/errors.js';
import { migrations } from '../../store/migrations/index.js';
import {
  type BackupCounts,
  type DatabaseFacts,
  fsyncPath,
  partialName,
  readDatabaseFacts,
  removeWithSidecars,
  SQLITE_MAGIC,
} from './backup.js';

export interface RestoreOptions {
  /** Replace an existing database at the target. */
  force?: boolean;
}

export interface RestoreReport {
  /** The backup restored from (absolute path). */
  from: string;
  /** The database written (absolute path). */
  target: string;
  /** True when an existing database was replaced. */
  replaced: boolean;
  bytes: number;
  schemaVersion: string;
  /** Migrations the backup predates: run when the restored database is next opened. */
  pendingMigrations: string[];
  counts: BackupCounts;
}

const SIDECARS = ['-wal', '-shm', '-journal'];

function readHeader(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(SQLITE_MAGIC.length);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/** Refuses a backup that is not a gridvax SQLite file, before anything is written. */
function checkSource(from: string): void {
  if (!existsSync(from)) {
    throw notFound({
      code: 'restore.missing',
      field: 'file',
      message: { zh: `备份文件不存在：${from}`, en: `backup file not found: ${from}` },
    });
  }
  if (!statSync(from).isFile() || readHeader(from) !== SQLITE_MAGIC) {
    throw invalidInput({
      code: 'restore.not-sqlite',
      field: 'file',
      message: {
        zh: `${from} 不是 SQLite 数据库，不是 gridvax 备份`,
        en: `${from} is not a SQLite database, so not a gridvax backup`,
      },
    });
  }
}

/** Refuses a backup whose schema this version does not know: it came from a newer gridvax. */
function checkVersion(facts: DatabaseFacts, from: string): string[] {
  const known = Object.keys(migrations('sqlite'));
  const unknown = facts.migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0) {
    throw businessRule({
      code: 'restore.newer-version',
      field: 'file',
      message: {
        zh: `${from} 来自更新版本的 gridvax（结构版本 ${facts.schemaVersion}，本版本不认识 ${unknown.join('、')}）；请先升级 gridvax 再恢复`,
        en: `${from} comes from a newer gridvax (schema ${facts.schemaVersion}; this version does not know ${unknown.join(', ')}): upgrade gridvax, then restore`,
      },
    });
  }
  return known.filter((m) => !facts.migrations.includes(m));
}

/**
 * Lets the old target go: opening and closing it as the last connection checkpoints its WAL
 * into the file and removes the -wal and -shm files. If they are still there afterwards,
 * another process (a running server) has it open, and the restore is refused. The check is
 * best-effort: a server that opens the file a moment later is not seen, hence "stop the
 * server first" in the README.
 */
function quiesce(target: string): void {
  let opened = false;
  try {
    const old = new BetterSqlite3(target, { fileMustExist: true });
    try {
      old.pragma('wal_checkpoint(TRUNCATE)');
      opened = true;
    } finally {
      old.close();
    }
  } catch {
    // Not a database we can open (damaged, or something else): nothing to let go of.
  }
  if (opened && SIDECARS.slice(0, 2).some((s) => existsSync(`${target}${s}`))) {
    throw conflict({
      code: 'restore.target-in-use',
      field: 'db',
      message: {
        zh: `${target} 正被另一个进程使用（服务是否在运行？）；请先停止服务再恢复`,
        en: `${target} is open in another process (is the server running?): stop it, then restore`,
      },
    });
  }
}

/**
 * A read-only connection to a WAL-mode file cannot remove the -wal and -shm it created when it
 * closes. Left empty, they are ours to remove: the backup file is read, never changed.
 */
function tidyReadOnlySidecars(file: string, existedBefore: readonly string[]): void {
  const wal = `${file}-wal`;
  if (existedBefore.includes('-wal') || !existsSync(wal) || statSync(wal).size > 0) return;
  rmSync(wal, { force: true });
  if (!existedBefore.includes('-shm')) rmSync(`${file}-shm`, { force: true });
}

/**
 * Restores the SQLite backup `file` as the database `target`. An older backup is restored as
 * it is and migrated when the database is next opened (`pendingMigrations` names what will run).
 */
export async function restoreSqlite(
  file: string,
  target: string,
  options: RestoreOptions = {},
): Promise<RestoreReport> {
  const from = resolve(file);
  const to = resolve(target);
  checkSource(from);
  if (from === to) {
    throw invalidInput({
      code: 'restore.same-file',
      field: 'db',
      message: { zh: '备份文件与目标数据库是同一个文件', en: 'the backup and the target are the same file' },
    });
  }
  if (!existsSync(dirname(to))) {
    throw invalidInput({
      code: 'restore.folder',
      field: 'db',
      message: { zh: `目录不存在：${dirname(to)}`, en: `folder does not exist: ${dirname(to)}` },
    });
  }
  const replacing = existsSync(to);
  if (replacing && !options.force) {
    throw conflict({
      code: 'restore.target-exists',
      field: 'db',
      message: {
        zh: `${to} 已存在；先停止服务，再用 --force 覆盖`,
        en: `${to} already exists; stop the server, then --force replaces it`,
      },
    });
  }

  const partial = partialName(to);
  try {
    // Copied through SQLite, not byte by byte: a backup left in WAL mode with its -wal beside it
    // is copied whole, and the backup file itself is only read.
    const sidecarsBefore = SIDECARS.filter((x) => existsSync(`${from}${x}`));
    let source: BetterSqlite3.Database | undefined;
    try {
      source = new BetterSqlite3(from, { readonly: true, fileMustExist: true });
      await source.backup(partial, { progress: () => 0x7fffffff });
    } catch (e) {
      throw invalidInput({
        code: 'restore.unreadable',
        field: 'file',
        message: {
          zh: `无法复制备份 ${from}：${(e as Error).message}`,
          en: `cannot copy the backup ${from}: ${(e as Error).message}`,
        },
      });
    } finally {
      source?.close();
      tidyReadOnlySidecars(from, sidecarsBefore);
    }
    const copy = new BetterSqlite3(partial, { fileMustExist: true });
    let facts: DatabaseFacts;
    let pending: string[];
    try {
      facts = readDatabaseFacts(copy, 'file', from, 'restore');
      pending = checkVersion(facts, from);
    } finally {
      copy.close();
    }
    fsyncPath(partial);

    if (replacing) {
      quiesce(to);
      // A journal left beside the old file would be replayed onto the restored one.
      for (const s of SIDECARS) rmSync(`${to}${s}`, { force: true });
    }
    renameSync(partial, to);
    fsyncPath(dirname(to));
    return {
      from,
      target: to,
      replaced: replacing,
      bytes: statSync(to).size,
      schemaVersion: facts.schemaVersion,
      pendingMigrations: pending,
      counts: facts.counts,
    };
  } finally {
    removeWithSidecars(partial);
  }
}
