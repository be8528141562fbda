import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isGridvaxError } from '../domain/errors.js';
import { emptyReportFixture, must, reportFixture, townshipOf } from '../../test/support/reportFixture.js';
import { CJK_FONT_CANDIDATES, findCjkFont } from './cjkFont.js';
import { renderPdf } from './pdf.js';

const hasTool = (cmd: string): boolean => spawnSync(cmd, ['-v'], { encoding: 'utf8' }).error === undefined;
const hasFont = ((): boolean => {
  try {
    findCjkFont();
    return true;
  } catch {
    return false;
  }
})();
const canCheck = hasTool('pdftotext') && hasTool('pdfinfo') && hasTool('pdffonts') && hasFont;
if (!canCheck && process.env.CI !== 'true') {
  console.warn(
    '\n*** pdf.test.ts: SKIPPING the PDF content checks: poppler-utils (pdftotext, pdfinfo, pdffonts) or a CJK font ' +
      '(fonts-noto-cjk) is missing. Install them: apt-get install fonts-noto-cjk poppler-utils ***\n',
  );
}

const dir = mkdtempSync(join(tmpdir(), 'gridvax-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function written(name: string, report = reportFixture()): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, await renderPdf(report));
  return file;
}

describe('findCjkFont', () => {
  it('names both Debian packages when no CJK font is installed', () => {
    let error: unknown;
    try {
      findCjkFont(CJK_FONT_CANDIDATES, () => false);
    } catch (e) {
      error = e;
    }
    expect(isGridvaxError(error)).toBe(true);
    if (!isGridvaxError(error)) return;
    expect(error.kind).toBe('business-rule');
    expect(error.code).toBe('report.no-cjk-font');
    for (const text of [error.detail.message.zh, error.detail.message.en]) {
      expect(text).toContain('fonts-noto-cjk');
      expect(text).toContain('fonts-wqy-microhei');
    }
  });

  it('falls back to WenQuanYi, and to the regular face when the bold one is missing', () => {
    const only = (path: string) => path.includes('wqy');
    expect(findCjkFont(CJK_FONT_CANDIDATES, only)).toMatchObject({
      package: 'fonts-wqy-microhei',
      regular: { postscriptName: 'WenQuanYiMicroHei' },
      bold: null,
    });
    const noBold = (path: string) => path.endsWith('NotoSansCJK-Regular.ttc');
    expect(findCjkFont(CJK_FONT_CANDIDATES, noBold)).toMatchObject({ package: 'fonts-noto-cjk', bold: null });
  });
});

describe.skipIf(!canCheck)('renderPdf', () => {
  it('is A4 landscape with the CJK font embedded', async () => {
    const file = await written('report.pdf');
    const info = run('pdfinfo', [file]);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    expect(Number(size?.[1])).toBeCloseTo(841.89, 1);
    expect(Number(size?.[2])).toBeCloseTo(595.28, 1);
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(4);
    const fonts = run('pdffonts', [file]);
    expect(fonts).toMatch(/NotoSansCJKsc-Regular.*\byes\b/);
  });

  it('prints the figures in Chinese text a reader (and pdftotext) can find', async () => {
    const text = run('pdftotext', ['-layout', await written('text.pdf'), '-']);
    for (const s of [
      '湘潭县按日调度报告',
      '截至2021年8月9日18:00',
      '锦石乡',
      '91.2%',
      '11,500',
      '12,610',
      '3/5',
      '合计（湘潭县）',
      '唐家湖村',
      '挂图作战', // the battle map, drawn from its SVG
      '各乡镇完成率排名', // the ranking chart
      '近14日接种进度', // the trend chart
      '数据研判',
      '拒绝或犹豫',
      '补录更正',
      '文佳村委会',
      '进度滞后',
    ]) {
      expect(text, s).toContain(s);
    }
  });

  it('says how figures that are not a frozen snapshot were obtained', async () => {
    const note = '按有日期的记录重算：累计接种为当日实数；双清零按截止时间前的摸排记录推算。';
    const report = {
      ...reportFixture(),
      frozen: false,
      basis: { kind: 'reconstructed' as const, note: { zh: note, en: '' } },
    };
    const text = run('pdftotext', [await written('basis.pdf', report), '-']).replace(/\s+/g, '');
    expect(text).toContain('按存档记录重算（非冻结快照）');
    expect(text).toContain(note);
  });

  it('keeps every word inside the page margins', async () => {
    const bbox = run('pdftotext', ['-bbox', await written('bbox.pdf'), '-']);
    const words = [
      ...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/g),
    ];
    expect(words.length).toBeGreaterThan(200);
    for (const [, x0, y0, x1, y1] of words) {
      expect(Number(x0)).toBeGreaterThanOrEqual(27);
      expect(Number(x1)).toBeLessThanOrEqual(841.89 - 27);
      expect(Number(y0)).toBeGreaterThanOrEqual(27);
      expect(Number(y1)).toBeLessThanOrEqual(595.28 - 15);
    }
  });

  it('repeats a long table’s header on the next page', async () => {
    const report = reportFixture();
    const jinshi = townshipOf(report, '430321205');
    const village = must(jinshi.children?.[0], 'a village');
    jinshi.children = Array.from({ length: 60 }, (_, i) => ({
      ...village,
      code: `430321205${300 + i}`,
      shortName: `测试村${i}`,
    }));
    const file = await written('long.pdf', report);
    const pages = run('pdftotext', ['-layout', file, '-']).split('\f');
    const continued = pages.filter((p) => /锦石乡\s+各村（社区）进度（续）/.test(p));
    expect(continued.length).toBeGreaterThanOrEqual(1);
    for (const p of continued) expect(p).toMatch(/单位\s+任务数\s+累计接种/);
  });

  it('says 暂无数据 on a day without records, printing no figures', async () => {
    const text = run('pdftotext', ['-layout', await written('empty.pdf', emptyReportFixture()), '-']);
    expect(text).toContain('暂无数据');
    expect(text).toContain('截至2021年7月20日18:00');
    expect(text).not.toContain('0.0%');
    expect(text).not.toContain('任务数');
  });
});
