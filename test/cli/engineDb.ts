import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/openStore.js';
import { GRIDS, smallCounty, type TestResident } from '../support/county.js';
import { gridvax, jsonLines, type CliResult } from '../support/cli.js';

/** The evening the engine tests are pinned to (18:00 in Asia/Shanghai), as in the demo. */
export const EVENING = new Date('2021-08-09T10:00:00.000Z');

/**
 * The residents of the small county the CLI tests drive: four eligible for a 12+ campaign, one
 * child who is not. Resident n has ID number `ids[n - 1]`.
 */
export const RESIDENTS: readonly TestResident[] = [
  { grid: GRIDS[0], birthDate: '1950-03-01' }, // 1: 71, 60+
  { grid: GRIDS[0], birthDate: '1985-07-15' }, // 2
  { grid: GRIDS[0], birthDate: '2015-01-01' }, // 3: a child, ineligible
  { grid: GRIDS[1], birthDate: '1990-12-31' }, // 4
  { grid: GRIDS[2], birthDate: '1960-06-06' }, // 5: 61, 60+
];

export interface EngineDb {
  file: string;
  ids: string[];
  /** Runs the built CLI against this database (`--db` appended). */
  run(args: readonly string[]): CliResult;
  /** Runs it with `--json` and parses the lines; fails the test on a non-zero exit. */
  json(args: readonly string[]): Record<string, unknown>[];
  remove(): void;
}

/**
 * A SQLite file with Xiangtan County's places, three grids and the residents above, its "now"
 * pinned to EVENING; set up in-process (faster than a CLI spawn per resident), then closed so
 * that only the CLI has it open.
 */
export async function engineDb(residents: readonly TestResident[] = RESIDENTS): Promise<EngineDb> {
  const dir = mkdtempSync(join(tmpdir(), 'gridvax-cli-'));
  const file = join(dir, 'gridvax.db');
  const store = await openStore({ dialect: 'sqlite', target: file, isDefault: false });
  let ids: string[];
  try {
    await store.pinNow(EVENING);
    ids = await smallCounty(store, residents);
  } finally {
    await store.close();
  }
  const run = (args: readonly string[]): CliResult => gridvax([...args, '--db', file]);
  return {
    file,
    ids,
    run,
    json(args) {
      const r = run([...args, '--json']);
      if (r.code !== 0) throw new Error(`gridvax ${args.join(' ')} exited ${r.code}: ${r.stdout}${r.stderr}`);
      return jsonLines(r.stdout);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The first-dose campaign the tests use, created through the CLI; returns its id. */
export function createFirstDoseCampaign(db: EngineDb): number {
  const [c] = db.json([
    'campaign',
    'create',
    '--name',
    '第一剂次接种',
    '--target',
    'first-dose',
    '--min-age',
    '12',
    '--as-of',
    '2021-08-09',
    '--start',
    '2021-07-20',
    '--deadline',
    '2021-08-31',
  ]);
  return Number(c?.['id']);
}
