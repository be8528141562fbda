import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { projectFile } from '../src/projectRoot.js';
import { copyOfDb } from './load/dbCopy.js';
import { makeIdentities, type Identities } from './load/identities.js';
import { readPopulation } from './load/population.js';
import { seeded } from './load/random.js';
import { mixFrom, ROUTE_LABEL, ROUTES, type Mix } from './load/mix.js';
import { failuresOf, loadSession, type Session } from './load/session.js';
import { routeTable } from './load/table.js';
import type { BenchResult } from './result.js';
import { QUICK } from './stats.js';

const WARMUP_SECONDS = 5;
/** BENCH_CPU_PROF=DIR: the server child writes a V8 CPU profile there (where the time goes). */
const PROFILE = process.env['BENCH_CPU_PROF'];
const HOST_NOTE =
  'the clients run in the bench process, the server in a child, on the same cores (a shared ' +
  '2-core machine when measured): the figures are a lower bound';

export interface MixedOptions {
  clients: number;
  seconds: number;
  seed?: number;
  mix?: Mix;
  identities?: Identities;
}

/** One mixed load at `clients` clients on `dbPath` (written to: pass a copy). */
export function mixedLoad(dbPath: string, o: MixedOptions): Promise<Session> {
  return loadSession(dbPath, {
    clients: o.clients,
    seconds: o.seconds,
    warmupSeconds: WARMUP_SECONDS,
    bucketSeconds: 10,
    seed: o.seed ?? 1,
    ...(o.mix ? { mix: o.mix } : {}),
    ...(o.identities ? { identities: o.identities } : {}),
    ...(PROFILE ? { profileDir: PROFILE } : {}),
  });
}

/**
 * Issue 9, part 2, as figures for `npm run bench`: a short mixed load (sync 50%, doses 20%,
 * worklist 20%, progress 10%) at 50 clients for 30 s (10 s quick; the full minutes at 50 and
 * 200 clients are `node dist/bench/httpMixed.js`) against `gridvax serve` on `dbPath` (written
 * to). Per route: 2xx/s and p99 (p50 in the note); then failures, which must be 0. Throws if
 * an acknowledged write is missing from the database.
 */
export async function httpMixedBench(
  dbPath: string,
  { clients = 50, seconds = QUICK ? 10 : 30 } = {},
): Promise<BenchResult[]> {
  const s = await mixedLoad(dbPath, { clients, seconds });
  if (!s.stored.ok) throw new Error(`bench httpMixed: ${s.stored.problem}`);
  const at = `${clients} clients`;
  const results: BenchResult[] = [];
  for (const r of s.run.routes) {
    const label = r.route === 'all' ? 'HTTP mixed load, all routes' : `HTTP mixed ${r.label}`;
    results.push(
      {
        name: `${label} (${at}): 2xx/s`,
        value: r.rps,
        unit: 'req/s',
        ...(r.route === 'all'
          ? { note: `${Math.round(s.run.seconds)} s after a ${WARMUP_SECONDS} s warm-up; ${HOST_NOTE}` }
          : {}),
      },
      { name: `${label} (${at}): p99 latency`, value: r.p99, unit: 'ms', note: `p50 ${r.p50} ms` },
    );
  }
  results.push({
    name: `HTTP mixed load (${at}): failures`,
    value: failuresOf(s),
    unit: 'responses',
    note:
      `non-2xx, connection errors and sync items not stored; must be 0; ` +
      `stored vs acknowledged: ${s.stored.ok ? 'ok' : s.stored.problem} (${s.stored.doses} doses, ${s.stored.visits} visits)`,
  });
  return results;
}

function report(s: Session): string {
  const acked = s.run.acked;
  return (
    `\n${s.run.clients} clients (connected in ${s.run.connectSeconds.toFixed(2)} s), ` +
    `${s.run.seconds.toFixed(1)} s measured after a ${s.run.warmupSeconds} s warm-up ` +
    `(${s.population.grids} grids in ${s.population.townships} townships; machine load average ` +
    `${s.loadAverage.start.toFixed(1)} at the start, ${s.loadAverage.end.toFixed(1)} at the end, on ${cpus().length} cores)\n` +
    routeTable(s.run.routes) +
    `stored vs acknowledged (warm-up included): doses ${s.stored.doses} stored / ${acked.doses} acked, ` +
    `visits ${s.stored.visits} stored / ${acked.visits} acked, sync items not stored ${acked.itemsNotStored}: ` +
    `${s.stored.ok ? 'ok' : `MISMATCH ${s.stored.problem}`}\n` +
    Object.entries(s.run.failures)
      .map(([why, n]) => `  failure ×${n}: ${why}\n`)
      .join('')
  );
}

/**
 * `node dist/bench/httpMixed.js`: BENCH_DB (a demo database, copied first; the original is
 * never written), BENCH_CLIENTS=50,200, BENCH_SECONDS=60, BENCH_SEED=1, BENCH_MIX (see mixFrom). Prints a table per
 * client count and writes bench/results/httpMixed.json.
 */
async function main(): Promise<void> {
  const source = process.env['BENCH_DB'];
  if (!source) throw new Error('set BENCH_DB to a demo database (gridvax demo --no-serve --db FILE)');
  const levels = (process.env['BENCH_CLIENTS'] ?? '50,200').split(',').map(Number);
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 60);
  const seed = Number(process.env['BENCH_SEED'] ?? 1);
  const mix = mixFrom(process.env['BENCH_MIX']);
  process.stdout.write(
    `mix: ${ROUTES.filter((r) => mix[r] > 0)
      .map((r) => `${Math.round(mix[r] * 100)}% ${ROUTE_LABEL[r]}`)
      .join(', ')}; closed loop, no think time; ${HOST_NOTE}\n`,
  );
  const db = copyOfDb(source);
  const runs: Session[] = [];
  try {
    const population = readPopulation(db.path, seeded(seed));
    process.stderr.write(`httpMixed: adding a grid member for each of ${population.grids.length} grids …\n`);
    const identities = await makeIdentities(
      db.path,
      population.grids.map((g) => g.code),
      population.townships,
    );
    // The levels run one after the other on the same copy, each with a fresh server.
    for (const clients of levels) {
      process.stderr.write(`httpMixed: ${clients} clients for ${seconds} s …\n`);
      const s = await mixedLoad(db.path, { clients, seconds, seed, mix, identities });
      runs.push(s);
      process.stdout.write(report(s));
    }
  } finally {
    db.remove();
  }
  mkdirSync(projectFile('bench', 'results'), { recursive: true });
  const out = projectFile('bench', 'results', 'httpMixed.json');
  writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), db: source, mix, seed, runs }, null, 2));
  process.stderr.write(`httpMixed: written ${out}\n`);
  if (runs.some((s) => failuresOf(s) > 0 || !s.stored.ok)) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
