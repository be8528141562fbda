import { invalidInput } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';
import { requireCampaign } from './requireCampaign.js';

/**
 * The largest task: more people than any county has, and inside the 32-bit column PostgreSQL
 * stores it in (past that, the write failed with a database error).
 */
export const MAX_TASK = 100_000_000;

/**
 * Sets (or replaces) the task number (任务数) of one unit in a campaign. A campaign or unit
 * outside the caller's scope is "not found", so a request cannot tell that it exists.
 */
export async function setTask(
  store: Store,
  campaignId: number,
  placeCode: string,
  count: number,
  scope?: Scope,
): Promise<{ before: number | null }> {
  if (!Number.isInteger(count) || count < 0 || count > MAX_TASK) {
    throw invalidInput({
      code: 'task.count',
      field: 'count',
      message: {
        zh: `任务数应为 0 至 ${MAX_TASK} 的整数：${count}`,
        en: `a task is a whole number from 0 to ${MAX_TASK}: ${count}`,
      },
    });
  }
  await requireCampaign(store, campaignId, scope);
  await requirePlace(store, placeCode, scope);
  const set_at = store.now().toISOString();
  // What it was, for the audit log's before/after.
  const previous = await store.db
    .selectFrom('task_allocations')
    .select('count')
    .where('campaign_id', '=', campaignId)
    .where('place_code', '=', placeCode)
    .executeTakeFirst();
  await store.db
    .insertInto('task_allocations')
    .values({ campaign_id: campaignId, place_code: placeCode, count, set_at })
    .onConflict((oc) => oc.columns(['campaign_id', 'place_code']).doUpdateSet({ count, set_at }))
    .execute();
  return { before: previous ? Number(previous.count) : null };
}
