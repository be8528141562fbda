import type { Command } from 'commander';
import { deriveCampaignTasks } from '../../app/campaigns/deriveCampaignTasks.js';
import { checkCampaignTasks } from '../../app/campaigns/checkCampaignTasks.js';
import { setTask } from '../../app/campaigns/setTask.js';
import type { TaskFinding } from '../../domain/tasks.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { summarize } from './help.js';
import { campaignId, placeCode, wholeNumber } from './flags.js';

/** A finding as a JSON line: the message in both languages beside the figures. */
function findingJson(f: TaskFinding): Record<string, unknown> {
  const { message, ...rest } = f;
  return { ...rest, message: message.zh, messageEn: message.en };
}

export function registerTask(program: Command): void {
  const task = program
    .command('task')
    .description('任务数 Task numbers handed down county → township → village');

  withDbOption(task.command('set'))
    .description('下达任务 Set (or replace) the task number of one unit in a campaign')
    .requiredOption('--campaign <id>', 'campaign id')
    .requiredOption('--place <code>', 'the unit (township, village or grid code)')
    .requiredOption('--count <n>', 'the task: how many residents to vaccinate')
    .option('--json', 'print {"campaign","place","count"}')
    .action(
      action(
        async (opts: { db?: string; json?: boolean; campaign: string; place: string; count: string }) => {
          const id = campaignId(opts.campaign);
          const place = placeCode(opts.place);
          const count = wholeNumber(opts.count, 'count', 0, 100_000_000);
          await withStore(opts, (store) => setTask(store, id, place, count));
          if (opts.json) printJsonLine({ campaign: id, place, count });
          else process.stdout.write(`已下达任务 task set: 任务 #${id} · ${place} · ${count}\n`);
        },
      ),
    );

  withDbOption(task.command('derive'))
    .description(
      '按底数生成任务 Derive task numbers from the eligible register, from a unit down to its villages\n' +
        '(each village its eligible residents, each parent the sum). Units that already have a task keep it unless --replace.',
    )
    .requiredOption('--campaign <id>', 'campaign id')
    .option('--place <code>', "derive under this unit (default: the campaign's unit)")
    .option('--replace', 'also replace tasks that were already set')
    .option('--json', 'print {"place","set","kept","total"}')
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          campaign: string;
          place?: string;
          replace?: boolean;
        }) => {
          const id = campaignId(opts.campaign);
          const place = opts.place === undefined ? undefined : placeCode(opts.place);
          const r = await withStore(opts, (store) =>
            deriveCampaignTasks(store, {
              campaignId: id,
              replace: opts.replace === true,
              ...(place ? { place } : {}),
            }),
          );
          if (opts.json) printJsonLine(r);
          else
            process.stdout.write(
              `已生成任务 tasks derived under ${r.place}: 设置 set ${r.set} · 保留 kept ${r.kept} · 合计 total ${r.total ?? '—'}\n`,
            );
        },
      ),
    );

  withDbOption(task.command('check'))
    .description(
      '任务核对 Check the task numbers of a campaign against each other and the register.\n' +
        'Finds children that do not add up to their parent, units handed down nothing while their siblings were, ' +
        'and tasks more than 10% from the eligible residents on the register.',
    )
    .requiredOption('--campaign <id>', 'campaign id')
    .option('--place <code>', "check this unit and everything under it (default: the campaign's unit)")
    .option(
      '--json',
      'one JSON object per finding: {"code","unit","message","messageEn",…}; nothing when all is well',
    )
    .action(
      action(async (opts: { db?: string; json?: boolean; campaign: string; place?: string }) => {
        const id = campaignId(opts.campaign);
        const place = opts.place === undefined ? undefined : placeCode(opts.place);
        const { findings } = await withStore(opts, (store) =>
          checkCampaignTasks(store, { campaignId: id, place }),
        );
        if (opts.json) {
          for (const f of findings) printJsonLine(findingJson(f));
        } else if (findings.length === 0) {
          process.stdout.write('任务数无问题 the task numbers are consistent\n');
        } else {
          for (const f of findings) process.stdout.write(`${f.code}\t${f.message.zh}\n\t${f.message.en}\n`);
        }
      }),
    );
  summarize(task);
}
