import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { openStore, type Store } from '../../src/store/openStore.js';
import type { StoreLocation } from '../../src/store/dialect.js';

export interface StoreCase {
  dialect: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty store; closed and removed by `cleanup`. */
  fresh(): Promise<Store>;
  /** Where a fresh store would be: for tests that open and reopen it themselves. */
  freshLocation(): Promise<StoreLocation>;
  cleanup(): Promise<void>;
}

function sqliteCase(): StoreCase {
  const dirs: string[] = [];
  const stores: Store[] = [];
  const freshLocation = (): Promise<StoreLocation> => {
    const dir = mkdtempSync(join(tmpdir(), 'gridvax-test-'));
    dirs.push(dir);
    return Promise.resolve({ dialect: 'sqlite', target: join(dir, 'gridvax.db'), isDefault: false });
  };
  return {
    dialect: 'sqlite',
    freshLocation,
    async fresh() {
      const s = await openStore(await freshLocation());
      stores.push(s);
      return s;
    },
    async cleanup() {
      for (const s of stores.splice(0)) await s.close().catch(() => undefined);
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

function postgresCase(url: string): StoreCase {
  const schemas: string[] = [];
  const stores: Store[] = [];
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const freshLocation = async (): Promise<StoreLocation> => {
    const schema = `gx_test_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
    schemas.push(schema);
    return { dialect: 'postgres', target: url, schema, isDefault: false };
  };
  return {
    dialect: 'postgres',
    freshLocation,
    async fresh() {
      const s = await openStore(await freshLocation());
      stores.push(s);
      return s;
    },
    async cleanup() {
      for (const s of stores.splice(0)) await s.close().catch(() => undefined);
      const drop = schemas.splice(0);
      if (drop.length) await admin((c) => c.query(drop.map((s) => `DROP SCHEMA ${s} CASCADE`).join(';')));
    },
  };
}

/**
 * Runs the same suite on SQLite and on PostgreSQL: every store test must pass on both.
 * Without a PostgreSQL (outside CI) the second half is skipped, and globalSetup says so.
 */
export function describeEachStore(name: string, suite: (store: StoreCase) => void): void {
  const pgUrl = inject('pgUrl');
  describe(`${name} [sqlite]`, () => suite(sqliteCase()));
  describe.skipIf(!pgUrl)(`${name} [postgres]`, () => suite(postgresCase(pgUrl)));
}
