import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { DailyReport } from '../../src/domain/dailyReport.js';
import { findCjkFont } from '../../src/reports/cjkFont.js';
import { renderJson } from '../../src/reports/json.js';
import { renderPdf } from '../../src/reports/pdf.js';
import { renderWeChatText } from '../../src/reports/text.js';
import { renderXlsx } from '../../src/reports/xlsx.js';
import { emptyReportFixture, reportFixture } from '../support/reportFixture.js';

/** The demo evening's dispatch orders: two answers to the order due at 17:00 still missing at 18:00. */
const DISPATCH: NonNullable<DailyReport['dispatch']> = {
  orders: 2,
  targets: 8,
  acknowledged: 7,
  completed: 5,
  completedLate: 1,
  overdue: 2,
  overdueOrders: [
    {
      orderId: 2,
      title: '关于8月9日17:00前报送未接种人员销号台账的调度令',
      issuedAt: '2021-08-09T00:00:00.000Z',
      deadline: '2021-08-09T09:00:00.000Z',
      code: '430321102',
      name: '谭家山镇',
      acknowledged: false,
      minutesLate: 60,
    },
    {
      orderId: 2,
      title: '关于8月9日17:00前报送未接种人员销号台账的调度令',
      issuedAt: '2021-08-09T00:00:00.000Z',
      deadline: '2021-08-09T09:00:00.000Z',
      code: '430321205',
      name: '锦石乡',
      acknowledged: true,
      minutesLate: 60,
    },
  ],
};

const withOrders = (report = reportFixture()): DailyReport => ({ ...report, dispatch: DISPATCH });

const hasFont = ((): boolean => {
  try {
    findCjkFont();
    return true;
  } catch {
    return false;
  }
})();
const hasPdftotext = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined;

const dir = mkdtempSync(join(tmpdir(), 'gridvax-dispatch-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the daily report’s dispatch orders (调度令)', () => {
  it('says the counts and names who is overdue in the WeChat text', () => {
    const text = renderWeChatText(withOrders());
    const line = text.split('\n\n').find((p) => p.startsWith('【调度令】'));
    expect(line).toBe(
      '【调度令】截至8月9日晚，已下达调度令2份，涉及8个单位：已签收7个，已办结6个（其中逾期办结1个），逾期未办结2个。' +
        '逾期未办结：谭家山镇《关于8月9日17:00前报送未接种人员销号台账的调度令》（8月9日17:00到期，未签收，逾期1小时）；' +
        '锦石乡《关于8月9日17:00前报送未接种人员销号台账的调度令》（8月9日17:00到期，已签收，逾期1小时）。\n',
    );
    // Also on a day without vaccination data: an unanswered order is a fact of its own.
    expect(renderWeChatText(withOrders(emptyReportFixture()))).toContain('【调度令】');
  });

  it('leaves the section out when there is none (a report frozen before field operations)', () => {
    expect(renderWeChatText(reportFixture())).not.toContain('调度令');
    const none = {
      ...DISPATCH,
      orders: 0,
      targets: 0,
      acknowledged: 0,
      completed: 0,
      completedLate: 0,
      overdue: 0,
      overdueOrders: [],
    };
    expect(renderWeChatText({ ...reportFixture(), dispatch: none })).not.toContain('调度令');
  });

  it('adds a 调度令 sheet to the workbook: the counts, then one row per overdue unit', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(withOrders())) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name).at(-1)).toBe('调度令');
    const ws = wb.getWorksheet('调度令');
    if (!ws) throw new Error('no sheet');
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(['逾期未办结', 2]);
    expect(rows).toContainEqual(['已签收', 7]);
    expect(rows).toContainEqual([
      '关于8月9日17:00前报送未接种人员销号台账的调度令',
      '谭家山镇',
      '430321102',
      '8月9日17:00',
      '未签收',
      '逾期1小时',
    ]);
    // Without orders, the sheets are as they were.
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.load((await renderXlsx(reportFixture())) as unknown as ArrayBuffer);
    expect(plain.worksheets.map((w) => w.name)).not.toContain('调度令');
  });

  it('carries the section in the JSON', () => {
    expect(JSON.parse(renderJson(withOrders())).dispatch).toEqual(DISPATCH);
  });

  it.skipIf(!hasFont)('prints a 调度令 section in the PDF', async () => {
    const pdf = await renderPdf(withOrders());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    if (!hasPdftotext) return;
    const file = join(dir, 'dispatch.pdf');
    writeFileSync(file, pdf);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
    expect(text).toContain('调度令办理情况');
    expect(text).toContain('逾期未办结2个');
    expect(text).toContain('谭家山镇');
  });
});
