import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PG_DUMP, PG_RESTORE } from '../../src/app/backup/backup.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import { setUpDemo } from '../../src/demo/setUpDemo.js';
import { openStore, type Store } from '../../src/store/openStore.js';

/**
 * The README's PostgreSQL recipe, run as written: a fresh database is filled, dumped with
 * pg_dump, restored with pg_restore into a second fresh database, and the two compared row for
 * row. Each test database is created for the run and dropped after it.
 */
const pgUrl = inject('pgUrl');
const hasTools =
  spawnSync('pg_dump', ['--version']).status === 0 && spawnSync('pg_restore', ['--version']).status === 0;
if (pgUrl && !hasTools) {
  if (process.env['CI'] === 'true')
    throw new Error('CI=true: pg_dump and pg_restore are required for the backup test');
  console.warn(
    '\n!! PostgreSQL backup test SKIPPED: pg_dump/pg_restore are not installed (apt install postgresql-client).\n',
  );
}

const urlOf = (database: string): string => {
  const u = new URL(pgUrl);
  u.pathname = `/${database}`;
  return u.toString();
};

async function admin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** Every table of the public schema: its rows and a hash of them, in an order fixed here. */
async function digests(store: Store): Promise<Record<string, { rows: number; hash: string }>> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(store.db);
  const out: Record<string, { rows: number; hash: string }> = {};
  for (const { table_name } of tables.rows) {
    const rows = (await sql`SELECT * FROM ${sql.table(table_name)}`.execute(store.db)).rows
      .map((r) => JSON.stringify(r))
      .sort();
    out[table_name] = { rows: rows.length, hash: createHash('sha256').update(rows.join('\n')).digest('hex') };
  }
  return out;
}

function sh(command: string, url: string, cwd: string): void {
  const r = spawnSync('sh', ['-c', command], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GRIDVAX_DATABASE_URL: url },
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`${command} exited ${r.status}: ${r.stderr}`);
}

describe.skipIf(!pgUrl || !hasTools)('PostgreSQL backup and restore with pg_dump / pg_restore', () => {
  const suffix = randomBytes(5).toString('hex');
  const source = `gx_backup_test_${suffix}_a`;
  const copy = `gx_backup_test_${suffix}_b`;
  let dir = '';
  const stores: Store[] = [];
  const open = async (database: string): Promise<Store> => {
    const s = await openStore({ dialect: 'postgres', target: urlOf(database), isDefault: false });
    stores.push(s);
    return s;
  };

  afterAll(async () => {
    for (const s of stores) await s.close().catch(() => undefined);
    for (const d of [source, copy]) await admin(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('restores a dump into a fresh database, row for row, and it keeps working', async () => {
    dir = mkdtempSync(join(tmpdir(), 'gridvax-pgdump-'));
    await admin(`CREATE DATABASE ${source}`);
    const a = await open(source);
    await setUpDemo(a, { residents: 1000, seed: 5 });
    const ids = (await a.db.selectFrom('residents').select('id_number').orderBy('id').limit(2).execute()).map(
      (r) => r.id_number,
    );
    await recordVisit(a, await findResident(a.db, ids[0] as string), {
      outcome: 'not-found',
      at: '2021-08-09T09:00:00+08:00',
      channel: 'door',
    });
    // The README's recipe, verbatim.
    expect(PG_DUMP).toBe('pg_dump -Fc --no-owner "$GRIDVAX_DATABASE_URL" > gridvax.dump');
    sh(PG_DUMP, urlOf(source), dir);
    expect(statSync(join(dir, 'gridvax.dump')).size).toBeGreaterThan(0);
    await admin(`CREATE DATABASE ${copy}`);
    sh(PG_RESTORE, urlOf(copy), dir);

    const b = await open(copy); // migrations: nothing left to run
    const before = await digests(a);
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining([
        'residents',
        'screening_visits',
        'dose_records',
        'campaign_residents',
        'kysely_migration',
      ]),
    );
    expect(before['residents']?.rows).toBe(1000);
    expect(await digests(b)).toEqual(before);
    expect(b.pinned()?.toISOString()).toBe(a.pinned()?.toISOString());

    // Sequences came along: new records get fresh numbers in the restored database.
    const stored = await recordVisit(b, await findResident(b.db, ids[1] as string), {
      outcome: 'not-found',
      at: '2021-08-09T09:45:00+08:00',
      channel: 'phone',
    });
    expect(stored.result).toBe('stored');

    // Restoring again over the now-changed copy (--clean) brings it back to the dump.
    sh(PG_RESTORE, urlOf(copy), dir);
    expect(await digests(b)).toEqual(before);
  });
});
