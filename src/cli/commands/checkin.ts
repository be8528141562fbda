import type { Command } from 'commander';

/** `gridvax checkin …`: 现场预检 Check-in and screening at the site, observation, AEFI (issue 8). */
export function registerCheckin(program: Command): void {
  void program;
}
