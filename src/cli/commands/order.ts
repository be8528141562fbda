import type { Command } from 'commander';
import { acknowledgeOrder, completeOrder } from '../../app/dispatch/answerOrder.js';
import { issueOrder } from '../../app/dispatch/issueOrder.js';
import { MAX_ORDERS, ordersOf } from '../../app/dispatch/ordersOf.js';
import { showOrder, type OrderTargetView, type OrderView } from '../../app/dispatch/orderView.js';
import { latenessText, TARGET_STATES } from '../../domain/dispatchOrder.js';
import { cliActor } from '../cliActor.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { campaignId, instant, oneOf, placeCode, text, wholeNumber } from './flags.js';
import { summarize } from './help.js';
import { registerNotice } from './notice.js';
import { renderTable } from './table.js';

const orderId = (v: string): number => wholeNumber(v, 'order', 1, Number.MAX_SAFE_INTEGER);

/** 2021-08-09T09:00:00.000Z → 2021-08-09 17:00 (Asia/Shanghai), as a terminal shows an instant. */
const local = (iso: string | null): string =>
  iso === null ? '' : new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

function stateText(t: OrderTargetView): string {
  const late = t.minutesLate === null ? '' : ` (${latenessText(t.minutesLate).zh})`;
  return `${t.stateLabel.zh} ${t.state}${late}`;
}

function printOrder(o: OrderView): void {
  process.stdout.write(
    `调度令 order #${o.id} · ${o.title}\n` +
      `发令 issuer: ${o.issuer.shortName} (${o.issuer.code}) · ${o.issuedBy} · 下达 issued ${local(o.issuedAt)} · 时限 deadline ${local(o.deadline)}\n` +
      `签收 acknowledged ${o.counts.acknowledged}/${o.counts.targets} · 办结 completed ${o.counts.completed} · 逾期 overdue ${o.counts.overdue}\n\n` +
      `${o.text}\n\n`,
  );
  process.stdout.write(
    renderTable(
      ['单位 unit', '代码 code', '状态 state', '签收 acknowledged', '办结 completed', '办结情况 note'],
      o.targets.map((t) => [
        t.unit.shortName,
        t.unit.code,
        stateText(t),
        local(t.acknowledgedAt),
        local(t.completedAt),
        t.note ?? '',
      ]),
    ),
  );
}

function printAnswer(t: OrderTargetView, json: boolean | undefined): void {
  if (json) printJsonLine(t);
  else
    process.stdout.write(
      `调度令 order #${t.orderId} · ${t.unit.shortName} (${t.unit.code}): ${stateText(t)}\n`,
    );
}

/** `gridvax order …`: 调度令 Dispatch orders and village notices (issue 8). */
export function registerOrder(program: Command): void {
  const order = program
    .command('order')
    .description(
      '调度令 Dispatch orders to townships and villages: issue, acknowledge, complete\n' +
        'The county issues an order with a deadline; each unit acknowledges it (签收) and reports it done (办结).\n' +
        'Overdue orders show in the daily report.',
    );

  withDbOption(order.command('issue'))
    .description(
      '下达 Issue an order to townships and villages.\n' +
        'Every unit must lie under the issuer: one that does not refuses the whole order (exit 4, order.out-of-scope), nothing is written.',
    )
    .requiredOption('--title <text>', 'the title, e.g. 关于加快推进第一剂次接种的调度令')
    .requiredOption('--text <text>', 'the order itself')
    .requiredOption('--deadline <instant>', 'when it must be done, with a zone: 2021-08-09T17:00:00+08:00')
    .requiredOption('--to <codes>', 'township or village codes, comma-separated: 430321205,430321114')
    .option('--issuer <code>', "the issuing county or township (default: the units' county)")
    .option('--campaign <id>', 'the campaign it is about')
    .option('--by <name>', 'who issues it (default: the operating-system user)')
    .option(
      '--json',
      'print the order as one JSON object: {"id","issuer","title","deadline","targets":[…],…}',
    )
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          title: string;
          text: string;
          deadline: string;
          to: string;
          issuer?: string;
          campaign?: string;
          by?: string;
        }) => {
          const input = {
            title: text(opts.title, 'title'),
            text: text(opts.text, 'text'),
            deadline: instant(opts.deadline, 'deadline'),
            targets: opts.to
              .split(',')
              .map((c) => c.trim())
              .filter(Boolean)
              .map((c) => placeCode(c, 'to')),
            ...(opts.issuer === undefined ? {} : { issuer: placeCode(opts.issuer, 'issuer') }),
            ...(opts.campaign === undefined ? {} : { campaignId: campaignId(opts.campaign) }),
            issuedBy: opts.by === undefined ? cliActor().name : text(opts.by, 'by'),
          };
          const o = await withStore(opts, (store) => issueOrder(store, input));
          if (opts.json) printJsonLine(o);
          else printOrder(o);
        },
      ),
    );

  withDbOption(order.command('list'))
    .description(
      "列表 A unit's orders: those sent to it or to units under it, newest first, with each unit's answer.\n" +
        'The county lists every unit; --state overdue keeps the orders someone has not answered in time.',
    )
    .requiredOption('--place <code>', 'county, township or village code')
    .option('--state <state>', `only orders with a unit in this state: ${TARGET_STATES.join(', ')}`)
    .option('--limit <n>', `at most this many orders (default 100, at most ${MAX_ORDERS})`)
    .option(
      '--json',
      'one JSON object per order: {"id","title","deadline","counts","targets":[{"unit","state",…}],…}',
    )
    .action(
      action(async (opts: { db?: string; json?: boolean; place: string; state?: string; limit?: string }) => {
        const input = {
          place: placeCode(opts.place),
          ...(opts.state === undefined ? {} : { state: oneOf(opts.state, 'state', TARGET_STATES) }),
          ...(opts.limit === undefined ? {} : { limit: wholeNumber(opts.limit, 'limit', 1, MAX_ORDERS) }),
        };
        const orders = await withStore(opts, (store) => ordersOf(store, input));
        if (opts.json) {
          for (const o of orders) printJsonLine(o);
          return;
        }
        process.stdout.write(
          renderTable(
            ['令 #', '标题 title', '时限 deadline', '单位 units', '签收 ack', '办结 done', '逾期 overdue'],
            orders.map((o) => [
              String(o.id),
              o.title,
              local(o.deadline),
              String(o.counts.targets),
              String(o.counts.acknowledged),
              String(o.counts.completed),
              String(o.counts.overdue),
            ]),
            ['right', 'left', 'left', 'right', 'right', 'right', 'right'],
          ),
        );
      }),
    );

  withDbOption(order.command('show'))
    .description('查看 One order with the answer of each unit it went to')
    .argument('<id>', 'order id')
    .option('--json', 'print the order as one JSON object')
    .action(
      action(async (id: string, opts: { db?: string; json?: boolean }) => {
        const o = await withStore(opts, (store) => showOrder(store, { orderId: orderId(id) }));
        if (opts.json) printJsonLine(o);
        else printOrder(o);
      }),
    );

  withDbOption(order.command('ack'))
    .description(
      '签收 Acknowledge an order for a unit it went to (again: nothing changes, the first is kept)',
    )
    .argument('<id>', 'order id')
    .requiredOption('--unit <code>', 'the township or village acknowledging')
    .option('--by <name>', 'who acknowledges (default: the operating-system user)')
    .option(
      '--json',
      'print the unit\'s answer as one JSON object: {"orderId","unit","state","acknowledgedAt",…}',
    )
    .action(
      action(async (id: string, opts: { db?: string; json?: boolean; unit: string; by?: string }) => {
        const input = {
          orderId: orderId(id),
          unit: placeCode(opts.unit, 'unit'),
          by: opts.by === undefined ? cliActor().name : text(opts.by, 'by'),
        };
        printAnswer(await withStore(opts, (store) => acknowledgeOrder(store, input)), opts.json);
      }),
    );

  withDbOption(order.command('complete'))
    .description(
      '办结 Report an order done for a unit, with what was done (acknowledges it too).\n' +
        'A second report is refused (exit 5, order.already-completed): the first stands.',
    )
    .argument('<id>', 'order id')
    .requiredOption('--unit <code>', 'the township or village reporting')
    .requiredOption('--note <text>', 'what was done')
    .option('--by <name>', 'who reports (default: the operating-system user)')
    .option(
      '--json',
      'print the unit\'s answer as one JSON object: {"orderId","unit","state","completedAt","note",…}',
    )
    .action(
      action(
        async (
          id: string,
          opts: { db?: string; json?: boolean; unit: string; note: string; by?: string },
        ) => {
          const input = {
            orderId: orderId(id),
            unit: placeCode(opts.unit, 'unit'),
            note: text(opts.note, 'note'),
            by: opts.by === undefined ? cliActor().name : text(opts.by, 'by'),
          };
          printAnswer(await withStore(opts, (store) => completeOrder(store, input)), opts.json);
        },
      ),
    );
  summarize(order);

  registerNotice(program);
}
