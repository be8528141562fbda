import { randomUUID } from 'node:crypto';
import { benchVisit } from '../visitInputs.js';
import type { Reply, Request } from './httpClient.js';
import type { Identities } from './identities.js';
import type { DosePools } from './dosePools.js';
import type { LoadGrid } from './population.js';
import { between, type Random } from './random.js';

export const ROUTES = ['sync', 'doses', 'worklist', 'progress'] as const;
export type Route = (typeof ROUTES)[number];

const CAMPAIGN = 1;
export const ROUTE_LABEL: Record<Route, string> = {
  sync: 'POST /api/v1/sync',
  doses: 'POST /api/v1/doses',
  worklist: `GET /api/v1/campaigns/${CAMPAIGN}/worklist?grids=`,
  progress: `GET /api/v1/campaigns/${CAMPAIGN}/progress/{place}?depth=`,
};

/**
 * Shares of the requests, chosen per request by each client. On the busiest evening the
 * writes come from the field: a county has ~2,150 grid members whose phones upload a few
 * doors' visits at a time (sync, half of all requests), and some 20 sites recording doses
 * one at a time (a fifth). A grid member opens the worklist after most uploads to see who is
 * left (a fifth). The command room's screens poll progress (a tenth: few screens, but each
 * read aggregates a whole county, township or village, the most expensive read here).
 */
export type Mix = Record<Route, number>;
export const MIX: Mix = { sync: 0.5, doses: 0.2, worklist: 0.2, progress: 0.1 };

/**
 * BENCH_MIX=`sync=50,doses=20,…` (any weights; a route left out gets none), e.g. `doses=1` to
 * load one route alone and see its own cost; the default MIX without it.
 */
export function mixFrom(text: string | undefined): Mix {
  if (!text) return MIX;
  const mix: Mix = { sync: 0, doses: 0, worklist: 0, progress: 0 };
  for (const part of text.split(',')) {
    const [route, weight] = part.split('=').map((s) => s.trim());
    if (!ROUTES.includes(route as Route) || !(Number(weight) >= 0)) {
      throw new Error(`BENCH_MIX: ${part} is not route=weight (routes: ${ROUTES.join(', ')})`);
    }
    mix[route as Route] = Number(weight);
  }
  const total = ROUTES.reduce((s, r) => s + mix[r], 0);
  if (!(total > 0)) throw new Error('BENCH_MIX: give at least one route a weight');
  for (const r of ROUTES) mix[r] /= total;
  return mix;
}

/** 1–20 visits a batch: what a phone holds after a few doors, not a day's backlog. */
const BATCH = { min: 1, max: 20 };
const DOSE = { product: 'sinovac', doseNumber: 1, at: '2021-08-09T17:00:00+08:00' };

/** What an answer means for the bench: ok (2xx) or not, and which writes it acknowledged. */
export interface Outcome {
  ok: boolean;
  dosesAcked: number;
  visitsAcked: number;
  /** Items of a 200 sync answer that were not stored (rejected, conflict or duplicate). */
  itemsNotStored: number;
  /** Why, when something went wrong (for the report). */
  note?: string;
}

export interface Action {
  route: Route;
  request: Request;
  judge(reply: Reply): Outcome;
}

const plain = (reply: Reply, expected: number): Outcome => ({
  ok: reply.status === expected,
  dosesAcked: 0,
  visitsAcked: 0,
  itemsNotStored: 0,
  ...(reply.status === expected ? {} : { note: `${reply.status} ${reply.body?.slice(0, 300) ?? ''}` }),
});

interface SyncAnswer {
  stored: number;
  duplicates: number;
  rejected: number;
  conflicts: number;
  results: { result: string; error?: { code: string } }[];
}

function judgeSync(reply: Reply): Outcome {
  if (reply.status !== 200) return plain(reply, 200);
  const a = JSON.parse(reply.body ?? '{}') as SyncAnswer;
  const notStored = a.duplicates + a.rejected + a.conflicts;
  const firstError = a.results.find((r) => r.error)?.error?.code;
  return {
    ok: true,
    dosesAcked: 0,
    visitsAcked: a.stored,
    itemsNotStored: notStored,
    ...(notStored ? { note: `sync items not stored: ${notStored} (${firstError ?? 'duplicate'})` } : {}),
  };
}

/**
 * Client `index`'s next request. A client stands for the grid members of its grids, taken in
 * turn (on a busy evening many phones come and go; one kept-alive connection carries them):
 * each request is one of them uploading visits or opening the worklist, the site of that
 * grid's township recording a dose, or the dashboard, chosen at random by the mix.
 */
export function clientPlan(
  index: number,
  grids: readonly LoadGrid[],
  ids: Identities,
  doses: DosePools,
  random: Random,
  mix: Mix = MIX,
): () => Action {
  if (grids.length === 0) throw new Error(`load: client ${index} has no grid`);
  let turn = 0;
  const visited = new Map<string, number>();
  const cumulative = ROUTES.map((_, i) => ROUTES.slice(0, i + 1).reduce((s, r) => s + mix[r], 0));
  const tokenOf = (grid: LoadGrid): string => {
    const token = ids.gridMember.get(grid.code);
    if (!token) throw new Error(`load: no grid member for ${grid.code}`);
    return token;
  };

  const actions: Record<Route, (grid: LoadGrid) => Action> = {
    sync: (grid) => {
      let n = visited.get(grid.code) ?? 0;
      const items = Array.from({ length: between(random, BATCH.min, BATCH.max) }, () => {
        const resident = grid.toVisit[n % grid.toVisit.length];
        const item = { kind: 'visit', id: randomUUID(), resident, visit: benchVisit(n) };
        n++;
        return item;
      });
      visited.set(grid.code, n);
      return {
        route: 'sync',
        request: {
          method: 'POST',
          path: '/api/v1/sync',
          token: tokenOf(grid),
          body: JSON.stringify({ deviceId: `load-phone-${grid.code}`, items }),
          keepBody: true,
        },
        judge: judgeSync,
      };
    },
    doses: (grid) => {
      const next = doses.take(grid.township);
      return {
        route: 'doses',
        request: {
          method: 'POST',
          path: '/api/v1/doses',
          token: ids.siteStaff.get(next.township) as string,
          body: JSON.stringify({ ...DOSE, idNumber: next.idNumber }),
        },
        judge: (reply) => {
          const o = plain(reply, 201);
          return o.ok ? { ...o, dosesAcked: 1 } : o;
        },
      };
    },
    worklist: (grid) => ({
      route: 'worklist',
      request: {
        method: 'GET',
        path: `/api/v1/campaigns/${CAMPAIGN}/worklist?grids=${grid.code}`,
        token: tokenOf(grid),
      },
      judge: (reply) => plain(reply, 200),
    }),
    // The command room drills down: the county's map with its townships and villages, the
    // grid's township, its village; one of the three views each time.
    progress: (grid) => {
      const views = [
        `/api/v1/campaigns/${CAMPAIGN}/progress/${grid.code.slice(0, 6)}?depth=2`,
        `/api/v1/campaigns/${CAMPAIGN}/progress/${grid.township}?depth=1`,
        `/api/v1/campaigns/${CAMPAIGN}/progress/${grid.code.slice(0, 12)}?depth=1`,
      ];
      return {
        route: 'progress',
        request: { method: 'GET', path: views[between(random, 0, 2)] as string, token: ids.analyst },
        judge: (reply) => plain(reply, 200),
      };
    },
  };

  return () => {
    const grid = grids[turn++ % grids.length] as LoadGrid;
    const u = random();
    // The last route with a weight catches what rounding leaves above the last sum.
    const route = ROUTES[cumulative.findIndex((c) => u < c)] ?? ROUTES.findLast((r) => mix[r] > 0) ?? 'sync';
    return actions[route](grid);
  };
}
