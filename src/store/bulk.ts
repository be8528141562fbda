import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import type { Database } from './schema.js';
import { cachingSqliteDatabase } from './statementCache.js';

/**
 * Bulk loading (the demo, register imports) bypasses the query builder: at a million rows the
 * per-row cost of building SQL is most of the time. Both engines load inside one transaction,
 * so a load either lands whole or not at all.
 */
export interface BulkSink {
  /** Inserts rows given as arrays in the order of `columns`. */
  insert(
    table: keyof Database,
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
  ): Promise<void>;
  /** Deletes the rows whose columns equal the given values, inside the same transaction. */
  deleteWhere(table: keyof Database, where: Readonly<Record<string, string | number>>): Promise<void>;
  /**
   * Updates existing rows found by their `key` columns. Each row gives the key values first,
   * then the values of `columns`, in that order. Rows that match nothing are left alone.
   */
  update(
    table: keyof Database,
    key: readonly string[],
    columns: readonly string[],
    rows: readonly (readonly unknown[])[],
  ): Promise<void>;
  /**
   * The load's own transaction as a query builder: what a load reads (which rows exist
   * already) and the derived writes it makes (campaign statuses) see its inserts and commit or
   * roll back with them. Never destroy it; it lives as long as the load.
   */
  readonly db: Kysely<Database>;
}

export interface BulkLoader {
  /** Runs `fill` inside one transaction; if it throws, nothing it inserted stays. */
  load<T>(fill: (sink: BulkSink) => Promise<T>): Promise<T>;
}

export function sqliteBulkLoader(raw: BetterSqlite3.Database): BulkLoader {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const statementFor = (table: string, columns: readonly string[]): BetterSqlite3.Statement => {
    const key = `${table}(${columns.join(',')})`;
    let st = statements.get(key);
    if (!st) {
      st = raw.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      statements.set(key, st);
    }
    return st;
  };
  const updates = new Map<string, BetterSqlite3.Statement>();
  const updateFor = (table: string, key: readonly string[], columns: readonly string[]) => {
    const sql = `UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE ${key.map((c) => `${c} = ?`).join(' AND ')}`;
    let st = updates.get(sql);
    if (!st) updates.set(sql, (st = raw.prepare(sql)));
    return st;
  };
  // One connection: a query builder over the same handle runs inside the load's transaction.
  let db: Kysely<Database> | undefined;
  const sink: BulkSink = {
    insert(table, columns, rows) {
      const st = statementFor(table, columns);
      for (const row of rows) st.run(row as unknown[]);
      return Promise.resolve();
    },
    deleteWhere(table, where) {
      const cols = Object.keys(where);
      raw
        .prepare(`DELETE FROM ${table} WHERE ${cols.map((c) => `${c} = ?`).join(' AND ')}`)
        .run(Object.values(where));
      return Promise.resolve();
    },
    update(table, key, columns, rows) {
      const st = updateFor(table, key, columns);
      const k = key.length;
      // The statement binds the new values first and the key last.
      for (const row of rows) st.run([...row.slice(k), ...row.slice(0, k)]);
      return Promise.resolve();
    },
    get db() {
      db ??= new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingSqliteDatabase(raw) }) });
      return db;
    },
  };
  return {
    async load(fill) {
      raw.exec('BEGIN IMMEDIATE');
      try {
        const result = await fill(sink);
        raw.exec('COMMIT');
        return result;
      } catch (e) {
        if (raw.inTransaction) raw.exec('ROLLBACK');
        throw e;
      }
    },
  };
}

/** PostgreSQL loads a chunk per statement through unnest(): one round trip per few thousand rows. */
export function postgresBulkLoader(pool: pg.Pool): BulkLoader {
  const CHUNK = 5000;
  return {
    async load(fill) {
      const client = await pool.connect();
      const typesOf = new Map<string, Map<string, string>>();
      const columnTypes = async (table: string): Promise<Map<string, string>> => {
        let types = typesOf.get(table);
        if (!types) {
          const res = await client.query<{ column_name: string; udt_name: string }>(
            `SELECT column_name, udt_name FROM information_schema.columns
              WHERE table_schema = current_schema() AND table_name = $1`,
            [table],
          );
          types = new Map(res.rows.map((r) => [r.column_name, r.udt_name]));
          typesOf.set(table, types);
        }
        return types;
      };
      let db: Kysely<Database> | undefined;
      const sink: BulkSink = {
        async insert(table, columns, rows) {
          const types = await columnTypes(table);
          const casts = columns.map((c, i) => `$${i + 1}::${types.get(c) ?? 'text'}[]`);
          const sql = `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`;
          for (let start = 0; start < rows.length; start += CHUNK) {
            const chunk = rows.slice(start, start + CHUNK);
            const arrays = columns.map((_, i) => chunk.map((r) => r[i] ?? null));
            await client.query(sql, arrays);
          }
        },
        async deleteWhere(table, where) {
          const cols = Object.keys(where);
          await client.query(
            `DELETE FROM ${table} WHERE ${cols.map((c, i) => `${c} = $${i + 1}`).join(' AND ')}`,
            Object.values(where),
          );
        },
        async update(table, key, columns, rows) {
          const types = await columnTypes(table);
          const all = [...key, ...columns];
          const casts = all.map((c, i) => `$${i + 1}::${types.get(c) ?? 'text'}[]`);
          const sql =
            `UPDATE ${table} AS t SET ${columns.map((c) => `${c} = u.${c}`).join(', ')}` +
            ` FROM unnest(${casts.join(', ')}) AS u(${all.join(', ')})` +
            ` WHERE ${key.map((c) => `t.${c} = u.${c}`).join(' AND ')}`;
          for (let start = 0; start < rows.length; start += CHUNK) {
            const chunk = rows.slice(start, start + CHUNK);
            await client.query(
              sql,
              all.map((_, i) => chunk.map((r) => r[i] ?? null)),
            );
          }
        },
        get db() {
          db ??= new Kysely<Database>({ dialect: new PostgresDialect({ pool: pinnedPool(client) }) });
          return db;
        },
      };
      try {
        await client.query('BEGIN');
        const result = await fill(sink);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        // Ends only the builder: its pool's end() leaves the client alone.
        await db?.destroy();
        client.release();
      }
    },
  };
}

/**
 * A "pool" that always hands out the load's one client and never releases it, so a query
 * builder over it runs every query inside the load's transaction. Queries issued together
 * (a Promise.all of reads) run one after another: pg deprecates sending a client a query
 * while it is still running one.
 */
function pinnedPool(client: pg.PoolClient): PostgresPool {
  let tail: Promise<unknown> = Promise.resolve();
  const pinned = {
    query: (sql: string, parameters: readonly unknown[]) => {
      const run = tail.then(() => client.query(sql, [...parameters]));
      tail = run.catch(() => undefined);
      return run;
    },
    release: () => undefined,
  } as unknown as PostgresPoolClient;
  return {
    connect: () => Promise.resolve(pinned),
    end: () => Promise.resolve(),
  };
}
