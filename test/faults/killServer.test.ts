import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer } from '../../bench/serverChild.js';
import { setUpDemo } from '../../src/demo/setUpDemo.js';
import type { Store } from '../../src/store/openStore.js';
import { CLI, gridvax } from '../support/cli.js';
import { describeEachStore } from '../support/stores.js';
import { faultDb, type FaultDb } from './faultDb.js';
import { checkIntegrity } from './integrity.js';
import { readModelDrift } from './readModel.js';
import { startWriteLoad, type WriteLoad } from './writeLoad.js';

/**
 * Each round starts the server on the same database, writes until some writes are acknowledged
 * plus a different pause, then kills it: early in its life, in full flow, and later. What
 * differs between rounds is only where the kill lands; the invariants checked are the same.
 */
const ROUNDS = [
  { ackedBeforeKill: 10, pauseMs: 0 },
  { ackedBeforeKill: 30, pauseMs: 100 },
  { ackedBeforeKill: 60, pauseMs: 250 },
];
const TAG = 'kill9';

/** Residents of the demo who may take a first dose (no dose yet, open or unscreened, adult). */
async function undosedResidents(store: Store): Promise<string[]> {
  const rows = await store.db
    .selectFrom('residents as r')
    .innerJoin('campaign_residents as cr', (j) =>
      j.onRef('cr.county_code', '=', 'r.county_code').onRef('cr.resident_id', '=', 'r.id'),
    )
    .select('r.id_number')
    .where('cr.campaign_id', '=', 1)
    .where('cr.status', 'in', ['open', 'unscreened'])
    .where('r.status', '=', 'active')
    .where('r.birth_date', '<', '2003-01-01')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('dose_records as d')
            .select('d.id')
            .whereRef('d.county_code', '=', 'r.county_code')
            .whereRef('d.resident_id', '=', 'r.id'),
        ),
      ),
    )
    .orderBy('r.id')
    .execute();
  return rows.map((r) => r.id_number);
}

interface WritesFound {
  dosesAcked: number;
  dosesLostStored: number;
  dosesLostAbsent: number;
  batchesAcked: number;
  batchesLostWhole: number;
  batchesLostAbsent: number;
}

const describeFound = (f: WritesFound): string =>
  `doses ${f.dosesAcked} acknowledged, all stored; ${f.dosesLostStored + f.dosesLostAbsent} unanswered: ` +
  `${f.dosesLostStored} stored, ${f.dosesLostAbsent} absent. Sync batches ${f.batchesAcked} acknowledged, ` +
  `all stored whole; ${f.batchesLostWhole + f.batchesLostAbsent} unanswered: ${f.batchesLostWhole} whole, ` +
  `${f.batchesLostAbsent} absent`;

/** Every write of the round checked against what is stored; answers what it found. */
async function checkWrites(store: Store, load: WriteLoad): Promise<WritesFound> {
  const doses = new Map(
    (
      await store.db
        .selectFrom('dose_records as d')
        .innerJoin('residents as r', (j) =>
          j.onRef('r.county_code', '=', 'd.county_code').onRef('r.id', '=', 'd.resident_id'),
        )
        .select(['d.id', 'r.id_number'])
        .execute()
    ).map((d) => [d.id, d.id_number]),
  );
  const visits = new Set(
    (
      await store.db
        .selectFrom('screening_visits')
        .select('id')
        .where('device_id', 'like', `${TAG}-%`)
        .execute()
    ).map((v) => v.id),
  );
  const logged = new Set(
    (await store.db.selectFrom('change_log').select('entity_id').execute()).map((c) => c.entity_id),
  );
  const n = { dosesAcked: 0, dosesLostStored: 0, dosesLostAbsent: 0 };
  const m = { batchesAcked: 0, batchesLostWhole: 0, batchesLostAbsent: 0 };

  for (const d of load.doses) {
    const stored = doses.get(d.id);
    // A stored record is whole: the dose for the resident it was sent for, in the change log.
    if (stored !== undefined) expect(stored, `dose ${d.id}`).toBe(d.idNumber);
    expect(logged.has(d.id), `dose ${d.id} in the change log`).toBe(stored !== undefined);
    if (d.answer === 'acked') {
      expect(stored, `acknowledged dose ${d.id} is stored`).toBe(d.idNumber);
      n.dosesAcked++;
    } else if (stored) n.dosesLostStored++;
    else n.dosesLostAbsent++;
  }
  for (const b of load.batches) {
    const stored = b.ids.filter((id) => visits.has(id)).length;
    for (const id of b.ids) expect(logged.has(id), `visit ${id} in the change log`).toBe(visits.has(id));
    if (b.answer === 'acked') {
      expect(stored, `acknowledged batch of ${b.deviceId}: visits stored`).toBe(b.ids.length);
      m.batchesAcked++;
    } else {
      expect([0, b.ids.length], `unanswered batch of ${b.deviceId}: whole or absent`).toContain(stored);
      if (stored) m.batchesLostWhole++;
      else m.batchesLostAbsent++;
    }
  }
  return { ...n, ...m };
}

describeEachStore('kill -9 of gridvax serve during sustained writes', (c) => {
  let db: FaultDb;
  let token = '';
  let undosed: string[] = [];
  let visitable: string[] = [];

  beforeAll(async () => {
    db = await faultDb(c);
    const store = await db.open();
    try {
      await setUpDemo(store, { residents: 2500, seed: 9 });
      undosed = await undosedResidents(store);
      visitable = (
        await store.db
          .selectFrom('residents')
          .select('id_number')
          .where('status', '=', 'active')
          .orderBy('id')
          .execute()
      ).map((r) => r.id_number);
    } finally {
      await store.close();
    }
    const made = gridvax(
      ['users', 'token', '--username', 'commander', '--name', 'kill -9 test', '--json', ...db.args],
      { env: db.env },
    );
    expect(made.code, made.stderr).toBe(0);
    token = (JSON.parse(made.stdout) as { token: string }).token;
  });
  afterAll(() => c.cleanup());

  it('keeps every acknowledged dose and sync batch, each write whole, the database sound', async () => {
    let next = 0;
    const outcomes: string[] = [];
    for (const [round, { ackedBeforeKill, pauseMs }] of ROUNDS.entries()) {
      const server = await startServer([CLI, 'serve', ...db.args, '--port', '0'], {
        ...db.env,
        GRIDVAX_LOG_LEVEL: 'error',
      });
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      const load = startWriteLoad({
        url: server.url,
        token,
        tag: `${TAG}-r${round}`,
        doseClients: 4,
        syncClients: 3,
        batchSize: 100,
        nextUndosed: () => undosed[next++],
        visitable,
      });
      await Promise.race([load.untilAcked(ackedBeforeKill), load.done]);
      await new Promise((r) => setTimeout(r, pauseMs));
      const ackedAtKill = load.acked();
      const inFlight = load.inFlight();
      server.child.kill('SIGKILL');
      await exited;
      await load.done;
      await db.settled();

      // No write was refused: every answer before the kill was a 2xx.
      const refused = [...load.doses, ...load.batches].filter((w) => w.answer === 'refused');
      expect(refused.map((w) => w.why)).toEqual([]);
      // The kill landed mid-work: writes had been acknowledged, and others were still waiting.
      expect(ackedAtKill).toBeGreaterThanOrEqual(ackedBeforeKill);
      expect(inFlight).toBeGreaterThan(0);

      const integrity = await checkIntegrity(db);
      expect(integrity.problems).toEqual([]);
      const store = await db.open();
      try {
        const found = await checkWrites(store, load);
        // Writes were cut off by the kill (each client always has one waiting for its answer).
        expect(
          found.dosesLostStored + found.dosesLostAbsent + found.batchesLostWhole + found.batchesLostAbsent,
        ).toBeGreaterThan(0);
        expect((await readModelDrift(store)).slice(0, 20)).toEqual([]);
        outcomes.push(
          `round ${round} (killed after ${ackedAtKill} acknowledged, ${inFlight} in flight): ${describeFound(found)}`,
        );
      } finally {
        await store.close();
      }
      if (round === 0) outcomes.unshift(`integrity: ${integrity.method}`);
    }
    console.log(`kill -9 of serve [${db.dialect}]:\n  ${outcomes.join('\n  ')}`);
  }, 150_000);
});
