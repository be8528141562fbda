#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { EXIT } from './exitCodes.js';
import { registerIdcard } from './commands/idcard.js';
import { registerInit } from './commands/init.js';
import { registerPlaces } from './commands/places.js';
import { registerDemo } from './commands/demo.js';
import { registerStats } from './commands/stats.js';
import { registerServe } from './commands/serve.js';
import { registerCampaign } from './commands/campaign.js';
import { registerTask } from './commands/task.js';
import { registerVisit } from './commands/visit.js';
import { registerDose } from './commands/dose.js';
import { registerProgress } from './commands/progress.js';
import { registerProducts } from './commands/products.js';
import { registerResidents } from './commands/residents.js';
import { registerLedger } from './commands/ledger.js';
import { registerLookback } from './commands/lookback.js';
import { registerSchedule } from './commands/schedule.js';
import { registerWorklist } from './commands/worklist.js';
import { registerSync } from './commands/sync.js';
import { registerClearance } from './commands/clearance.js';
import { registerReport } from './commands/report.js';
import { registerUsers } from './commands/users.js';
import { registerImport } from './commands/import.js';
import { registerBackup } from './commands/backup.js';
import { registerExport } from './commands/export.js';
import { registerTeam } from './commands/team.js';
import { registerSite } from './commands/site.js';
import { registerTransport } from './commands/transport.js';
import { registerCheckin } from './commands/checkin.js';
import { registerOrder } from './commands/order.js';

// `gridvax … | head` closes the pipe early; that is the reader's choice, not a failure.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const program = new Command();
program
  .name('gridvax')
  .description(
    '网格化疫苗接种攻坚调度平台 — run a county vaccination drive: register, door-to-door screening, double clearance, daily dispatch.\n' +
      'Database: --db PATH (SQLite, default ./data/gridvax.db) or GRIDVAX_DATABASE_URL=postgres://… for PostgreSQL.',
  )
  .version(VERSION)
  .showHelpAfterError('(gridvax <command> --help 查看用法 / for usage)')
  .exitOverride();

registerInit(program);
registerDemo(program);
registerServe(program);
registerStats(program);
registerPlaces(program);
registerIdcard(program);
registerCampaign(program);
registerTask(program);
registerVisit(program);
registerDose(program);
registerProgress(program);
registerClearance(program);
registerProducts(program);
registerResidents(program);
registerLedger(program);
registerLookback(program);
registerSchedule(program);
registerWorklist(program);
registerSync(program);
registerReport(program);
registerUsers(program);
registerImport(program);
registerBackup(program);
registerExport(program);
registerTeam(program);
registerSite(program);
registerTransport(program);
registerCheckin(program);
registerOrder(program);

program.addHelpText(
  'after',
  `
Exit codes: 0 ok · 1 unexpected failure · 2 usage · 3 invalid input · 4 not found · 5 conflict · 6 refused by a rule · 7 forbidden · 8 not signed in · 9 rate-limited`,
);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // --help and --version "fail" with exit code 0; real usage errors get 2.
    process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    throw e;
  }
}
