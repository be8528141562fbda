import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchResult } from '../result.js';
import { startServer, type RunningServer } from '../serverChild.js';

const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const DOSE = { product: 'sinovac', doseNumber: 1, at: '2021-08-09T17:00:00+08:00' };

/** An API token of the demo's commander, made with the CLI on the PostgreSQL database. */
function apiToken(main: string, url: string): string {
  const out = execFileSync(
    process.execPath,
    [main, 'users', 'token', '--username', 'commander', '--name', `pgScale ${Date.now()}`, '--json'],
    { encoding: 'utf8', env: { ...process.env, GRIDVAX_DATABASE_URL: url } },
  );
  return (JSON.parse(out) as { token: string }).token;
}

function load(url: string, body: () => string, seconds: number, token?: string) {
  return autocannon({
    url: `${url}/api/v1/doses`,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
  });
}

async function withServer<T>(start: Promise<RunningServer>, fn: (url: string) => Promise<T>): Promise<T> {
  const server = await start;
  try {
    return await fn(server.url);
  } finally {
    await server.stop();
  }
}

/**
 * Doses through HTTP on PostgreSQL: `gridvax serve` (child, GRIDVAX_DATABASE_URL) loaded by
 * autocannon with POST /api/v1/doses from 50 connections, one undosed resident per request
 * (taken from `next`); floor: the bare Fastify route under the same load.
 */
export async function httpDosesPg(
  databaseUrl: string,
  next: () => string,
  seconds: number,
  doseCount: () => Promise<number>,
): Promise<BenchResult[]> {
  const body = (): string => JSON.stringify({ ...DOSE, idNumber: next() });
  const dir = fileURLToPath(new URL('..', import.meta.url));
  const bare = await withServer(startServer([`${dir}bareServer.js`]), async (url) => {
    await load(url, () => '{}', WARMUP_SECONDS);
    return load(url, () => '{}', seconds);
  });
  const main = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
  const token = apiToken(main, databaseUrl);
  const before = await doseCount();
  const env = { GRIDVAX_DATABASE_URL: databaseUrl, GRIDVAX_LOG_LEVEL: 'error' };
  let warmOk = 0;
  const run = await withServer(startServer([main, 'serve', '--port', '0'], env), async (url) => {
    warmOk = (await load(url, body, WARMUP_SECONDS, token))['2xx'];
    return load(url, body, seconds, token);
  });
  const stored = (await doseCount()) - before;
  const rps = run['2xx'] / run.duration;
  const bareRps = bare['2xx'] / bare.duration;
  const failures = run.non2xx + run.errors;
  const note =
    `gridvax serve (child) on PostgreSQL, ${CONNECTIONS} connections, ${seconds} s after a ${WARMUP_SECONDS} s ` +
    `warm-up, API token of the commander, one undosed open/unscreened resident per request; ${stored} doses ` +
    `stored (warm-up ${warmOk} included; answered 2xx ${run['2xx'] + warmOk}); non-2xx ${run.non2xx}, ` +
    `errors ${run.errors}; floor = bare Fastify route, same load; autocannon, server and PostgreSQL share ` +
    `the machine's 2 cores`;
  return [
    {
      name: 'PG HTTP POST /api/v1/doses: doses/s',
      value: rps,
      unit: 'req/s',
      floor: bareRps,
      ratio: rps / bareRps,
      note,
    },
    {
      name: 'PG HTTP POST /api/v1/doses: p50 latency',
      value: run.latency.p50,
      unit: 'ms',
      floor: bare.latency.p50,
      ...(bare.latency.p50 > 0 ? { ratio: bare.latency.p50 / run.latency.p50 } : {}),
    },
    {
      name: 'PG HTTP POST /api/v1/doses: p99 latency',
      value: run.latency.p99,
      unit: 'ms',
      floor: bare.latency.p99,
      ...(bare.latency.p99 > 0 ? { ratio: bare.latency.p99 / run.latency.p99 } : {}),
    },
    {
      name: 'PG HTTP POST /api/v1/doses: non-2xx + errors',
      value: failures,
      unit: 'responses',
      floor: bare.non2xx + bare.errors,
      note: 'must be 0',
    },
  ];
}
