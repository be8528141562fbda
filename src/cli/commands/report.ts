import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { dailyReport, takeDailySnapshot } from '../../app/reports/takeSnapshot.js';
import { invalidInput } from '../../domain/errors.js';
import { REPORT_FORMATS, isTextFormat, renderDailyReport, reportFileName } from '../../reports/render.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { summarize } from './help.js';
import { calendarDate, campaignId, oneOf, placeCode } from './flags.js';

/** An instant as Shanghai wall time: 2021-08-09 18:00. */
const shanghai = (iso: string): string =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** `--out DIR` (an existing folder) puts the file there under its usual name. */
function outPath(out: string, defaultName: string): string {
  try {
    if (statSync(out).isDirectory()) return join(out, defaultName);
  } catch {
    // Not there yet: it is the file to write.
  }
  return out;
}

export function registerReport(program: Command): void {
  const report = program
    .command('report')
    .description(
      '按日调度 The daily dispatch report: spreadsheet, PDF, charts, WeChat text, JSON; daily snapshots',
    );

  withDbOption(report.command('daily'))
    .description(
      '按日调度报表 The daily report of a unit on a day, in one format.\n' +
        'The stored snapshot of the day when it was frozen, otherwise computed from the records. ' +
        'Text and JSON go to stdout without --out; xlsx and pdf need --out (or a pipe).',
    )
    .requiredOption('--campaign <id>', 'campaign id')
    .requiredOption('--date <date>', 'the day, YYYY-MM-DD (from the campaign start to today)')
    .option('--place <code>', "county, township or village code (default: the campaign's unit)")
    .requiredOption('--format <format>', REPORT_FORMATS.join('|'))
    .option(
      '--out <file>',
      'write to this file (or into this folder under the usual name, e.g. 湘潭县按日调度_2021-08-09.xlsx)',
    )
    .action(
      action(
        async (opts: {
          db?: string;
          campaign: string;
          date: string;
          place?: string;
          format: string;
          out?: string;
        }) => {
          const format = oneOf(opts.format, 'format', REPORT_FORMATS);
          const input = {
            campaignId: campaignId(opts.campaign),
            date: calendarDate(opts.date, 'date'),
            ...(opts.place === undefined ? {} : { place: placeCode(opts.place) }),
          };
          if (opts.out === undefined && !isTextFormat(format) && process.stdout.isTTY) {
            throw invalidInput({
              code: 'cli.out',
              field: 'out',
              message: {
                zh: `${format} 是二进制文件，不能输出到终端：请用 --out 指定文件`,
                en: `${format} is binary and will not be printed to a terminal: name a file with --out`,
              },
            });
          }
          const r = await withStore(opts, (store) => dailyReport(store, input));
          const rendered = await renderDailyReport(r, format);
          if (opts.out === undefined) {
            process.stdout.write(rendered.body);
            return;
          }
          const file = outPath(opts.out, reportFileName(r, format));
          try {
            writeFileSync(file, rendered.body);
          } catch (e) {
            throw invalidInput({
              code: 'cli.out',
              field: 'out',
              message: {
                zh: `无法写入 ${file}：${(e as Error).message}`,
                en: `cannot write ${file}: ${(e as Error).message}`,
              },
            });
          }
          process.stdout.write(`已写入 written: ${file}\n`);
        },
      ),
    );

  withDbOption(report.command('snapshot'))
    .description(
      '冻结当日报表 Freeze the daily report of a day at its cut-off.\n' +
        'A day already frozen is kept as it is (answered "existing"); --retake replaces it and says so.',
    )
    .requiredOption('--campaign <id>', 'campaign id')
    .option('--date <date>', 'the day, YYYY-MM-DD (default: today)')
    .option('--place <code>', "county, township or village code (default: the campaign's unit)")
    .option('--cutoff <HH:MM>', 'cut-off time, Asia/Shanghai', '18:00')
    .option('--retake', 'replace the stored snapshot of the day')
    .option(
      '--json',
      'print one JSON object: {"result":"stored"|"existing"|"retaken","place","date","cutoff","takenAt","replacedTakenAt"?,"hasData","task","done","completion"}',
    )
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          campaign: string;
          date?: string;
          place?: string;
          cutoff: string;
          retake?: boolean;
        }) => {
          const input = {
            campaignId: campaignId(opts.campaign),
            ...(opts.date === undefined ? {} : { date: calendarDate(opts.date, 'date') }),
            ...(opts.place === undefined ? {} : { place: placeCode(opts.place) }),
            cutoffTime: opts.cutoff,
            force: opts.retake === true,
          };
          const s = await withStore(opts, (store) => takeDailySnapshot(store, input));
          const u = s.report.unit;
          const summary = {
            result: s.result,
            place: u.code,
            date: s.report.date,
            cutoff: s.report.cutoff,
            takenAt: s.takenAt,
            ...(s.replacedTakenAt === undefined ? {} : { replacedTakenAt: s.replacedTakenAt }),
            hasData: s.report.hasData,
            task: u.task,
            done: u.done,
            completion: u.completion,
          };
          if (opts.json) {
            printJsonLine(summary);
            return;
          }
          const what = {
            stored: '已冻结 frozen',
            existing: '当日已冻结，保持不变 already frozen, kept',
            retaken: `已重新冻结 retaken (replaced the one taken ${s.replacedTakenAt ?? ''})`,
          }[s.result];
          process.stdout.write(
            `${what}: ${u.name} ${s.report.date} · 截止 cut-off ${shanghai(s.report.cutoff)} · 已接种 done ${u.done}` +
              `${u.task === null ? '' : ` / 任务 task ${u.task}`}\n`,
          );
        },
      ),
    );
  summarize(report);
}
