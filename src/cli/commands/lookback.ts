import type { Command } from 'commander';
import { createLookback } from '../../app/lookback/createLookback.js';
import { recordLookbackCheck } from '../../app/lookback/recordLookbackCheck.js';
import { showLookback } from '../../app/lookback/showLookback.js';
import { LOOKBACK_SAMPLE_SIZE } from '../../domain/lookback.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { summarize } from './help.js';
import { campaignId, oneOf, placeCode, text, wholeNumber } from './flags.js';
import { renderTable } from './table.js';

type Lookback = Awaited<ReturnType<typeof showLookback>>;

function printLookback(l: Lookback, json: boolean | undefined): void {
  if (json) {
    printJsonLine(l);
    return;
  }
  const v = l.verdict;
  process.stdout.write(
    `回头看 look-back #${l.id} · ${l.place} · 抽样 sample ${l.items.length} · 已核 checked ${v.checked} · ` +
      `不符 discrepancies ${v.discrepancies}${v.reopen ? ' · 重新打开 unit reopened' : ''}\n`,
  );
  process.stdout.write(
    renderTable(
      ['序 #', '网格 grid', '姓名 name', '身份证号 ID', '抽样时 status', '核实 checked', '相符 matches'],
      l.items.map((i) => [
        String(i.position),
        i.gridCode,
        i.name,
        i.idNumber,
        i.statusAtDraw,
        i.checkedAt ?? '',
        i.matches === null || i.matches === undefined ? '' : i.matches ? '是 yes' : '否 no',
      ]),
      ['right'],
    ),
  );
}

const lookbackId = (v: string): number => wholeNumber(v, 'lookback', 1, Number.MAX_SAFE_INTEGER);

export function registerLookback(program: Command): void {
  const lookback = program
    .command('lookback')
    .description('回头看 Look-backs: re-visit a random sample of a cleared unit; a discrepancy reopens it');

  withDbOption(lookback.command('create'))
    .description(
      "抽样 Draw a look-back sample of a unit's residents (seeded, so the same seed draws the same sample)",
    )
    .requiredOption('--campaign <id>', 'campaign id')
    .requiredOption('--place <code>', 'the unit to audit: village or grid code')
    .option('--size <n>', 'residents to sample', String(LOOKBACK_SAMPLE_SIZE))
    .option('--seed <s>', 'random seed (default: made from the unit and the time)')
    .requiredOption('--by <name>', 'who draws it')
    .option('--json', 'print the look-back as one JSON object: {"id","place","items":[…],"verdict",…}')
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          campaign: string;
          place: string;
          size: string;
          seed?: string;
          by: string;
        }) => {
          const input = {
            campaignId: campaignId(opts.campaign),
            place: placeCode(opts.place),
            size: wholeNumber(opts.size, 'size', 1, 1000),
            ...(opts.seed === undefined ? {} : { seed: text(opts.seed, 'seed') }),
            createdBy: text(opts.by, 'by'),
          };
          printLookback(await withStore(opts, (store) => createLookback(store, input)), opts.json);
        },
      ),
    );

  withDbOption(lookback.command('record'))
    .description('核实 Record what the door said about one sampled resident: as on the register or not')
    .requiredOption('--lookback <id>', 'look-back id')
    .requiredOption('--resident <id-number>', "the resident's ID number (身份证号)")
    .requiredOption('--matches <yes|no>', 'yes: as on the register; no: a discrepancy (reopens the unit)')
    .option('--note <text>', 'what was found')
    .requiredOption('--by <name>', 'who checked')
    .option('--json', 'print the look-back as one JSON object')
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          lookback: string;
          resident: string;
          matches: string;
          note?: string;
          by: string;
        }) => {
          const input = {
            lookbackId: lookbackId(opts.lookback),
            idNumber: opts.resident,
            matches: oneOf(opts.matches, 'matches', ['yes', 'no'] as const) === 'yes',
            ...(opts.note === undefined ? {} : { note: opts.note }),
            checkedBy: text(opts.by, 'by'),
          };
          printLookback(await withStore(opts, (store) => recordLookbackCheck(store, input)), opts.json);
        },
      ),
    );

  withDbOption(lookback.command('show'))
    .description('回头看结果 Show a look-back: its sample, what was checked, and the verdict')
    .requiredOption('--lookback <id>', 'look-back id')
    .option('--json', 'print the look-back as one JSON object')
    .action(
      action(async (opts: { db?: string; json?: boolean; lookback: string }) => {
        const id = lookbackId(opts.lookback);
        printLookback(await withStore(opts, (store) => showLookback(store, { lookbackId: id })), opts.json);
      }),
    );
  summarize(lookback);
}
