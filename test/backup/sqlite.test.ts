import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupSqlite } from '../../src/app/backup/backup.js';
import { restoreSqlite } from '../../src/app/backup/restore.js';
import { setUpDemo } from '../../src/demo/setUpDemo.js';
import { GridvaxError } from '../../src/domain/errors.js';
import { migrations } from '../../src/store/migrations/index.js';
import { openStore, type Store } from '../../src/store/openStore.js';
import { integrityOf, tableDigests, until, visitLoop, writerVisitsIn } from './support.js';

const LATEST = Object.keys(migrations('sqlite')).at(-1);

/** The GridvaxError a promise rejects with, to check its kind and code. */
async function refusal(p: Promise<unknown>): Promise<GridvaxError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GridvaxError);
  return e as GridvaxError;
}

describe('SQLite backup and restore', () => {
  let dir: string;
  let dbFile: string;
  let store: Store;
  let idNumbers: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gridvax-backup-'));
    dbFile = join(dir, 'live.db');
    store = await openStore({ dialect: 'sqlite', target: dbFile, isDefault: false });
    const demo = await setUpDemo(store, { residents: 2000, seed: 7 });
    expect(demo.built).toBe(true);
    idNumbers = (
      await store.db
        .selectFrom('residents')
        .select('id_number')
        .where('status', '=', 'active')
        .orderBy('id')
        .limit(300)
        .execute()
    ).map((r) => r.id_number);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * The heart of it: a backup taken while visits keep arriving holds one consistent state (the
   * visits written before it started, then a run of the later ones in order, each with its
   * change-log entry and its effect on the counts), and a restore gives back exactly that.
   */
  async function backUpWhileWriting(writer: Store, out: string, pagesPerStep: number) {
    const device = `writer-${out}`;
    const loop = visitLoop(writer, idNumbers, device);
    await until(() => loop.written.length >= 20, '20 visits before the backup');
    const before = loop.written.length;
    const report = await backupSqlite(store, out, { pagesPerStep });
    const atEnd = loop.written.length;
    await until(
      () => loop.written.length >= Math.max(before + 20, atEnd + 5),
      'more visits after the backup',
    );
    const written = await loop.stop();

    expect(report.integrity).toBe('ok');
    expect(report.schemaVersion).toBe(LATEST);
    expect(integrityOf(out)).toBe('ok');
    expect(existsSync(`${out}-wal`)).toBe(false); // one self-contained file
    const inBackup = writerVisitsIn(out, device);
    const k = inBackup.visits.size;
    expect(k).toBeGreaterThanOrEqual(before);
    expect(k).toBeLessThan(written.length); // it did not wait for the writer to stop
    expect([...inBackup.visits].sort()).toEqual(written.slice(0, k).sort());
    expect(inBackup.changeLog).toEqual(inBackup.visits);
    expect(inBackup.gridCounts).toEqual(inBackup.statusCounts);

    const digests = tableDigests(out);
    expect(report.counts).toEqual({
      places: digests['places']?.rows,
      residents: 2000,
      visits: digests['screening_visits']?.rows,
      doses: digests['dose_records']?.rows,
    });
    return report;
  }

  it('backs up while another connection (another process, as the server is) keeps writing', async () => {
    const writer = await openStore({ dialect: 'sqlite', target: dbFile, isDefault: false });
    try {
      const out = join(dir, 'other-connection.gridvax');
      const report = await backUpWhileWriting(writer, out, 4);
      // Other connections' commits restarted the page-by-page copy; it then finished in one step.
      expect(report.restarts).toBeGreaterThan(0);

      const restored = join(dir, 'restored.db');
      const r = await restoreSqlite(out, restored);
      expect(r).toMatchObject({
        replaced: false,
        schemaVersion: LATEST,
        pendingMigrations: [],
        counts: report.counts,
      });
      expect(integrityOf(restored)).toBe('ok');
      const backupTables = tableDigests(out);
      expect(Object.keys(backupTables)).toEqual(
        expect.arrayContaining(['residents', 'screening_visits', 'dose_records', 'campaign_residents']),
      );
      expect(tableDigests(restored)).toEqual(backupTables);

      // The restored database opens, migrates (nothing to do) and serves.
      const reopened = await openStore({ dialect: 'sqlite', target: restored, isDefault: false });
      try {
        expect(reopened.pinned()?.toISOString()).toBe(store.pinned()?.toISOString());
        const n = await reopened.db
          .selectFrom('campaign_residents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(n.n)).toBe(backupTables['campaign_residents']?.rows);
      } finally {
        await reopened.close();
      }
    } finally {
      await writer.close();
    }
  });

  it('backs up while its own connection keeps writing (the copy follows along, no restart)', async () => {
    const out = join(dir, 'same-connection.gridvax');
    const report = await backUpWhileWriting(store, out, 4);
    expect(report.restarts).toBe(0);
    const restored = join(dir, 'restored-same.db');
    await restoreSqlite(out, restored);
    expect(tableDigests(restored)).toEqual(tableDigests(out));
  });

  it('refuses to overwrite an existing file unless forced, and leaves it as it was', async () => {
    const out = join(dir, 'exists.gridvax');
    writeFileSync(out, 'precious');
    const e = await refusal(backupSqlite(store, out));
    expect(e.kind).toBe('conflict');
    expect(e.code).toBe('backup.exists');
    expect(readFileSync(out, 'utf8')).toBe('precious');
    const report = await backupSqlite(store, out, { force: true });
    expect(report.integrity).toBe('ok');
    expect(integrityOf(out)).toBe('ok');
    expect((await refusal(backupSqlite(store, dbFile, { force: true }))).code).toBe('backup.same-file');
    expect((await refusal(backupSqlite(store, join(dir, 'nope', 'x.db')))).code).toBe('backup.folder');
  });

  describe('restore refuses', () => {
    let good: string;
    beforeAll(async () => {
      good = join(dir, 'good.gridvax');
      await backupSqlite(store, good);
    });

    it('a file that is not a database, a missing file, and a SQLite file gridvax did not write', async () => {
      const text = join(dir, 'notes.txt');
      writeFileSync(text, 'not a database at all\n');
      const e = await refusal(restoreSqlite(text, join(dir, 'r1.db')));
      expect(e.kind).toBe('invalid-input');
      expect(e.code).toBe('restore.not-sqlite');
      expect(e.message).not.toContain('\n');
      expect(existsSync(join(dir, 'r1.db'))).toBe(false);

      expect((await refusal(restoreSqlite(join(dir, 'missing.gridvax'), join(dir, 'r1.db')))).kind).toBe(
        'not-found',
      );

      const other = join(dir, 'other.sqlite');
      const o = new BetterSqlite3(other);
      o.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
      o.close();
      expect((await refusal(restoreSqlite(other, join(dir, 'r1.db')))).code).toBe('restore.not-gridvax');

      const torn = join(dir, 'torn.gridvax');
      const bytes = readFileSync(good);
      writeFileSync(torn, bytes.subarray(0, Math.floor(bytes.length / 2)));
      expect((await refusal(restoreSqlite(torn, join(dir, 'r1.db')))).kind).toBe('invalid-input');
      expect(existsSync(join(dir, 'r1.db'))).toBe(false);
      // No temporary files left behind by the refusals.
      expect(readdirPartials(dir)).toEqual([]);
    });

    it('an existing database unless forced, and one still open in another process', async () => {
      const target = join(dir, 'target.db');
      copyFileSync(good, target);
      const e = await refusal(restoreSqlite(good, target));
      expect(e.kind).toBe('conflict');
      expect(e.code).toBe('restore.target-exists');

      // A connection holding it open (as a running server would) is seen and refused.
      const holder = new BetterSqlite3(target);
      holder.pragma('journal_mode = WAL');
      holder.prepare("INSERT INTO settings (key, value) VALUES ('held', 'yes')").run();
      try {
        expect((await refusal(restoreSqlite(good, target, { force: true }))).code).toBe(
          'restore.target-in-use',
        );
      } finally {
        holder.close();
      }
      expect(await restoreSqlite(good, target, { force: true })).toMatchObject({ replaced: true });
      expect(tableDigests(target)).toEqual(tableDigests(good));
    });

    it('a backup from a newer gridvax, naming the migration it does not know', async () => {
      const newer = join(dir, 'newer.gridvax');
      copyFileSync(good, newer);
      const n = new BetterSqlite3(newer);
      n.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run(
        '9999_from_the_future',
        new Date().toISOString(),
      );
      n.close();
      const target = join(dir, 'kept.db');
      copyFileSync(good, target);
      const before = tableDigests(target);
      const e = await refusal(restoreSqlite(newer, target, { force: true }));
      expect(e.kind).toBe('business-rule');
      expect(e.code).toBe('restore.newer-version');
      expect(e.detail.message.en).toContain('9999_from_the_future');
      expect(tableDigests(target)).toEqual(before); // untouched
    });
  });

  it('restores an older backup as it is, and it is migrated when next opened', async () => {
    const old = join(dir, 'old.gridvax');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(old) }) });
    const migrator = new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(migrations('sqlite')) },
    });
    const { error } = await migrator.migrateTo('0001_initial');
    expect(error).toBeUndefined();
    await db.destroy();

    const target = join(dir, 'from-old.db');
    const r = await restoreSqlite(old, target);
    expect(r.schemaVersion).toBe('0001_initial');
    expect(r.pendingMigrations).toEqual(Object.keys(migrations('sqlite')).slice(1));
    const opened = await openStore({ dialect: 'sqlite', target, isDefault: false });
    await opened.close();
    const after = new BetterSqlite3(target, { readonly: true });
    const names = (
      after.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]
    ).map((x) => x.name);
    after.close();
    expect(names).toEqual(Object.keys(migrations('sqlite')));
  });

  it('only reads the backup, even one left in WAL mode (no -wal or -shm left beside it)', async () => {
    const walMode = join(dir, 'wal-mode.db');
    await (await openStore({ dialect: 'sqlite', target: walMode, isDefault: false })).close();
    await restoreSqlite(walMode, join(dir, 'from-wal-mode.db'));
    expect(existsSync(`${walMode}-wal`)).toBe(false);
    expect(existsSync(`${walMode}-shm`)).toBe(false);
  });

  it('replaces a database whose stale -wal would otherwise be replayed onto the restored file', async () => {
    const good = join(dir, 'for-wal.gridvax');
    await backupSqlite(store, good);
    // A database "crashed" with committed pages still in its -wal: copy the pair while it is open.
    const crashed = join(dir, 'crashed-src.db');
    copyFileSync(good, crashed);
    const live = new BetterSqlite3(crashed);
    live.pragma('journal_mode = WAL');
    live.pragma('wal_autocheckpoint = 0');
    live.exec('DELETE FROM screening_visits; DELETE FROM change_log;');
    const target = join(dir, 'crashed.db');
    copyFileSync(crashed, target);
    copyFileSync(`${crashed}-wal`, `${target}-wal`);
    live.close();
    expect(existsSync(`${target}-wal`)).toBe(true);

    await restoreSqlite(good, target, { force: true });
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect(integrityOf(target)).toBe('ok');
    expect(tableDigests(target)).toEqual(tableDigests(good));
  });
});

function readdirPartials(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.partial') || f.includes('.partial-'));
}
