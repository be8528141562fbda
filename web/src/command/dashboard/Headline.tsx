import { Card, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.js';
import type { DashboardUnit } from './dashboardUnit.js';

/** 总体进度: the unit's task, done, completion, today, 60+ coverage and units cleared. */
export function Headline({ unit, wall }: { unit: DashboardUnit; wall?: boolean }) {
  const { t } = useTranslation('command');
  const f = useFormat();
  const items: { key: string; title: string; value: string; note?: string }[] = [
    { key: 'task', title: t('task'), value: f.number(unit.task) },
    { key: 'done', title: t('done'), value: f.number(unit.done) },
    { key: 'completion', title: t('completion'), value: f.percent(unit.completion) },
    { key: 'today', title: t('today'), value: f.number(unit.todayIncrement) },
    {
      key: 'sixtyPlus',
      title: t('headline.coverage60'),
      value: f.percent(unit.sixtyPlus.coverage),
      note: t('sixtyPlus.detail', {
        done: f.number(unit.sixtyPlus.done),
        eligible: f.number(unit.sixtyPlus.eligible),
      }),
    },
    {
      key: 'cleared',
      title: t('doubleClearedChildren'),
      value: t('doubleClearedChildren.value', { n: unit.doubleClearedChildren, of: unit.childUnits }),
    },
    { key: 'open', title: t('open'), value: f.number(unit.open) },
    { key: 'unscreened', title: t('unscreened'), value: f.number(unit.unscreened) },
  ];
  return (
    <section
      className={wall ? 'gv-headline gv-headline--wall' : 'gv-headline'}
      aria-label={t('headline.title')}
    >
      {items.map((i) => (
        <Card key={i.key} size="small" className="gv-headline__card" data-testid={`headline-${i.key}`}>
          <Statistic title={i.title} value={i.value} />
          {i.note && <div className="gv-headline__note">{i.note}</div>}
        </Card>
      ))}
    </section>
  );
}
