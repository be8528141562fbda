import { checkTasks, DEFAULT_TASK_THRESHOLD, type TaskFinding, type TaskNode } from '../../domain/tasks.js';
import type { Store } from '../../store/openStore.js';
import { progressOf } from '../progress/progressOf.js';
import type { UnitProgress } from '../progress/unitProgress.js';
import type { Scope } from '../records/findResident.js';
import { requireCampaign } from './requireCampaign.js';

/** Deep enough for every level below any unit (province … grid). */
const WHOLE_TREE = 6;

function taskTree(p: UnitProgress): TaskNode {
  return {
    code: p.code,
    name: p.name,
    task: p.task,
    eligible: p.eligible,
    children: (p.children ?? []).map(taskTree),
  };
}

/**
 * Where a campaign's task numbers do not hold together under a unit: children that do not add
 * up to their parent, tasks far from the eligible register (the denominator problem), units
 * left without a task. Reported, never hidden or corrected.
 */
export async function checkCampaignTasks(
  store: Store,
  input: { campaignId: number; place?: string; threshold?: number; scope?: Scope },
): Promise<{ place: string; threshold: number; findings: TaskFinding[] }> {
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  const place = input.place ?? campaign.place_code;
  const threshold = input.threshold ?? DEFAULT_TASK_THRESHOLD;
  const tree = await progressOf(store, input.campaignId, place, WHOLE_TREE, input.scope);
  return { place, threshold, findings: checkTasks(taskTree(tree), { threshold }) };
}
