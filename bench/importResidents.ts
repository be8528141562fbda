/**
 * The register import at a million rows (BENCH_IMPORT_ROWS; 100,000 with BENCH_QUICK=1):
 *
 * - CSV: a generated register (bench/registerFile.ts) imported into a database holding only
 *   Xiangtan County's places, in a child process (`gridvax import residents` as a function).
 *   Floor: the rows that import wrote (grids, households, residents), read back and inserted
 *   into the same empty database with raw better-sqlite3 prepared statements in one
 *   transaction. Aims: ≥ 100,000 rows/s and ≥ 0.4 of the floor.
 * - The same file imported again (every row unchanged): rows/s, no floor.
 * - xlsx: the same register as a workbook (shared strings, as Excel and LibreOffice write
 *   them), imported streamed in a child process: peak RSS (aim < 1 GiB) and rows/s.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { importPlaces, SHIPPED_DIVISIONS } from '../src/app/places/importPlaces.js';
import type { ImportSummary } from '../src/app/imports/importResidents.js';
import { resolveStoreLocation } from '../src/store/dialect.js';
import { openStore } from '../src/store/openStore.js';
import { writeRegisterCsv, writeRegisterXlsx } from './registerFile.js';
import { atLeast, below, ratioAtLeast, type BenchResult } from './result.js';
import { QUICK } from './stats.js';

const ROWS = Number(process.env['BENCH_IMPORT_ROWS'] ?? (QUICK ? 100_000 : 1_000_000));
const MIB = 2 ** 20;

interface ChildRun {
  seconds: number;
  maxRssBytes: number;
  summary: ImportSummary;
}

function importInChild(db: string, file: string, report: string): ChildRun {
  const child = fileURLToPath(new URL('./importChild.js', import.meta.url));
  return JSON.parse(
    execFileSync(process.execPath, [child, db, file, report], { encoding: 'utf8', maxBuffer: 1 << 20 }),
  ) as ChildRun;
}

/** The floor: what the import wrote, inserted again the most direct way. */
function rawInsertSeconds(imported: string, empty: string): { seconds: number; rows: number } {
  const from = new BetterSqlite3(imported, { readonly: true });
  const to = new BetterSqlite3(empty);
  to.pragma('journal_mode = WAL');
  to.pragma('synchronous = FULL');
  to.pragma('foreign_keys = ON');
  to.pragma('cache_size = -65536');
  let seconds = 0;
  let rows = 0;
  to.exec('BEGIN');
  for (const [table, where] of [
    ['places', "WHERE level = 'grid'"],
    ['households', ''],
    ['residents', ''],
  ] as const) {
    const data = from.prepare(`SELECT * FROM ${table} ${where}`).raw().all() as unknown[][];
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

export async function importResidentsBench(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gridvax-bench-import-'));
  try {
    const template = join(dir, 'places.db');
    const store = await openStore(resolveStoreLocation(template, {}));
    await importPlaces(store, SHIPPED_DIVISIONS, ['430321']);
    await store.close();
    const fresh = (name: string): string => {
      const db = join(dir, name);
      copyFileSync(template, db);
      return db;
    };

    const csv = join(dir, 'register.csv');
    await writeRegisterCsv(csv, ROWS);
    const db = fresh('csv.db');
    const first = importInChild(db, csv, join(dir, 'csv-report.xlsx'));
    const floor = rawInsertSeconds(db, fresh('floor.db'));
    const again = importInChild(db, csv, join(dir, 'again-report.xlsx'));

    const xlsx = join(dir, 'register.xlsx');
    await writeRegisterXlsx(xlsx, ROWS);
    const book = importInChild(fresh('xlsx.db'), xlsx, join(dir, 'xlsx-report.xlsx'));

    const s = first.summary;
    const rate = ROWS / first.seconds;
    return [
      {
        name: 'register import (CSV): rows per second',
        value: Math.round(rate),
        unit: 'rows/s',
        floor: Math.round(ROWS / floor.seconds),
        ratio: floor.seconds / first.seconds,
        targets: [atLeast(100_000), ratioAtLeast(0.4)],
        note:
          `${ROWS} rows (${s.imported} imported, ${s.rejected} rejected, ${s.gridsCreated} grids and ` +
          `${s.householdsCreated} households created) in ${first.seconds.toFixed(1)} s; floor = the ${floor.rows} ` +
          `rows it wrote, raw better-sqlite3 prepared inserts in one transaction (${floor.seconds.toFixed(1)} s); ` +
          'aim ≥ 100,000 rows/s and ≥ 0.4',
      },
      {
        name: 'register import (CSV): peak memory (RSS)',
        value: Math.round(first.maxRssBytes / MIB),
        unit: 'MiB',
      },
      {
        name: 'register re-import, all unchanged (CSV): rows per second',
        value: Math.round(ROWS / again.seconds),
        unit: 'rows/s',
        note: `${again.summary.unchanged} unchanged, ${again.summary.updated} updated, ${again.summary.imported} imported`,
      },
      {
        name: 'register import (xlsx, streamed): peak memory (RSS)',
        value: Math.round(book.maxRssBytes / MIB),
        unit: 'MiB',
        targets: [below(1024)],
        note: `${ROWS} rows in one sheet with shared strings; aim < 1024 MiB`,
      },
      {
        name: 'register import (xlsx, streamed): rows per second',
        value: Math.round(ROWS / book.seconds),
        unit: 'rows/s',
        note: `${book.summary.imported} imported in ${book.seconds.toFixed(1)} s`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
