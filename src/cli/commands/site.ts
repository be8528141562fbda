import type { Command } from 'commander';
import { bookSite } from '../../app/sites/bookings.js';
import { checkSite } from '../../app/sites/checklist.js';
import { siteDay, townshipSiteSchedule, MAX_SCHEDULE_DAYS } from '../../app/sites/siteSchedule.js';
import { createSite, listSites, updateSite, type Site } from '../../app/sites/sites.js';
import { recordStock, stockDay, type SiteStockDay } from '../../app/sites/stock.js';
import { addDays, daysBetween, shanghaiDate } from '../../domain/calendar.js';
import { invalidInput } from '../../domain/errors.js';
import { CHECKLIST_ITEMS, CHECKLIST_LABELS, type ChecklistDay } from '../../domain/sitesChecklist.js';
import { SITE_KINDS } from '../../domain/sites.js';
import type { BookingEntry } from '../../domain/sitesBookings.js';
import type { MovementInput } from '../../domain/sitesStock.js';
import { PRODUCT_CODES } from '../../domain/vaccines/catalog.js';
import { cliActor } from '../cliActor.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { calendarDate, campaignId, placeCode, text, wholeNumber } from './flags.js';
import { summarize } from './help.js';
import { renderTable } from './table.js';

interface Common {
  db?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const siteIdArg = (value: string): number => wholeNumber(value, 'site', 1, Number.MAX_SAFE_INTEGER);
const capacityFlag = (value: string): number => wholeNumber(value, 'capacity', 1, 1_000_000);

const refuse = (flag: string, zh: string, en: string): never => {
  throw invalidInput({ code: `cli.${flag}`, field: flag, message: { zh, en } });
};

function siteRow(s: Site): string[] {
  return [
    String(s.id),
    s.townshipName,
    s.name,
    s.kindLabel.zh,
    `${s.opens}–${s.closes}`,
    String(s.dailyCapacity),
    s.active ? '开放 open' : '停用 closed',
  ];
}

const SITE_HEADER = [
  '编号 id',
  '乡镇 township',
  '接种点 site',
  '类型 kind',
  '时间 hours',
  '日能力 capacity',
  '',
];

function printStock(s: SiteStockDay): void {
  process.stdout.write(`${s.siteName} ${s.day} 库存 stock (剂 doses)\n`);
  const n = (x: number) => String(x);
  process.stdout.write(
    renderTable(
      [
        '疫苗 product',
        '批号 lot',
        '期初 opening',
        '入库 received',
        '接种 given',
        '损耗 wasted',
        '结存 left',
        '接种记录 recorded',
        '差异 diff',
      ],
      [
        ...s.lots.map((l) => [
          l.product,
          l.lot ?? '（无批号 no lot）',
          n(l.opening.doses),
          n(l.received.doses),
          n(l.given.doses),
          n(l.wasted.doses),
          n(l.left.doses),
          n(l.recorded),
          l.difference === 0 ? '0' : `⚠ ${l.difference > 0 ? '+' : ''}${l.difference}`,
        ]),
        [
          '合计 total',
          '',
          n(s.totals.opening.doses),
          n(s.totals.received.doses),
          n(s.totals.given.doses),
          n(s.totals.wasted.doses),
          n(s.totals.left.doses),
          n(s.totals.recorded),
          String(s.totals.difference),
        ],
      ],
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
}

function printChecklist(c: ChecklistDay): void {
  for (const i of c.items) {
    const mark = i.ok === null ? '·' : i.ok ? '✓' : '✗';
    process.stdout.write(`${mark} ${i.label.zh} ${i.label.en}${i.note ? `：${i.note}` : ''}\n`);
  }
  if (c.missing.length)
    process.stdout.write(`缺 missing: ${c.missing.map((m) => CHECKLIST_LABELS[m].zh).join('、')}\n`);
  if (c.unchecked.length)
    process.stdout.write(`未检查 unchecked: ${c.unchecked.map((m) => CHECKLIST_LABELS[m].zh).join('、')}\n`);
}

/** `--entry village:day:planned`, or `--village V --day D | --from D --to D, --planned N`. */
function bookingEntries(opts: {
  entry: string[];
  village?: string;
  day?: string;
  from?: string;
  to?: string;
  planned?: string;
}): BookingEntry[] {
  const out: BookingEntry[] = [];
  for (const e of opts.entry) {
    const m = /^(\d{12}):(\d{4}-\d{2}-\d{2}):(\d+)$/.exec(e.trim());
    if (!m) {
      refuse(
        'entry',
        `--entry 应为 村代码:日期:人数（如 430321205206:2021-08-10:120）：${e}`,
        `--entry must be village:day:planned (e.g. 430321205206:2021-08-10:120): ${e}`,
      );
    }
    const [, village, day, planned] = m as RegExpExecArray;
    out.push({
      village: village as string,
      day: calendarDate(day as string, 'entry'),
      planned: Number(planned),
    });
  }
  if (opts.village !== undefined) {
    if (opts.planned === undefined)
      refuse('planned', '请给出 --planned', '--planned is needed with --village');
    const planned = wholeNumber(opts.planned as string, 'planned', 0, 1_000_000);
    const village = placeCode(opts.village, 'village');
    const from = opts.day ?? opts.from;
    if (from === undefined) refuse('day', '请给出 --day 或 --from/--to', 'give --day, or --from and --to');
    const first = calendarDate(from as string, opts.day ? 'day' : 'from');
    const last = opts.day ? first : calendarDate(opts.to ?? first, 'to');
    const n = daysBetween(first, last);
    if (n < 0 || n > 62)
      refuse('to', '--to 应在 --from 之后 62 天内', '--to must be on or within 62 days after --from');
    for (let i = 0; i <= n; i++) out.push({ village, day: addDays(first, i), planned });
  }
  if (out.length === 0)
    refuse(
      'entry',
      '请给出 --entry，或 --village 与 --day/--from/--to 和 --planned',
      'give --entry, or --village with --day (or --from/--to) and --planned',
    );
  return out;
}

export function registerSite(program: Command): void {
  const site = program
    .command('site')
    .description(
      '接种点 Vaccination sites: hours and daily capacity, bookings per village and day (按村组排班),\n' +
        'vaccine stock by product and lot, and the comfort and supply checklist (遮阳、风扇、饮用水、防暑药品、一米线).',
    );

  withDbOption(site.command('add'))
    .description(
      '新增接种点 Add a site: a township health centre (乡镇卫生院) or a temporary point (临时接种点).\n' +
        'Its name is how dose records name it, so it is unique in the county (exit 5, site.duplicate).',
    )
    .requiredOption('--township <code>', 'the township (9 digits) it serves')
    .requiredOption('--name <name>', 'e.g. 锦石乡卫生院')
    .option('--kind <kind>', SITE_KINDS.join(' | '), 'health-centre')
    .option('--address <text>', 'where it is')
    .requiredOption('--opens <HH:MM>', 'opening time, e.g. 08:00')
    .requiredOption('--closes <HH:MM>', 'closing time, e.g. 17:30')
    .requiredOption('--capacity <n>', 'people it can vaccinate a day')
    .option('--json', 'print the site as one JSON object')
    .action(
      action(
        async (
          opts: Common & {
            township: string;
            name: string;
            kind: string;
            address?: string;
            opens: string;
            closes: string;
            capacity: string;
          },
        ) => {
          const input = {
            township: placeCode(opts.township, 'township'),
            name: text(opts.name, 'name'),
            kind: opts.kind,
            address: opts.address ?? null,
            opens: opts.opens,
            closes: opts.closes,
            dailyCapacity: capacityFlag(opts.capacity),
          };
          const created = await withStore(opts, (store) => createSite(store, input));
          if (opts.json) printJsonLine(created);
          else process.stdout.write(`已新增接种点 site added: ${created.id} ${created.name}\n`);
        },
      ),
    );

  withDbOption(site.command('update'))
    .description(
      '修改接种点 Change a site’s name, kind, address, hours or capacity, or close / reopen it.\n' +
        'A capacity below a day already planned, or closing a site with villages booked ahead, is refused (exit 6).',
    )
    .argument('<id>', 'site id')
    .option('--name <name>', 'new name')
    .option('--kind <kind>', SITE_KINDS.join(' | '))
    .option('--address <text>', 'new address')
    .option('--opens <HH:MM>', 'opening time')
    .option('--closes <HH:MM>', 'closing time')
    .option('--capacity <n>', 'people a day')
    .option('--close', 'close the site (停用)')
    .option('--reopen', 'reopen a closed site')
    .option('--json', 'print the site after as one JSON object')
    .action(
      action(
        async (
          id: string,
          opts: Common & {
            name?: string;
            kind?: string;
            address?: string;
            opens?: string;
            closes?: string;
            capacity?: string;
            close?: boolean;
            reopen?: boolean;
          },
        ) => {
          if (opts.close && opts.reopen)
            refuse('close', '--close 与 --reopen 只能选一个', 'give --close or --reopen, not both');
          const input = {
            id: siteIdArg(id),
            name: opts.name,
            kind: opts.kind,
            address: opts.address,
            opens: opts.opens,
            closes: opts.closes,
            dailyCapacity: opts.capacity === undefined ? undefined : capacityFlag(opts.capacity),
            active: opts.close ? false : opts.reopen ? true : undefined,
          };
          const { after } = await withStore(opts, (store) => updateSite(store, input));
          if (opts.json) printJsonLine(after);
          else process.stdout.write(renderTable(SITE_HEADER, [siteRow(after)]));
        },
      ),
    );

  withDbOption(site.command('list'))
    .description(
      '接种点列表 The sites serving a place (a county, a township, or a village’s or grid’s township)',
    )
    .option('--place <code>', 'county, township, village or grid code (default: all)')
    .option('--active', 'open sites only')
    .option(
      '--json',
      'one JSON object per site: {"id","township","name","kind","opens","closes","dailyCapacity","active",…}',
    )
    .action(
      action(async (opts: Common & { place?: string; active?: boolean }) => {
        const input = {
          place: opts.place === undefined ? undefined : placeCode(opts.place),
          activeOnly: opts.active === true,
        };
        const sites = await withStore(opts, (store) => listSites(store, input));
        if (opts.json) {
          for (const s of sites) printJsonLine(s);
          return;
        }
        process.stdout.write(renderTable(SITE_HEADER, sites.map(siteRow), ['right']));
      }),
    );

  withDbOption(site.command('show'))
    .description(
      '接种点当日 A site’s day: villages planned against its capacity, its stock reconciled with the dose\n' +
        'records, and its checklist with what is missing. With --campaign, each village’s residents booked and done that day.',
    )
    .argument('<id>', 'site id')
    .option('--day <date>', 'the day (default: today)')
    .option('--campaign <id>', 'campaign id, for the residents booked and done')
    .option(
      '--json',
      'print one JSON object: {"site","day","capacity","planned","left","villages","stock","checklist"}',
    )
    .action(
      action(async (id: string, opts: Common & { day?: string; campaign?: string }) => {
        const siteId = siteIdArg(id);
        const day = opts.day === undefined ? undefined : calendarDate(opts.day, 'day');
        const campaign = opts.campaign === undefined ? undefined : campaignId(opts.campaign);
        const d = await withStore(opts, (store) =>
          siteDay(store, { siteId, day: day ?? shanghaiDate(store.now()), campaignId: campaign }),
        );
        if (opts.json) {
          printJsonLine(d);
          return;
        }
        const s = d.site;
        process.stdout.write(
          `${s.name}（${s.kindLabel.zh}，${s.townshipName}）${s.opens}–${s.closes}${s.active ? '' : ' 停用 closed'}\n` +
            `${d.day} 日接种能力 capacity ${d.capacity} · 已排 planned ${d.planned} · 剩余 left ${d.left}\n`,
        );
        process.stdout.write(
          renderTable(
            ['村 village', '计划 planned', '已预约 booked', '已接种 done', '排班人 by'],
            d.villages.map((v) => [
              v.name,
              String(v.planned),
              v.booked === null ? '—' : String(v.booked),
              v.done === null ? '—' : String(v.done),
              v.bookedBy,
            ]),
            ['left', 'right', 'right', 'right'],
          ),
        );
        printStock(d.stock);
        printChecklist(d.checklist);
      }),
    );

  withDbOption(site.command('book'))
    .description(
      '按村组排班 Book villages into a site’s days: each entry sets a village’s planned number for a day (0 withdraws it).\n' +
        'The whole batch is refused if any day would go over the site’s capacity (exit 6, booking.over-capacity): nothing is written.\n' +
        'Examples: --entry 430321205206:2021-08-10:120 --entry 430321205201:2021-08-10:80 · --village 430321205206 --from 2021-08-10 --to 2021-08-15 --planned 60',
    )
    .argument('<id>', 'site id')
    .option('--entry <village:day:planned>', 'one booking (repeat for each)', collect, [])
    .option('--village <code>', 'a village (12 digits), with --day or --from/--to, and --planned')
    .option('--day <date>', 'the day, with --village')
    .option('--from <date>', 'the first day, with --village')
    .option('--to <date>', 'the last day, with --village')
    .option('--planned <n>', 'people planned each day, with --village')
    .option('--by <name>', 'who sets the plan (default: the command line user)')
    .option(
      '--json',
      'print one JSON object: {"siteId","siteName","changes":[…],"days":[{"day","capacity","planned","left"}]}',
    )
    .action(
      action(
        async (
          id: string,
          opts: Common & {
            entry: string[];
            village?: string;
            day?: string;
            from?: string;
            to?: string;
            planned?: string;
            by?: string;
          },
        ) => {
          const input = {
            siteId: siteIdArg(id),
            bookings: bookingEntries(opts),
            by: opts.by === undefined ? cliActor().name : text(opts.by, 'by'),
          };
          const r = await withStore(opts, (store) => bookSite(store, input));
          if (opts.json) {
            printJsonLine(r);
            return;
          }
          process.stdout.write(`${r.siteName} 已排班 booked (${r.changes.length})\n`);
          process.stdout.write(
            renderTable(
              ['日期 day', '日能力 capacity', '已排 planned', '剩余 left'],
              r.days.map((d) => [d.day, String(d.capacity), String(d.planned), String(d.left)]),
              ['left', 'right', 'right', 'right'],
            ),
          );
        },
      ),
    );

  withDbOption(site.command('schedule'))
    .description(
      '乡镇排班 A township’s site schedule day by day: the sites’ capacity and plans, and each village’s plan\n' +
        '(with --campaign: its residents booked for the day and the people done).',
    )
    .requiredOption('--place <code>', 'the township, or a village or grid in it')
    .option('--from <date>', 'first day (default: today)')
    .option('--days <n>', `how many days (default 7, at most ${MAX_SCHEDULE_DAYS})`)
    .option('--campaign <id>', 'campaign id, for the residents booked and done')
    .option(
      '--json',
      'print one JSON object: {"township","from","to","sites":[…],"days":[{"day","capacity","planned","left","sites","villages"}]}',
    )
    .action(
      action(async (opts: Common & { place: string; from?: string; days?: string; campaign?: string }) => {
        const input = {
          place: placeCode(opts.place),
          from: opts.from === undefined ? undefined : calendarDate(opts.from, 'from'),
          days: opts.days === undefined ? undefined : wholeNumber(opts.days, 'days', 1, MAX_SCHEDULE_DAYS),
          campaignId: opts.campaign === undefined ? undefined : campaignId(opts.campaign),
        };
        const s = await withStore(opts, (store) => townshipSiteSchedule(store, input));
        if (opts.json) {
          printJsonLine(s);
          return;
        }
        process.stdout.write(`${s.townshipName} ${s.from} – ${s.to}\n`);
        process.stdout.write(
          renderTable(
            ['日期 day', '日能力 capacity', '已排 planned', '剩余 left', ...s.sites.map((x) => x.name)],
            s.days.map((d) => [
              d.day,
              String(d.capacity),
              String(d.planned),
              String(d.left),
              ...d.sites.map((x) => `${x.planned}/${x.capacity}`),
            ]),
            ['left', 'right', 'right', 'right', ...s.sites.map(() => 'right' as const)],
          ),
        );
        const planned = s.days.flatMap((d) =>
          d.villages
            .filter((v) => v.planned > 0 || (v.booked ?? 0) > 0)
            .map((v) => [
              d.day,
              v.name,
              String(v.planned),
              v.booked === null ? '—' : String(v.booked),
              v.done === null ? '—' : String(v.done),
            ]),
        );
        if (planned.length)
          process.stdout.write(
            renderTable(['日期 day', '村 village', '计划 planned', '已预约 booked', '已接种 done'], planned, [
              'left',
              'left',
              'right',
              'right',
              'right',
            ]),
          );
      }),
    );

  const stock = site
    .command('stock')
    .description('疫苗库存 Vaccine stock by product and lot: receive, use, show');

  withDbOption(stock.command('receive'))
    .description(
      '入库 Record vaccine received at the site on a day, in whole vials (doses from the product’s doses per vial)',
    )
    .argument('<id>', 'site id')
    .option('--day <date>', 'the day (default: today)')
    .requiredOption('--product <code>', PRODUCT_CODES.join(' | '))
    .requiredOption('--lot <lot>', 'lot number (批号), e.g. 202107K0042')
    .requiredOption('--vials <n>', 'vials received')
    .option('--note <text>', 'a note (delivery, cold chain …)')
    .option('--by <name>', 'who records it (default: the command line user)')
    .option('--json', 'print one JSON object: {"ids":[…],"stock":{"lots":[…],"totals":…}}')
    .action(
      action(
        async (
          id: string,
          opts: Common & {
            day?: string;
            product: string;
            lot: string;
            vials: string;
            note?: string;
            by?: string;
          },
        ) => {
          const movements: MovementInput[] = [
            {
              product: opts.product,
              lot: opts.lot,
              kind: 'received',
              vials: wholeNumber(opts.vials, 'vials', 1, 1_000_000),
              note: opts.note ?? null,
            },
          ];
          await recordAndPrint(id, opts, movements);
        },
      ),
    );

  withDbOption(stock.command('use'))
    .description(
      '出库 Record doses given and/or wasted at the site on a day, by lot. More than is left is refused\n' +
        '(exit 6, stock.insufficient), and then nothing is written.',
    )
    .argument('<id>', 'site id')
    .option('--day <date>', 'the day (default: today)')
    .requiredOption('--product <code>', PRODUCT_CODES.join(' | '))
    .requiredOption('--lot <lot>', 'lot number (批号)')
    .option('--given <doses>', 'doses given (接种)')
    .option('--wasted <doses>', 'doses wasted (损耗: broken, expired, left in an opened vial)')
    .option('--note <text>', 'a note (why wasted …)')
    .option('--by <name>', 'who records it (default: the command line user)')
    .option('--json', 'print one JSON object: {"ids":[…],"stock":{"lots":[…],"totals":…}}')
    .action(
      action(
        async (
          id: string,
          opts: Common & {
            day?: string;
            product: string;
            lot: string;
            given?: string;
            wasted?: string;
            note?: string;
            by?: string;
          },
        ) => {
          const movements: MovementInput[] = [];
          if (opts.given !== undefined)
            movements.push({
              product: opts.product,
              lot: opts.lot,
              kind: 'given',
              doses: wholeNumber(opts.given, 'given', 1, 1_000_000),
              note: opts.note ?? null,
            });
          if (opts.wasted !== undefined)
            movements.push({
              product: opts.product,
              lot: opts.lot,
              kind: 'wasted',
              doses: wholeNumber(opts.wasted, 'wasted', 1, 1_000_000),
              note: opts.note ?? null,
            });
          if (movements.length === 0)
            refuse('given', '请给出 --given 或 --wasted', 'give --given or --wasted');
          await recordAndPrint(id, opts, movements);
        },
      ),
    );

  withDbOption(stock.command('show'))
    .description(
      '库存对账 The site’s stock on a day by product and lot: opening + received − given − wasted = left,\n' +
        'beside the dose records of the site (a difference is marked ⚠).',
    )
    .argument('<id>', 'site id')
    .option('--day <date>', 'the day (default: today)')
    .option('--json', 'print one JSON object: {"siteId","day","lots":[…],"totals":…,"differences"}')
    .action(
      action(async (id: string, opts: Common & { day?: string }) => {
        const siteId = siteIdArg(id);
        const day = opts.day === undefined ? undefined : calendarDate(opts.day, 'day');
        const s = await withStore(opts, (store) =>
          stockDay(store, { siteId, day: day ?? shanghaiDate(store.now()) }),
        );
        if (opts.json) printJsonLine(s);
        else printStock(s);
      }),
    );

  withDbOption(site.command('check'))
    .description(
      '现场保障检查 Check the site’s comfort and supply items for a day; the others keep what they had.\n' +
        `Items: ${CHECKLIST_ITEMS.join(', ')}. Example: --ok shade,cooling,drinking-water --missing "heatstroke-remedies=藿香正气水下午到"`,
    )
    .argument('<id>', 'site id')
    .option('--day <date>', 'the day (default: today)')
    .option('--ok <items>', 'items in order, comma-separated')
    .option('--missing <item[=note]>', 'an item not in order, with a note (repeat for each)', collect, [])
    .option('--by <name>', 'who checks (default: the command line user)')
    .option(
      '--json',
      'print the day’s checklist as one JSON object: {"items":[…],"missing":[…],"unchecked":[…],"complete"}',
    )
    .action(
      action(
        async (id: string, opts: Common & { day?: string; ok?: string; missing: string[]; by?: string }) => {
          const siteId = siteIdArg(id);
          const day = opts.day === undefined ? undefined : calendarDate(opts.day, 'day');
          const items = [
            ...(opts.ok ?? '')
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s !== '')
              .map((item) => ({ item, ok: true })),
            ...opts.missing.map((m) => {
              const [item, ...note] = m.split('=');
              return { item: (item ?? '').trim(), ok: false, note: note.join('=') || null };
            }),
          ];
          const by = opts.by === undefined ? cliActor().name : text(opts.by, 'by');
          const { checklist } = await withStore(opts, (store) =>
            checkSite(store, { siteId, day: day ?? shanghaiDate(store.now()), items, by }),
          );
          if (opts.json) printJsonLine(checklist);
          else printChecklist(checklist);
        },
      ),
    );

  async function recordAndPrint(
    id: string,
    opts: Common & { day?: string; by?: string },
    movements: MovementInput[],
  ): Promise<void> {
    const siteId = siteIdArg(id);
    const day = opts.day === undefined ? undefined : calendarDate(opts.day, 'day');
    const by = opts.by === undefined ? cliActor().name : text(opts.by, 'by');
    const r = await withStore(opts, (store) =>
      recordStock(store, { siteId, day: day ?? shanghaiDate(store.now()), movements, by }),
    );
    if (opts.json) printJsonLine({ ids: r.ids, stock: r.stock });
    else printStock(r.stock);
  }

  summarize(site);
}
