import type { Command } from 'commander';
import { CAMPAIGN_TARGETS, createCampaign } from '../../app/campaigns/createCampaign.js';
import { listCampaigns } from '../../app/campaigns/listCampaigns.js';
import type { CampaignRow } from '../../store/campaignQueries.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { summarize } from './help.js';
import { calendarDate, oneOf, placeCode, text, wholeNumber } from './flags.js';
import { renderTable } from './table.js';

/** The JSON line contract of a campaign (`campaign list`, `campaign create`). */
export function campaignJson(c: CampaignRow): Record<string, unknown> {
  return {
    id: Number(c.id),
    name: c.name,
    place: c.place_code,
    target: c.target,
    minAge: Number(c.min_age),
    maxAge: c.max_age === null ? null : Number(c.max_age),
    asOf: c.age_as_of,
    start: c.start_date,
    deadline: c.deadline,
  };
}

const TARGET_LABELS: Record<string, string> = {
  'first-dose': '第一剂 first dose',
  'full-series': '全程 full series',
  booster: '加强 booster',
};

interface CreateFlags {
  db?: string;
  json?: boolean;
  name: string;
  target: string;
  minAge: string;
  maxAge?: string;
  asOf: string;
  deadline: string;
  start?: string;
  place?: string;
}

export function registerCampaign(program: Command): void {
  const campaign = program
    .command('campaign')
    .description('接种任务 Campaigns: what counts as done, who is eligible, the deadline');

  withDbOption(campaign.command('list'))
    .description('任务列表 List the campaigns, oldest first')
    .option(
      '--json',
      'one JSON object per campaign: {"id","name","place","target","minAge","maxAge","asOf","start","deadline"}',
    )
    .action(
      action(async (opts: { db?: string; json?: boolean }) => {
        const rows = await withStore(opts, (store) => listCampaigns(store));
        if (opts.json) {
          for (const c of rows) printJsonLine(campaignJson(c));
          return;
        }
        if (rows.length === 0) {
          process.stdout.write('没有接种任务 no campaigns\n');
          return;
        }
        process.stdout.write(
          renderTable(
            ['编号 id', '名称 name', '区划 place', '完成标准 target', '年龄 ages', '截止 deadline'],
            rows.map((c) => [
              String(c.id),
              c.name,
              c.place_code,
              TARGET_LABELS[c.target] ?? c.target,
              `${c.min_age}${c.max_age === null ? '+' : `–${c.max_age}`} (${c.age_as_of})`,
              c.deadline,
            ]),
            ['right'],
          ),
        );
      }),
    );

  withDbOption(campaign.command('create'))
    .description(
      "新建任务 Create a campaign and derive every resident's status in it at once.\n" +
        'Eligible: aged --min-age (to --max-age) on --as-of; done: the --target dose.',
    )
    .requiredOption('--name <name>', 'what the campaign is called, e.g. 第一剂次攻坚')
    .requiredOption('--target <target>', `what counts as done: ${CAMPAIGN_TARGETS.join(' | ')}`)
    .requiredOption('--min-age <years>', 'youngest eligible age in whole years')
    .option('--max-age <years>', 'oldest eligible age (default: no upper limit)')
    .requiredOption('--as-of <date>', 'the day ages are counted on (YYYY-MM-DD)')
    .requiredOption('--deadline <date>', 'the day it must be done by (YYYY-MM-DD)')
    .option('--start <date>', 'first day (default: --as-of)')
    .option('--place <code>', 'the unit that sets it (default: the only county in the database)')
    .option('--json', 'print the campaign as one JSON object')
    .action(
      action(async (opts: CreateFlags) => {
        const input = {
          name: text(opts.name, 'name'),
          target: oneOf(opts.target, 'target', CAMPAIGN_TARGETS),
          minAge: wholeNumber(opts.minAge, 'min-age', 0, 120),
          maxAge: opts.maxAge === undefined ? null : wholeNumber(opts.maxAge, 'max-age', 0, 150),
          asOf: calendarDate(opts.asOf, 'as-of'),
          deadline: calendarDate(opts.deadline, 'deadline'),
          ...(opts.start === undefined ? {} : { start: calendarDate(opts.start, 'start') }),
          ...(opts.place === undefined ? {} : { place: placeCode(opts.place) }),
        };
        const created = await withStore(opts, (store) => createCampaign(store, input));
        if (opts.json) return printJsonLine(campaignJson(created));
        process.stdout.write(`已建接种任务 campaign created: #${created.id} ${created.name}\n`);
      }),
    );
  summarize(campaign);
}
