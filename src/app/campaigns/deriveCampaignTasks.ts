import { deriveTasks, type TaskNode } from '../../domain/tasks.js';
import { codeRange } from '../../store/codeRange.js';
import { tasksUnder } from '../../store/campaignQueries.js';
import type { Store } from '../../store/openStore.js';
import { progressOf } from '../progress/progressOf.js';
import type { UnitProgress } from '../progress/unitProgress.js';
import type { Scope } from '../records/findResident.js';
import { requireCampaign } from './requireCampaign.js';

/** Tasks are handed down to villages; grids are a village's own business. */
const VILLAGE_CODE_LENGTH = 12;

function villageTree(p: UnitProgress): TaskNode {
  const children = p.code.length >= VILLAGE_CODE_LENGTH ? [] : (p.children ?? []).map(villageTree);
  return { code: p.code, name: p.name, task: p.task, eligible: p.eligible, children };
}

function flatten(n: TaskNode, out: TaskNode[] = []): TaskNode[] {
  out.push(n);
  for (const c of n.children) flatten(c, out);
  return out;
}

/**
 * Task numbers derived from the eligible register, from a unit down to its villages, for a
 * campaign whose tasks were not handed down. Units that already have a task keep it unless
 * `replace` is set: a task handed down by the county is a decision, not a default.
 */
export async function deriveCampaignTasks(
  store: Store,
  input: { campaignId: number; place?: string; replace?: boolean; roundTo?: number; scope?: Scope },
): Promise<{ place: string; set: number; kept: number; total: number | null }> {
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  const place = input.place ?? campaign.place_code;
  const depth = Math.max(0, Math.ceil((VILLAGE_CODE_LENGTH - place.length) / 3));
  const derived = deriveTasks(
    villageTree(await progressOf(store, input.campaignId, place, depth, input.scope)),
    {
      roundTo: input.roundTo ?? 1,
    },
  );
  const { low, high } = codeRange(place);
  const existing = await tasksUnder(store, input.campaignId, low, high);
  const setAt = store.now().toISOString();
  const rows = flatten(derived)
    .filter((n) => input.replace || !existing.has(n.code))
    .map((n) => ({ campaign_id: input.campaignId, place_code: n.code, count: n.task ?? 0, set_at: setAt }));
  await store.transaction(async (trx) => {
    for (let i = 0; i < rows.length; i += 200) {
      await trx
        .insertInto('task_allocations')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) =>
          oc.columns(['campaign_id', 'place_code']).doUpdateSet((eb) => ({
            count: eb.ref('excluded.count'),
            set_at: eb.ref('excluded.set_at'),
          })),
        )
        .execute();
    }
  });
  return { place, set: rows.length, kept: flatten(derived).length - rows.length, total: derived.task };
}
