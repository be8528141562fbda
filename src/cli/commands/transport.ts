import type { Command } from 'commander';

/** `gridvax transport …`: 上门接送 Transport requests, drivers, vehicles and trips (issue 8). */
export function registerTransport(program: Command): void {
  void program;
}
