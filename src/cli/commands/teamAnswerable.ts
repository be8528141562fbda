import type { Command } from 'commander';
import { listAnswerable } from '../../app/teams/answerableFor.js';
import { setAnswerable } from '../../app/teams/setAnswerable.js';
import { CADRE_LEVELS } from '../../domain/answerability.js';
import { cliActor } from '../cliActor.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { oneOf, placeCode, text } from './flags.js';
import { renderTable } from './table.js';
import { auditCli } from './teamAudit.js';

/** `gridvax team answerable set|list`: the cadres answerable for units (包保责任人). */
export function registerAnswerable(team: Command): void {
  const answerable = team
    .command('answerable')
    .description(
      '包保责任人 The cadre answerable for each township (a county cadre) and village (a township cadre)',
    );

  withDbOption(answerable.command('set'))
    .description(
      '明确包保责任人 Name the cadre answerable for a township or village, replacing any before.\n' +
        '县包乡、乡包村组: a township gets a county cadre, a village a township cadre (exit 6, answerable.level-pairing, otherwise).',
    )
    .requiredOption('--place <code>', 'the township (9 digits) or village (12)')
    .requiredOption('--name <name>', "the cadre's name")
    .requiredOption('--title <title>', 'their title (职务), e.g. 县卫健局副局长')
    .option('--phone <phone>', 'a phone they are reached on')
    .option('--cadre-level <level>', `${CADRE_LEVELS.join(' or ')}: checked against the unit`)
    .option('--json', 'print {"unit":{"code","name","answeredBy","cadre":{…,"display"}}}')
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          place: string;
          name: string;
          title: string;
          phone?: string;
          cadreLevel?: string;
        }) => {
          const place = placeCode(opts.place);
          const cadre = {
            name: text(opts.name, 'name'),
            title: text(opts.title, 'title'),
            phone: opts.phone ?? null,
            cadreLevel:
              opts.cadreLevel === undefined ? null : oneOf(opts.cadreLevel, 'cadre-level', CADRE_LEVELS),
          };
          const { unit } = await withStore(opts, async (store) => {
            const r = await setAnswerable(store, { place, cadre, by: cliActor().name });
            await auditCli(store, {
              action: 'answerable.set',
              entity: 'place',
              entityId: place,
              detail: {
                before: r.before && { name: r.before.name, title: r.before.title, phone: r.before.phone },
                after: { name: cadre.name, title: cadre.title, phone: cadre.phone },
              },
            });
            return r;
          });
          if (opts.json) printJsonLine({ unit });
          else process.stdout.write(`包保责任人 answerable: ${unit.name} — ${unit.cadre?.display ?? ''}\n`);
        },
      ),
    );

  withDbOption(answerable.command('list'))
    .description('包保名单 A unit’s children, each with the cadre answerable for it')
    .requiredOption('--place <code>', 'county, township or village code')
    .option(
      '--json',
      'one JSON object per child unit: {"code","name","level","answeredBy","cadre":{"name","title","phone","display",…}|null}',
    )
    .action(
      action(async (opts: { db?: string; json?: boolean; place: string }) => {
        const place = placeCode(opts.place);
        const { unit, children } = await withStore(opts, (store) => listAnswerable(store, { place }));
        if (opts.json) {
          for (const c of children) printJsonLine(c);
          return;
        }
        if (unit.answeredBy !== null)
          process.stdout.write(
            `${unit.name} 包保责任人 answerable: ${unit.cadre?.display ?? '—（未明确 none）'}\n`,
          );
        process.stdout.write(
          renderTable(
            ['代码 code', '单位 unit', '包保责任人 cadre', '电话 phone'],
            children.map((c) => [
              c.code,
              c.name,
              c.cadre?.display ?? (c.answeredBy === null ? '' : '—'),
              c.cadre?.phone ?? '',
            ]),
          ),
        );
      }),
    );
}
