import type { Command } from 'commander';
import { products, type Product } from '../../domain/vaccines/catalog.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption } from '../storeOption.js';
import { renderTable } from './table.js';

/** The JSON line contract of `gridvax products --json`. */
export function productJson(p: Product): Record<string, unknown> {
  return {
    code: p.code,
    name: p.name.zh,
    nameEn: p.name.en,
    shortName: p.shortName.zh,
    shortNameEn: p.shortName.en,
    manufacturer: p.manufacturer.zh,
    manufacturerEn: p.manufacturer.en,
    platform: p.platform,
    doses: p.primaryDoses,
    intervals: p.windows.map((w) => ({
      doseNumber: w.doseNumber,
      minDaysAfterPrevious: w.minDaysAfterPrevious,
      ideallyWithinDaysOfFirst: w.ideallyWithinDaysOfFirst,
    })),
    boosterMinDaysAfterPrimary: p.booster.minDaysAfterPrimary,
  };
}

function intervalsText(p: Product): string {
  return (
    p.windows
      .map(
        (w) =>
          `第${w.doseNumber}剂 ≥${w.minDaysAfterPrevious}天` +
          (w.ideallyWithinDaysOfFirst === null ? '' : ` (≤${w.ideallyWithinDaysOfFirst}天 of 1st)`),
      )
      .join('; ') || '—'
  );
}

export function registerProducts(program: Command): void {
  // --db is accepted like every command's, so scripts can pass it everywhere; the catalog is built in.
  withDbOption(program.command('products'))
    .description('疫苗产品 The vaccine products of the 2021 guideline: doses and the intervals between them')
    .option(
      '--json',
      'one JSON object per product: {"code","name","nameEn","manufacturer","doses","intervals":[{"doseNumber","minDaysAfterPrevious","ideallyWithinDaysOfFirst"}],…}',
    )
    .action(
      action((opts: { db?: string; json?: boolean }) => {
        if (opts.json) for (const p of products) printJsonLine(productJson(p));
        else
          process.stdout.write(
            renderTable(
              ['代码 code', '产品 product', '剂次 doses', '间隔 intervals'],
              products.map((p) => [
                p.code,
                `${p.shortName.zh} ${p.shortName.en}`,
                String(p.primaryDoses),
                intervalsText(p),
              ]),
              ['left', 'left', 'right'],
            ),
          );
        return Promise.resolve();
      }),
    );
}
