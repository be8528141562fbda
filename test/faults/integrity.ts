import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { FaultDb } from './faultDb.js';

export interface IntegrityReport {
  /** What was checked, for the test's log. */
  method: string;
  /** Every problem found; a sound database has none. */
  problems: string[];
}

/**
 * The engine's own check of a database after a kill. SQLite: `PRAGMA integrity_check` (every
 * page, b-tree and index entry) and `PRAGMA foreign_key_check`. PostgreSQL has no single
 * integrity check; see `postgresIntegrity`.
 */
export function checkIntegrity(db: FaultDb): Promise<IntegrityReport> {
  return db.dialect === 'sqlite'
    ? Promise.resolve(sqliteIntegrity(db.location.target))
    : postgresIntegrity(db);
}

function sqliteIntegrity(file: string): IntegrityReport {
  // Opening the file after a kill replays (or discards) the write-ahead log, as a restart does.
  const raw = new BetterSqlite3(file);
  try {
    const integrity = raw.pragma('integrity_check') as { integrity_check: string }[];
    const foreign = raw.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    return {
      method: 'PRAGMA integrity_check + foreign_key_check',
      problems: [
        ...integrity.map((r) => r.integrity_check).filter((m) => m !== 'ok'),
        ...foreign.map((f) => `${f.table} row ${f.rowid}: no ${f.parent}`),
      ],
    };
  } finally {
    raw.close();
  }
}

/**
 * PostgreSQL. A killed client cannot tear PostgreSQL's pages (the server itself is not killed
 * here: it is shared), so what this proves is about gridvax: that what it committed is
 * consistent. With amcheck (contrib, shipped with the server packages; installed once into
 * `public` of the test database if it is not there), every B-tree index of the schema is checked
 * with bt_index_check(heapallindexed => true) — its structure, and that every heap row is in it —
 * and every table with verify_heapam (no corrupt tuple). Without amcheck (no contrib, no
 * rights), each table is counted through a sequential scan and again with sequential scans
 * forbidden (through an index when it has one), and the two must agree. Either way, every
 * foreign key of the schema is re-checked by query: no row points at a parent that is not there.
 */
async function postgresIntegrity(db: FaultDb): Promise<IntegrityReport> {
  const client = new pg.Client({
    connectionString: db.location.target,
    options: `-c search_path=${db.location.schema ?? 'public'}`,
  });
  await client.connect();
  try {
    const tables = (
      await client.query<{ name: string }>(
        `SELECT quote_ident(c.relname) AS name FROM pg_class c
          WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' ORDER BY 1`,
      )
    ).rows.map((r) => r.name);
    const amcheck = await amcheckSchema(client);
    const problems = amcheck
      ? await amcheckProblems(client, amcheck, tables)
      : await scanProblems(client, tables);
    problems.push(...(await orphanProblems(client)));
    return {
      method: amcheck
        ? `amcheck bt_index_check(heapallindexed) + verify_heapam on ${tables.length} tables, foreign keys by query`
        : `seq-scan vs index counts on ${tables.length} tables (amcheck unavailable), foreign keys by query`,
      problems,
    };
  } finally {
    await client.end();
  }
}

/** The schema amcheck is installed in, installing it if it can be; undefined if it cannot. */
async function amcheckSchema(client: pg.Client): Promise<string | undefined> {
  const installed = async () =>
    (
      await client.query<{ schema: string }>(
        `SELECT quote_ident(n.nspname) AS schema FROM pg_extension e
           JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'amcheck'`,
      )
    ).rows[0]?.schema;
  const found = await installed();
  if (found) return found;
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS amcheck WITH SCHEMA public');
  } catch {
    // Not shipped, not allowed, or created at this moment by a test running beside this one.
  }
  return installed();
}

async function amcheckProblems(client: pg.Client, amcheck: string, tables: string[]): Promise<string[]> {
  const problems: string[] = [];
  const indexes = await client.query<{ index: string }>(
    `SELECT i.indexrelid::regclass::text AS index FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
      WHERE c.relnamespace = current_schema()::regnamespace AND am.amname = 'btree' ORDER BY 1`,
  );
  for (const { index } of indexes.rows) {
    try {
      await client.query(`SELECT ${amcheck}.bt_index_check($1::regclass, true)`, [index]);
    } catch (e) {
      problems.push(`index ${index}: ${(e as Error).message}`);
    }
  }
  for (const table of tables) {
    const bad = await client.query<{ blkno: number; msg: string }>(
      `SELECT blkno, msg FROM ${amcheck}.verify_heapam($1::regclass)`,
      [table],
    );
    for (const r of bad.rows) problems.push(`table ${table} block ${r.blkno}: ${r.msg}`);
  }
  return problems;
}

async function scanProblems(client: pg.Client, tables: string[]): Promise<string[]> {
  const problems: string[] = [];
  const count = async (table: string, settings: string): Promise<number> => {
    await client.query('BEGIN');
    try {
      await client.query(settings);
      return Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
    } finally {
      await client.query('ROLLBACK');
    }
  };
  for (const table of tables) {
    const heap = await count(
      table,
      'SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off; SET LOCAL enable_bitmapscan = off',
    );
    const indexed = await count(table, 'SET LOCAL enable_seqscan = off');
    if (heap !== indexed) problems.push(`table ${table}: ${heap} rows scanned, ${indexed} through an index`);
  }
  return problems;
}

/** Rows whose foreign key (all of its columns set) names no parent row. */
async function orphanProblems(client: pg.Client): Promise<string[]> {
  const keys = await client.query<{
    name: string;
    child: string;
    parent: string;
    cols: string[];
    refs: string[];
  }>(
    `SELECT con.conname AS name, con.conrelid::regclass::text AS child, con.confrelid::regclass::text AS parent,
            array(SELECT quote_ident(a.attname) FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS cols,
            array(SELECT quote_ident(a.attname) FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i) AS refs
       FROM pg_constraint con
      WHERE con.contype = 'f' AND con.connamespace = current_schema()::regnamespace`,
  );
  const problems: string[] = [];
  for (const k of keys.rows) {
    const set = k.cols.map((c) => `c.${c} IS NOT NULL`).join(' AND ');
    const match = k.cols.map((c, i) => `p.${k.refs[i] ?? ''} = c.${c}`).join(' AND ');
    const n = Number(
      (
        await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${k.child} c WHERE ${set}
              AND NOT EXISTS (SELECT 1 FROM ${k.parent} p WHERE ${match})`,
        )
      ).rows[0]?.n,
    );
    if (n > 0) problems.push(`${k.child}: ${n} rows break ${k.name} (no ${k.parent})`);
  }
  return problems;
}
