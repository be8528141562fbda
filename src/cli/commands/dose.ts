import type { Command } from 'commander';
import { findResident } from '../../app/records/findResident.js';
import { recordDose } from '../../app/records/recordDose.js';
import { PRODUCT_CODES } from '../../domain/vaccines/catalog.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { summarize } from './help.js';
import { instant, recordId, wholeNumber } from './flags.js';

interface DoseFlags {
  db?: string;
  json?: boolean;
  resident: string;
  product: string;
  dose: string;
  at: string;
  lot?: string;
  site?: string;
  vaccinator?: string;
  overrideReason?: string;
  id?: string;
}

export function registerDose(program: Command): void {
  const dose = program.command('dose').description('接种记录 Dose records');

  withDbOption(dose.command('add'))
    .description(
      "登记接种 Record a dose given, checked against the resident's history and the dose windows (2021 guideline).\n" +
        'Too early is refused (exit 6, dose.too-early) unless a site doctor gives --override-reason; a dose number ' +
        'already recorded is a conflict (exit 5).',
    )
    .requiredOption('--resident <id-number>', "the resident's ID number (身份证号)")
    .requiredOption('--product <code>', PRODUCT_CODES.join(' | '))
    .requiredOption('--dose <n>', 'dose number: 1, 2, 3 … (a booster follows the primary series)')
    .requiredOption('--at <instant>', 'when it was given, ISO 8601 with a zone')
    .option('--lot <lot>', 'lot (batch) number')
    .option('--site <site>', 'vaccination site')
    .option('--vaccinator <name>', 'who gave it')
    .option('--override-reason <text>', "a site doctor's reason to give a dose before its window opens")
    .option('--id <uuid>', 'a record id of your own, so a retried command stores the dose once')
    .option(
      '--json',
      'print {"id","result":"stored"|"duplicate","resident"}; a refusal prints {"error":{"code","message"}}',
    )
    .action(
      action(async (opts: DoseFlags) => {
        const input = {
          product: opts.product,
          doseNumber: wholeNumber(opts.dose, 'dose', 1, 9),
          at: instant(opts.at),
          lot: opts.lot ?? null,
          site: opts.site ?? null,
          vaccinator: opts.vaccinator ?? null,
          overrideReason: opts.overrideReason ?? null,
        };
        const id = opts.id === undefined ? undefined : recordId(opts.id);
        const { stored, resident } = await withStore(opts, async (store) => {
          const r = await findResident(store.db, opts.resident);
          const meta = id === undefined ? {} : { id };
          return { stored: await recordDose(store, r, input, meta), resident: r.id_number };
        });
        if (opts.json) printJsonLine({ ...stored, resident });
        else
          process.stdout.write(
            `${stored.result === 'stored' ? '已登记接种 dose recorded' : '已登记过 already recorded'}: ${stored.id}\n`,
          );
      }),
    );
  summarize(dose);
}
