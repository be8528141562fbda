import { shanghaiDate, shanghaiInstant } from '../../domain/calendar.js';
import { listCampaigns } from '../../store/campaignQueries.js';
import type { Store } from '../../store/openStore.js';
import { findSnapshot } from '../../store/snapshotQueries.js';
import { checkCutoffTime } from './reportDay.js';
import { takeDailySnapshot } from './takeSnapshot.js';

/**
 * Freezes today's report of every running campaign once its cut-off has passed, so the evening
 * report exists without anyone remembering to take it. A day already frozen is left alone.
 * Returns the campaigns it froze.
 */
export async function snapshotWhenDue(store: Store, cutoffTime?: string): Promise<number[]> {
  const time = checkCutoffTime(cutoffTime);
  const now = store.now();
  const today = shanghaiDate(now);
  if (now.getTime() < shanghaiInstant(today, time).getTime()) return [];
  const frozen: number[] = [];
  for (const c of await listCampaigns(store.db)) {
    if (today < c.start_date || today > c.deadline) continue;
    if (await findSnapshot(store.db, Number(c.id), c.place_code, today)) continue;
    await takeDailySnapshot(store, { campaignId: Number(c.id), date: today, cutoffTime: time });
    frozen.push(Number(c.id));
  }
  return frozen;
}
