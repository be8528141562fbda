import { DosePools } from './dosePools.js';
import { httpClient } from './httpClient.js';
import type { Identities } from './identities.js';
import { clientPlan, MIX, type Mix, type Route } from './mix.js';
import type { LoadGrid, Population } from './population.js';
import { seeded } from './random.js';
import { Recorder, type RouteFigures } from './recorder.js';

export interface LoadOptions {
  url: string;
  clients: number;
  /** Measured seconds, after the warm-up. */
  seconds: number;
  warmupSeconds: number;
  /** Width of the timeline's buckets. */
  bucketSeconds: number;
  population: Population;
  identities: Identities;
  seed: number;
  mix?: Mix;
}

export interface LoadRun {
  clients: number;
  mix: Mix;
  /** How long opening every client's connection took, before the load (the server idle). */
  connectSeconds: number;
  /** Measured seconds, from the end of the warm-up until the last answer came in. */
  seconds: number;
  warmupSeconds: number;
  routes: RouteFigures[];
  timeline: { fromSecond: number; all: RouteFigures; rps: Record<Route, number> }[];
  /** Writes the server acknowledged, warm-up included (what must be in the database). */
  acked: { doses: number; visits: number; itemsNotStored: number; dosesUnanswered: number };
  /** Why requests failed, with how often. */
  failures: Record<string, number>;
}

/**
 * A closed loop: `clients` clients, each on its own connection with its own grid, send one
 * request, wait for the answer, and send the next at once (no think time), so the load is
 * as much as the server can answer. When the time is up no new request starts and those in
 * flight are waited for, so every write the server acknowledged is counted.
 */
export async function runLoad(o: LoadOptions): Promise<LoadRun> {
  const mix = o.mix ?? MIX;
  const warmupMs = o.warmupSeconds * 1000;
  const recorder = new Recorder(warmupMs, o.bucketSeconds * 1000);
  const doses = new DosePools(o.population.toDose);
  // Client i takes grids i, i + C, i + 2C, …: each grid has one client, and with more clients
  // than grids some share (as two phones on one grid would).
  const gridsOf = (i: number): LoadGrid[] => {
    const all = o.population.grids;
    const own = all.filter((_, j) => j % o.clients === i);
    return own.length > 0 ? own : all.slice(i % all.length, (i % all.length) + 1);
  };
  const clients = Array.from({ length: o.clients }, (_, index) => {
    const next = clientPlan(
      index,
      gridsOf(index),
      o.identities,
      doses,
      seeded(o.seed * 1_000_003 + index),
      mix,
    );
    return { next, http: httpClient(o.url) };
  });
  // Every client opens its connection (GET /healthz) before the clock starts, as phones and
  // browsers keep theirs alive. A saturated Node server accepts one new connection per turn of
  // its event loop (libuv ≥ 1.45), so connections opened under full load wait for seconds to be
  // accepted: that is measured apart, in `connectSeconds`, not mixed into the routes' latency.
  const c0 = performance.now();
  await Promise.all(clients.map((c) => c.http.send({ method: 'GET', path: '/healthz' })));
  const connectSeconds = (performance.now() - c0) / 1000;
  const t0 = performance.now();
  const end = t0 + warmupMs + o.seconds * 1000;

  const client = async ({ next, http }: (typeof clients)[number]): Promise<void> => {
    try {
      while (performance.now() < end) {
        const action = next();
        const started = performance.now();
        try {
          const reply = await http.send(action.request);
          const ms = performance.now() - started;
          const outcome = action.judge(reply);
          // By status, as autocannon counts: a 2xx that is not the expected one is kept in `failures`.
          const kind = reply.status >= 200 && reply.status < 300 ? 'ok' : 'non2xx';
          recorder.record(action.route, started - t0, ms, kind, outcome);
        } catch (e) {
          recorder.record(action.route, started - t0, performance.now() - started, 'error');
          recorder.note(`${action.route}: ${(e as Error).message}`);
        }
      }
    } finally {
      http.close();
    }
  };
  await Promise.all(clients.map(client));

  const seconds = (performance.now() - t0 - warmupMs) / 1000;
  return {
    clients: o.clients,
    mix,
    connectSeconds,
    seconds,
    warmupSeconds: o.warmupSeconds,
    routes: recorder.totals(seconds),
    timeline: recorder.timeline((performance.now() - t0) / 1000),
    acked: { ...recorder.acked },
    failures: Object.fromEntries(recorder.notes),
  };
}
