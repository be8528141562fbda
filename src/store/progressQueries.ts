import type { Store } from './openStore.js';
import { codeRange } from './codeRange.js';

export interface GridCountsRow {
  grid_code: string;
  residents: number;
  ineligible: number;
  done: number;
  exempt: number;
  deferred: number;
  open: number;
  unscreened: number;
  sixty_eligible: number;
  sixty_done: number;
}

/**
 * The read behind progress: per grid under a place, the kept counts, the deferrals that have
 * fallen due by `today`, and the day's increment. A county is a few thousand grid rows.
 */
export async function gridFiguresUnder(
  store: Store,
  campaignId: number,
  placeCode: string,
  today: string,
): Promise<{ counts: GridCountsRow[]; dueDeferrals: Map<string, number>; increments: Map<string, number> }> {
  const { low, high } = codeRange(placeCode);
  const [counts, due, increments] = await Promise.all([
    store.db
      .selectFrom('campaign_grid_counts')
      .select([
        'grid_code',
        'residents',
        'ineligible',
        'done',
        'exempt',
        'deferred',
        'open',
        'unscreened',
        'sixty_eligible',
        'sixty_done',
      ])
      .where('campaign_id', '=', campaignId)
      .where('grid_code', '>=', low)
      .where('grid_code', '<', high)
      .execute(),
    store.db
      .selectFrom('campaign_grid_deferrals')
      .select(['grid_code', (eb) => eb.fn.sum<number>('n').as('n')])
      .where('campaign_id', '=', campaignId)
      .where('grid_code', '>=', low)
      .where('grid_code', '<', high)
      .where('until_date', '<=', today)
      .groupBy('grid_code')
      .execute(),
    store.db
      .selectFrom('campaign_grid_daily')
      .select(['grid_code', 'done'])
      .where('campaign_id', '=', campaignId)
      .where('day', '=', today)
      .where('grid_code', '>=', low)
      .where('grid_code', '<', high)
      .execute(),
  ]);
  return {
    counts,
    dueDeferrals: new Map(due.map((d) => [d.grid_code, Number(d.n)])),
    increments: new Map(increments.map((d) => [d.grid_code, Number(d.done)])),
  };
}

export interface PlaceNameRow {
  code: string;
  level: string;
  name: string;
  short_name: string;
}

export async function placesUnder(store: Store, placeCode: string): Promise<PlaceNameRow[]> {
  const { low, high } = codeRange(placeCode);
  return store.db
    .selectFrom('places')
    .select(['code', 'level', 'name', 'short_name'])
    .where('code', '>=', low)
    .where('code', '<', high)
    .orderBy('code')
    .execute();
}
