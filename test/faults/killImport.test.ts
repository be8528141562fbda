import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setUpDemo } from '../../src/demo/setUpDemo.js';
import type { Store } from '../../src/store/openStore.js';
import { CLI } from '../support/cli.js';
import { describeEachStore } from '../support/stores.js';
import { faultDb, type FaultDb } from './faultDb.js';
import { checkIntegrity } from './integrity.js';
import { readModelDrift } from './readModel.js';
import { writeRegister, type RegisterFile } from './register.js';

const ROWS = 20_000;
const POLL_MS = 20;

/**
 * Where each attempt kills the import, counted from the moment it is first seen inside its
 * write transaction, as a fraction of how long a whole import's transaction lasts: at once;
 * half-way; near the end, where it recounts the campaigns for the residents it adds. After the
 * first and the last, the same file is imported again to the end (which measures that length);
 * the second and third import one file twice. If the import ends first, it finishes.
 */
const ATTEMPTS = [
  { killAt: 0, thenComplete: true },
  { killAt: 0.5, thenComplete: false },
  { killAt: 0.8, thenComplete: true },
];

interface Register {
  residents: Set<string>;
  /** Households (county/id) no resident belongs to. */
  emptyHouseholds: number;
  /** Households that residents name and that are not there. */
  missingHouseholds: number;
}

async function register(store: Store): Promise<Register> {
  const households = (await store.db.selectFrom('households').select(['county_code', 'id']).execute()).map(
    (h) => `${h.county_code}/${h.id}`,
  );
  const residents = await store.db
    .selectFrom('residents')
    .select(['county_code', 'id_number', 'household_id'])
    .execute();
  const housed = new Set(
    residents.flatMap((r) => (r.household_id ? [`${r.county_code}/${r.household_id}`] : [])),
  );
  const known = new Set(households);
  return {
    residents: new Set(residents.map((r) => r.id_number)),
    emptyHouseholds: households.filter((h) => !housed.has(h)).length,
    missingHouseholds: [...housed].filter((h) => !known.has(h)).length,
  };
}

interface ImportRun {
  /** Killed, and what it was doing in its write transaction then. */
  killedIn?: string;
  /** From the first sight of its write transaction to the kill, or to the last sight of it. */
  writingMs: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `gridvax import residents`, killing it `killAfterMs` into its write transaction if given. */
async function runImport(db: FaultDb, file: string, killAfterMs?: number): Promise<ImportRun> {
  const child = spawn(process.execPath, [CLI, 'import', 'residents', file, ...db.args, '--json'], {
    env: { ...process.env, ...db.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let exited = false;
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  let since: number | undefined;
  let lastSeen: number | undefined;
  while (!exited) {
    const writing = await db.writing();
    if (writing !== undefined) {
      since ??= Date.now();
      lastSeen = Date.now();
    }
    if (
      writing !== undefined &&
      killAfterMs !== undefined &&
      Date.now() - (since ?? 0) >= killAfterMs &&
      !exited
    ) {
      const writingMs = Date.now() - (since ?? 0);
      child.kill('SIGKILL');
      const code = await exit;
      await db.settled();
      return { ...(code === null ? { killedIn: writing } : {}), writingMs, code, stdout, stderr };
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const code = await exit;
  return { writingMs: (lastSeen ?? 0) - (since ?? 0), code, stdout, stderr };
}

describeEachStore('kill -9 of gridvax import residents', (c) => {
  let db: FaultDb;
  const dir = mkdtempSync(join(tmpdir(), 'gridvax-kill-import-'));

  beforeAll(async () => {
    db = await faultDb(c);
    const store = await db.open();
    await setUpDemo(store, { residents: 2000, seed: 5 }).finally(() => store.close());
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await c.cleanup();
  });

  it('leaves the whole register or none of it, and importing again completes it', async () => {
    const outcomes: string[] = [];
    let killedInside = 0;
    let file: RegisterFile | undefined;
    let before: Register | undefined;
    // How long a whole import writes: measured when one completes, guessed until then.
    let wholeMs = 2000;
    for (const [attempt, { killAt, thenComplete }] of ATTEMPTS.entries()) {
      let store = await db.open();
      try {
        file ??= await writeRegister(store, join(dir, `register-${attempt}.csv`), ROWS, attempt + 1);
        before = await register(store);
      } finally {
        await store.close();
      }

      const run = await runImport(db, file.file, Math.round(killAt * wholeMs));
      if (run.killedIn) killedInside++;
      else expect(run.code, `an import not killed finishes: ${run.stderr}`).toBe(0);

      const integrity = await checkIntegrity(db);
      expect(integrity.problems).toEqual([]);
      let landed: number;
      store = await db.open();
      try {
        const after = await register(store);
        landed = file.idNumbers.filter((n) => after.residents.has(n)).length;
        expect([0, ROWS], 'residents of the file stored').toContain(landed);
        expect(after.residents.size - before.residents.size).toBe(landed);
        expect(after.emptyHouseholds).toBe(before.emptyHouseholds);
        expect(after.missingHouseholds).toBe(0);
        // The campaigns' figures count exactly the residents that are there.
        expect((await readModelDrift(store)).slice(0, 20)).toEqual([]);
      } finally {
        await store.close();
      }
      outcomes.push(
        `attempt ${attempt}: ` +
          (run.killedIn
            ? `killed ${run.writingMs} ms into its write transaction (${run.killedIn})`
            : 'finished') +
          `, ${landed}/${ROWS} residents stored`,
      );
      if (attempt === 0) outcomes.unshift(`integrity: ${integrity.method}`);
      if (landed === ROWS) {
        // In whole: the next attempt needs a file with new residents.
        file = undefined;
        continue;
      }
      if (!thenComplete) continue;

      // Importing the same file again completes it.
      const again = await runImport(db, file.file);
      expect(again.code, again.stderr).toBe(0);
      const summary = JSON.parse(again.stdout) as { imported: number; rejected: number };
      expect(summary).toMatchObject({ imported: ROWS, rejected: 0 });
      wholeMs = again.writingMs;
      store = await db.open();
      try {
        const done = await register(store);
        expect(file.idNumbers.filter((n) => !done.residents.has(n))).toEqual([]);
        expect(done.emptyHouseholds).toBe(before.emptyHouseholds);
      } finally {
        await store.close();
      }
      outcomes[outcomes.length - 1] +=
        `; imported again: ${summary.imported} new (${again.writingMs} ms writing)`;
      file = undefined;
    }
    // At least one kill landed inside the import's writing (the first always aims there).
    expect(killedInside).toBeGreaterThan(0);
    console.log(`kill -9 of import [${db.dialect}]:\n  ${outcomes.join('\n  ')}`);
  }, 150_000);
});
