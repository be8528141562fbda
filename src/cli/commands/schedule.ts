import type { Command } from 'commander';
import { scheduleOf } from '../../app/schedule/scheduleOf.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { summarize } from './help.js';
import { campaignId, placeCode } from './flags.js';
import { renderTable } from './table.js';

type ScheduleRow = Awaited<ReturnType<typeof scheduleOf>>['unit'];

function row(r: ScheduleRow, indent: string): string[] {
  const s = r.schedule;
  return [
    `${indent}${r.name}`,
    s.task === null ? '—' : String(s.task),
    String(s.done),
    s.remaining === null ? '—' : String(s.remaining),
    s.neededDailyRate === null ? (s.overdue ? '逾期 overdue' : '—') : String(s.neededDailyRate),
    s.recentDailyRate.toFixed(1),
    s.projectedFinish ?? '—',
    s.willMiss ? '⚠ 将延误 will miss' : '',
  ];
}

export function registerSchedule(program: Command): void {
  const schedule = withDbOption(program.command('schedule'));
  schedule
    .description(
      '倒排工期 Backward schedule of a unit and its units, and the ones that will miss the deadline.\n' +
        'The daily rate each needs to finish by the deadline, and the date it will finish at its recent rate.',
    )
    .requiredOption('--campaign <id>', 'campaign id')
    .requiredOption('--place <code>', 'county, township or village code')
    .option(
      '--json',
      'print one JSON object: {"today","deadline","unit","children":[…],"atRisk":[…],"capacityWarnings":[…]}',
    )
    .action(
      action(async (opts: { db?: string; json?: boolean; campaign: string; place: string }) => {
        const input = { campaignId: campaignId(opts.campaign), place: placeCode(opts.place) };
        const s = await withStore(opts, (store) => scheduleOf(store, input));
        if (opts.json) {
          printJsonLine(s);
          return;
        }
        process.stdout.write(`今天 today ${s.today} · 截止 deadline ${s.deadline}\n`);
        process.stdout.write(
          renderTable(
            [
              '单位 unit',
              '任务 task',
              '已接种 done',
              '剩余 left',
              '日需 needed/day',
              '近日 recent/day',
              '预计完成 finish',
              '',
            ],
            [row(s.unit, ''), ...s.children.map((c) => row(c, '  '))],
            ['left', 'right', 'right', 'right', 'right', 'right'],
          ),
        );
        // Need beyond what the sites can vaccinate a day (接种能力不足): said under the table.
        for (const w of s.capacityWarnings) process.stdout.write(`⚠ ${w.warning.zh} / ${w.warning.en}\n`);
      }),
    );
  summarize(schedule);
}
