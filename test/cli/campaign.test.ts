import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRIDS } from '../support/county.js';
import { gridvax, jsonLines } from '../support/cli.js';
import { createFirstDoseCampaign, engineDb, type EngineDb } from './engineDb.js';

describe('gridvax campaign, task and products', () => {
  let db: EngineDb;
  let campaign: number;

  beforeAll(async () => {
    db = await engineDb();
    campaign = createFirstDoseCampaign(db);
  });
  afterAll(() => db.remove());

  it('creates a campaign and lists it with the contract fields', () => {
    expect(campaign).toBeGreaterThan(0);
    expect(db.json(['campaign', 'list'])).toEqual([
      {
        id: campaign,
        name: '第一剂次接种',
        place: '430321',
        target: 'first-dose',
        minAge: 12,
        maxAge: null,
        asOf: '2021-08-09',
        start: '2021-07-20',
        deadline: '2021-08-31',
      },
    ]);
  });

  it('refuses bad values with exit 3 naming the flag, and bad flags with exit 2', () => {
    const base = ['campaign', 'create', '--name', 'x', '--as-of', '2021-08-09', '--deadline', '2021-08-31'];
    const badTarget = db.run([...base, '--target', 'second-dose', '--min-age', '12', '--json']);
    expect(badTarget.code).toBe(3);
    expect(jsonLines(badTarget.stdout)[0]).toMatchObject({ error: { code: 'cli.target', field: 'target' } });
    const badAge = db.run([...base, '--target', 'booster', '--min-age', 'twelve']);
    expect(badAge.code).toBe(3);
    expect(badAge.stderr).toMatch(/--min-age/);
    const missing = db.run(['campaign', 'create', '--name', 'x', '--target', 'booster', '--min-age', '12']);
    expect(missing.code).toBe(2); // --as-of and --deadline missing: a usage error
    const badDate = db.run([
      ...base,
      '--target',
      'booster',
      '--min-age',
      '12',
      '--deadline',
      '2021-02-30',
      '--json',
    ]);
    expect(badDate.code).toBe(3);
    expect(jsonLines(badDate.stdout)[0]).toMatchObject({ error: { field: 'deadline' } });
    expect(db.run(['campaign', 'list', '--bogus']).code).toBe(2);
    expect(db.run(['task', 'set', '--campaign', '0', '--place', '430321205', '--count', '5']).code).toBe(3);
    expect(db.run(['task', 'set', '--campaign', '99', '--place', '430321205', '--count', '5']).code).toBe(4);
  });

  it('sets tasks and reports the ones that do not add up or are far from the register', () => {
    const set = (place: string, count: number) =>
      db.json(['task', 'set', '--campaign', String(campaign), '--place', place, '--count', String(count)]);
    expect(set('430321205206', 3)).toEqual([{ campaign, place: '430321205206', count: 3 }]);
    set(GRIDS[0], 2);
    set(GRIDS[1], 2);
    const findings = db.json(['task', 'check', '--campaign', String(campaign), '--place', '430321205206']);
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'children-sum-mismatch',
        unit: '430321205206',
        task: 3,
        childrenSum: 4,
        difference: 1,
      }),
      expect.objectContaining({ code: 'task-far-from-eligible', unit: GRIDS[1], task: 2, eligible: 1 }),
    ]);
    expect(findings[0]?.['message']).toMatch(/合计4/);
  });

  it('lists the vaccine products with their intervals', () => {
    const products = jsonLines(gridvax(['products', '--json']).stdout);
    expect(products.map((p) => p['code'])).toEqual([
      'sinopharm-bibp',
      'sinopharm-wibp',
      'sinovac',
      'cansino',
      'zf2001',
    ]);
    expect(products[2]).toMatchObject({
      code: 'sinovac',
      name: expect.stringMatching(/科兴/) as unknown,
      nameEn: expect.stringMatching(/Sinovac/) as unknown,
      manufacturer: '北京科兴中维生物技术有限公司',
      doses: 2,
      intervals: [{ doseNumber: 2, minDaysAfterPrevious: 21, ideallyWithinDaysOfFirst: 56 }],
    });
  });

  it('has a Chinese-first --help on every command', () => {
    const list = gridvax(['--help']).stdout;
    const commands =
      'campaign task visit dose progress products residents ledger lookback schedule worklist sync devices';
    for (const name of commands.split(' ')) {
      // Listed with a one-line summary that starts in Chinese.
      expect(list, name).toMatch(new RegExp(`\\n  ${name}( \\[\\w+\\])? +[\\u4e00-\\u9fff]`));
    }
    const progress = gridvax(['progress', '--help']).stdout;
    expect(progress).toMatch(/进度 Progress of a unit/);
    expect(progress).toMatch(/--db <path>/);
  });
});
