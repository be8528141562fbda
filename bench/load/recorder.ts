import { quantile } from '../stats.js';
import { ROUTE_LABEL, ROUTES, type Outcome, type Route } from './mix.js';

export type Kind = 'ok' | 'non2xx' | 'error';

/** Figures of one route (or all of them) over a stretch of time. */
export interface RouteFigures {
  route: Route | 'all';
  label: string;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** 2xx answers per second. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
}

interface Tally {
  ok: number;
  non2xx: number;
  errors: number;
  ms: number[];
}

const tally = (): Tally => ({ ok: 0, non2xx: 0, errors: 0, ms: [] });

function figures(route: Route | 'all', tallies: readonly Tally[], seconds: number): RouteFigures {
  const ms = tallies.flatMap((t) => t.ms);
  const sum = (k: 'ok' | 'non2xx' | 'errors'): number => tallies.reduce((s, t) => s + t[k], 0);
  const round = (n: number): number => Math.round(n * 100) / 100;
  return {
    route,
    label: route === 'all' ? 'all routes' : ROUTE_LABEL[route],
    requests: ms.length,
    ok: sum('ok'),
    non2xx: sum('non2xx'),
    errors: sum('errors'),
    rps: round(sum('ok') / seconds),
    p50: round(quantile(ms, 0.5)),
    p99: round(quantile(ms, 0.99)),
    max: round(ms.reduce((m, v) => Math.max(m, v), 0)),
  };
}

/** The figures of all routes together, as totals() puts them last. */
export function overall(routes: readonly RouteFigures[]): RouteFigures {
  const all = routes.find((r) => r.route === 'all');
  if (!all) throw new Error('load: no overall figures');
  return all;
}

/**
 * Every answered (or failed) request, by route and by the time bucket it started in: the
 * totals of the measured stretch (after the warm-up), and a timeline to see drift in a soak.
 * Latencies are kept whole (a minute at a few thousand requests a second is a few MB), so
 * the quantiles are exact, at the resolution of performance.now().
 */
export class Recorder {
  private readonly measured = new Map<Route, Tally>(ROUTES.map((r) => [r, tally()]));
  private readonly buckets: Map<Route, Tally>[] = [];
  /**
   * Writes acknowledged (warm-up included), and doses sent that got no answer at all (a
   * timeout or a dropped connection: the server may or may not have stored them).
   */
  readonly acked = { doses: 0, visits: 0, itemsNotStored: 0, dosesUnanswered: 0 };
  /** Why requests failed, with how often (the first few distinct reasons). */
  readonly notes = new Map<string, number>();

  constructor(
    private readonly warmupMs: number,
    private readonly bucketMs: number,
  ) {}

  record(route: Route, startedAt: number, ms: number, kind: Kind, outcome?: Outcome): void {
    if (outcome) {
      this.acked.doses += outcome.dosesAcked;
      this.acked.visits += outcome.visitsAcked;
      this.acked.itemsNotStored += outcome.itemsNotStored;
      if (outcome.note) this.note(`${route}: ${outcome.note}`);
    }
    if (route === 'doses' && kind === 'error') this.acked.dosesUnanswered++;
    const b = Math.floor(startedAt / this.bucketMs);
    while (this.buckets.length <= b) this.buckets.push(new Map(ROUTES.map((r) => [r, tally()])));
    const targets = [this.buckets[b]?.get(route)];
    if (startedAt >= this.warmupMs) targets.push(this.measured.get(route));
    const key = kind === 'error' ? 'errors' : kind;
    for (const t of targets) {
      if (!t) continue;
      t[key]++;
      t.ms.push(ms);
    }
  }

  note(text: string): void {
    const key = text.slice(0, 200);
    if (this.notes.has(key) || this.notes.size < 20) this.notes.set(key, (this.notes.get(key) ?? 0) + 1);
  }

  /** Per route and in all, over the measured stretch of `seconds`. */
  totals(seconds: number): RouteFigures[] {
    const per = ROUTES.map((r) => figures(r, [this.measured.get(r) as Tally], seconds));
    return [...per, figures('all', [...this.measured.values()], seconds)];
  }

  /**
   * Per bucket from the start (warm-up included) of a load that ran `totalSeconds`: all routes,
   * and each route's 2xx per second.
   */
  timeline(totalSeconds: number): { fromSecond: number; all: RouteFigures; rps: Record<Route, number> }[] {
    const width = this.bucketMs / 1000;
    return this.buckets.map((b, i) => {
      // The last bucket may be cut short by the end of the load.
      const seconds = Math.max(1e-3, Math.min(width, totalSeconds - i * width));
      return {
        fromSecond: i * width,
        all: figures('all', [...b.values()], seconds),
        rps: Object.fromEntries(ROUTES.map((r) => [r, Math.round((b.get(r)?.ok ?? 0) / seconds)])) as Record<
          Route,
          number
        >,
      };
    });
  }
}
