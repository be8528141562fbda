import { dirname, join, parse } from 'node:path';
import type { Command } from 'commander';
import { importDoses } from '../../app/imports/importDoses.js';
import { importResidents, type ImportSummary } from '../../app/imports/importResidents.js';
import { invalidInput } from '../../domain/errors.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';

interface ImportFlags {
  db?: string;
  county?: string;
  encoding?: string;
  map?: string;
  dryRun?: boolean;
  report?: string;
  json?: boolean;
}

/** Without --report, the report of a file with problems goes beside it: 户籍.xlsx → 户籍.validation.xlsx. */
export function defaultReportPath(file: string): string {
  return join(dirname(file), `${parse(file).name}.validation.xlsx`);
}

export function registerImport(program: Command): void {
  const imports = program
    .command('import')
    .description('导入 Import spreadsheets: the resident register, vaccination ledgers');
  withDbOption(imports.command('residents <file>'))
    .description(
      '导入居民花名册 Import a resident register from xlsx or CSV (UTF-8 with or without BOM, GBK/GB18030).\n' +
        'Headers (姓名, 身份证号, 性别, 出生日期, 联系电话, 户主, 与户主关系, 现住址, 乡镇, 村/社区, 网格, 户号 …) are found in the\n' +
        'first 10 rows; villages by code or name (锦石村, 花果山社区); grids named in the file are created. Every bad row\n' +
        'goes to a validation report (xlsx: 行号, 问题 and the row). All valid rows are stored, or none; re-importing changes\n' +
        'nothing. Exits 0 when the file was read (even with bad rows), 3 when it could not be.',
    )
    .option('--county <code>', 'the county of the register (default: the only county in the database)')
    .option(
      '--encoding <name>',
      'text encoding of a CSV file: utf-8, gbk, gb18030, utf-16le … (default: detected)',
    )
    .option('--map <json>', 'name columns by header or letter: \'{"证件号":"idNumber","F":"grid"}\'')
    .option('--dry-run', 'check everything and write nothing (the report is still written)')
    .option(
      '--report <file.xlsx>',
      'where to write the validation report (default: beside the file, when it has problems)',
    )
    .option(
      '--json',
      'print one JSON object: {"rows","imported","updated","unchanged","rejected","duplicates","report","gridsCreated","householdsCreated",…}',
    )
    .action(
      action(async (file: string, opts: ImportFlags) => {
        checkCounty(opts.county);
        const summary = await withStore(opts, (store) =>
          importResidents(store, {
            file,
            ...(opts.county === undefined ? {} : { county: opts.county.trim() }),
            ...(opts.encoding === undefined ? {} : { encoding: opts.encoding }),
            ...(opts.map === undefined ? {} : { map: opts.map }),
            dryRun: opts.dryRun === true,
            report:
              opts.report === undefined
                ? { path: defaultReportPath(file) }
                : { path: opts.report, always: true },
          }),
        );
        if (opts.json) return printJsonLine(summary);
        printSummary(summary);
      }),
    );
  withDbOption(imports.command('doses <file>'))
    .description(
      '导入接种台账 Import a vaccination ledger (xlsx or CSV) from another system as dose records (source "imported").\n' +
        'Columns: 姓名, 身份证号, 第一剂次接种日期, 第二剂次接种日期, 第三剂次接种日期 (or 剂次 + 接种日期), 疫苗名称/生产企业, 批号, 接种单位.\n' +
        'Residents must be registered; each dose is checked against the dose windows: too early or out of order is rejected,\n' +
        'late is stored, and both are listed in the validation report. All valid doses are stored, or none; re-importing\n' +
        'changes nothing. Exits 0 when the file was read (even with bad rows), 3 when it could not be.',
    )
    .option('--county <code>', 'the county of the ledger (default: the only county in the database)')
    .option('--encoding <name>', 'text encoding of a CSV file (default: detected)')
    .option('--map <json>', 'name columns by header or letter: \'{"接种日期1":"dose1","F":"product"}\'')
    .option('--dry-run', 'check everything and write nothing (the report is still written)')
    .option(
      '--report <file.xlsx>',
      'where to write the validation report (default: beside the file, when it has problems)',
    )
    .option(
      '--json',
      'print one JSON object: {"rows","imported","updated","unchanged","rejected","duplicates","report",…}',
    )
    .action(
      action(async (file: string, opts: ImportFlags) => {
        checkCounty(opts.county);
        const summary = await withStore(opts, (store) =>
          importDoses(store, {
            file,
            ...(opts.county === undefined ? {} : { county: opts.county.trim() }),
            ...(opts.encoding === undefined ? {} : { encoding: opts.encoding }),
            ...(opts.map === undefined ? {} : { map: opts.map }),
            dryRun: opts.dryRun === true,
            report:
              opts.report === undefined
                ? { path: defaultReportPath(file) }
                : { path: opts.report, always: true },
          }),
        );
        if (opts.json) return printJsonLine(summary);
        printSummary({ ...summary, gridsCreated: 0, householdsCreated: 0 }, true);
      }),
    );
}

function checkCounty(county: string | undefined): void {
  if (county !== undefined && !/^\d{6}$/.test(county.trim())) {
    throw invalidInput({
      code: 'cli.county',
      field: 'county',
      message: {
        zh: `县级代码应为6位数字：${county}`,
        en: `a county code has 6 digits: ${county}`,
      },
    });
  }
}

/** `doses`: a ledger import creates no grids or households, so that line is left out. */
function printSummary(s: ImportSummary, doses = false): void {
  const out = [
    `读取 ${s.rows} 行 / ${s.rows} rows read${s.encoding ? ` (${s.encoding})` : ''}`,
    `  新增 imported ${s.imported} · 更新 updated ${s.updated} · 未变 unchanged ${s.unchanged}`,
    `  有问题 rejected ${s.rejected} · 重复 duplicates ${s.duplicates}`,
  ];
  if (!doses)
    out.push(`  新建网格 grids created ${s.gridsCreated} · 新建户 households created ${s.householdsCreated}`);
  if (s.sheetsSkipped.length > 0)
    out.push(`  跳过的工作表 sheets skipped (no header): ${s.sheetsSkipped.join(', ')}`);
  if (s.report) out.push(`校验报告 validation report: ${s.report}`);
  if (s.dryRun) out.push('试运行，未写入数据库 / dry run: nothing written');
  process.stdout.write(`${out.join('\n')}\n`);
}
