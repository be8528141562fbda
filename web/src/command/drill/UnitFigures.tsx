import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format.js';
import type { UnitProgress } from '../commandApi.js';

/** A unit's counts: task, done, completion, today, the statuses, 60+ coverage and clearance. */
export function UnitFigures({ unit }: { unit: UnitProgress }) {
  const { t } = useTranslation('command');
  const f = useFormat();
  const yes = (b: boolean) => (b ? `✓ ${t('yes')}` : t('no'));
  const items = [
    { key: 'task', label: t('task'), children: f.number(unit.task) },
    { key: 'done', label: t('done'), children: f.number(unit.done) },
    { key: 'completion', label: t('completion'), children: f.percent(unit.completion) },
    { key: 'today', label: t('today'), children: f.number(unit.todayIncrement) },
    { key: 'residents', label: t('residents'), children: f.number(unit.residents) },
    { key: 'eligible', label: t('eligible'), children: f.number(unit.eligible) },
    { key: 'open', label: t('open'), children: f.number(unit.open) },
    { key: 'unscreened', label: t('unscreened'), children: f.number(unit.unscreened) },
    { key: 'deferred', label: t('deferred'), children: f.number(unit.deferred) },
    { key: 'exempt', label: t('exempt'), children: f.number(unit.exempt) },
    {
      key: 'sixtyPlus',
      label: t('sixtyPlus'),
      children: `${f.percent(unit.sixtyPlus.coverage)} (${t('sixtyPlus.detail', {
        done: f.number(unit.sixtyPlus.done),
        eligible: f.number(unit.sixtyPlus.eligible),
      })})`,
    },
    { key: 'screeningCleared', label: t('screeningCleared'), children: yes(unit.screeningCleared) },
    { key: 'taskCleared', label: t('taskCleared'), children: yes(unit.taskCleared) },
    { key: 'doubleCleared', label: t('doubleCleared'), children: yes(unit.doubleCleared) },
  ];
  if (unit.childUnits > 0) {
    items.push({
      key: 'doubleClearedChildren',
      label: t('doubleClearedChildren'),
      children: t('doubleClearedChildren.value', { n: unit.doubleClearedChildren, of: unit.childUnits }),
    });
  }
  return (
    <Descriptions
      data-testid="unit-figures"
      size="small"
      bordered
      column={{ xs: 1, sm: 2, md: 3, xl: 5 }}
      items={items}
    />
  );
}
