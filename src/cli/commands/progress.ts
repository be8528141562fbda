import type { Command } from 'commander';
import { progressOf } from '../../app/progress/progressOf.js';
import type { UnitProgress } from '../../app/progress/unitProgress.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { summarize } from './help.js';
import { campaignId, placeCode, wholeNumber } from './flags.js';
import { percent, renderTable } from './table.js';

/** The unit and its children as table rows, indented by level. */
function rows(p: UnitProgress, indent = 0): string[][] {
  const cleared = p.doubleCleared ? '✓' : '·';
  const row = [
    `${'  '.repeat(indent)}${p.name}`,
    p.code,
    p.task === null ? '—' : String(p.task),
    String(p.done),
    percent(p.completion),
    String(p.todayIncrement),
    String(p.open),
    String(p.unscreened),
    p.childUnits > 0 ? `${cleared} ${p.doubleClearedChildren}/${p.childUnits}` : cleared,
  ];
  return [row, ...(p.children ?? []).flatMap((c) => rows(c, indent + 1))];
}

export function progressTable(p: UnitProgress): string {
  return renderTable(
    [
      '单位 unit',
      '代码 code',
      '任务 task',
      '已接种 done',
      '完成率 %',
      '今日 today',
      '待接种 open',
      '未摸排 unscreened',
      '双清零 (下级 units)',
    ],
    rows(p),
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

export function registerProgress(program: Command): void {
  const progress = withDbOption(program.command('progress'));
  progress
    .description(
      '进度 Progress of a unit in a campaign, and of its units down to --depth levels.\n' +
        "Task, done, completion, today's increment, open and unscreened residents, double clearance (双清零).",
    )
    .requiredOption('--campaign <id>', 'campaign id')
    .requiredOption('--place <code>', 'the unit: county, township, village or grid code')
    .option('--depth <n>', 'levels of units below it to include (0 = the unit alone)', '1')
    .option(
      '--json',
      'print the unit as one JSON object: {"code","name","task","residents","eligible","done",…,"children":[…]}',
    )
    .action(
      action(
        async (opts: { db?: string; json?: boolean; campaign: string; place: string; depth: string }) => {
          const id = campaignId(opts.campaign);
          const place = placeCode(opts.place);
          const depth = wholeNumber(opts.depth, 'depth', 0, 5);
          const p = await withStore(opts, (store) => progressOf(store, id, place, depth));
          if (opts.json) printJsonLine(p);
          else process.stdout.write(progressTable(p));
        },
      ),
    );
  summarize(progress);
}
