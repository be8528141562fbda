import type { Command } from 'commander';
import { ensureAdministrator } from '../../app/users/ensureAdministrator.js';
import { cliActor } from '../cliActor.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { describeAdministrator } from './administrator.js';

export function registerInit(program: Command): void {
  withDbOption(program.command('init'))
    .description(
      '初始化 Create the database, or bring an existing one up to the current schema (its data is kept).\n' +
        'A database without users gets an administrator (admin, a commander on every county): its\n' +
        'generated password is printed this once.',
    )
    .option(
      '--json',
      'print one JSON object: {"ok","database","administrator"?: {"username","password","places"}}',
    )
    .action(
      action(async (opts: { db?: string; json?: boolean }) => {
        const { where, news } = await withStore(opts, async (store) => ({
          where: `${store.dialect} ${store.where}`,
          news: await ensureAdministrator(store, cliActor()),
        }));
        if (opts.json) {
          printJsonLine({
            ok: true,
            database: where,
            ...(news.created ? { administrator: news.created } : {}),
            ...(news.attached ? { administratorAttached: news.attached } : {}),
          });
        } else {
          process.stdout.write(`数据库已就绪 database ready: ${where}\n`);
          process.stdout.write(describeAdministrator(news));
        }
      }),
    );
}
