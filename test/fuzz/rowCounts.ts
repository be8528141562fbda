import { sql } from 'kysely';
import type { Store } from '../../src/store/openStore.js';

/**
 * The row count of every table of the store, in one query (the fuzz suites take it after each
 * request, so it must be cheap): to prove that a refused request or a failed import wrote
 * nothing anywhere, not just in the tables one thought of.
 */
export type RowCounts = Record<string, number>;

async function tableNames(store: Store): Promise<string[]> {
  const rows =
    store.dialect === 'sqlite'
      ? await sql<{ name: string }>`SELECT name FROM sqlite_master
          WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(store.db)
      : await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(
          store.db,
        );
  return rows.rows.map((r) => r.name);
}

/** A counter of every table but `except` (tables that may legitimately grow; say why at the call). */
export async function rowCounter(
  store: Store,
  except: readonly string[] = [],
): Promise<() => Promise<RowCounts>> {
  const names = (await tableNames(store)).filter((n) => !except.includes(n));
  // Names come from the catalogue, not from input: safe to splice into the query.
  const query = sql.raw<Record<string, number | string>>(
    `SELECT ${names.map((n, i) => `(SELECT count(*) FROM "${n}") AS c${i}`).join(', ')}`,
  );
  return async () => {
    const row = (await query.execute(store.db)).rows[0] ?? {};
    return Object.fromEntries(names.map((n, i) => [n, Number(row[`c${i}`])]));
  };
}
