import { execFileSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { openStore } from '../src/store/openStore.js';
import { resolveStoreLocation } from '../src/store/dialect.js';
import { ratioAtLeast, type BenchResult } from './result.js';

/** Tables the demo writes, in an order that satisfies their foreign keys. */
const TABLES = [
  'places',
  'campaigns',
  'task_allocations',
  'households',
  'residents',
  'screening_visits',
  'dose_records',
];

/**
 * The floor: every row the demo wrote, read back into memory table by table, then inserted
 * into an empty database of the same schema with one prepared statement per table inside one
 * transaction. Only the inserts are timed.
 */
async function rawInsertSeconds(source: string, target: string): Promise<{ seconds: number; rows: number }> {
  const empty = await openStore(resolveStoreLocation(target, {}));
  await empty.close();
  const from = new BetterSqlite3(source, { readonly: true });
  const to = new BetterSqlite3(target);
  to.pragma('journal_mode = WAL');
  to.pragma('synchronous = FULL');
  to.pragma('foreign_keys = ON');
  to.pragma('cache_size = -65536');
  let seconds = 0;
  let rows = 0;
  to.exec('BEGIN');
  for (const table of TABLES) {
    const data = from.prepare(`SELECT * FROM ${table}`).raw().all() as unknown[][];
    const width = data[0]?.length ?? 0;
    if (width === 0) continue;
    const insert = to.prepare(`INSERT INTO ${table} VALUES (${Array(width).fill('?').join(',')})`);
    const t0 = performance.now();
    for (const row of data) insert.run(row);
    seconds += (performance.now() - t0) / 1000;
    rows += data.length;
  }
  const t0 = performance.now();
  to.exec('COMMIT');
  seconds += (performance.now() - t0) / 1000;
  from.close();
  to.close();
  return { seconds, rows };
}

function fileBytes(path: string): number {
  let n = 0;
  for (const suffix of ['', '-wal']) {
    try {
      n += statSync(path + suffix).size;
    } catch {
      // no WAL file left: nothing to add
    }
  }
  return n;
}

/**
 * Builds the demo county into `db` (a new file) in a child process, and leaves it there for the
 * benchmarks that follow; the floor's own database is made beside it and removed.
 */
export async function demoBuild(db: string, residents: number, seed: number): Promise<BenchResult[]> {
  const child = fileURLToPath(new URL('./demoBuildChild.js', import.meta.url));
  const out = JSON.parse(
    execFileSync(process.execPath, [child, db, String(residents), String(seed)], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    }),
  ) as { seconds: number; maxRssBytes: number };
  const checkpoint = new BetterSqlite3(db);
  checkpoint.pragma('wal_checkpoint(TRUNCATE)');
  checkpoint.close();
  const bytes = fileBytes(db);
  const raw = `${db}.raw`;
  let floor: { seconds: number; rows: number };
  try {
    floor = await rawInsertSeconds(db, raw);
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(raw + suffix, { force: true });
  }
  const rowsPerSecond = floor.rows / out.seconds;
  return [
    {
      name: 'demo build: rows written per second',
      value: Math.round(rowsPerSecond),
      unit: 'rows/s',
      floor: Math.round(floor.rows / floor.seconds),
      ratio: rowsPerSecond / (floor.rows / floor.seconds),
      targets: [ratioAtLeast(0.5)],
      note: `${floor.rows} rows for ${residents} residents; floor = raw better-sqlite3 prepared inserts of the same rows; aim ≥ 0.5`,
    },
    {
      name: 'demo build: wall time',
      value: out.seconds,
      unit: 's',
      floor: floor.seconds,
      ratio: floor.seconds / out.seconds,
    },
    { name: 'demo build: peak memory (RSS)', value: Math.round(out.maxRssBytes / 2 ** 20), unit: 'MiB' },
    { name: 'demo build: database bytes per resident', value: Math.round(bytes / residents), unit: 'B' },
  ];
}
