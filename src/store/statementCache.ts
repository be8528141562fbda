import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * The SQLite handle as Kysely sees it, with prepared statements kept by their SQL text. Kysely
 * prepares every query anew, and on a busy server compiling the same few dozen statements
 * again and again costs more than running them. Bounded, because queries with `in (…)` lists
 * of varying length each have their own text; the least recently used is dropped first.
 */
export function cachingSqliteDatabase(raw: BetterSqlite3.Database, capacity = 512): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string) {
      let st = cache.get(sql);
      if (st) {
        cache.delete(sql);
      } else {
        st = raw.prepare(sql);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, st);
      return st;
    },
    close() {
      cache.clear();
      raw.close();
    },
  };
}
