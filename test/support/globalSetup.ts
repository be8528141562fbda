import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * Finds the PostgreSQL the store suites also run against. In CI it must be there (a missing
 * server fails the run); on a user's machine without one, the PostgreSQL half of each store
 * suite is skipped, and this says so loudly at the start and at the end.
 */
export const DEFAULT_TEST_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

const banner = (url: string, why: string): string =>
  [
    '',
    '!'.repeat(78),
    `!! PostgreSQL tests SKIPPED: no server at ${url}`,
    `!! (${why})`,
    '!! Every store suite ran on SQLite only. Set GRIDVAX_TEST_PG_URL or start PostgreSQL',
    '!! to run them on both engines; CI=true makes this a failure.',
    '!'.repeat(78),
    '',
  ].join('\n');

export default async function setup(project: TestProject): Promise<() => void> {
  const url = process.env['GRIDVAX_TEST_PG_URL'] ?? DEFAULT_TEST_PG_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    project.provide('pgUrl', url);
    return () => undefined;
  } catch (e) {
    const why = (e as Error).message;
    if (process.env['CI'] === 'true') {
      throw new Error(`CI=true and PostgreSQL is required, but ${url} did not answer: ${why}`, { cause: e });
    }
    project.provide('pgUrl', '');
    console.warn(banner(url, why));
    return () => console.warn(banner(url, why));
  } finally {
    await client.end().catch(() => undefined);
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}
