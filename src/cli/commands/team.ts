import type { Command } from 'commander';

/** `gridvax team …`: 攻坚队 Teams, answerable cadres, sectors (issue 8). */
export function registerTeam(program: Command): void {
  void program;
}
