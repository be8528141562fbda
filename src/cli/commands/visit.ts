import type { Command } from 'commander';
import { findResident } from '../../app/records/findResident.js';
import { recordVisit } from '../../app/records/recordVisit.js';
import {
  CHANNELS,
  CONTRAINDICATION_CODES,
  HEALTH_CODES,
  VISIT_OUTCOMES,
  type VisitInput,
} from '../../domain/screening.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { summarize } from './help.js';
import { recordId } from './flags.js';

interface VisitFlags {
  db?: string;
  json?: boolean;
  resident: string;
  outcome: string;
  at?: string;
  until?: string;
  where?: string;
  reason?: string;
  site?: string;
  date?: string;
  healthCode?: string;
  channel: string;
  followUp?: string;
  verified?: boolean;
  product?: string;
  contraindication?: string;
  id?: string;
}

/**
 * The flags as the VisitInput the app validates. The outcome, dates and codes are checked there,
 * once, with every problem named by field; the CLI only renames its flags.
 */
export function visitInputOf(opts: VisitFlags, now: Date): VisitInput {
  return {
    outcome: opts.outcome,
    at: opts.at ?? now.toISOString(),
    channel: opts.channel,
    healthCode: opts.healthCode ?? null,
    followUpDate: opts.followUp ?? null,
    untilDate: opts.until ?? null,
    bookedDate: opts.date ?? null,
    site: opts.site ?? null,
    placeText: opts.where ?? null,
    reason: opts.reason ?? null,
    verified: opts.verified ?? null,
    product: opts.product ?? null,
    contraindication: opts.contraindication ?? null,
  };
}

export function registerVisit(program: Command): void {
  const visit = program.command('visit').description('摸排 Screening visits: one contact with one resident');

  withDbOption(visit.command('add'))
    .description(
      "登记摸排 Record a screening visit; the resident's status in every campaign follows at once.\n" +
        'What each outcome needs: away --where --until · booked --date --site · refused --reason · ' +
        'contraindicated-temporary --until and --reason or --contraindication · contraindicated-permanent --contraindication · ' +
        'vaccinated-elsewhere (--where or --product) and --verified / --no-verified.',
    )
    .requiredOption('--resident <id-number>', "the resident's ID number (身份证号)")
    .requiredOption('--outcome <outcome>', VISIT_OUTCOMES.join(' | '))
    .option('--at <instant>', 'when, ISO 8601 with a zone (default: now)')
    .option('--channel <channel>', CHANNELS.join(' | '), 'door')
    .option('--until <date>', 'away: back on; contraindicated-temporary: may be vaccinated from (YYYY-MM-DD)')
    .option('--where <text>', 'away: where to; vaccinated-elsewhere: where given')
    .option('--reason <text>', 'refused: why; or a note')
    .option('--date <date>', 'booked: the day booked (YYYY-MM-DD)')
    .option('--site <site>', 'booked: the site booked at')
    .option('--health-code <colour>', HEALTH_CODES.join(' | '))
    .option('--follow-up <date>', 'when to come back (default: by outcome)')
    .option('--verified', 'vaccinated-elsewhere: proof was seen')
    .option('--no-verified', 'vaccinated-elsewhere: only claimed, no proof seen')
    .option('--product <code>', 'vaccinated-elsewhere: the product (see gridvax products)')
    .option('--contraindication <code>', CONTRAINDICATION_CODES.join(' | '))
    .option('--id <uuid>', 'a record id of your own, so a retried command stores the visit once')
    .option('--json', 'print {"id","result":"stored"|"duplicate","resident"}')
    .action(
      action(async (opts: VisitFlags) => {
        const id = opts.id === undefined ? undefined : recordId(opts.id);
        const { stored, resident } = await withStore(opts, async (store) => {
          const r = await findResident(store.db, opts.resident);
          const meta = id === undefined ? {} : { id };
          return {
            stored: await recordVisit(store, r, visitInputOf(opts, store.now()), meta),
            resident: r.id_number,
          };
        });
        if (opts.json) printJsonLine({ ...stored, resident });
        else
          process.stdout.write(
            `${stored.result === 'stored' ? '已登记摸排 visit recorded' : '已登记过 already recorded'}: ${stored.id}\n`,
          );
      }),
    );
  summarize(visit);
}
