import type { Command } from 'commander';
import { closeLedgerEntry, ledgerHistory } from '../../app/ledger/closeEntry.js';
import { ledgerOf } from '../../app/ledger/ledgerOf.js';
import { STATUS_LABELS, type CampaignStatus } from '../../domain/campaignStatus.js';
import { action, printJsonLine } from '../output.js';
import { auditPiiView } from '../auditPiiView.js';
import { withDbOption, withStore } from '../storeOption.js';
import { summarize } from './help.js';
import { campaignId, placeCode, text, wholeNumber } from './flags.js';
import { renderTable } from './table.js';

interface ListFlags {
  db?: string;
  json?: boolean;
  campaign: string;
  place: string;
  unmasked?: boolean;
  limit?: string;
}

export function registerLedger(program: Command): void {
  const ledger = program
    .command('ledger')
    .description(
      '销号台账 The close-out ledger: the named list of open residents of a unit, and its closures.\n' +
        '`gridvax ledger --campaign ID --place CODE` is `gridvax ledger list`.',
    );

  // `gridvax ledger --campaign … --place …` lists: `list` is the default subcommand.
  withDbOption(ledger.command('list', { isDefault: true }))
    .description(
      '台账 The open residents of a unit, with what is known and when to follow up.\n' +
        'By grid and household; the reason is booked, refused, away … ID numbers are masked unless --unmasked.',
    )
    .requiredOption('--campaign <id>', 'campaign id')
    .requiredOption('--place <code>', 'county, township, village or grid code')
    .option('--unmasked', 'show ID numbers in full')
    .option('--limit <n>', 'at most this many entries')
    .option(
      '--json',
      'one JSON object per entry: {"idNumber","name","gridCode","status","reason","reasonLabel","followUpDate","followUpDue",…}',
    )
    .action(
      action(async (opts: ListFlags) => {
        const input = {
          campaignId: campaignId(opts.campaign),
          place: placeCode(opts.place),
          unmasked: opts.unmasked === true,
          ...(opts.limit === undefined ? {} : { limit: wholeNumber(opts.limit, 'limit', 1, 100_000_000) }),
        };
        const l = await withStore(opts, async (store) => {
          if (input.unmasked)
            await auditPiiView(store, 'ledger list', { campaign: input.campaignId, place: input.place });
          return ledgerOf(store, input);
        });
        if (opts.json) {
          for (const e of l.entries) printJsonLine(e);
          return;
        }
        const reasons = Object.entries(l.byReason)
          .map(([r, n]) => `${r} ${n}`)
          .join(' · ');
        process.stdout.write(`待销号 open: ${l.total}${reasons ? ` (${reasons})` : ''}\n`);
        process.stdout.write(
          renderTable(
            [
              '网格 grid',
              '姓名 name',
              '身份证号 ID',
              '年龄 age',
              '电话 phone',
              '情况 reason',
              '回访 follow-up',
            ],
            l.entries.map((e) => [
              e.gridCode,
              e.name,
              e.idNumber,
              String(e.age),
              e.phone ?? '',
              e.reasonLabel?.zh ?? STATUS_LABELS[e.status as CampaignStatus]?.zh ?? e.status,
              `${e.followUpDate ?? ''}${e.followUpDue ? ' 到期 due' : ''}`,
            ]),
            ['left', 'left', 'left', 'right'],
          ),
        );
      }),
    );

  withDbOption(ledger.command('close'))
    .description(
      "销号 Close a resident's ledger entry, with the reason and who closed it.\n" +
        'Refused while the resident is still open in the campaign (exit 6, ledger.still-open): record the dose or visit first.',
    )
    .requiredOption('--campaign <id>', 'campaign id')
    .requiredOption('--resident <id-number>', "the resident's ID number (身份证号)")
    .requiredOption('--reason <text>', 'why it is closed, e.g. 已接种 / 已核实外地接种')
    .requiredOption('--by <name>', 'who closes it')
    .option('--json', 'print the closure as one JSON object')
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          campaign: string;
          resident: string;
          reason: string;
          by: string;
        }) => {
          const input = {
            campaignId: campaignId(opts.campaign),
            idNumber: opts.resident,
            reason: text(opts.reason, 'reason'),
            closedBy: text(opts.by, 'by'),
          };
          const closure = await withStore(opts, (store) => closeLedgerEntry(store, input));
          if (opts.json) printJsonLine(closure);
          else
            process.stdout.write(`已销号 closed: ${closure.reason} (${closure.closedBy}, ${closure.at})\n`);
        },
      ),
    );

  withDbOption(ledger.command('history'))
    .description('销号记录 The closures made in a unit: when, by whom, why, and the status before and now')
    .requiredOption('--campaign <id>', 'campaign id')
    .requiredOption('--place <code>', 'county, township, village or grid code')
    .option(
      '--json',
      'one JSON object per closure: {"id","residentId","at","closedBy","reason","statusBefore","statusNow",…}',
    )
    .action(
      action(async (opts: { db?: string; json?: boolean; campaign: string; place: string }) => {
        const input = { campaignId: campaignId(opts.campaign), place: placeCode(opts.place) };
        const closures = await withStore(opts, (store) => ledgerHistory(store, input));
        if (opts.json) {
          for (const c of closures) printJsonLine(c);
          return;
        }
        process.stdout.write(
          renderTable(
            ['时间 at', '销号人 by', '原因 reason', '销号前 before', '现在 now'],
            closures.map((c) => [c.at, c.closedBy, c.reason, c.statusBefore, c.statusNow]),
          ),
        );
      }),
    );
  summarize(ledger);
}
