import { describe, expect, it } from 'vitest';
import type { DailyReport } from '../domain/dailyReport.js';
import { emptyReportFixture, must, reportFixture, townshipOf } from '../../test/support/reportFixture.js';
import { battleMapSvg, rankingBarsSvg, renderChartsSvg, trendSvg } from './charts.js';

/**
 * Enough of an XML parser to tell a well-formed document: every tag closed in order, attribute
 * values quoted, no bare `&` or `<` in text. Returns the root element's name.
 */
function assertWellFormed(xml: string): string {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '').trim();
  expect(body.startsWith('<svg')).toBe(true);
  const stack: string[] = [];
  let root = '';
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const textPart = body.slice(i, lt === -1 ? body.length : lt);
    expect(textPart, 'bare & in text').not.toMatch(/&(?!#\d+;|#x[0-9a-f]+;|amp;|lt;|gt;|quot;|apos;)/i);
    if (lt === -1) break;
    const gt = body.indexOf('>', lt);
    expect(gt, 'unterminated tag').toBeGreaterThan(lt);
    const tag = body.slice(lt + 1, gt);
    if (tag.startsWith('!--')) {
      i = body.indexOf('-->', lt) + 3;
      continue;
    }
    if (tag.startsWith('![CDATA[')) {
      i = body.indexOf(']]>', lt) + 3;
      continue;
    }
    if (tag.startsWith('/')) {
      expect(stack.pop(), `closing ${tag}`).toBe(tag.slice(1).trim());
    } else {
      const name = must(/^[\w:-]+/.exec(tag)?.[0], `tag name in <${tag.slice(0, 40)}>`);
      const attrs = tag.slice(name.length).replace(/\/$/, '');
      expect(attrs, `attributes of <${name}>`).toMatch(/^(\s+[\w:-]+="[^"<]*")*\s*$/);
      if (!root) root = name;
      if (!tag.endsWith('/')) stack.push(name);
    }
    i = gt + 1;
  }
  expect(stack).toEqual([]);
  return root;
}

/** The `<g class="tile" …>` groups of a battle map, with what each contains. */
function tiles(svg: string): { level: string; code: string; body: string }[] {
  const out = [];
  const re = /<g class="tile" data-level="(\w+)" data-code="(\d+)">([\s\S]*?)<\/g>/g;
  for (let m = re.exec(svg); m; m = re.exec(svg))
    out.push({ level: m[1] ?? '', code: m[2] ?? '', body: m[3] ?? '' });
  return out;
}

describe('rankingBarsSvg', () => {
  it('is standalone SVG with every township, its completion and status, in Chinese', () => {
    const svg = rankingBarsSvg(reportFixture());
    expect(assertWellFormed(svg)).toBe('svg');
    for (const name of [
      '锦石乡',
      '谭家山镇',
      '乌石镇',
      '91.2%',
      '进度滞后',
      '各乡镇完成率排名',
      '截至2021年8月9日18:00',
    ]) {
      expect(svg).toContain(name);
    }
    expect(svg).toContain('Noto Sans CJK SC');
    expect(svg).toContain('WenQuanYi Micro Hei');
    // Bars coloured by status: the behind township in red.
    expect(svg).toContain('#d73027');
    // No white halo over the labels: svg-to-pdfkit would paint it over the letters.
    expect(svg).not.toContain('paint-order');
  });
});

describe('trendSvg', () => {
  it('draws 14 days of increments and the cumulative line', () => {
    const svg = trendSvg(reportFixture());
    assertWellFormed(svg);
    expect(svg).toContain('7月27日');
    expect(svg).toContain('8月9日');
    expect(svg).toContain('当日新增');
    expect(svg).toContain('累计接种');
  });
});

describe('battleMapSvg', () => {
  it('has one tile per township and per village, named, with completion', () => {
    const report = reportFixture();
    const svg = battleMapSvg(report);
    assertWellFormed(svg);
    const all = tiles(svg);
    const townships = report.unit.children ?? [];
    const villages = townships.flatMap((t) => t.children ?? []);
    expect(all.filter((t) => t.level === 'township').map((t) => t.code)).toEqual([
      '430321102',
      '430321114',
      '430321205',
    ]);
    expect(
      all
        .filter((t) => t.level === 'village')
        .map((t) => t.code)
        .sort(),
    ).toEqual(villages.map((v) => v.code).sort());
    const jinshi = must(
      all.find((t) => t.code === '430321205'),
      '锦石乡 tile',
    );
    expect(jinshi.body).toContain('锦石乡');
    expect(jinshi.body).toContain('91.2%');
    expect(jinshi.body).toContain('双清零 3/5');
  });

  it('marks exactly the double-cleared villages', () => {
    const svg = battleMapSvg(reportFixture());
    const ticked = tiles(svg).filter((t) => t.level === 'village' && t.body.includes('✓'));
    expect(ticked.map((t) => t.code)).toEqual(['430321205201', '430321205205', '430321205206']);
  });

  it('colours by completion: green from 95%, red below 60%, grey without a task', () => {
    const svg = battleMapSvg(reportFixture());
    const fillOf = (code: string) =>
      /<rect [^>]*fill="(#[0-9a-f]+)"/.exec(
        must(
          tiles(svg).find((t) => t.code === code),
          code,
        ).body,
      )?.[1];
    expect(fillOf('430321205206')).toBe('#1a9850'); // 锦石村 100%
    expect(fillOf('430321114220')).toBe('#d73027'); // 四美村 43.2%
    expect(fillOf('430321114001')).toBe('#d9d9d9'); // 瓦子坪社区, no task
  });

  it('escapes names', () => {
    const report = reportFixture();
    const first = townshipOf(report, '430321102');
    report.unit.children = report.unit.children?.map((t) =>
      t === first ? { ...first, shortName: 'A&B <镇>' } : t,
    );
    const svg = battleMapSvg(report);
    assertWellFormed(svg);
    expect(svg).toContain('A&#38;B &#60;镇&#62;');
    assertWellFormed(rankingBarsSvg(report));
    assertWellFormed(renderChartsSvg(report));
  });
});

describe('renderChartsSvg', () => {
  it('stacks the three charts into one standalone SVG document', () => {
    const svg = renderChartsSvg(reportFixture());
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(assertWellFormed(svg)).toBe('svg');
    expect(svg.match(/<svg\b/g)).toHaveLength(4);
    const boxes = [...svg.matchAll(/<svg x="0" y="(\d+(?:\.\d+)?)"[^>]*?height="(\d+(?:\.\d+)?)"/g)].map(
      (m) => ({
        y: Number(m[1]),
        height: Number(m[2]),
      }),
    );
    expect(boxes).toHaveLength(3);
    // Each below the previous, none overlapping, all inside the document.
    let bottom = 0;
    for (const box of boxes) {
      expect(box.y).toBeGreaterThanOrEqual(bottom);
      bottom = box.y + box.height;
    }
    const total = Number(/<svg [^>]*?height="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
    expect(total).toBeGreaterThanOrEqual(bottom);
    for (const s of ['各乡镇完成率排名', '近14日接种进度', '挂图作战', '锦石乡']) expect(svg).toContain(s);
  });

  it('says 暂无数据 on a day without records instead of drawing zeros', () => {
    const report: DailyReport = emptyReportFixture();
    const svg = renderChartsSvg(report);
    assertWellFormed(svg);
    expect(svg.split('暂无数据').length - 1).toBeGreaterThanOrEqual(3);
    expect(svg).not.toContain('0.0%');
  });
});
