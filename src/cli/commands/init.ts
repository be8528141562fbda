import type { Command } from 'commander';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';

export function registerInit(program: Command): void {
  withDbOption(program.command('init'))
    .description(
      '初始化 Create the database, or bring an existing one up to the current schema (its data is kept)',
    )
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: { db?: string; json?: boolean }) => {
        const where = await withStore(opts, (store) => Promise.resolve(`${store.dialect} ${store.where}`));
        if (opts.json) printJsonLine({ ok: true, database: where });
        else process.stdout.write(`数据库已就绪 database ready: ${where}\n`);
      }),
    );
}
