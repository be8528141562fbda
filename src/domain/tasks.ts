/**
 * Task numbers (任务数). DESIGN.md, "Campaign": each unit's task is handed down county →
 * township → village, and "completed 91.2% of the total task" (the report's 锦石乡 figure) means
 * done ÷ task for that unit.
 *
 * The task is a number someone above decided, usually from the population figures of the year
 * before, not a count of the register: the two disagree, and that is "the denominator problem".
 * A task far above the eligible residents on the register can never be completed (the people do
 * not exist, or the register is incomplete); a task far below lets completion pass 100%. These
 * checks find that, and tasks that do not add up down the tree, so the command team can fix them
 * before they rank units by them.
 */
import type { Bilingual } from './errors.js';

export interface TaskNode {
  /** The unit's division code (or grid code). */
  code: string;
  /** A name for messages, when the caller has one. */
  name?: string;
  /** The task handed down, null when none has been set. */
  task: number | null;
  /** Eligible residents on the register (campaignStatus.StatusCounts.eligible). */
  eligible: number;
  children: readonly TaskNode[];
}

export type TaskFinding =
  | {
      code: 'children-sum-mismatch';
      unit: string;
      message: Bilingual;
      task: number;
      childrenSum: number;
      /** childrenSum − task: positive when more was handed down than the unit was given. */
      difference: number;
    }
  | {
      code: 'task-far-from-eligible';
      unit: string;
      message: Bilingual;
      task: number;
      eligible: number;
      /** task ÷ eligible; null when nobody is eligible. */
      ratio: number | null;
    }
  | { code: 'missing-task'; unit: string; message: Bilingual; parent: string }
  | { code: 'invalid-task'; unit: string; message: Bilingual; task: number };

export type TaskFindingCode = TaskFinding['code'];

export interface CheckTasksOptions {
  /**
   * How far a task may be from the eligible count, as a fraction of the eligible count, before it
   * is reported. Default 0.1 (10%): population figures a year old, people working away and
   * 人户分离 easily account for a few per cent; beyond ten the ranking stops meaning much.
   */
  threshold?: number;
}

export const DEFAULT_TASK_THRESHOLD = 0.1;

function labelOf(n: TaskNode): string {
  return n.name === undefined ? n.code : `${n.name}（${n.code}）`;
}

function isValidTask(task: number): boolean {
  return Number.isInteger(task) && task >= 0;
}

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

/**
 * Checks every unit of the tree, parents before children. Findings:
 *
 * - `invalid-task`: a task that is not a whole number ≥ 0; it takes part in no other check.
 * - `task-far-from-eligible`: |task − eligible| ÷ eligible > threshold, or a task > 0 where
 *   nobody is eligible.
 * - `missing-task`: a child with no task while some of its siblings have one (tasks were handed
 *   down, but not to it). A unit none of whose children have a task is simply not allocated
 *   further, which is not a fault.
 * - `children-sum-mismatch`: a unit with a task whose children all have tasks that do not add up
 *   to it (both numbers and the difference are reported). Not checked while a child's task is
 *   missing: that finding already says why the sum is short.
 */
export function checkTasks(root: TaskNode, options: CheckTasksOptions = {}): TaskFinding[] {
  const threshold = options.threshold ?? DEFAULT_TASK_THRESHOLD;
  if (!(threshold >= 0)) throw new RangeError(`threshold must be ≥ 0, got ${threshold}`);
  const findings: TaskFinding[] = [];

  const visit = (node: TaskNode): void => {
    const unit = labelOf(node);
    const task = node.task;
    const valid = task !== null && isValidTask(task);

    if (task !== null && !valid) {
      findings.push({
        code: 'invalid-task',
        unit: node.code,
        task,
        message: {
          zh: `${unit}的任务数${task}无效：应为不小于0的整数`,
          en: `${unit}: task ${task} is not a whole number ≥ 0`,
        },
      });
    }

    if (valid) {
      const eligible = node.eligible;
      const far = eligible === 0 ? task > 0 : Math.abs(task - eligible) / eligible > threshold;
      if (far) {
        const ratio = eligible === 0 ? null : task / eligible;
        const consequence: Bilingual =
          task > eligible
            ? {
                zh: '任务数多于在册应接种人数，完成率难以达到100%（或登记不全）',
                en: 'the task exceeds the eligible residents on the register, so completion cannot reach 100% (or the register is incomplete)',
              }
            : {
                zh: '任务数少于在册应接种人数，完成率可能超过100%',
                en: 'the task is below the eligible residents on the register, so completion can pass 100%',
              };
        findings.push({
          code: 'task-far-from-eligible',
          unit: node.code,
          task,
          eligible,
          ratio,
          message:
            ratio === null
              ? {
                  zh: `${unit}的任务数为${task}，但在册应接种人数为0`,
                  en: `${unit} has a task of ${task} but nobody eligible on the register`,
                }
              : {
                  zh: `${unit}的任务数${task}与在册应接种人数${eligible}相差${pct(Math.abs(ratio - 1))}（超过${pct(threshold)}）：${consequence.zh}`,
                  en: `${unit}: task ${task} is ${pct(Math.abs(ratio - 1))} from the ${eligible} eligible on the register (more than ${pct(threshold)}): ${consequence.en}`,
                },
        });
      }
    }

    const children = node.children;
    if (children.length > 0) {
      let withTask = 0;
      let allValid = true;
      let sum = 0;
      for (const c of children) {
        if (c.task === null) continue;
        withTask++;
        if (isValidTask(c.task)) sum += c.task;
        else allValid = false;
      }
      if (withTask > 0 && withTask < children.length) {
        for (const c of children) {
          if (c.task !== null) continue;
          const cl = labelOf(c);
          findings.push({
            code: 'missing-task',
            unit: c.code,
            parent: node.code,
            message: {
              zh: `${unit}已向下级分解任务，但${cl}没有任务数`,
              en: `${unit} handed tasks down, but ${cl} has none`,
            },
          });
        }
      } else if (withTask === children.length && allValid && valid && sum !== task) {
        const difference = sum - task;
        findings.push({
          code: 'children-sum-mismatch',
          unit: node.code,
          task,
          childrenSum: sum,
          difference,
          message: {
            zh: `${unit}的任务数为${task}，下级任务数合计${sum}，${difference > 0 ? '多' : '少'}${Math.abs(difference)}`,
            en: `${unit} has a task of ${task} but its units' tasks add up to ${sum} (${difference > 0 ? '+' : ''}${difference})`,
          },
        });
      }
      for (const c of children) visit(c);
    }
  };

  visit(root);
  return findings;
}

export interface DeriveTasksOptions {
  /**
   * Round each lowest unit's task up to a multiple of this (tasks handed down are round
   * numbers). Up, so that rounding never leaves an eligible resident outside a task; a unit with
   * nobody eligible keeps a task of 0. Default 1: the eligible count itself.
   */
  roundTo?: number;
}

/**
 * Tasks from the register, for a campaign whose tasks were not handed down (or to compare with
 * those that were): each lowest unit's task is its eligible count (rounded up to `roundTo`), each
 * parent's the sum of its children's, so the tree always adds up. Eligible counts are kept as
 * given. Returns a new tree.
 */
export function deriveTasks(root: TaskNode, options: DeriveTasksOptions = {}): TaskNode {
  const roundTo = options.roundTo ?? 1;
  if (!Number.isInteger(roundTo) || roundTo < 1) {
    throw new RangeError(`roundTo must be a whole number ≥ 1, got ${roundTo}`);
  }
  const derive = (node: TaskNode): TaskNode => {
    if (node.children.length === 0) {
      return { ...node, task: Math.ceil(node.eligible / roundTo) * roundTo, children: [] };
    }
    const children = node.children.map(derive);
    let task = 0;
    for (const c of children) task += c.task ?? 0;
    return { ...node, task, children };
  };
  return derive(root);
}

/**
 * done ÷ task, as a fraction (0.912 for the report's 91.2%); null when there is no task or it is
 * 0. Not clamped: completion above 1 is real when the task is below the eligible count (the
 * denominator problem, see checkTasks), and hiding it would hide the problem.
 */
export function completion(done: number, task: number | null): number | null {
  if (task === null || task === 0) return null;
  return done / task;
}
