import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { recountCampaign } from '../../src/app/engine/recount.js';
import { importResidents, type ImportResidentsInput } from '../../src/app/imports/importResidents.js';
import { progressOf } from '../../src/app/progress/progressOf.js';
import type { BulkSink } from '../../src/store/bulk.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';
import { fixture } from './fixtures.js';

const EVENING = new Date('2021-08-09T10:00:00.000Z');

/** The report's first sheet: [行号, 问题] pairs, each line's cells after them, and the header. */
async function readReport(
  path: string,
): Promise<{ header: string[]; lines: [number, string][]; cells: string[][]; sheets: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const lines: [number, string][] = [];
  const cells: string[][] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    lines.push([Number(row.getCell(1).value), String(row.getCell(2).value)]);
    cells.push(
      (row.values as unknown[]).slice(3).map((v) => (v === null || v === undefined ? '' : String(v))),
    );
  });
  return { header, lines, cells, sheets: wb.worksheets.map((w) => w.name) };
}

/** Row counts of the tables an import writes: to show that something did or did not change. */
async function snapshot(store: Store) {
  const count = async (table: 'residents' | 'households' | 'places' | 'campaign_residents') =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const residents = await store.db.selectFrom('residents').selectAll().orderBy('id').execute();
  const households = await store.db.selectFrom('households').selectAll().orderBy('id').execute();
  return {
    residents,
    households,
    places: await count('places'),
    campaignResidents: await count('campaign_residents'),
  };
}

describeEachStore('register import', (c) => {
  let store: Store;
  let dir: string;
  const report = () => join(dir, 'report.xlsx');
  const run = (file: string, extra: Partial<ImportResidentsInput> = {}) =>
    importResidents(store, { file: fixture(file), report: { path: report(), always: true }, ...extra });

  beforeEach(async () => {
    store = await c.fresh();
    await store.pinNow(EVENING);
    // One resident already registered in 唐家湖村 (grid GRIDS[2]): the fixture lists him in 锦石村.
    await smallCounty(store, [{ grid: GRIDS[2], birthDate: '1960-06-06' }]);
    dir = mkdtempSync(join(tmpdir(), 'gridvax-import-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  afterAll(() => c.cleanup());

  it('imports the UTF-8 CSV with a title row: counts, households, a new grid, and every bad row reported', async () => {
    const s = await run('register-utf8-bom.csv');
    expect(s).toMatchObject({
      rows: 13,
      imported: 6,
      updated: 0,
      unchanged: 0,
      rejected: 5,
      duplicates: 2,
      gridsCreated: 1,
      householdsCreated: 3,
      report: report(),
      format: 'csv',
      encoding: 'utf-8',
    });

    const residents = await store.db.selectFrom('residents').selectAll().orderBy('id').execute();
    expect(residents.map((r) => [Number(r.id), r.name, r.grid_code])).toEqual([
      [1, '居民1', GRIDS[2]],
      [2, '张建国', GRIDS[0]],
      [3, '李秀英', GRIDS[0]],
      [4, '张伟', GRIDS[0]], // trailing spaces gone, full-width digits read
      [5, '王桂兰', '430321205206003'], // the new grid 第3网格
      [6, '吴小红', GRIDS[2]],
      [7, '孙丽', '430321205206003'], // 第三网格 is 第3网格
    ]);
    const byName = new Map(residents.map((r) => [r.name, r]));
    expect(byName.get('王桂兰')).toMatchObject({
      id_number: '430321194801150241',
      sex: 'F',
      birth_date: '1948-01-15',
    });
    expect(byName.get('张伟')).toMatchObject({ id_number: '430321197811020313', phone: '0731-57862345' });
    expect(byName.get('孙丽')?.phone).toBe('13973210000');
    // 户号 0001: father, mother and son share one household, headed by the father.
    const hh = byName.get('张建国')?.household_id;
    expect(byName.get('李秀英')?.household_id).toBe(hh);
    expect(byName.get('张伟')?.household_id).toBe(hh);
    expect(byName.get('孙丽')?.household_id).toBe(byName.get('王桂兰')?.household_id);
    const household = await store.db
      .selectFrom('households')
      .selectAll()
      .where('id', '=', hh as string)
      .executeTakeFirst();
    expect(household).toMatchObject({ grid_code: GRIDS[0], address: '锦石村一组12号', head_name: '张建国' });
    const grid = await store.db
      .selectFrom('places')
      .selectAll()
      .where('code', '=', '430321205206003')
      .executeTakeFirst();
    expect(grid).toMatchObject({
      level: 'grid',
      name: '第3网格',
      parent_code: '430321205206',
      county_code: '430321',
    });

    const { header, lines, cells } = await readReport(report());
    expect(header.slice(0, 3)).toEqual(['行号', '问题', '序号']);
    expect(header).toContain('身份证号码');
    const problems = new Map<number, string[]>();
    for (const [n, p] of lines) problems.set(n, [...(problems.get(n) ?? []), p]);
    expect([...problems.keys()]).toEqual([4, 8, 9, 10, 11, 12, 15, 16]);
    expect(problems.get(4)?.[0]).toMatch(/第 10 行/); // the first of a duplicate pair names the second
    expect(problems.get(8)?.[0]).toMatch(/校验码/);
    expect(problems.get(9)?.[0]).toMatch(/石头村/);
    expect(problems.get(10)?.[0]).toMatch(/第 4 行.*未导入/);
    expect(problems.get(11)?.[0]).toMatch(/性别/);
    expect(problems.get(12)?.[0]).toMatch(/联系电话/);
    expect(problems.get(15)?.[0]).toMatch(/出生日期/);
    // 人户分离: both places named, the existing record kept.
    expect(problems.get(16)?.[0]).toMatch(/唐家湖村网格001.*锦石村网格002/);
    expect(byName.get('居民1')?.grid_code).toBe(GRIDS[2]);
    // Each line carries its row as the file had it: a rejected row, the first of a duplicate
    // pair (read again from the file), a row registered elsewhere.
    const cellsOf = (n: number) => cells[lines.findIndex(([m]) => m === n)];
    expect(cellsOf(8)?.slice(0, 3)).toEqual(['5', '赵磊', '430321198504200512']);
    expect(cellsOf(4)?.slice(0, 3)).toEqual(['1', '张建国', '430321195003010118']);
    expect(cellsOf(16)?.slice(0, 2)).toEqual(['13', '马志强']);
  });

  it('reads the same register from LibreOffice xlsx, GBK CSV and xlsx, and a workbook with a merged title', async () => {
    expect(await run('register-utf8-bom.xlsx', { dryRun: true })).toMatchObject({
      rows: 13,
      imported: 6,
      rejected: 5,
      duplicates: 2,
      gridsCreated: 1,
      householdsCreated: 3,
      format: 'xlsx',
    });
    const gbk = { rows: 8, imported: 6, rejected: 2, duplicates: 0, gridsCreated: 3, householdsCreated: 4 };
    expect(await run('register-gbk.csv', { dryRun: true })).toMatchObject({ ...gbk, encoding: 'gb18030' });
    expect(await run('register-gbk.xlsx')).toMatchObject(gbk);
    const gbkReport = await readReport(report());
    expect(gbkReport.lines.map(([n]) => n)).toEqual([8, 9]);
    expect(gbkReport.lines[1]?.[1]).toMatch(/姓名为空/);
    // 花果山社区 / 花果山 and 花果山一网格 / 花果山1网格 are one village and one grid.
    const hgs = await store.db
      .selectFrom('residents')
      .select(['name', 'grid_code', 'household_id'])
      .where('grid_code', 'like', '430321100013%')
      .orderBy('id')
      .execute();
    expect(hgs.map((r) => r.name)).toEqual(['欧阳明', '欧阳丽', '彭飞']);
    expect(new Set(hgs.map((r) => r.grid_code)).size).toBe(1);
    expect(hgs[0]?.household_id).toBe(hgs[1]?.household_id);
    const x = await store.db
      .selectFrom('residents')
      .select('id_number')
      .where('name', '=', '罗小军')
      .executeTakeFirst();
    expect(x?.id_number).toBe('43032119800101205X');

    const merged = await run('register-merged-title.xlsx');
    expect(merged).toMatchObject({
      rows: 5,
      imported: 4,
      rejected: 1,
      gridsCreated: 2,
      householdsCreated: 2,
      sheetsSkipped: ['填表说明'],
    });
    const mergedReport = await readReport(report());
    expect(mergedReport.sheets).toEqual(['花名册', '汇总']);
    expect(mergedReport.lines).toHaveLength(1);
    expect(mergedReport.lines[0]?.[0]).toBe(8);
    expect(mergedReport.lines[0]?.[1]).toMatch(/存成了数字/);
    const huang = await store.db
      .selectFrom('residents')
      .selectAll()
      .where('name', '=', '黄忠')
      .executeTakeFirstOrThrow();
    expect(huang).toMatchObject({ birth_date: '1955-05-05', phone: '13807320201' });
  });

  it('changes nothing when the same file is imported again, and only what changed from an updated file', async () => {
    await run('register-utf8-bom.csv');
    const before = await snapshot(store);
    expect(await run('register-utf8-bom.csv')).toMatchObject({
      rows: 13,
      imported: 0,
      updated: 0,
      unchanged: 6,
      rejected: 5,
      duplicates: 2,
      gridsCreated: 0,
      householdsCreated: 0,
    });
    expect(await snapshot(store)).toEqual(before);

    const updated = await run('register-updated.csv');
    expect(updated).toMatchObject({
      rows: 14,
      imported: 1,
      updated: 4,
      unchanged: 2,
      rejected: 5,
      duplicates: 2,
      gridsCreated: 0,
      householdsCreated: 2,
    });
    const after = await snapshot(store);
    const changed = after.residents.filter((r) => {
      const was = before.residents.find((b) => b.id === r.id);
      return !was || JSON.stringify(was) !== JSON.stringify(r);
    });
    // 王桂兰 and 孙丽 count as updated for their household's new address (on the household row).
    expect(changed.map((r) => r.name).sort()).toEqual(['张建国', '李秀英', '钱多多'].sort());
    const byName = new Map(after.residents.map((r) => [r.name, r]));
    expect(byName.get('张建国')?.phone).toBe('13900001111');
    expect(byName.get('李秀英')?.grid_code).toBe(GRIDS[1]);
    expect(byName.get('张建国')?.updated_at).toBe(EVENING.toISOString());
    expect(byName.get('张伟')).toEqual(before.residents.find((r) => r.name === '张伟'));
    const home = after.households.find((h) => h.id === byName.get('王桂兰')?.household_id);
    expect(home?.address).toBe('锦石村三组6号');

    expect(await run('register-updated.csv')).toMatchObject({ imported: 0, updated: 0, unchanged: 7 });
  });

  it('writes nothing on a dry run, not even the grids it would create', async () => {
    const before = await snapshot(store);
    const s = await run('register-utf8-bom.csv', { dryRun: true });
    expect(s).toMatchObject({
      rows: 13,
      imported: 6,
      rejected: 5,
      duplicates: 2,
      gridsCreated: 1,
      dryRun: true,
    });
    expect(await snapshot(store)).toEqual(before);
    expect((await readReport(report())).lines.length).toBe(8);
  });

  it('leaves the database as it was when the load fails half-way', async () => {
    const before = await snapshot(store);
    let inserts = 0;
    // A store whose bulk sink fails on the residents, after the grid and households are in.
    const failing: Store = {
      ...store,
      bulk: {
        load: (fill) =>
          store.bulk.load((sink) =>
            fill({
              insert: async (table, columns, rows) => {
                if (table === 'residents' && rows.length > 0) throw new Error('disk full');
                if (rows.length > 0) inserts++;
                return sink.insert(table, columns, rows);
              },
              deleteWhere: (t, w) => sink.deleteWhere(t, w),
              update: (t, k, cols, rows) => sink.update(t, k, cols, rows),
              get db() {
                return sink.db;
              },
            } satisfies BulkSink),
          ),
      },
    };
    await expect(
      importResidents(failing, { file: fixture('register-utf8-bom.csv'), report: { path: report() } }),
    ).rejects.toThrow('disk full');
    expect(inserts).toBeGreaterThanOrEqual(2);
    expect(await snapshot(store)).toEqual(before);
  });

  it('derives the campaign statuses of the residents it adds, in the load or by a recount after it', async () => {
    const campaign = await createCampaign(store, {
      name: '第一剂次接种',
      target: 'first-dose',
      minAge: 12,
      asOf: '2021-08-09',
      start: '2021-07-20',
      deadline: '2021-08-31',
    });
    const id = Number(campaign.id);
    await run('register-utf8-bom.csv');
    const incremental = await progressOf(store, id, '430321205', 3);
    expect(incremental).toMatchObject({ residents: 7, unscreened: 7 });
    await recountCampaign(store, id);
    expect(await progressOf(store, id, '430321205', 3)).toEqual(incremental);

    // Past the threshold the campaign is recounted whole after the load: the same figures.
    await run('register-gbk.csv', { recountAbove: 1 });
    const afterGbk = await progressOf(store, id, '430321', 1);
    expect(afterGbk).toMatchObject({ residents: 13 });
    await recountCampaign(store, id);
    expect(await progressOf(store, id, '430321', 1)).toEqual(afterGbk);
  });

  it('matches villages by code, a column map by letters, and refuses a file without a header', async () => {
    const file = join(dir, 'codes.csv');
    writeFileSync(
      file,
      [
        '说明：按代码填写,,',
        'A列,B列,C列,D列',
        '张三,430321195003010118,430321205206,网格002',
        '李四,430321195206180221,430321205201,',
      ].join('\n'),
    );
    const s = await importResidents(store, {
      file,
      map: '{"A":"name","B":"idNumber","C":"village","D":"grid"}',
      report: { path: report() },
    });
    // 唐家湖村 has one grid: a row naming none goes there.
    expect(s).toMatchObject({ rows: 2, imported: 2, rejected: 0, gridsCreated: 0 });
    const rows = await store.db
      .selectFrom('residents')
      .select(['name', 'grid_code'])
      .where('id', '>', 1)
      .execute();
    expect(rows).toEqual([
      { name: '张三', grid_code: GRIDS[1] },
      { name: '李四', grid_code: GRIDS[2] },
    ]);

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '户籍人口统计,,\n序号,小区,门牌\n1,花园小区,3栋\n');
    await expect(importResidents(store, { file: bad })).rejects.toMatchObject({
      kind: 'invalid-input',
      detail: { code: 'import.header' },
    });
    await expect(importResidents(store, { file: bad })).rejects.toThrow(/序号、小区、门牌/);
  });
});
