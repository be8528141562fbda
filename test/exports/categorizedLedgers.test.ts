import { afterAll, beforeAll, expect, it } from 'vitest';
import { CATEGORY_SHEETS, prepareCategorizedLedgers } from '../../src/app/exports/categorizedLedgers.js';
import { describeEachStore } from '../support/stores.js';
import { exportCounty, NAMES, PHONE, TOWNSHIP, VILLAGE, type ExportCounty } from './exportCounty.js';
import { openPrepared, table } from './readWorkbook.js';

const names = (rows: Record<string, unknown>[]): unknown[] => rows.map((r) => r['姓名']);

describeEachStore('export: the categorized ledgers (分门别类)', (c) => {
  let t: ExportCounty;

  beforeAll(async () => {
    t = await exportCounty(await c.fresh());
  });
  afterAll(() => c.cleanup());

  const open = async (place: string, unmasked = false) =>
    openPrepared(await prepareCategorizedLedgers(t.store, { campaignId: t.campaignId, place, unmasked }));

  it('has one sheet per category, each with a title, a frozen header and the person columns', async () => {
    const prepared = await prepareCategorizedLedgers(t.store, { campaignId: t.campaignId, place: VILLAGE });
    expect(prepared.fileName).toBe('湘潭县锦石乡锦石村_分类台账_2021-08-09.xlsx');
    expect(prepared.asciiFileName).toBe(`ledgers_${VILLAGE}_2021-08-09.xlsx`);
    const wb = await openPrepared(prepared);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...CATEGORY_SHEETS]);
    for (const name of CATEGORY_SHEETS) {
      const sheet = table(wb, name);
      expect(sheet.title).toBe(`湘潭县锦石乡锦石村\u3000${name}台账`);
      expect(sheet.subtitle).toContain('第一剂次接种');
      expect(sheet.frozenRows).toBe(3);
      expect(sheet.headers.slice(0, 11)).toEqual([
        '序号',
        '网格',
        '户号',
        '户主',
        '姓名',
        '性别',
        '出生日期',
        '年龄',
        '身份证号',
        '联系电话',
        '现住址',
      ]);
      for (const r of sheet.rows) {
        expect(String(r['身份证号'])).toContain('*');
        expect(String(r['联系电话'])).toContain('****');
      }
    }
  });

  it('sorts the register by where the household is registered, and finds who is away', async () => {
    const wb = await open(VILLAGE);
    const local = table(wb, '户籍人口').rows;
    // Everyone living in 锦石村 (1–5, 7, 9, 11) but resident 8, registered in 雨湖区.
    expect(names(local)).toEqual([
      NAMES[0],
      NAMES[1],
      NAMES[2],
      NAMES[6],
      NAMES[8],
      NAMES[3],
      NAMES[4],
      NAMES[10],
    ]);
    expect(local[0]).toMatchObject({
      网格: '网格001',
      户号: '0001',
      户主: NAMES[0],
      性别: '男',
      年龄: 71,
      人员状态: '在册',
    });
    expect(local[0]?.['现住址']).toBe('湘潭县锦石乡锦石村委会1组1号');
    expect(local.find((r) => r['姓名'] === NAMES[4])?.['人员状态']).toBe('已死亡');
    expect(table(wb, '流入人口').rows).toEqual([
      expect.objectContaining({ 姓名: NAMES[7], 户籍地代码: '430302', 网格: '网格002' }),
    ]);
    // Resident 4 was refused, then found away: the latest visit counts.
    expect(table(wb, '外出人员').rows).toEqual([
      expect.objectContaining({
        姓名: NAMES[3],
        外出地点: '广东省深圳市',
        预计返回: '2021-09-30',
        摸排时间: '2021-08-07 09:00',
      }),
    ]);
  });

  it('lists the campaign by dose status and the contraindicated, with their doses and reasons', async () => {
    const wb = await open(VILLAGE);
    const done = table(wb, '已接种').rows;
    expect(done).toEqual([
      expect.objectContaining({
        姓名: NAMES[1],
        疫苗名称: '科兴',
        第一剂次接种日期: '2021-08-05',
        第二剂次接种日期: null,
        已接种剂次: 1,
        接种单位: '锦石乡卫生院接种点',
        完成日期: '2021-08-05',
      }),
      expect.objectContaining({ 姓名: NAMES[8], 疫苗名称: '康希诺', 第一剂次接种日期: '2021-06-01' }),
    ]);
    const notDone = table(wb, '未接种').rows;
    expect(names(notDone)).toEqual([NAMES[0], NAMES[6], NAMES[3], NAMES[7], NAMES[10]]);
    expect(notDone.map((r) => r['接种状态'])).toEqual(['待接种', '暂缓接种', '待接种', '未摸排', '未摸排']);
    expect(notDone.map((r) => r['情况说明'])).toEqual([
      '拒绝或犹豫',
      '临时禁忌，暂缓接种',
      '外出',
      null,
      null,
    ]);
    expect(table(wb, '禁忌人员').rows).toEqual([
      expect.objectContaining({
        姓名: NAMES[6],
        禁忌类型: '暂缓接种',
        暂缓至: '2021-08-20',
        接种状态: '暂缓接种',
      }),
    ]);

    const township = await open(TOWNSHIP);
    const contra = table(township, '禁忌人员').rows;
    expect(names(contra)).toEqual([NAMES[5], NAMES[6]]);
    expect(contra[0]).toMatchObject({ 禁忌类型: '永久禁忌', 暂缓至: null, 接种状态: '免接种' });
    expect(String(contra[0]?.['禁忌情形'])).toContain('过敏');
    expect(names(table(township, '已接种').rows)).toEqual([NAMES[9], NAMES[1], NAMES[8]]);
    expect(table(township, '已接种').rows[0]).toMatchObject({
      疫苗名称: '智飞',
      第一剂次接种日期: '2021-07-01',
    });
  });

  it('shows full numbers with unmasked', async () => {
    const wb = await open(VILLAGE, true);
    expect(table(wb, '户籍人口').rows[0]).toMatchObject({ 身份证号: t.ids[0], 联系电话: PHONE(1) });
    expect(table(wb, '户籍人口').subtitle).toContain('注意保密');
  });
});
