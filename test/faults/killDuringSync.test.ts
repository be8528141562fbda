import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { recountCampaign } from '../../src/app/engine/recount.js';
import { progressOf } from '../../src/app/progress/progressOf.js';
import { setUpDemo } from '../../src/demo/setUpDemo.js';
import { resolveStoreLocation } from '../../src/store/dialect.js';
import { openStore } from '../../src/store/openStore.js';
import { CLI } from '../support/cli.js';

/**
 * kill -9 in the middle of a sync batch (5,000 visits, one transaction): after a restart the
 * batch is there whole or not at all, the database passes its integrity check, and the
 * campaign's read model equals a recount from the facts.
 */
describe('kill -9 during a sync batch (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gridvax-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'g.db');

  it('leaves each batch whole or absent, and the database sound', async () => {
    const store = await openStore(resolveStoreLocation(db, {}));
    await setUpDemo(store, { residents: 6000, seed: 3 });
    const idNumbers = (
      await store.db
        .selectFrom('residents')
        .select('id_number')
        .where('status', '=', 'active')
        .limit(5000)
        .execute()
    ).map((r) => r.id_number);
    await store.close();

    const outcomes: string[] = [];
    for (const [attempt, delayMs] of [150, 450, 650, 850, 1200, 3000].entries()) {
      const device = `phone-kill-${attempt}`;
      const file = join(dir, `batch-${attempt}.json`);
      const items = idNumbers.map((idNumber, i) => ({
        kind: 'visit',
        id: randomUUID(),
        idNumber,
        visit: { outcome: 'not-found', at: `2021-08-09T0${1 + (i % 8)}:00:00+08:00`, channel: 'door' },
      }));
      writeFileSync(file, JSON.stringify({ items }));
      const child = spawn(
        process.execPath,
        [CLI, 'sync', '--file', file, '--device', device, '--db', db, '--json'],
        {
          stdio: 'ignore',
        },
      );
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGKILL');
      const code = await exited;

      const check = new BetterSqlite3(db);
      expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = (
        check.prepare('SELECT count(*) AS n FROM screening_visits WHERE device_id = ?').get(device) as {
          n: number;
        }
      ).n;
      check.close();
      expect([0, 5000]).toContain(stored);
      outcomes.push(`${delayMs} ms: ${code === 0 ? 'finished' : 'killed'}, ${stored} stored`);
    }
    expect(outcomes.some((o) => o.includes('killed'))).toBe(true);
    // The read model left by every interrupted or finished batch equals a recount of the facts.
    const reopened = await openStore(resolveStoreLocation(db, {}));
    const before = await progressOf(reopened, 1, '430321', 2);
    await recountCampaign(reopened, 1);
    expect(await progressOf(reopened, 1, '430321', 2)).toEqual(before);
    await reopened.close();
    console.log(`kill -9 during sync: ${outcomes.join('; ')}`);
  });
});
