import { recountCampaign } from '../../src/app/engine/recount.js';
import type { Store } from '../../src/store/openStore.js';
import type { Database } from '../../src/store/schema.js';

/** The campaigns' read model, the tables a recount rewrites from the facts. */
const TABLES = [
  'campaign_residents',
  'campaign_grid_counts',
  'campaign_grid_deferrals',
  'campaign_grid_daily',
] as const satisfies readonly (keyof Database)[];

async function snapshot(store: Store): Promise<Set<string>> {
  const rows = new Set<string>();
  for (const table of TABLES) {
    for (const r of await store.db.selectFrom(table).selectAll().execute()) {
      // Residents leaving a deferral leave its row at n = 0, where a recount writes none: the
      // same count.
      if (table === 'campaign_grid_deferrals' && Number((r as { n: unknown }).n) === 0) continue;
      // Column order and number types may differ between a bulk write and a builder's: a
      // canonical form (sorted keys, numbers as numbers) compares what the rows say.
      const canonical = Object.entries(r as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v]);
      rows.add(`${table} ${JSON.stringify(canonical)}`);
    }
  }
  return rows;
}

/**
 * Recounts every campaign from the stored facts and answers how the read model the writes
 * left behind differed from it: rows only before (`-`) or only after (`+`). Empty when the
 * read model was exactly what the facts say, i.e. every write that landed updated its facts
 * and its read model together, and none that was cut off left one without the other.
 */
export async function readModelDrift(store: Store): Promise<string[]> {
  const before = await snapshot(store);
  const campaigns = await store.db.selectFrom('campaigns').select('id').orderBy('id').execute();
  for (const c of campaigns) await recountCampaign(store, Number(c.id));
  const after = await snapshot(store);
  return [
    ...[...before].filter((r) => !after.has(r)).map((r) => `- ${r}`),
    ...[...after].filter((r) => !before.has(r)).map((r) => `+ ${r}`),
  ].sort((a, b) => a.slice(2).localeCompare(b.slice(2)));
}
