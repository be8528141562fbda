import type { Kysely } from 'kysely';
import type { Store } from './openStore.js';
import type { CampaignsTable, Database } from './schema.js';
import type { Selectable } from 'kysely';

export type CampaignRow = Selectable<CampaignsTable>;

export async function listCampaigns(db: Kysely<Database>): Promise<CampaignRow[]> {
  return db.selectFrom('campaigns').selectAll().orderBy('id').execute();
}

export async function findCampaign(db: Kysely<Database>, id: number): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Campaigns whose unit contains the county: the ones a write in that county can change. */
export async function campaignsCovering(db: Kysely<Database>, countyCode: string): Promise<CampaignRow[]> {
  const prefixes = [countyCode.slice(0, 2), countyCode.slice(0, 4), countyCode];
  return db.selectFrom('campaigns').selectAll().where('place_code', 'in', prefixes).orderBy('id').execute();
}

export async function tasksUnder(
  store: Store,
  campaignId: number,
  low: string,
  high: string,
): Promise<Map<string, number>> {
  const rows = await store.db
    .selectFrom('task_allocations')
    .select(['place_code', 'count'])
    .where('campaign_id', '=', campaignId)
    .where('place_code', '>=', low)
    .where('place_code', '<', high)
    .execute();
  return new Map(rows.map((r) => [r.place_code, Number(r.count)]));
}
