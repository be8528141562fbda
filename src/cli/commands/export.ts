import type { Command } from 'commander';
import { prepareCategorizedLedgers } from '../../app/exports/categorizedLedgers.js';
import { prepareFhirExport } from '../../app/exports/fhir/fhirExport.js';
import {
  prepareLedgerWorkbook,
  type PreparedWorkbook,
  type WorkbookExportInput,
} from '../../app/exports/ledgerWorkbook.js';
import { writeWorkbookFile } from '../../app/exports/workbookFile.js';
import type { Store } from '../../store/openStore.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { summarize } from './help.js';
import { campaignId, placeCode, text } from './flags.js';

interface WorkbookFlags {
  db?: string;
  json?: boolean;
  campaign: string;
  place: string;
  out: string;
  unmasked?: boolean;
}

function workbookCommand(
  parent: Command,
  name: string,
  description: string,
  prepare: (store: Store, input: WorkbookExportInput) => Promise<PreparedWorkbook>,
): void {
  withDbOption(parent.command(name))
    .description(description)
    .requiredOption('--campaign <id>', 'campaign id')
    .requiredOption('--place <code>', 'county, township, village or grid code')
    .requiredOption('--out <file>', 'the .xlsx file to write (or a folder: the usual name goes in it)')
    // SECURITY (security issue): --unmasked is to be limited to the roles allowed to see full ID
    // and phone numbers, and audited; the app-layer check is where prepare* marks it.
    .option('--unmasked', 'full ID and phone numbers (masked by default)')
    .option('--json', 'print {"file","sheets":[{"name","rows"}]}')
    .action(
      action(async (opts: WorkbookFlags) => {
        const input: WorkbookExportInput = {
          campaignId: campaignId(opts.campaign),
          place: placeCode(opts.place),
          unmasked: opts.unmasked === true,
        };
        const out = text(opts.out, 'out');
        const done = await withStore(opts, async (store) =>
          writeWorkbookFile(await prepare(store, input), out),
        );
        if (opts.json) {
          printJsonLine(done);
          return;
        }
        process.stdout.write(
          `已导出 exported: ${done.file}\n${done.sheets.map((s) => `  ${s.name}: ${s.rows}`).join('\n')}\n`,
        );
      }),
    );
}

export function registerExport(program: Command): void {
  const exp = program
    .command('export')
    .description(
      '导出 Exports: the close-out ledger and the categorized ledgers (xlsx), FHIR R4 (NDJSON + Bundle)',
    );

  workbookCommand(
    exp,
    'ledger',
    '销号台账 The close-out ledger of a unit as a workbook.\n' +
      'A summary sheet, one sheet per village (per grid for a village) listing its residents in the campaign ' +
      'with the ledger column (待销号 / 已销号 / 可销号), and the closures (销号记录). ' +
      'ID and phone numbers are masked unless --unmasked.',
    prepareLedgerWorkbook,
  );

  workbookCommand(
    exp,
    'ledgers',
    '分类台账 The categorized ledgers of a unit, one sheet each.\n' +
      '户籍人口, 流入人口 (registered elsewhere), 外出人员 (found away at the latest visit), 已接种, 未接种, ' +
      '禁忌人员 (contraindicated: exempt or deferred). ID and phone numbers are masked unless --unmasked.',
    prepareCategorizedLedgers,
  );

  withDbOption(exp.command('fhir'))
    .description(
      'FHIR R4 Patients and Immunizations of a unit, for the health authorities.\n' +
        'DIR/Patient.ndjson and DIR/Immunization.ndjson (bulk-data style, one resource per line), DIR/bundle.json ' +
        '(a collection Bundle of the same) and DIR/CodeSystem-covid-vaccine-product.json. With --campaign, only ' +
        "the campaign's eligible residents. Carries full ID numbers: keep the files as the law on personal data requires.",
    )
    .requiredOption('--place <code>', 'county, township, village or grid code')
    .requiredOption('--out <dir>', 'folder to write into (made when missing)')
    .option('--campaign <id>', "only this campaign's eligible residents")
    .option('--json', 'print {"dir","patients","immunizations","files"}')
    .action(
      action(async (opts: { db?: string; json?: boolean; place: string; out: string; campaign?: string }) => {
        // SECURITY (security issue): this export carries full ID numbers; that issue restricts
        // who may run it and audits it (see prepareFhirExport).
        const input = {
          place: placeCode(opts.place),
          ...(opts.campaign === undefined ? {} : { campaignId: campaignId(opts.campaign) }),
        };
        const dir = text(opts.out, 'out');
        const done = await withStore(opts, async (store) =>
          (await prepareFhirExport(store, input)).writeDir(dir),
        );
        if (opts.json) {
          printJsonLine(done);
          return;
        }
        process.stdout.write(
          `已导出 exported: ${done.dir}\n  Patient: ${done.patients}\n  Immunization: ${done.immunizations}\n`,
        );
      }),
    );
  summarize(exp);
}
