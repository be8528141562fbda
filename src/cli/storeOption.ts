import type { Command } from 'commander';
import { openStore, type Store } from '../store/openStore.js';
import { resolveStoreLocation } from '../store/dialect.js';

export const DB_OPTION_HELP =
  'SQLite database file (default ./data/gridvax.db; GRIDVAX_DATABASE_URL=postgres://… selects PostgreSQL)';

export function withDbOption(cmd: Command): Command {
  return cmd.option('--db <path>', DB_OPTION_HELP);
}

/** Opens the store a command was pointed at, runs `fn`, and always closes it. */
export async function withStore<T>(opts: { db?: string }, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(resolveStoreLocation(opts.db));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
