import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkTasks, completion, deriveTasks, type TaskNode } from './tasks.js';

const node = (
  code: string,
  task: number | null,
  eligible: number,
  children: readonly TaskNode[] = [],
): TaskNode => ({
  code,
  task,
  eligible,
  children,
});

// 锦石乡 (430321107) and three of its villages; the numbers are made up.
const township = (villageTasks: (number | null)[], task: number | null = 1200): TaskNode =>
  node(
    '430321107000',
    task,
    1200,
    villageTasks.map((t, i) => node(`43032110720${i + 1}`, t, 400)),
  );

describe('checkTasks', () => {
  it('finds nothing in a tree that adds up and matches the register', () => {
    expect(checkTasks(township([400, 400, 400]))).toEqual([]);
  });

  it('reports children that do not add up, with both numbers and the difference', () => {
    const findings = checkTasks(township([400, 400, 380]));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'children-sum-mismatch',
      unit: '430321107000',
      task: 1200,
      childrenSum: 1180,
      difference: -20,
    });
    expect(findings[0]?.message.zh).toContain('1180');
    expect(findings[0]?.message.en).toContain('1200');
    expect(checkTasks(township([400, 400, 430]))[0]).toMatchObject({ difference: 30 });
  });

  it('reports a child without a task while its siblings have one, and no sum then', () => {
    expect(checkTasks(township([400, null, 400]))).toEqual([
      expect.objectContaining({ code: 'missing-task', unit: '430321107202', parent: '430321107000' }),
    ]);
  });

  it('does not report a unit that has not handed tasks down at all', () => {
    expect(checkTasks(township([null, null, null]))).toEqual([]);
  });

  it('reports a task far from the eligible count (the denominator problem), both ways', () => {
    const over = checkTasks(node('430321107201', 500, 400));
    expect(over).toEqual([
      expect.objectContaining({ code: 'task-far-from-eligible', task: 500, eligible: 400, ratio: 1.25 }),
    ]);
    expect(over[0]?.message.zh).toContain('25%');
    const under = checkTasks(node('430321107201', 300, 400));
    expect(under[0]).toMatchObject({ code: 'task-far-from-eligible', ratio: 0.75 });
    expect(under[0]?.message.en).toContain('pass 100%');
  });

  it('lets a task within the threshold pass, and takes another threshold', () => {
    expect(checkTasks(node('x', 440, 400))).toEqual([]);
    expect(checkTasks(node('x', 441, 400))).toHaveLength(1);
    expect(checkTasks(node('x', 420, 400), { threshold: 0.02 })).toHaveLength(1);
  });

  it('reports a task where nobody is eligible, not a zero task there', () => {
    expect(checkTasks(node('x', 10, 0))).toEqual([
      expect.objectContaining({ code: 'task-far-from-eligible', ratio: null }),
    ]);
    expect(checkTasks(node('x', 0, 0))).toEqual([]);
  });

  it('reports a task that is not a whole number ≥ 0 and leaves it out of the sums', () => {
    expect(checkTasks(township([400, -1, 400]))).toEqual([
      expect.objectContaining({ code: 'invalid-task', unit: '430321107202', task: -1 }),
    ]);
    expect(checkTasks(node('x', 12.5, 12))).toEqual([expect.objectContaining({ code: 'invalid-task' })]);
  });

  it('checks every level and uses names when given', () => {
    const county: TaskNode = {
      code: '430321',
      name: '湘潭县',
      task: 2500,
      eligible: 2400,
      children: [township([400, 400, 380]), { ...node('430321100000', 1200, 1200), name: '易俗河镇' }],
    };
    const findings = checkTasks(county);
    expect(findings.map((f) => [f.code, f.unit])).toEqual([
      ['children-sum-mismatch', '430321'],
      ['children-sum-mismatch', '430321107000'],
    ]);
    expect(findings[0]?.message.zh).toContain('湘潭县（430321）');
  });

  it('refuses a negative threshold', () => {
    expect(() => checkTasks(node('x', 1, 1), { threshold: -0.1 })).toThrow(RangeError);
  });
});

const treeArb: fc.Arbitrary<TaskNode> = fc.letrec<{ node: TaskNode }>((tie) => ({
  node: fc.record({
    code: fc.string({ minLength: 1, maxLength: 4 }),
    task: fc.option(fc.nat(2000)),
    eligible: fc.nat(2000),
    children: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant<TaskNode[]>([]),
      fc.array(tie('node'), { maxLength: 4 }),
    ),
  }),
})).node;

describe('deriveTasks', () => {
  it('sets each lowest unit’s task to its eligible count and each parent’s to the sum', () => {
    const t = deriveTasks(node('430321107000', null, 999, [node('a', null, 403), node('b', 7, 397)]));
    expect(t).toEqual(node('430321107000', 800, 999, [node('a', 403, 403), node('b', 397, 397)]));
  });

  it('rounds the lowest units up to a multiple of roundTo', () => {
    const t = deriveTasks(
      node('p', null, 0, [node('a', null, 403), node('b', null, 0), node('c', null, 400)]),
      {
        roundTo: 10,
      },
    );
    expect(t.children.map((c) => c.task)).toEqual([410, 0, 400]);
    expect(t.task).toBe(810);
    expect(() => deriveTasks(t, { roundTo: 0 })).toThrow(RangeError);
  });

  it('law: a derived tree never has a children-sum-mismatch or a missing task (property)', () => {
    fc.assert(
      fc.property(treeArb, fc.integer({ min: 1, max: 100 }), (tree, roundTo) => {
        const findings = checkTasks(deriveTasks(tree, { roundTo }), { threshold: Infinity });
        return findings.every((f) => f.code !== 'children-sum-mismatch' && f.code !== 'missing-task');
      }),
    );
  });

  it('does not change the tree it is given', () => {
    const t = township([1, 2, 3]);
    const copy = structuredClone(t);
    deriveTasks(t, { roundTo: 10 });
    expect(t).toEqual(copy);
  });
});

describe('completion', () => {
  it('is done ÷ task, as the report’s 91.2%', () => {
    expect(completion(11500, 12610)).toBeCloseTo(0.912, 3);
  });

  it('is null without a task or with a task of 0', () => {
    expect(completion(5, null)).toBeNull();
    expect(completion(5, 0)).toBeNull();
  });

  it('is not clamped: above 100% when the task is below the register', () => {
    expect(completion(450, 400)).toBe(1.125);
  });
});
