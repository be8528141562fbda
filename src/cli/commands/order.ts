import type { Command } from 'commander';

/** `gridvax order …`: 调度令 Dispatch orders and village notices (issue 8). */
export function registerOrder(program: Command): void {
  void program;
}
