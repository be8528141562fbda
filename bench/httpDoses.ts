import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import BetterSqlite3 from 'better-sqlite3';
import { atLeast, below, type BenchResult } from './result.js';
import { startServer, type RunningServer } from './serverChild.js';
import { QUICK } from './stats.js';

const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const DOSE = { product: 'sinovac', doseNumber: 1, at: '2021-08-09T17:00:00+08:00' };

/**
 * ID numbers of residents with no dose yet, open or unscreened in the campaign first (those a
 * site would be vaccinating that evening), then any other active resident without a dose;
 * shuffled, so the writes land all over the county as they would from its sites.
 */
function undosedIdNumbers(dbPath: string): { idNumbers: string[]; preferred: number } {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT r.id_number AS idNumber,
                coalesce(cr.status IN ('open', 'unscreened'), 0) AS preferred
           FROM residents r
           LEFT JOIN campaign_residents cr
             ON cr.campaign_id = 1 AND cr.county_code = r.county_code AND cr.resident_id = r.id
          WHERE r.status = 'active'
            AND NOT EXISTS (SELECT 1 FROM dose_records d
                             WHERE d.county_code = r.county_code AND d.resident_id = r.id)`,
      )
      .all() as { idNumber: string; preferred: number }[];
    const shuffle = <T>(a: T[]): T[] => {
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [a[i], a[j]] = [a[j] as T, a[i] as T];
      }
      return a;
    };
    const first = shuffle(rows.filter((r) => r.preferred === 1).map((r) => r.idNumber));
    const rest = shuffle(rows.filter((r) => r.preferred !== 1).map((r) => r.idNumber));
    return { idNumbers: first.concat(rest), preferred: first.length };
  } finally {
    db.close();
  }
}

/** An API token of the demo's commander, made with the CLI as an operator would. */
function apiToken(main: string, dbPath: string): string {
  const out = execFileSync(
    process.execPath,
    [
      main,
      'users',
      'token',
      '--username',
      'commander',
      '--name',
      `bench ${Date.now()}`,
      '--db',
      dbPath,
      '--json',
    ],
    { encoding: 'utf8' },
  );
  return (JSON.parse(out) as { token: string }).token;
}

function doseCount(dbPath: string): number {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM dose_records').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** One body per request, each for the next resident in the pool (wrapping round once it is used up). */
function bodies(idNumbers: readonly string[]) {
  let next = 0;
  return {
    body: (): string => JSON.stringify({ ...DOSE, idNumber: idNumbers[next++ % idNumbers.length] }),
    used: (): number => next,
  };
}

function load(
  url: string,
  body: () => string,
  limit: { seconds: number } | { amount: number },
  token?: string,
) {
  return autocannon({
    url: `${url}/api/v1/doses`,
    connections: CONNECTIONS,
    ...('amount' in limit ? { amount: limit.amount } : { duration: limit.seconds }),
    method: 'POST',
    // A script's API token (no CSRF token needed): every dose is signed in and audited.
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
  });
}

const LATENCY_NOTE =
  'autocannon counts latency in whole milliseconds, so a floor under 1 ms reads 0 and gets no ratio';
/** floor ÷ value, when both are measurable at autocannon's 1 ms resolution. */
const latencyRatio = (floor: number, value: number): number | undefined =>
  floor > 0 && value > 0 ? floor / value : undefined;

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

const measured = (r: autocannon.Result): Measured => ({
  rps: r['2xx'] / r.duration,
  p50: r.latency.p50,
  p99: r.latency.p99,
  ok: r['2xx'],
  non2xx: r.non2xx,
  errors: r.errors,
  seconds: r.duration,
});

async function withServer<T>(start: Promise<RunningServer>, fn: (url: string) => Promise<T>): Promise<T> {
  const server = await start;
  try {
    return await fn(server.url);
  } finally {
    await server.stop();
  }
}

/**
 * Issue 3, figure 2: doses recorded through the HTTP API. `gridvax serve` runs as a child
 * process on the demo database; autocannon (in this process) POSTs /api/v1/doses, a different
 * undosed resident per request, from 50 connections. Floor: a bare Fastify route under the
 * same load. BENCH_CPU_PROF=DIR writes a CPU profile of the gridvax server there.
 */
export async function httpDosesBench(dbPath: string): Promise<BenchResult[]> {
  // `npm run bench` repeats this BENCH_RUNS times; a run of 20 s reaches a steady rate.
  const seconds = Number(process.env['BENCH_HTTP_SECONDS'] ?? (QUICK ? 10 : 20));
  const pool = undosedIdNumbers(dbPath);
  const dir = fileURLToPath(new URL('.', import.meta.url));

  const bare = await withServer(startServer([`${dir}bareServer.js`]), async (url) => {
    const b = bodies(pool.idNumbers);
    await load(url, b.body, { seconds: WARMUP_SECONDS });
    return measured(await load(url, b.body, { seconds }));
  });

  const before = doseCount(dbPath);
  const profile = process.env['BENCH_CPU_PROF'];
  const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  const token = apiToken(main, dbPath);
  const b = bodies(pool.idNumbers);
  let capped = false;
  let warm: Measured | undefined;
  const grid = await withServer(
    startServer(
      [
        ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
        main,
        'serve',
        '--db',
        dbPath,
        '--port',
        '0',
      ],
      { GRIDVAX_LOG_LEVEL: 'error' },
    ),
    async (url) => {
      warm = measured(await load(url, b.body, { seconds: WARMUP_SECONDS }, token));
      // Each request needs a resident not dosed yet: if the pool might run dry before the time
      // is up (a small demo), send exactly what is left instead of running for the time.
      const left = pool.idNumbers.length - b.used() - CONNECTIONS;
      capped = left < warm.rps * seconds * 1.5;
      return measured(await load(url, b.body, capped ? { amount: left } : { seconds }, token));
    },
  );
  const stored = doseCount(dbPath) - before;
  // autocannon drops its connections when the time is up: the requests then in flight (at most
  // one per connection per run) are stored without their answer being counted.
  const answered = grid.ok + (warm?.ok ?? 0);
  if (stored < answered || stored > answered + 2 * CONNECTIONS) {
    throw new Error(`bench httpDoses: ${answered} doses answered 2xx but ${stored} stored`);
  }

  const failures = grid.non2xx + grid.errors + (warm?.non2xx ?? 0) + (warm?.errors ?? 0);
  const host =
    'autocannon runs in the bench process, the server in a child: load generator and server share ' +
    'the machine’s cores';
  return [
    {
      name: 'HTTP POST /api/v1/doses: doses/s',
      value: grid.rps,
      unit: 'req/s',
      floor: bare.rps,
      ratio: grid.rps / bare.rps,
      targets: [atLeast(2000)],
      note:
        `gridvax serve (child, SQLite, group commit) on the demo db; ${CONNECTIONS} connections, ` +
        `${capped ? `${grid.ok + grid.non2xx} requests (the undosed pool's rest)` : `${seconds} s`} after a ` +
        `${WARMUP_SECONDS} s warm-up; one undosed resident per request (sinovac dose 1; ${pool.idNumbers.length} ` +
        `in the pool, ${pool.preferred} open/unscreened); ${stored} doses stored (warm-up included), ` +
        `matching the 2xx answers plus those in flight at the cut-off; ` +
        `floor = bare Fastify POST route answering {ok:true}, same load; ${host}; target ≥ 2,000/s`,
    },
    {
      name: 'HTTP POST /api/v1/doses: p50 latency',
      value: grid.p50,
      unit: 'ms',
      floor: bare.p50,
      ratio: latencyRatio(bare.p50, grid.p50),
      note: LATENCY_NOTE,
    },
    {
      name: 'HTTP POST /api/v1/doses: p99 latency',
      value: grid.p99,
      unit: 'ms',
      floor: bare.p99,
      ratio: latencyRatio(bare.p99, grid.p99),
      targets: [below(50)],
      note: `target < 50 ms; ${LATENCY_NOTE}`,
    },
    {
      name: 'HTTP POST /api/v1/doses: non-2xx + errors',
      value: failures,
      unit: 'responses',
      floor: bare.non2xx + bare.errors,
      targets: [below(1)],
      note:
        `non-2xx ${grid.non2xx + (warm?.non2xx ?? 0)}, connection errors and timeouts ` +
        `${grid.errors + (warm?.errors ?? 0)}, warm-up included (bare: ${bare.non2xx}, ${bare.errors}); must be 0`,
    },
  ];
}
