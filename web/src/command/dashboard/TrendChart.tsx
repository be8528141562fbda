import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.js';
import type { DailyReport } from '../commandApi.js';

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

/**
 * The last 14 days (近14天进度): the cumulative done as a line, each day's increment as bars.
 * ECharts comes in its own chunk, after the ranking is on screen; the SVG renderer stays sharp
 * on a wall screen at any size.
 */
export default function TrendChart({ trend, wall }: { trend: DailyReport['trend']; wall?: boolean }) {
  const { t, i18n } = useTranslation('command');
  const f = useFormat();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const c = init(box.current, undefined, { renderer: 'svg' });
    chart.current = c;
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    const observer = new ResizeObserver(resize);
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const size = wall ? 18 : 12;
    chart.current?.setOption(
      {
        aria: { enabled: true },
        textStyle: { fontSize: size },
        tooltip: { trigger: 'axis' },
        legend: { top: 0, textStyle: { fontSize: size } },
        grid: { left: 8, right: 8, top: wall ? 48 : 36, bottom: 8, containLabel: true },
        xAxis: {
          type: 'category',
          data: trend.map((p) => f.date(p.date)),
          axisLabel: { fontSize: size, hideOverlap: true },
        },
        yAxis: [
          {
            type: 'value',
            name: t('trend.done'),
            nameTextStyle: { fontSize: size },
            axisLabel: { fontSize: size },
          },
          {
            type: 'value',
            name: t('trend.increment'),
            nameTextStyle: { fontSize: size },
            axisLabel: { fontSize: size },
            splitLine: { show: false },
          },
        ],
        series: [
          {
            name: t('trend.done'),
            type: 'line',
            data: trend.map((p) => p.done),
            color: '#c4161c',
            symbolSize: wall ? 10 : 6,
            lineStyle: { width: wall ? 4 : 2 },
          },
          {
            name: t('trend.increment'),
            type: 'bar',
            yAxisIndex: 1,
            data: trend.map((p) => p.increment),
            color: '#4e79a7',
          },
        ],
      },
      true,
    );
    // t and f are new objects each render but change only with the language.
  }, [trend, wall, i18n.language]);

  return (
    <figure className="gv-trend">
      <figcaption className="gv-visually-hidden">{t('trend.title')}</figcaption>
      {/* ECharts writes its description into aria-label: a role lets the box carry one. */}
      <div
        ref={box}
        role="img"
        className={wall ? 'gv-trend__chart gv-trend__chart--wall' : 'gv-trend__chart'}
      />
    </figure>
  );
}
