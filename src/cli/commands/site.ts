import type { Command } from 'commander';

/** `gridvax site …`: 接种点 Sites, bookings, stock and checklist (issue 8). */
export function registerSite(program: Command): void {
  void program;
}
