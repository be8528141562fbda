import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { importDoses, type ImportDosesInput } from '../../src/app/imports/importDoses.js';
import { importResidents, type ImportResidentsInput } from '../../src/app/imports/importResidents.js';
import { isGridvaxError } from '../../src/domain/errors.js';
import type { Store } from '../../src/store/openStore.js';
import { EVENING, RESIDENTS } from '../api/apiCounty.js';
import { smallCounty } from '../support/county.js';
import { rowCounter, type RowCounts } from './rowCounts.js';

/**
 * One import of a fuzzed file, and what must hold whatever the file was: it succeeds, or it
 * fails with gridvax's own error naming the file, field or row (never a TypeError, never a
 * database error), and a failure leaves every table as it was. A success writes exactly what
 * its summary says, and every data row is counted once.
 */
export interface ImportBench {
  store: Store;
  /** ID numbers of the registered residents (RESIDENTS of test/api). */
  ids: string[];
  count(): Promise<RowCounts>;
  /** A path in the bench's own folder. */
  file(name: string, bytes: Buffer | string): string;
  close(): void;
}

/** The API suites' small county and its campaign, on `store`, with a folder for files. */
export async function importBench(store: Store): Promise<ImportBench> {
  await store.pinNow(EVENING);
  const ids = await smallCounty(store, RESIDENTS);
  await createCampaign(store, {
    name: '第一剂次接种',
    target: 'first-dose',
    minAge: 12,
    asOf: '2021-08-09',
    start: '2021-07-20',
    deadline: '2021-08-31',
  });
  const dir = mkdtempSync(join(tmpdir(), 'gridvax-fuzz-'));
  return {
    store,
    ids,
    count: await rowCounter(store),
    file(name, bytes) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The error of a refused import must be gridvax's own and say where the problem is. */
export function expectOwnError(e: unknown): void {
  if (!isGridvaxError(e)) {
    expect.fail(`not a GridvaxError: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  const d = e.detail;
  expect(d.file ?? d.field ?? d.row, `${d.code} names no file, field or row`).toBeDefined();
  // A JavaScript failure passed on as the message is no explanation.
  expect(e.message).not.toMatch(/Cannot read properties|is not a function|is not iterable|call stack/);
}

export type Outcome = 'imported' | 'refused';

const delta = (before: RowCounts, after: RowCounts, table: string): number =>
  (after[table] ?? 0) - (before[table] ?? 0);

export async function residentsImportHolds(
  b: ImportBench,
  path: string,
  extra: Partial<ImportResidentsInput> = {},
): Promise<Outcome> {
  const before = await b.count();
  let s;
  try {
    s = await importResidents(b.store, {
      file: path,
      county: '430321',
      report: { path: `${path}.report.xlsx` },
      ...extra,
    });
  } catch (e) {
    expectOwnError(e);
    expect(await b.count()).toEqual(before);
    return 'refused';
  }
  const after = await b.count();
  expect(s.imported + s.updated + s.unchanged + s.rejected + s.duplicates).toBe(s.rows);
  if (s.dryRun) {
    expect(after).toEqual(before);
  } else {
    expect(delta(before, after, 'residents')).toBe(s.imported);
    expect(delta(before, after, 'households')).toBe(s.householdsCreated);
    expect(delta(before, after, 'places')).toBe(s.gridsCreated);
  }
  return 'imported';
}

export async function dosesImportHolds(
  b: ImportBench,
  path: string,
  extra: Partial<ImportDosesInput> = {},
): Promise<Outcome> {
  const before = await b.count();
  let s;
  try {
    s = await importDoses(b.store, {
      file: path,
      county: '430321',
      report: { path: `${path}.report.xlsx` },
      ...extra,
    });
  } catch (e) {
    expectOwnError(e);
    expect(await b.count()).toEqual(before);
    return 'refused';
  }
  const after = await b.count();
  expect(s.updated).toBe(0);
  if (s.dryRun) {
    expect(after).toEqual(before);
  } else {
    expect(delta(before, after, 'dose_records')).toBe(s.imported);
    expect(delta(before, after, 'change_log')).toBe(s.imported);
    expect(after['residents']).toBe(before['residents']);
  }
  return 'imported';
}
