import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRIDS } from '../support/county.js';
import { jsonLines } from '../support/cli.js';
import { engineDb, type EngineDb } from '../cli/engineDb.js';
import { fixture } from './fixtures.js';

describe('gridvax import residents', () => {
  let db: EngineDb;
  let dir: string;

  beforeAll(async () => {
    db = await engineDb([{ grid: GRIDS[2], birthDate: '1960-06-06' }]);
    dir = mkdtempSync(join(tmpdir(), 'gridvax-import-cli-'));
  });
  afterAll(() => {
    db.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  const residentsUnder = (place: string) => db.json(['residents', '--place', place]).length;

  it('prints the summary as JSON, exits 0 with rejected rows, and writes the report it names', () => {
    const report = join(dir, 'r1.xlsx');
    const [summary] = db.json(['import', 'residents', fixture('register-utf8-bom.csv'), '--report', report]);
    expect(summary).toMatchObject({
      rows: 13,
      imported: 6,
      updated: 0,
      unchanged: 0,
      rejected: 5,
      duplicates: 2,
      report,
      gridsCreated: 1,
      householdsCreated: 3,
    });
    expect(existsSync(report)).toBe(true);
    expect(residentsUnder('430321205')).toBe(7);

    const [again] = db.json(['import', 'residents', fixture('register-utf8-bom.csv'), '--report', report]);
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 6 });
  });

  it('detects GBK, and writes nothing on --dry-run', () => {
    const [dry] = db.json([
      'import',
      'residents',
      fixture('register-gbk.csv'),
      '--dry-run',
      '--report',
      join(dir, 'r2.xlsx'),
    ]);
    expect(dry).toMatchObject({ rows: 8, imported: 6, rejected: 2, encoding: 'gb18030', dryRun: true });
    expect(residentsUnder('430321100')).toBe(0);
    const text = db.run([
      'import',
      'residents',
      fixture('register-gbk.csv'),
      '--county',
      '430321',
      '--report',
      join(dir, 'r3.xlsx'),
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/新增 imported 6/);
    expect(residentsUnder('430321100')).toBe(6);
  });

  it('puts the report beside the file when --report is not given and there are problems', () => {
    const copy = join(dir, '花名册.xlsx');
    copyFileSync(fixture('register-merged-title.xlsx'), copy);
    const [s] = db.json(['import', 'residents', copy]);
    expect(s).toMatchObject({
      rows: 5,
      imported: 4,
      rejected: 1,
      report: join(dir, '花名册.validation.xlsx'),
    });
    expect(existsSync(join(dir, '花名册.validation.xlsx'))).toBe(true);
  });

  it('exits 3 when the file cannot be read, naming the headers it found', () => {
    const noHeader = join(dir, 'no-header.csv');
    writeFileSync(noHeader, '户籍人口统计\n序号,户主,门牌\n1,张三,3号\n');
    const r = db.run(['import', 'residents', noHeader, '--json']);
    expect(r.code).toBe(3);
    const [err] = jsonLines(r.stdout);
    expect(err).toMatchObject({ error: { code: 'import.header', file: 'no-header.csv' } });
    expect(String((err?.['error'] as Record<string, unknown>)['message'])).toMatch(/序号、户主、门牌/);

    const badEncoding = db.run([
      'import',
      'residents',
      fixture('register-gbk.csv'),
      '--encoding',
      'ebcdic-klingon',
      '--json',
    ]);
    expect(badEncoding.code).toBe(3);
    expect(jsonLines(badEncoding.stdout)[0]).toMatchObject({ error: { code: 'import.encoding' } });

    expect(db.run(['import', 'residents', join(dir, 'nothing-here.csv')]).code).toBe(3);
    expect(
      db.run(['import', 'residents', fixture('register-gbk.csv'), '--map', '{"姓名":"nope"}']).code,
    ).toBe(3);
    expect(db.run(['import', 'residents', fixture('register-gbk.csv'), '--county', '110105']).code).toBe(4);
  });
});
