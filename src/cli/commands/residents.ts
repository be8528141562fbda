import type { Command } from 'commander';
import { listResidents } from '../../app/residents/listResidents.js';
import { STATUS_LABELS, STATUSES, type CampaignStatus } from '../../domain/campaignStatus.js';
import { invalidInput } from '../../domain/errors.js';
import { action, printJsonLine } from '../output.js';
import { auditPiiView } from '../auditPiiView.js';
import { withDbOption, withStore } from '../storeOption.js';
import { summarize } from './help.js';
import { campaignId, oneOf, placeCode, wholeNumber } from './flags.js';

/** Residents asked of the store at a time: big enough to be quick, small enough to stream. */
const PAGE = 1000;

interface ResidentsFlags {
  db?: string;
  json?: boolean;
  place: string;
  campaign?: string;
  status?: string;
  limit?: string;
  unmasked?: boolean;
}

export function registerResidents(program: Command): void {
  const residents = withDbOption(program.command('residents'));
  residents
    .description(
      '居民名单 List the residents under a place, with their status in a campaign.\n' +
        'Grid by grid, in register order; with --status only those in that status. ID numbers are masked unless --unmasked.',
    )
    .requiredOption('--place <code>', 'county, township, village or grid code')
    .option('--campaign <id>', "add each resident's status in this campaign")
    .option('--status <status>', `only residents in this status (needs --campaign): ${STATUSES.join(' | ')}`)
    .option('--limit <n>', 'stop after this many')
    .option('--unmasked', 'show ID numbers in full (for the staff who must call or visit)')
    .option(
      '--json',
      'one JSON object per resident: {"idNumber","name","sex","birthDate","age","place","householdId","phone","status"?,…}',
    )
    .action(
      action(async (opts: ResidentsFlags) => {
        const place = placeCode(opts.place);
        const campaign = opts.campaign === undefined ? undefined : campaignId(opts.campaign);
        const status = opts.status === undefined ? undefined : oneOf(opts.status, 'status', STATUSES);
        if (status !== undefined && campaign === undefined) {
          throw invalidInput({
            code: 'cli.status',
            field: 'status',
            message: { zh: '--status 需要同时指定 --campaign', en: '--status needs --campaign' },
          });
        }
        const limit = opts.limit === undefined ? Infinity : wholeNumber(opts.limit, 'limit', 1, 100_000_000);
        await withStore(opts, async (store) => {
          if (opts.unmasked) await auditPiiView(store, 'residents', { place, campaign: campaign ?? null });
          let after: number | undefined;
          let printed = 0;
          if (!opts.json) {
            const header = ['身份证号 ID', '姓名 name', '性别 sex', '年龄 age', '网格 grid', '户 household'];
            if (campaign !== undefined) header.push('状态 status');
            process.stdout.write(`${header.join('\t')}\n`);
          }
          // Keyset paging: each page starts after the last resident of the one before, so a list of
          // a whole county streams without holding it all.
          while (printed < limit) {
            const page = await listResidents(store, {
              place,
              ...(campaign === undefined ? {} : { campaignId: campaign }),
              ...(status === undefined ? {} : { status }),
              unmasked: opts.unmasked === true,
              limit: Math.min(PAGE, limit - printed),
              ...(after === undefined ? {} : { after }),
            });
            for (const r of page.items) {
              if (opts.json) printJsonLine(r);
              else {
                const s = r.status as CampaignStatus | undefined;
                const cells = [r.idNumber, r.name, r.sex, String(r.age), r.place, r.householdId];
                if (s !== undefined) cells.push(`${STATUS_LABELS[s].zh} ${s}`);
                process.stdout.write(`${cells.join('\t')}\n`);
              }
            }
            printed += page.items.length;
            if (page.next === null || page.items.length === 0) break;
            after = page.next;
          }
        });
      }),
    );
  summarize(residents);
}
