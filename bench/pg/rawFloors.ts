import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/**
 * Floors for the PostgreSQL benchmark: the same rows written with the pg driver alone, no
 * Kysely, no application rules, into an empty copy of the real table (same columns, keys and
 * indexes; a logged table, so each commit waits for the WAL flush as the real one does).
 */
export async function createCopyTable(pool: pg.Pool, source: string, copy: string): Promise<void> {
  await pool.query(`DROP TABLE IF EXISTS ${copy}`);
  await pool.query(`CREATE TABLE ${copy} (LIKE ${source} INCLUDING ALL)`);
}

export async function dropTable(pool: pg.Pool, table: string): Promise<void> {
  await pool.query(`DROP TABLE IF EXISTS ${table}`);
}

/** Inserts rows (objects with the same keys) with multi-row INSERTs of `chunk` rows, all in one transaction. */
export async function insertRowsInOneTransaction(
  pool: pg.Pool,
  table: string,
  rows: readonly Record<string, unknown>[],
  chunk = 1000,
): Promise<number> {
  const columns = Object.keys(rows[0] ?? {});
  const client = await pool.connect();
  try {
    const t0 = performance.now();
    await client.query('BEGIN');
    for (let start = 0; start < rows.length; start += chunk) {
      const part = rows.slice(start, start + chunk);
      const params: unknown[] = [];
      const tuples = part.map((row) => {
        const marks = columns.map((c) => {
          params.push(row[c]);
          return `$${params.length}`;
        });
        return `(${marks.join(',')})`;
      });
      await client.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')}`, params);
    }
    await client.query('COMMIT');
    return performance.now() - t0;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** A dose row for the floor copy: distinct (resident, dose number) for each n, so no key clashes. */
export function floorDoseRow(county: string, n: number, receivedAt: string): Record<string, unknown> {
  return {
    county_code: county,
    id: randomUUID(),
    resident_id: n,
    product: 'sinovac',
    lot: null,
    dose_number: 1,
    at: '2021-08-09T09:00:00.000Z',
    site: null,
    vaccinator: null,
    source: 'given',
    override_reason: null,
    recorded_by: null,
    device_id: null,
    received_at: receivedAt,
  };
}

/** One row, one autocommitted INSERT: a round trip and a WAL flush. */
export function singleRowInsert(
  pool: pg.Pool,
  table: string,
  row: Record<string, unknown>,
): Promise<unknown> {
  const columns = Object.keys(row);
  return pool.query(
    `INSERT INTO ${table} (${columns.join(',')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(',')})`,
    Object.values(row),
  );
}
