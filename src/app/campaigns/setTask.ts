import { invalidInput, notFound } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import { findCampaign } from '../../store/campaignQueries.js';
import { findPlace } from '../../store/placeQueries.js';

/** Sets (or replaces) the task number (任务数) of one unit in a campaign. */
export async function setTask(
  store: Store,
  campaignId: number,
  placeCode: string,
  count: number,
): Promise<void> {
  if (!Number.isInteger(count) || count < 0) {
    throw invalidInput({
      code: 'task.count',
      field: 'count',
      message: { zh: `任务数应为非负整数：${count}`, en: `a task is a whole number ≥ 0: ${count}` },
    });
  }
  if (!(await findCampaign(store.db, campaignId))) {
    throw notFound({
      code: 'campaign.not-found',
      field: 'campaign',
      message: { zh: `找不到接种任务 ${campaignId}`, en: `no campaign ${campaignId}` },
    });
  }
  if (!(await findPlace(store, placeCode))) {
    throw notFound({
      code: 'place.not-found',
      field: 'place',
      message: { zh: `找不到区划 ${placeCode}`, en: `no place ${placeCode}` },
    });
  }
  const set_at = store.now().toISOString();
  await store.db
    .insertInto('task_allocations')
    .values({ campaign_id: campaignId, place_code: placeCode, count, set_at })
    .onConflict((oc) => oc.columns(['campaign_id', 'place_code']).doUpdateSet({ count, set_at }))
    .execute();
}
