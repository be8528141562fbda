import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { emptyReportFixture, reportFixture } from '../../test/support/reportFixture.js';
import { percentText } from './style.js';
import { renderXlsx } from './xlsx.js';

const HEADERS = [
  '单位',
  '任务数',
  '累计接种',
  '今日新增',
  '完成率',
  '排名',
  '双清零村数',
  '60岁以上接种率',
  '日需接种',
  '近7日日均',
  '预计完成',
  '状态',
  '包保责任人',
];

async function open(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The row whose first cell is `label`. */
function rowOf(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === label) return ws.getRow(r);
  throw new Error(`no row ${label} in ${ws.name}`);
}

const headerValues = (ws: ExcelJS.Worksheet): unknown[] => (ws.getRow(3).values as unknown[]).slice(1);

describe('renderXlsx', () => {
  it('writes a county sheet, a sheet per township in code order, 数据研判 and 更正', async () => {
    const wb = await open(await renderXlsx(reportFixture()));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '湘潭县',
      '谭家山镇',
      '乌石镇',
      '锦石乡',
      '数据研判',
      '更正',
    ]);
  });

  it('puts the campaign and the cut-off in a merged title row above a frozen Chinese header', async () => {
    const wb = await open(await renderXlsx(reportFixture()));
    const ws = sheet(wb, '湘潭县');
    const title = String(ws.getCell('A1').value);
    expect(title).toContain('新冠疫苗第一剂次攻坚');
    expect(title).toContain('截至2021年8月9日18:00');
    expect(ws.model.merges).toContain('A1:M1');
    expect(String(ws.getCell('A2').value)).toContain('冻结快照');
    expect(headerValues(ws)).toEqual(HEADERS);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 1 });
  });

  it('stores the figures as numbers with their formats, rows tinted by status', async () => {
    const wb = await open(await renderXlsx(reportFixture()));
    const ws = sheet(wb, '湘潭县');
    const jinshi = rowOf(ws, '锦石乡');
    const col = (h: string) => HEADERS.indexOf(h) + 1;
    expect(jinshi.getCell(col('任务数')).value).toBe(12610);
    expect(jinshi.getCell(col('累计接种')).value).toBe(11500);
    const completion = jinshi.getCell(col('完成率'));
    expect(completion.value).toBeCloseTo(11500 / 12610, 10);
    expect(completion.numFmt).toBe('0.0%');
    // ExcelJS does not apply formats; what Excel shows under '0.0%' is what percentText writes.
    expect(percentText(completion.value as number)).toBe('91.2%');
    expect(jinshi.getCell(col('双清零村数')).value).toBe(3);
    expect(jinshi.getCell(col('排名')).value).toBe(2);
    expect(jinshi.getCell(col('状态')).value).toBe('可按期完成');
    expect(jinshi.getCell(col('包保责任人')).value).toBe('刘建国');
    expect(jinshi.getCell(col('预计完成')).value).toEqual(new Date('2021-08-13T00:00:00Z'));
    expect(jinshi.getCell(col('预计完成')).numFmt).toBe('yyyy-mm-dd');
    expect(jinshi.getCell(col('60岁以上接种率')).numFmt).toBe('0.0%');

    const fillOf = (row: ExcelJS.Row) => (row.getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb;
    expect(fillOf(rowOf(ws, '乌石镇'))).toBe('FFFFC7CE'); // behind: red
    expect(fillOf(rowOf(ws, '谭家山镇'))).toBe('FFE2EFDA'); // on track: green

    const total = rowOf(ws, '合计（湘潭县）');
    expect(total.getCell(col('任务数')).value).toBe(29610);
    expect(total.getCell(col('累计接种')).value).toBe(24700);
    // The county's double-cleared villages, summed over its townships.
    expect(total.getCell(col('双清零村数')).value).toBe(3);
    expect(total.getCell(1).font?.bold).toBe(true);
    // Wide enough for the longest Chinese label (two columns a character).
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(14);
    expect(ws.getColumn(col('60岁以上接种率')).width).toBeGreaterThanOrEqual(14);
  });

  it('lists a township’s villages on its own sheet, double-cleared ones ticked', async () => {
    const wb = await open(await renderXlsx(reportFixture()));
    const ws = sheet(wb, '锦石乡');
    expect(headerValues(ws)).toContain('双清零');
    const cleared = [];
    for (let r = 4; r <= ws.rowCount; r++)
      if (ws.getRow(r).getCell(7).value === '✓') cleared.push(ws.getRow(r).getCell(1).value);
    expect(cleared).toEqual(['唐家湖村', '金湖村', '锦石村']);
    expect(rowOf(ws, '合计（锦石乡）').getCell(5).value).toBeCloseTo(0.912, 3);
    // A village without a task says so instead of a completion of 0%.
    const wushi = sheet(wb, '乌石镇');
    expect(rowOf(wushi, '瓦子坪社区').getCell(5).value).toBe('—');
    expect(rowOf(wushi, '瓦子坪社区').getCell(12).value).toBe('未下达任务');
  });

  it('writes the data group’s breakdowns and the corrections', async () => {
    const wb = await open(await renderXlsx(reportFixture()));
    const analysis = sheet(wb, '数据研判');
    expect(rowOf(analysis, '拒绝或犹豫').getCell(2).value).toBe(1210);
    expect(rowOf(analysis, '四美村委会').getCell(3).value).toBe(260);
    expect(rowOf(analysis, '乌石镇').getCell(4).value).toBe('进度滞后');
    const corrections = sheet(wb, '更正');
    const row = rowOf(corrections, '2021-08-08');
    expect((row.values as unknown[]).slice(1)).toEqual([
      '2021-08-08',
      '430321205209',
      '文佳村委会',
      2010,
      2025,
      15,
    ]);
  });

  it('says how figures that are not a frozen snapshot were obtained', async () => {
    const note = '按有日期的记录重算：累计接种为当日实数；双清零按截止时间前的摸排记录推算。';
    const report = {
      ...reportFixture(),
      frozen: false,
      basis: { kind: 'reconstructed' as const, note: { zh: note, en: '' } },
    };
    const ws = sheet(await open(await renderXlsx(report)), '湘潭县');
    expect(String(ws.getCell('A2').value)).toContain('按存档记录重算（非冻结快照）');
    expect(String(ws.getCell('A2').value)).toContain(note);
  });

  it('leaves out the 更正 sheet when nothing was corrected', async () => {
    const wb = await open(await renderXlsx({ ...reportFixture(), corrections: [] }));
    expect(wb.getWorksheet('更正')).toBeUndefined();
  });

  it('says 暂无数据 on a day without any record instead of a table of zeros', async () => {
    const wb = await open(await renderXlsx(emptyReportFixture()));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['湘潭县']);
    const ws = sheet(wb, '湘潭县');
    expect(String(ws.getCell('A1').value)).toContain('截至2021年7月20日18:00');
    expect(String(ws.getCell('A4').value)).toContain('暂无数据');
    const numbers: unknown[] = [];
    ws.eachRow((row) => row.eachCell((cell) => typeof cell.value === 'number' && numbers.push(cell.value)));
    expect(numbers).toEqual([]);
  });
});
