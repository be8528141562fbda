/**
 * The report's charts as SVG rendered on the server with Apache ECharts (its SSR mode: no DOM, no
 * canvas): the townships ranked by completion, the 14-day trend, and the battle map; and the
 * three stacked into one standalone SVG document. Only the ECharts parts used are registered,
 * which keeps the import light for the CLI.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GraphicComponent, GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { DailyReport } from '../domain/dailyReport.js';
import { battleMapSvg } from './battleMap.js';
import {
  CJK_FONT_FAMILY,
  STATUS_COLORS,
  cutoffLabel,
  escapeXml,
  percentText,
  shortDateLabel,
  statusLabel,
} from './style.js';
import { childrenByCode } from './unitColumns.js';

export { battleMapSvg } from './battleMap.js';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  TitleComponent,
  LegendComponent,
  GraphicComponent,
  SVGRenderer,
]);

export const CHART_WIDTH = 1000;

/**
 * ECharts outlines labels outside a bar in white and asks for `paint-order="stroke"` to draw the
 * outline first; svg-to-pdfkit ignores paint-order and paints the white over the letters, so the
 * PDF would show nothing. The labels sit on white anyway.
 */
const NO_HALO = { color: '#333333', textBorderColor: 'transparent', textBorderWidth: 0 } as const;
const TREND_HEIGHT = 360;

/** Renders one option to an SVG string and frees the instance (SSR charts hold no DOM). */
function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: CJK_FONT_FAMILY },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function title(text: string, report: DailyReport): echarts.EChartsCoreOption['title'] {
  return {
    text,
    subtext: `${report.campaign.name}\u3000${cutoffLabel(report)}`,
    left: 10,
    top: 6,
    textStyle: { fontSize: 18, fontFamily: CJK_FONT_FAMILY },
    subtextStyle: { fontSize: 12, fontFamily: CJK_FONT_FAMILY },
  };
}

/** A chart that says there is nothing to show, instead of drawing zeros as if they were facts. */
function noData(text: string, report: DailyReport, height: number): string {
  return render(
    {
      title: title(text, report),
      graphic: {
        type: 'text',
        left: 'center',
        top: 'middle',
        style: {
          text: `暂无数据：${cutoffLabel(report)}尚无任何记录`,
          fontSize: 20,
          fill: '#888888',
          fontFamily: CJK_FONT_FAMILY,
        },
      },
    },
    CHART_WIDTH,
    height,
  );
}

function unitWord(report: DailyReport): string {
  return report.unit.level === 'county' ? '乡镇' : '村（社区）';
}

/** The report unit's children ranked by completion, bars coloured by status; units without a task last. */
export function rankingBarsSvg(report: DailyReport): string {
  const units = childrenByCode(report.unit);
  const heading = `各${unitWord(report)}完成率排名`;
  const height = Math.max(260, 110 + 26 * units.length);
  if (!report.hasData) return noData(heading, report, height);
  // Best first from the top: ECharts draws a category y axis bottom-up, so the list is reversed.
  const ranked = [...units].sort((a, b) => (b.completion ?? -1) - (a.completion ?? -1)).reverse();
  const max = Math.max(1, ...ranked.map((u) => u.completion ?? 0));
  return render(
    {
      title: title(heading, report),
      grid: {
        left: 12,
        right: 150,
        top: 74,
        bottom: 24,
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel',
      },
      xAxis: {
        type: 'value',
        min: 0,
        max: Math.ceil(max * 10) / 10,
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
      },
      yAxis: {
        type: 'category',
        data: ranked.map((u) => u.shortName),
        axisLabel: { fontSize: 12 },
        axisTick: { show: false },
      },
      series: [
        {
          type: 'bar',
          barMaxWidth: 20,
          data: ranked.map((u) => ({
            value: u.completion ?? 0,
            itemStyle: { color: STATUS_COLORS[u.status].strong },
            label: {
              show: true,
              position: 'right',
              formatter: `${percentText(u.completion)}\u3000${statusLabel(u.status)}`,
              fontSize: 11,
              ...NO_HALO,
            },
          })),
        },
      ],
    },
    CHART_WIDTH,
    height,
  );
}

/** The last 14 days: each day's increment as bars, cumulative done as a line (right axis). */
export function trendSvg(report: DailyReport): string {
  const heading = `${report.unit.name}近14日接种进度`;
  if (!report.hasData || report.trend.length === 0) return noData(heading, report, TREND_HEIGHT);
  const points = [...report.trend].sort((a, b) => (a.date < b.date ? -1 : 1));
  return render(
    {
      title: title(heading, report),
      legend: {
        top: 14,
        right: 16,
        data: ['当日新增', '累计接种'],
        textStyle: { fontFamily: CJK_FONT_FAMILY },
      },
      grid: {
        left: 16,
        right: 16,
        top: 78,
        bottom: 20,
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel',
      },
      xAxis: {
        type: 'category',
        data: points.map((p) => shortDateLabel(p.date)),
        axisLabel: { fontSize: 11 },
      },
      yAxis: [
        { type: 'value', name: '当日新增（人）', nameTextStyle: { align: 'left' } },
        {
          type: 'value',
          name: '累计接种（人）',
          splitLine: { show: false },
          nameTextStyle: { align: 'right' },
        },
      ],
      series: [
        {
          name: '当日新增',
          type: 'bar',
          data: points.map((p) => p.increment),
          itemStyle: { color: '#5b8ff9' },
          label: { show: true, position: 'top', fontSize: 10, ...NO_HALO },
        },
        {
          name: '累计接种',
          type: 'line',
          yAxisIndex: 1,
          data: points.map((p) => p.done),
          itemStyle: { color: '#e8684a' },
          lineStyle: { width: 2 },
          symbolSize: 5,
        },
      ],
    },
    CHART_WIDTH,
    TREND_HEIGHT,
  );
}

/** Width and height of a standalone SVG from its root element. */
function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\bwidth="([\d.]+)"/.exec(root)?.[1] ?? CHART_WIDTH);
  const height = Number(/\bheight="([\d.]+)"/.exec(root)?.[1] ?? 0);
  return { width, height };
}

/**
 * The ranking bars, the trend and the battle map stacked into one standalone SVG: each chart
 * stays a nested <svg> placed by x/y, so each keeps its own viewBox and ECharts' per-instance
 * class names cannot collide.
 */
export function renderChartsSvg(report: DailyReport): string {
  const charts = [rankingBarsSvg(report), trendSvg(report), battleMapSvg(report)];
  const gap = 24;
  let y = 0;
  const placed = charts.map((svg) => {
    const size = svgSize(svg);
    const at = y;
    y += size.height + gap;
    return svg.replace(/^\s*<svg\b/, `<svg x="0" y="${at}"`);
  });
  const height = Math.max(0, y - gap);
  const label = escapeXml(
    `${report.campaign.name} ${report.unit.name} ${report.date} ${cutoffLabel(report)}`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${CHART_WIDTH}" height="${height}"` +
      ` viewBox="0 0 ${CHART_WIDTH} ${height}" role="img" aria-label="${label}">`,
    `<rect x="0" y="0" width="${CHART_WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...placed,
    '</svg>',
  ].join('\n');
}
