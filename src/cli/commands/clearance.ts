import type { Command } from 'commander';
import { clearanceHistory } from '../../app/clearance/clearanceHistory.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { campaignId, placeCode } from './flags.js';

const KIND = { cleared: '清零 cleared', reopened: '重开 reopened' } as const;
const WHICH = { screening: '排查清零', task: '任务清零', double: '双清零' } as const;

export function registerClearance(program: Command): void {
  withDbOption(program.command('clearance'))
    .description('清零记录 When a unit cleared (排查/任务/双清零) and reopened, and why, oldest first')
    .requiredOption('--campaign <id>', 'campaign id')
    .requiredOption('--place <code>', 'the unit')
    .option('--within', 'also the units under it')
    .option('--json', 'one JSON object per event: {"place","at","kind","which","reason","reasonLabel"}')
    .action(
      action(
        async (opts: { db?: string; json?: boolean; campaign: string; place: string; within?: boolean }) => {
          const id = campaignId(opts.campaign);
          const place = placeCode(opts.place);
          const events = await withStore(opts, (store) =>
            clearanceHistory(store, { campaignId: id, place, withinUnits: opts.within === true }),
          );
          for (const e of events) {
            if (opts.json) printJsonLine(e);
            else {
              const why = e.reasonLabel ? `${e.reasonLabel.zh} ${e.reasonLabel.en}` : (e.reason ?? '');
              process.stdout.write(
                `${e.at}\t${e.place}\t${KIND[e.kind]}\t${WHICH[e.which]} ${e.which}\t${why}\n`,
              );
            }
          }
        },
      ),
    );
}
