/**
 * The database seam. gridvax runs on embedded SQLite by default (one file, nothing to
 * install) and on PostgreSQL when GRIDVAX_DATABASE_URL names one. Everything above src/store
 * sees only Kysely and the Store interface, never which engine is underneath.
 */
export type DialectName = 'sqlite' | 'postgres';

export const DEFAULT_DB_PATH = 'data/gridvax.db';

export interface StoreLocation {
  dialect: DialectName;
  /** A file path for SQLite, a connection string for PostgreSQL. */
  target: string;
  /** PostgreSQL schema to use (tests give each suite its own); default `public`. */
  schema?: string;
  /** True when the caller did not name a location, so a missing folder may be created. */
  isDefault: boolean;
}

/** Where the store is: GRIDVAX_DATABASE_URL wins over --db, which defaults to ./data/gridvax.db. */
export function resolveStoreLocation(
  dbPath: string | undefined,
  env: Record<string, string | undefined> = process.env,
): StoreLocation {
  const url = env['GRIDVAX_DATABASE_URL'];
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    return { dialect: 'postgres', target: url, isDefault: false };
  }
  return { dialect: 'sqlite', target: dbPath ?? DEFAULT_DB_PATH, isDefault: dbPath === undefined };
}

/** A connection string without its password, for messages and logs. */
export function describeLocation(loc: StoreLocation): string {
  if (loc.dialect === 'sqlite') return loc.target;
  try {
    const u = new URL(loc.target);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
