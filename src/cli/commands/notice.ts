import type { Command } from 'commander';
import { broadcastsOf, setBroadcasts, type BroadcastSchedule } from '../../app/notices/broadcasts.js';
import { publicLeaders } from '../../app/notices/leaders.js';
import { clearVillageNoticeEdit, editVillageNotice, villageNotice } from '../../app/notices/villageNotice.js';
import { invalidInput } from '../../domain/errors.js';
import { cliActor } from '../cliActor.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { calendarDate, campaignId, placeCode, text } from './flags.js';
import { summarize } from './help.js';
import { renderTable } from './table.js';

const village = (v: string): string => {
  const code = placeCode(v, 'village');
  if (code.length !== 12) {
    throw invalidInput({
      code: 'cli.village',
      field: 'village',
      message: {
        zh: `--village 应为12位村（社区）代码：${v}`,
        en: `--village must be a 12-digit village code: ${v}`,
      },
    });
  }
  return code;
};

/** `07:00=message` (or `07:00 message`): one broadcast of a schedule. */
function slot(value: string): { time: string; message: string } {
  const m = /^\s*(\d{1,2}:\d{2})\s*[= ]\s*(.*)$/s.exec(value);
  if (!m) {
    throw invalidInput({
      code: 'cli.slot',
      field: 'slot',
      message: {
        zh: `--slot 应为“时间=内容”，如 07:00=疫苗要打好：${value}`,
        en: `--slot is TIME=MESSAGE, e.g. 07:00=疫苗要打好: ${value}`,
      },
    });
  }
  return { time: m[1] ?? '', message: m[2] ?? '' };
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function printSchedule(s: BroadcastSchedule, json: boolean | undefined): void {
  if (json) {
    printJsonLine(s);
    return;
  }
  const who = s.isDefault ? '默认 default schedule' : `${s.setBy ?? ''} ${s.setAt ?? ''}`;
  process.stdout.write(`村村响 loudspeaker ${s.village} · ${who}\n`);
  process.stdout.write(
    renderTable(
      ['时间 time', '内容 message'],
      s.slots.map((x) => [x.time, x.message]),
    ),
  );
}

/** `gridvax notice …`: a village's WeChat notice, loudspeaker (村村响) schedule and public list. */
export function registerNotice(program: Command): void {
  const notice = program
    .command('notice')
    .description(
      '村通知 Village notices: WeChat text, loudspeaker schedule, public list\n' +
        "The day's text for the village's WeChat groups, the loudspeaker (村村响) schedule, and the public list\n" +
        'of cadres, party members and public servants who have been vaccinated (带头接种公示).',
    );

  withDbOption(notice.command('show'))
    .description(
      "通知 The village's notice for its WeChat groups on a day, ready to paste.\n" +
        "Generated from the village's figures, its township's sites and hours and the campaign's deadline; the day's edit when there is one.",
    )
    .requiredOption('--village <code>', 'village code (12 digits)')
    .requiredOption('--campaign <id>', 'campaign id')
    .option('--date <YYYY-MM-DD>', 'the day (default today)')
    .option('--en', 'print the English rendering instead')
    .option(
      '--json',
      'print the notice as one JSON object: {"village","date","text":{"zh","en"},"edited","generated","facts",…}',
    )
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          village: string;
          campaign: string;
          date?: string;
          en?: boolean;
        }) => {
          const input = {
            village: village(opts.village),
            campaignId: campaignId(opts.campaign),
            ...(opts.date === undefined ? {} : { date: calendarDate(opts.date, 'date') }),
          };
          const n = await withStore(opts, (store) => villageNotice(store, input));
          if (opts.json) printJsonLine(n);
          else process.stdout.write(`${opts.en ? n.text.en : n.text.zh}\n`);
        },
      ),
    );

  withDbOption(notice.command('edit'))
    .description(
      "改写 Store the village's own text for a day, sent instead of the generated one (--clear drops it)",
    )
    .requiredOption('--village <code>', 'village code (12 digits)')
    .option('--date <YYYY-MM-DD>', 'the day (default today)')
    .option('--text <text>', 'the notice in Chinese')
    .option('--en <text>', 'its English rendering')
    .option('--clear', "drop the day's edit: the generated text is sent again")
    .option('--by <name>', 'who edits (default: the operating-system user)')
    .option('--json', 'print the stored edit as one JSON object')
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          village: string;
          date?: string;
          text?: string;
          en?: string;
          clear?: boolean;
          by?: string;
        }) => {
          const where = {
            village: village(opts.village),
            ...(opts.date === undefined ? {} : { date: calendarDate(opts.date, 'date') }),
          };
          if (opts.clear) {
            const r = await withStore(opts, (store) => clearVillageNoticeEdit(store, where));
            if (opts.json) printJsonLine(r);
            else
              process.stdout.write(
                r.cleared
                  ? `已恢复自动生成 back to the generated text (${r.date})\n`
                  : `无改写 no edit (${r.date})\n`,
              );
            return;
          }
          const input = {
            ...where,
            zh: text(opts.text ?? '', 'text'),
            en: opts.en ?? null,
            by: opts.by === undefined ? cliActor().name : text(opts.by, 'by'),
          };
          const e = await withStore(opts, (store) => editVillageNotice(store, input));
          if (opts.json) printJsonLine(e);
          else process.stdout.write(`已保存 saved: ${e.village} ${e.date} (${e.editedBy})\n`);
        },
      ),
    );

  const broadcast = notice
    .command('broadcast')
    .description('村村响 The village loudspeaker schedule: times of day and what each plays');

  withDbOption(broadcast.command('list'))
    .description("时段 The village's schedule, by time (the default one when it has set none)")
    .requiredOption('--village <code>', 'village code (12 digits)')
    .option(
      '--json',
      'print the schedule as one JSON object: {"village","isDefault","slots":[{"time","message"}],…}',
    )
    .action(
      action(async (opts: { db?: string; json?: boolean; village: string }) => {
        const input = { village: village(opts.village) };
        printSchedule(await withStore(opts, (store) => broadcastsOf(store, input)), opts.json);
      }),
    );

  withDbOption(broadcast.command('set'))
    .description(
      "设置 Replace the village's whole schedule.\n" +
        'One --slot per broadcast: --slot "07:00=疫苗要打好，筑牢防疫墙" --slot "18:30=…"',
    )
    .requiredOption('--village <code>', 'village code (12 digits)')
    .option('--slot <time=message>', 'a broadcast: HH:MM=message (repeat for each)', collect, [])
    .option('--by <name>', 'who sets it (default: the operating-system user)')
    .option('--json', 'print the schedule as one JSON object')
    .action(
      action(async (opts: { db?: string; json?: boolean; village: string; slot: string[]; by?: string }) => {
        const input = {
          village: village(opts.village),
          slots: opts.slot.map(slot),
          by: opts.by === undefined ? cliActor().name : text(opts.by, 'by'),
        };
        printSchedule(await withStore(opts, (store) => setBroadcasts(store, input)), opts.json);
      }),
    );

  withDbOption(notice.command('leaders'))
    .description(
      '带头接种公示 The public list: cadres, party members and public servants of the village done in the campaign.\n' +
        'Full name, role and the day of the first dose, as the villages publish it; no ID number, no phone.',
    )
    .requiredOption('--village <code>', 'village code (12 digits)')
    .requiredOption('--campaign <id>', 'campaign id')
    .option('--json', 'one JSON object per person: {"name","role","roleLabel","firstDoseOn"}')
    .action(
      action(async (opts: { db?: string; json?: boolean; village: string; campaign: string }) => {
        const input = { village: village(opts.village), campaignId: campaignId(opts.campaign) };
        const list = await withStore(opts, (store) => publicLeaders(store, input));
        if (opts.json) {
          for (const p of list.items) printJsonLine(p);
          return;
        }
        process.stdout.write(`${list.village.shortName}带头接种公示 (${list.items.length})\n`);
        process.stdout.write(
          renderTable(
            ['姓名 name', '身份 role', '首针日期 first dose'],
            list.items.map((p) => [p.name, p.roleLabel.zh, p.firstDoseOn ?? '']),
          ),
        );
      }),
    );
  summarize(notice);
}
