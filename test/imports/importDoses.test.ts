import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { importDoses } from '../../src/app/imports/importDoses.js';
import { progressOf } from '../../src/app/progress/progressOf.js';
import { composeIdNumber } from '../../src/domain/idcard.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';
import { engineDb } from '../cli/engineDb.js';

const NOW = new Date('2021-08-09T10:00:00.000Z');

describeEachStore('gridvax import doses', (c) => {
  let store: Store;
  let dir: string;
  let ledger: string;
  let campaignId: number;

  beforeEach(async () => {
    store = await c.fresh();
    await store.pinNow(NOW);
    const ids = await smallCounty(store, [
      { grid: GRIDS[0], birthDate: '1950-03-01' },
      { grid: GRIDS[0], birthDate: '1985-07-15' },
      { grid: GRIDS[1], birthDate: '1990-12-31' },
    ]);
    const campaign = await createCampaign(store, {
      name: '全程接种',
      target: 'full-series',
      minAge: 12,
      asOf: '2021-08-09',
      start: '2021-07-20',
      deadline: '2021-08-31',
    });
    campaignId = Number(campaign.id);
    dir = mkdtempSync(join(tmpdir(), 'gridvax-doses-'));
    ledger = join(dir, '接种台账.csv');
    const stranger = composeIdNumber('430321', '1970-01-01', 99);
    writeFileSync(
      ledger,
      [
        '姓名,身份证号,第一剂次接种日期,第二剂次接种日期,疫苗名称,批号,接种单位',
        // row 2: a full series, dates typed two ways
        `居民1,${ids[0]},2021-07-01,2021/7/25,北京生物,202106A,锦石乡卫生院`,
        // row 3: the second dose only 9 days after the first: too early
        `居民2,${ids[1]},2021年7月1日,2021-07-10,北京生物,202106A,锦石乡卫生院`,
        // row 4: the second dose late (past 8 weeks): stored and reported
        `居民3,${ids[2]},2021-05-01,2021-08-01,科兴,202104B,锦石乡卫生院`,
        // row 5: nobody registered under this ID number
        `外人,${stranger},2021-07-01,,北京生物,202106A,锦石乡卫生院`,
      ].join('\n'),
      'utf8',
    );
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await c.cleanup();
  });

  const doseCount = async () =>
    Number(
      (
        await store.db
          .selectFrom('dose_records')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('imports the valid doses, shows them in progress, and reports the rest with their rows', async () => {
    const report = join(dir, 'report.xlsx');
    const summary = await importDoses(store, { file: ledger, report: { path: report } });
    expect(summary).toMatchObject({
      rows: 4,
      imported: 5,
      updated: 0,
      unchanged: 0,
      rejected: 2,
      duplicates: 0,
      report,
    });
    expect(await doseCount()).toBe(5);
    const sources = await store.db.selectFrom('dose_records').select('source').distinct().execute();
    expect(sources.map((s) => s.source)).toEqual(['imported']);
    const logged = await store.db.selectFrom('change_log').select('entity_id').execute();
    expect(logged).toHaveLength(5);

    const p = await progressOf(store, campaignId, '430321205', 0);
    expect(p).toMatchObject({ eligible: 3, done: 2 });

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(report);
    const lines: [number, string][] = [];
    book.worksheets[0]?.eachRow((row, n) => {
      if (n === 1) return;
      lines.push([Number(row.getCell(1).value), String(row.getCell(2).value)]);
    });
    expect(lines.find(([n]) => n === 3)?.[1]).toMatch(/at the earliest/);
    expect(lines.find(([n]) => n === 4)?.[1]).toMatch(/late dose; imported/);
    expect(lines.find(([n]) => n === 5)?.[1]).toMatch(/resident not registered/);
    expect(lines.some(([n]) => n === 2)).toBe(false);

    const again = await importDoses(store, { file: ledger });
    expect(again).toMatchObject({ rows: 4, imported: 0, unchanged: 5, rejected: 2, duplicates: 0 });
    expect(await doseCount()).toBe(5);
  });

  it('writes nothing on a dry run', async () => {
    const summary = await importDoses(store, { file: ledger, dryRun: true });
    expect(summary).toMatchObject({ rows: 4, imported: 5, rejected: 2, dryRun: true });
    expect(await doseCount()).toBe(0);
    expect((await progressOf(store, campaignId, '430321205', 0)).done).toBe(0);
  });

  it('reads an xlsx ledger with a title row, date cells and a third dose', async () => {
    const ids = await store.db.selectFrom('residents').select('id_number').orderBy('id').execute();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('台账');
    sheet.addRow(['锦石乡新冠疫苗接种台账']);
    sheet.addRow([
      '受种者姓名',
      '公民身份号码',
      '第1剂接种日期',
      '第2剂接种日期',
      '第三剂次接种日期',
      '生产企业',
    ]);
    sheet.addRow([
      '居民1',
      ids[0]?.id_number,
      new Date(Date.UTC(2021, 0, 5)),
      new Date(Date.UTC(2021, 1, 5)),
      new Date(Date.UTC(2021, 7, 8)),
      '北京科兴',
    ]);
    const file = join(dir, 'ledger.xlsx');
    await book.xlsx.writeFile(file);
    const s = await importDoses(store, { file });
    expect(s).toMatchObject({ format: 'xlsx', rows: 1, imported: 3, rejected: 0 });
    const dates = await store.db
      .selectFrom('dose_records')
      .select(['dose_number', 'product'])
      .orderBy('dose_number')
      .execute();
    expect(dates.map((d) => [Number(d.dose_number), d.product])).toEqual([
      [1, 'sinovac'],
      [2, 'sinovac'],
      [3, 'sinovac'],
    ]);
  });

  it('reads one row per dose (剂次 + 接种日期) and flags a conflicting date', async () => {
    await importDoses(store, { file: ledger });
    const long = join(dir, 'long.csv');
    const id = (
      await store.db.selectFrom('residents').select('id_number').where('id', '=', 1).executeTakeFirstOrThrow()
    ).id_number;
    writeFileSync(
      long,
      ['身份证号,剂次,接种日期,生产企业', `${id},1,2021-07-01,北京生物`, `${id},2,2021-07-26,北京生物`].join(
        '\n',
      ),
    );
    const s = await importDoses(store, { file: long });
    expect(s).toMatchObject({ rows: 2, imported: 0, unchanged: 1, rejected: 1 });
  });
});

describe('gridvax import doses (command line)', () => {
  it('prints the summary as JSON and exits 0 with rejected rows', async () => {
    const db = await engineDb();
    try {
      const file = join(tmpdir(), `gridvax-doses-${process.pid}.csv`);
      writeFileSync(
        file,
        [
          '身份证号码,剂次,接种日期,疫苗名称',
          `${db.ids[0]},1,2021-07-01,国药北京`,
          `${db.ids[1]},1,2099-01-01,国药北京`,
        ].join('\n'),
      );
      const report = join(tmpdir(), `gridvax-doses-${process.pid}.xlsx`);
      const [dry] = db.json(['import', 'doses', file, '--dry-run', '--report', report]);
      expect(dry).toMatchObject({ rows: 2, imported: 1, rejected: 1, dryRun: true, report });
      const [summary] = db.json(['import', 'doses', file, '--report', report]);
      expect(summary).toMatchObject({
        rows: 2,
        imported: 1,
        updated: 0,
        unchanged: 0,
        rejected: 1,
        duplicates: 0,
        report,
      });
      const [again] = db.json(['import', 'doses', file, '--report', report]);
      expect(again).toMatchObject({ imported: 0, unchanged: 1, rejected: 1 });
      rmSync(file, { force: true });
      rmSync(report, { force: true });
    } finally {
      db.remove();
    }
  });
});
