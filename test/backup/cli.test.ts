import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpDemo } from '../../src/demo/setUpDemo.js';
import { projectFile } from '../../src/projectRoot.js';
import { openStore } from '../../src/store/openStore.js';
import { CLI, gridvax, jsonLines, type CliResult } from '../support/cli.js';
import { integrityOf, tableDigests, until, writerVisitsIn } from './support.js';

const dist = (...parts: string[]): string => pathToFileURL(projectFile('dist', 'src', ...parts)).href;

/**
 * A second process writing visits one after another, as a server does while grid members
 * report: the built code, its own connection. Prints each visit's id once it is committed.
 */
const WRITER = `
import { randomUUID } from 'node:crypto';
import { openStore } from '${dist('store', 'openStore.js')}';
import { findResident } from '${dist('app', 'records', 'findResident.js')}';
import { recordVisit } from '${dist('app', 'records', 'recordVisit.js')}';
const store = await openStore({ dialect: 'sqlite', target: process.env.GX_FILE, isDefault: false });
const ids = process.env.GX_IDS.split(',');
let stop = false;
process.on('SIGTERM', () => { stop = true; });
for (let i = 0; !stop; i++) {
  const resident = await findResident(store.db, ids[i % ids.length]);
  const id = randomUUID();
  await recordVisit(store, resident, { outcome: 'not-found', at: '2021-08-09T09:00:00+08:00', channel: 'door' },
    { id, deviceId: process.env.GX_DEVICE });
  process.stdout.write(id + '\\n');
}
await store.close();
`;

/** The CLI without blocking this process (the writer's output must keep being read). */
function gridvaxAsync(args: readonly string[]): Promise<CliResult> {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env['GRIDVAX_DATABASE_URL'];
  const child = spawn(process.execPath, [CLI, ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

describe('gridvax backup and restore', () => {
  let dir: string;
  let db: string;
  let idNumbers: string[];

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does).`);
    dir = mkdtempSync(join(tmpdir(), 'gridvax-backup-cli-'));
    db = join(dir, 'live.db');
    const store = await openStore({ dialect: 'sqlite', target: db, isDefault: false });
    try {
      await setUpDemo(store, { residents: 1000, seed: 3 });
      idNumbers = (
        await store.db.selectFrom('residents').select('id_number').orderBy('id').limit(100).execute()
      ).map((r) => r.id_number);
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('backs up while another process writes, and restores exactly what was backed up', async () => {
    const device = 'cli-writer';
    const writer = spawn(process.execPath, ['--input-type=module', '-e', WRITER], {
      env: { ...process.env, GX_FILE: db, GX_IDS: idNumbers.join(','), GX_DEVICE: device },
    });
    const written: string[] = [];
    let err = '';
    let buffered = '';
    writer.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      written.push(...lines);
    });
    writer.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => writer.on('close', resolve));
    let backup: CliResult;
    try {
      await until(() => written.length >= 20 || err !== '', 'the writer to get going');
      expect(err).toBe('');
      const before = written.length;
      backup = await gridvaxAsync(['backup', '--db', db, '--out', join(dir, 'online.gridvax'), '--json']);
      const atEnd = written.length;
      await until(() => written.length >= atEnd + 5, 'writes after the backup');
      expect(backup.code, backup.stderr).toBe(0);
      const k = writerVisitsIn(join(dir, 'online.gridvax'), device).visits;
      expect(k.size).toBeGreaterThanOrEqual(before);
      expect([...k].sort()).toEqual(written.slice(0, k.size).sort());
    } finally {
      writer.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    const [report] = jsonLines(backup.stdout);
    expect(report).toMatchObject({
      file: join(dir, 'online.gridvax'),
      integrity: 'ok',
      counts: { residents: 1000 },
    });
    expect(Object.keys(report ?? {}).sort()).toEqual(
      ['bytes', 'counts', 'file', 'integrity', 'restarts', 'schemaVersion'].sort(),
    );

    const restored = join(dir, 'restored.db');
    const r = gridvax(['restore', join(dir, 'online.gridvax'), '--db', restored, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({
      target: restored,
      replaced: false,
      pendingMigrations: [],
      counts: report?.['counts'],
    });
    expect(integrityOf(restored)).toBe('ok');
    expect(tableDigests(restored)).toEqual(tableDigests(join(dir, 'online.gridvax')));
    // The restored database is one the other commands open.
    const stats = gridvax(['stats', '--db', restored, '--json']);
    expect(stats.code).toBe(0);
    expect(jsonLines(stats.stdout)[0]).toMatchObject({ residents: 1000 });
  });

  it('refuses to overwrite a file or a database unless --force (exit 5)', () => {
    const out = join(dir, 'twice.gridvax');
    expect(gridvax(['backup', '--db', db, '--out', out]).code).toBe(0);
    const again = gridvax(['backup', '--db', db, '--out', out, '--json']);
    expect(again.code).toBe(5);
    expect(jsonLines(again.stdout)[0]).toMatchObject({ error: { code: 'backup.exists', field: 'out' } });
    const forced = gridvax(['backup', '--db', db, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/integrity ok/);

    const target = join(dir, 'target.db');
    expect(gridvax(['restore', out, '--db', target]).code).toBe(0);
    const over = gridvax(['restore', out, '--db', target]);
    expect(over.code).toBe(5);
    expect(over.stderr).toMatch(/--force/);
    const replaced = gridvax(['restore', out, '--db', target, '--force', '--json']);
    expect(replaced.code).toBe(0);
    expect(jsonLines(replaced.stdout)[0]).toMatchObject({ replaced: true });
  });

  it('refuses a file that is not a database with one line (exit 3), and leaves no target', () => {
    const text = join(dir, 'readme.txt');
    writeFileSync(text, 'hello\n');
    const target = join(dir, 'never.db');
    const r = gridvax(['restore', text, '--db', target]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not a SQLite database/);
    expect(existsSync(target)).toBe(false);
    const j = gridvax(['restore', text, '--db', target, '--json']);
    expect(j.code).toBe(3);
    expect(jsonLines(j.stdout)[0]).toMatchObject({ error: { code: 'restore.not-sqlite', field: 'file' } });
    expect(gridvax(['restore', join(dir, 'absent.gridvax'), '--db', target]).code).toBe(4);
  });

  it('exit codes: no database to back up (4), no --out (2)', () => {
    const missing = gridvax(['backup', '--db', join(dir, 'absent.db'), '--out', join(dir, 'x.gridvax')]);
    expect(missing.code).toBe(4);
    expect(existsSync(join(dir, 'absent.db'))).toBe(false); // not created by the attempt
    expect(gridvax(['backup', '--db', db]).code).toBe(2);
  });

  it('points PostgreSQL users to pg_dump and pg_restore (exit 3)', () => {
    const env = { GRIDVAX_DATABASE_URL: 'postgres://gridvax:secret@127.0.0.1:1/none' };
    const b = gridvax(['backup', '--out', join(dir, 'pg.dump')], { env });
    expect(b.code).toBe(3);
    expect(b.stderr).toContain('pg_dump -Fc --no-owner');
    expect(b.stderr).toContain('Backup and restore');
    expect(b.stderr).not.toContain('secret');
    const r = gridvax(['restore', join(dir, 'pg.dump'), '--json'], { env });
    expect(r.code).toBe(3);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ error: { code: 'restore.postgres' } });
    expect(readFileSync(projectFile('README.md'), 'utf8')).toContain('## Backup and restore');
  });
});
