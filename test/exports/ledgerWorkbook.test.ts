import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareLedgerWorkbook, LEDGER_COLUMNS } from '../../src/app/exports/ledgerWorkbook.js';
import { writeWorkbookFile } from '../../src/app/exports/workbookFile.js';
import { ledgerOf } from '../../src/app/ledger/ledgerOf.js';
import { GRIDS } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';
import { exportCounty, NAMES, PHONE, TOWNSHIP, VILLAGE, type ExportCounty } from './exportCounty.js';
import { openFile, openPrepared, table } from './readWorkbook.js';

describeEachStore('export: the close-out ledger workbook', (c) => {
  let t: ExportCounty;
  const dirs: string[] = [];

  beforeAll(async () => {
    t = await exportCounty(await c.fresh());
  });
  afterAll(async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await c.cleanup();
  });

  const prepare = (place: string, unmasked = false) =>
    prepareLedgerWorkbook(t.store, { campaignId: t.campaignId, place, unmasked });

  it('gives a village a sheet per grid, with a title, a frozen Chinese header, and names the file', async () => {
    const prepared = await prepare(VILLAGE);
    expect(prepared.fileName).toBe('湘潭县锦石乡锦石村_销号台账_2021-08-09.xlsx');
    expect(prepared.asciiFileName).toBe(`ledger_${VILLAGE}_2021-08-09.xlsx`);
    const wb = await openPrepared(prepared);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '网格001', '网格002', '销号记录']);
    const grid = table(wb, '网格001');
    expect(grid.headers).toEqual(LEDGER_COLUMNS.map((col) => col.header));
    expect(grid.headers).toEqual(expect.arrayContaining(['姓名', '身份证号', '联系电话', '台账', '销号人']));
    expect(grid.title).toContain('湘潭县锦石乡锦石村网格001');
    expect(grid.title).toContain('第一剂次接种');
    expect(grid.subtitle).toContain('2021-08-09');
    expect(grid.subtitle).toContain('已脱敏');
    expect(grid.frozenRows).toBe(3);
  });

  it('lists every eligible resident, marks the ledger entries exactly as ledgerOf lists them, masked', async () => {
    const wb = await openPrepared(await prepare(VILLAGE));
    for (const grid of [GRIDS[0], GRIDS[1]]) {
      const sheet = table(wb, `网格${grid.slice(-3)}`);
      const ledger = await ledgerOf(t.store, { campaignId: t.campaignId, place: grid });
      const open = sheet.rows.filter((r) => r['台账'] === '待销号');
      expect(open.length).toBe(ledger.total);
      expect(open.map((r) => [r['姓名'], r['身份证号'], r['联系电话']])).toEqual(
        ledger.entries.map((e) => [e.name, e.idNumber, e.phone]),
      );
      for (const r of sheet.rows) {
        expect(String(r['身份证号'])).toMatch(/^430321\*{8}\d{3}[\dX]$/);
        expect(String(r['联系电话'])).toMatch(/^138\*{4}\d{4}$/);
      }
    }
    const g1 = table(wb, '网格001').rows;
    // Residents 1, 2, 7, 9 (3 is a child: not in the campaign's list), by household.
    expect(g1.map((r) => r['姓名'])).toEqual([NAMES[0], NAMES[1], NAMES[6], NAMES[8]]);
    expect(g1.map((r) => r['台账'])).toEqual(['待销号', '已销号', '可销号', '可销号']);
    expect(g1.map((r) => r['序号'])).toEqual([1, 2, 3, 4]);
    expect(g1[0]).toMatchObject({
      接种状态: '待接种',
      情况说明: '拒绝或犹豫',
      回访日期: '2021-08-11',
      年龄: 71,
    });
    expect(g1[1]).toMatchObject({ 接种状态: '已接种', 销号人: '锦石村网格长', 销号原因: '已接种第一剂' });
    expect(g1[2]).toMatchObject({ 接种状态: '暂缓接种', 暂缓至: '2021-08-20' });
    const g2 = table(wb, '网格002').rows;
    expect(g2.map((r) => r['情况说明'])).toEqual(['外出', null, null]);
    expect(g2.map((r) => r['接种状态'])).toEqual(['待接种', '未摸排', '未摸排']);

    const summary = table(wb, '汇总').rows;
    expect(summary.map((r) => r['单位'])).toEqual(['网格001', '网格002', '合计（湘潭县锦石乡锦石村）']);
    expect(summary[2]).toMatchObject({ 应接种: 7, 已接种: 2, 暂缓接种: 1, 待接种: 2, 未摸排: 2, 待销号: 4 });
    const closures = table(wb, '销号记录').rows;
    expect(closures).toEqual([
      expect.objectContaining({
        姓名: NAMES[1],
        销号人: '锦石村网格长',
        当前状态: '已接种',
        销号前状态: '未摸排',
      }),
    ]);
    expect(String(closures[0]?.['身份证号'])).toContain('*');
  });

  it('shows full ID and phone numbers with unmasked, and says so', async () => {
    const wb = await openPrepared(await prepare(VILLAGE, true));
    const sheet = table(wb, '网格001');
    expect(sheet.subtitle).toContain('注意保密');
    expect(sheet.rows[0]).toMatchObject({ 身份证号: t.ids[0], 联系电话: PHONE(1) });
  });

  it('gives a township a sheet per village holding residents, and writes the file whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridvax-export-'));
    dirs.push(dir);
    const done = await writeWorkbookFile(await prepare(TOWNSHIP), dir);
    expect(done.file).toBe(join(dir, '湘潭县锦石乡_销号台账_2021-08-09.xlsx'));
    expect(readdirSync(dir)).toEqual(['湘潭县锦石乡_销号台账_2021-08-09.xlsx']);
    const wb = await openFile(done.file);
    const names = wb.worksheets.map((w) => w.name);
    // Villages in code order: 唐家湖村 (…201) before 锦石村 (…206).
    expect(names).toEqual(['汇总', '唐家湖村', '锦石村', '销号记录']);
    expect(done.sheets.map((s) => s.name)).toEqual(names);
    const village = table(wb, '锦石村');
    expect(village.title).toContain('湘潭县锦石乡锦石村');
    expect(village.rows).toHaveLength(7);
    expect(village.rows.map((r) => r['网格'])).toEqual([
      '网格001',
      '网格001',
      '网格001',
      '网格001',
      '网格002',
      '网格002',
      '网格002',
    ]);
    const other = table(wb, '唐家湖村');
    const ledger = await ledgerOf(t.store, { campaignId: t.campaignId, place: '430321205201' });
    expect(other.rows.filter((r) => r['台账'] === '待销号')).toHaveLength(ledger.total);
    expect(other.rows.map((r) => r['姓名'])).toEqual([NAMES[5], NAMES[9]]);
    // The summary names every village of the township; the empty ones count zero.
    const summary = table(wb, '汇总').rows;
    expect(summary.at(-1)).toMatchObject({ 单位: '合计（湘潭县锦石乡）', 应接种: 9, 待销号: 4 });
  });

  it('gives a grid one sheet, and a county one sheet per village named with its township', async () => {
    const grid = await openPrepared(await prepare(GRIDS[1]));
    expect(grid.worksheets.map((w) => w.name)).toEqual(['汇总', '网格002', '销号记录']);
    expect(table(grid, '汇总').rows).toEqual([expect.objectContaining({ 单位: '网格002', 待销号: 3 })]);
    expect(table(grid, '网格002').title).toContain('湘潭县锦石乡锦石村网格002');
    const county = await openPrepared(await prepare('430321'));
    expect(county.worksheets.map((w) => w.name)).toEqual([
      '汇总',
      '锦石乡唐家湖村',
      '锦石乡锦石村',
      '销号记录',
    ]);
    expect(table(county, '汇总').rows.at(-1)).toMatchObject({ 单位: '合计（湘潭县）', 应接种: 9 });
  });

  it('refuses an unknown campaign or place before writing anything', async () => {
    await expect(prepareLedgerWorkbook(t.store, { campaignId: 99, place: VILLAGE })).rejects.toMatchObject({
      detail: { code: 'campaign.not-found' },
    });
    await expect(prepare('430321205299')).rejects.toMatchObject({ detail: { code: 'place.not-found' } });
    await expect(prepare('43')).rejects.toMatchObject({ detail: { code: 'export.place-level' } });
    await expect(
      prepareLedgerWorkbook(t.store, { campaignId: t.campaignId, place: VILLAGE, scope: ['430321205201'] }),
    ).rejects.toMatchObject({ detail: { code: 'place.not-found' } });
  });
});

describe('export: sheet names', () => {
  it('are what Excel accepts, and unique', async () => {
    const { uniqueSheetName } = await import('../../src/app/exports/xlsxSheet.js');
    const taken = new Set<string>();
    expect(uniqueSheetName(taken, '锦石村')).toBe('锦石村');
    expect(uniqueSheetName(taken, '锦石村')).toBe('锦石村(2)');
    expect(uniqueSheetName(taken, 'a/b:c*d?[e]')).toBe('a_b_c_d__e_');
    expect(uniqueSheetName(taken, 'x'.repeat(40))).toHaveLength(31);
  });
});
