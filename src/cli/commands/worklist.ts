import type { Command } from 'commander';
import { worklistOf } from '../../app/worklist/worklistOf.js';
import { invalidInput } from '../../domain/errors.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { summarize } from './help.js';
import { campaignId, placeCode, wholeNumber } from './flags.js';
import { renderTable } from './table.js';

/** `--grid A,B`: grid codes, each checked. */
function gridCodes(value: string): string[] {
  const grids = value
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean)
    .map((g) => placeCode(g, 'grid'));
  if (grids.length === 0) {
    throw invalidInput({
      code: 'cli.grid',
      field: 'grid',
      message: { zh: '--grid 至少需要一个网格代码', en: '--grid needs at least one grid code' },
    });
  }
  return grids;
}

export function registerWorklist(program: Command): void {
  const worklist = withDbOption(program.command('worklist'));
  worklist
    .description(
      "今日工作清单 Today's worklist of a grid member: who to see first, and what to do at each door.\n" +
        '60+ and follow-ups due first, then the unscreened; a household together.',
    )
    .requiredOption('--campaign <id>', 'campaign id')
    .requiredOption('--grid <codes>', 'grid code(s), comma-separated')
    .option('--limit <n>', 'at most this many residents')
    .option(
      '--json',
      'one JSON object per resident, in worklist order: {"tier","name","idNumber","phone","nextAction",…}',
    )
    .action(
      action(
        async (opts: { db?: string; json?: boolean; campaign: string; grid: string; limit?: string }) => {
          const input = {
            campaignId: campaignId(opts.campaign),
            grids: gridCodes(opts.grid),
            ...(opts.limit === undefined ? {} : { limit: wholeNumber(opts.limit, 'limit', 1, 10_000) }),
          };
          const w = await withStore(opts, (store) => worklistOf(store, input));
          if (opts.json) {
            for (const item of w.items) printJsonLine(item);
            return;
          }
          process.stdout.write(`今天 today ${w.today} · ${w.items.length} 人 residents\n`);
          process.stdout.write(
            renderTable(
              ['级 tier', '网格 grid', '户 household', '姓名 name', '年龄 age', '电话 phone', '下一步 next'],
              w.items.map((i) => [
                String(i.tier),
                i.gridCode,
                String(i.householdId),
                i.name,
                String(i.age),
                i.phone ?? '',
                i.nextAction.label.zh,
              ]),
              ['right', 'left', 'left', 'left', 'right'],
            ),
          );
        },
      ),
    );
  summarize(worklist);
}
