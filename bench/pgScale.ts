/**
 * Issue 9, part 6: the engine on PostgreSQL at province-county scale (the 5,000,000-resident
 * demo). Run on a copy of a built demo database, since it writes visits and doses:
 *
 *   GRIDVAX_DATABASE_URL=postgres://…/gridvax5m_bench node dist/bench/pgScale.js
 *
 * Prints the table and writes bench/results/pgScale.json. BENCH_QUICK=1 for a short run;
 * PGSCALE_HTTP=0 skips the HTTP load, PGSCALE_PROVINCE=0 the province-wide read (which needs
 * Hunan's division files, PGSCALE_DIVISIONS, default /work/shared/data/divisions-hunan).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { DEMO_COUNTY } from '../src/demo/setUpDemo.js';
import { projectFile } from '../src/projectRoot.js';
import { resolveStoreLocation } from '../src/store/dialect.js';
import { openStore, type Store } from '../src/store/openStore.js';
import type { ResidentRow } from '../src/store/residentQueries.js';
import { dosesPg } from './pg/dosesPg.js';
import { httpDosesPg } from './pg/httpPg.js';
import { progressPg } from './pg/progressPg.js';
import { provinceReadBench } from './pg/provinceRead.js';
import { syncPg } from './pg/syncPg.js';
import { benchTable } from './table.js';
import type { BenchResult } from './result.js';
import { QUICK } from './stats.js';

const CONCURRENCY = 50;
/** Hunan's official division codes (counties, townships, villages), shared with the project. */
const DIVISIONS = process.env['PGSCALE_DIVISIONS'] ?? '/work/shared/data/divisions-hunan';

/** Undosed residents open or unscreened in the campaign, shuffled: those a site doses tonight. */
async function undosed(store: Store, limit: number): Promise<ResidentRow[]> {
  const r = await sql<ResidentRow>`
    SELECT r.* FROM campaign_residents cr
      JOIN residents r ON r.county_code = cr.county_code AND r.id = cr.resident_id
     WHERE cr.campaign_id = 1 AND cr.status IN ('open', 'unscreened') AND r.status = 'active'
       AND NOT EXISTS (SELECT 1 FROM dose_records d WHERE d.county_code = r.county_code AND d.resident_id = r.id)
     ORDER BY random() LIMIT ${limit}`.execute(store.db);
  return r.rows;
}

async function scaleFacts(pool: pg.Pool): Promise<BenchResult> {
  const r = await pool.query<{
    residents: string;
    grids: string;
    visits: string;
    doses: string;
    bytes: string;
  }>(
    `SELECT (SELECT count(*) FROM residents) AS residents,
            (SELECT count(*) FROM places WHERE level = 'grid') AS grids,
            (SELECT count(*) FROM screening_visits) AS visits,
            (SELECT count(*) FROM dose_records) AS doses,
            pg_database_size(current_database()) AS bytes`,
  );
  const f = r.rows[0];
  const version = (await pool.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '';
  return {
    name: 'PG database under test: residents',
    value: Number(f?.residents),
    unit: 'residents',
    note:
      `${f?.grids} grids, ${f?.visits} visits, ${f?.doses} doses, ` +
      `${(Number(f?.bytes) / 2 ** 20).toFixed(0)} MiB before this run; ${version.split(',')[0]}`,
  };
}

export async function pgScaleBench(databaseUrl: string): Promise<BenchResult[]> {
  const store = await openStore(resolveStoreLocation(undefined, { GRIDVAX_DATABASE_URL: databaseUrl }));
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const step = (what: string): void => void process.stderr.write(`pgScale: ${what} …\n`);
  try {
    const results: BenchResult[] = [await scaleFacts(pool)];
    step('progress of the county, at rest and while writing');
    results.push(...(await progressPg(store, pool, QUICK ? 10 : 50)));
    step('sync batches of 5,000 visits');
    results.push(...(await syncPg(store, pool)));
    step('undosed residents for the dose benchmarks');
    const residents = await undosed(store, QUICK ? 40_000 : 150_000);
    let next = 0;
    const take = (): ResidentRow => {
      const r = residents[next++];
      if (!r) throw new Error(`bench pgScale: the ${residents.length} undosed residents are used up`);
      return r;
    };
    step('recordDose, sequential and concurrent');
    results.push(...(await dosesPg(store, pool, take, QUICK ? 5 : 20, CONCURRENCY)));
    if (process.env['PGSCALE_HTTP'] !== '0') {
      step('HTTP doses through gridvax serve');
      const count = async (): Promise<number> =>
        Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM dose_records')).rows[0]?.n);
      results.push(...(await httpDosesPg(databaseUrl, () => take().id_number, QUICK ? 10 : 30, count)));
    }
    if (process.env['PGSCALE_PROVINCE'] !== '0') {
      step("province-wide progress over Hunan's divisions (a throw-away schema)");
      results.push(...(await provinceReadBench(databaseUrl, DIVISIONS, QUICK ? 5 : 20)));
    }
    return results;
  } finally {
    await pool.end();
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.env['GRIDVAX_DATABASE_URL'];
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    process.stderr.write(
      'pgScale: set GRIDVAX_DATABASE_URL=postgres://… (a copy of a built demo database)\n',
    );
    process.exit(2);
  }
  const results = await pgScaleBench(url);
  process.stdout.write(benchTable(results));
  mkdirSync(projectFile('bench', 'results'), { recursive: true });
  const out = projectFile('bench', 'results', 'pgScale.json');
  const where = new URL(url);
  where.password = '';
  writeFileSync(
    out,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        database: where.toString(),
        county: DEMO_COUNTY,
        quick: QUICK,
        results,
      },
      null,
      2,
    ),
  );
  process.stderr.write(`pgScale: written ${out}\n`);
}
