import type { Command } from 'commander';
import { transportBoard } from '../../app/transport/board.js';
import { addDriver, addVehicle, listDrivers, listVehicles } from '../../app/transport/fleet.js';
import { moveRequest } from '../../app/transport/moveRequest.js';
import { planDay } from '../../app/transport/planDay.js';
import { requestTransport } from '../../app/transport/requestTransport.js';
import { acceptSuggestions, suggestRequests } from '../../app/transport/suggestRequests.js';
import type { TransportActor } from '../../app/transport/transportInput.js';
import type { TripView } from '../../app/transport/transportViews.js';
import { addRider, createTrip } from '../../app/transport/trips.js';
import { TRANSPORT_STATUS_LABELS, TRANSPORT_STATUSES } from '../../domain/transportStatus.js';
import { auditPiiView } from '../auditPiiView.js';
import { cliActor } from '../cliActor.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { calendarDate, campaignId, instant, oneOf, placeCode, text, wholeNumber } from './flags.js';
import { summarize } from './help.js';
import { renderTable } from './table.js';

interface Common {
  db?: string;
  json?: boolean;
}

/** `--by NAME`, or the operating-system user the audit log names the command line by. */
const byOf = (by: string | undefined): TransportActor => ({
  name: by?.trim() ? by.trim() : cliActor().name,
  userId: null,
});

const id = (value: string, flag: string): number => wholeNumber(value, flag, 1, Number.MAX_SAFE_INTEGER);

const BY_HELP = 'who does it (default: the operating-system user)';

function tripLines(trips: readonly TripView[]): string {
  return renderTable(
    ['车次 trip', '时段 window', '村 village', '车辆 vehicle', '司机 driver', '座位 seats', '乘客 riders'],
    trips.map((t) => [
      `#${t.id}`,
      t.windowText,
      t.villageName ?? t.villageCode,
      `${t.vehicle.plate}${t.vehicle.accessible ? ' ♿' : ''}`,
      t.driver ? `${t.driver.name} ${t.driver.phone}` : '未派司机 none',
      `${t.seatsUsed}/${t.seats}`,
      t.riders.map((r) => `${r.name}(${TRANSPORT_STATUS_LABELS[r.status].zh})`).join('、'),
    ]),
  );
}

export function registerTransport(program: Command): void {
  const transport = program
    .command('transport')
    .description(
      '上门接送 Rides to the site for those who need one: drivers, vehicles, requests, trips.\n' +
        'A ride moves requested → assigned → picked-up → vaccinated → returned, or is cancelled with a reason.',
    );

  // -- drivers --------------------------------------------------------------------------------
  const drivers = transport.command('drivers').description('接送司机 Drivers of a township');
  withDbOption(drivers.command('add'))
    .description(
      '登记司机 Register a driver, based at a township or one of its villages.\n' +
        '--user links a gridvax account of role driver: it then sees its own trips (GET /api/v1/transport/my-trips).',
    )
    .requiredOption('--place <code>', 'township (9 digits) or village (12)')
    .requiredOption('--name <name>', "the driver's name")
    .requiredOption('--phone <phone>', "the driver's phone")
    .option('--user <username>', 'a gridvax account of role driver to link')
    .option('--json', 'print the driver as one JSON object')
    .action(
      action(async (opts: Common & { place: string; name: string; phone: string; user?: string }) => {
        const input = {
          place: placeCode(opts.place),
          name: text(opts.name, 'name'),
          phone: text(opts.phone, 'phone'),
          username: opts.user ?? null,
        };
        const d = await withStore(opts, (store) => addDriver(store, input));
        if (opts.json) printJsonLine(d);
        else
          process.stdout.write(
            `已登记司机 driver #${d.id}: ${d.name} ${d.phone}${d.username ? ` (${d.username})` : ''}\n`,
          );
      }),
    );
  withDbOption(drivers.command('list'))
    .description('司机名单 The drivers of a township (or of a village of it)')
    .requiredOption('--place <code>', 'township (9 digits) or village (12)')
    .option(
      '--json',
      'one JSON object per driver: {"id","township","place","name","phone","username","active"}',
    )
    .action(
      action(async (opts: Common & { place: string }) => {
        const place = placeCode(opts.place);
        const list = await withStore(opts, (store) => listDrivers(store, { place }));
        if (opts.json) return list.forEach((d) => printJsonLine(d));
        process.stdout.write(
          renderTable(
            ['#', '姓名 name', '电话 phone', '驻地 place', '账号 account'],
            list.map((d) => [String(d.id), d.name, d.phone, d.place, d.username ?? '']),
          ),
        );
      }),
    );

  // -- vehicles -------------------------------------------------------------------------------
  const vehicles = transport.command('vehicles').description('接送车辆 Vehicles of a township');
  withDbOption(vehicles.command('add'))
    .description("登记车辆 Register a vehicle; seats count riders only (the driver's seat is not counted)")
    .requiredOption('--place <code>', 'township (9 digits) or village (12)')
    .requiredOption('--plate <plate>', 'number plate, e.g. 湘C·A1234')
    .requiredOption('--seats <n>', "seats for riders, the driver's not counted")
    .option('--accessible', 'takes a wheelchair')
    .option('--json', 'print the vehicle as one JSON object')
    .action(
      action(async (opts: Common & { place: string; plate: string; seats: string; accessible?: boolean }) => {
        const input = {
          place: placeCode(opts.place),
          plate: text(opts.plate, 'plate'),
          seats: wholeNumber(opts.seats, 'seats', 1, 60),
          accessible: opts.accessible === true,
        };
        const v = await withStore(opts, (store) => addVehicle(store, input));
        if (opts.json) printJsonLine(v);
        else
          process.stdout.write(
            `已登记车辆 vehicle #${v.id}: ${v.plate}, ${v.seats} 座 seats${v.accessible ? ', 无障碍 accessible' : ''}\n`,
          );
      }),
    );
  withDbOption(vehicles.command('list'))
    .description('车辆名单 The vehicles of a township (or of a village of it)')
    .requiredOption('--place <code>', 'township (9 digits) or village (12)')
    .option(
      '--json',
      'one JSON object per vehicle: {"id","township","place","plate","seats","accessible","active"}',
    )
    .action(
      action(async (opts: Common & { place: string }) => {
        const place = placeCode(opts.place);
        const list = await withStore(opts, (store) => listVehicles(store, { place }));
        if (opts.json) return list.forEach((v) => printJsonLine(v));
        process.stdout.write(
          renderTable(
            ['#', '车牌 plate', '座位 seats', '无障碍 accessible', '驻地 place'],
            list.map((v) => [String(v.id), v.plate, String(v.seats), v.accessible ? '✓' : '·', v.place]),
            ['right', 'left', 'right'],
          ),
        );
      }),
    );

  // -- requests -------------------------------------------------------------------------------
  withDbOption(transport.command('request'))
    .description(
      '预约接送 Book a ride for a resident.\n' +
        'The site defaults to the township’s health centre, the pick-up place to the household address.\n' +
        'Refused: a second live ride that day (exit 5), a site of another township, a past day (exit 6).',
    )
    .requiredOption('--resident <id-number>', "the resident's ID number (身份证号)")
    .requiredOption('--day <date>', 'YYYY-MM-DD')
    .requiredOption('--window <hh:mm-hh:mm>', 'pick-up window, e.g. 08:00-10:00')
    .option('--site <id>', 'the site (default: the township’s first open site)')
    .option('--pick-up <place>', 'where to fetch them (default: the household address)')
    .option('--wheelchair', 'needs an accessible vehicle')
    .option('--companion', 'a companion rides along (takes a seat)')
    .option('--note <text>', 'a note for the driver')
    .option('--campaign <id>', 'the campaign the ride is for')
    .option('--by <name>', BY_HELP)
    .option('--json', 'print the ride as one JSON object')
    .action(
      action(
        async (
          opts: Common & {
            resident: string;
            day: string;
            window: string;
            site?: string;
            pickUp?: string;
            wheelchair?: boolean;
            companion?: boolean;
            note?: string;
            campaign?: string;
            by?: string;
          },
        ) => {
          const input = {
            idNumber: opts.resident,
            day: calendarDate(opts.day, 'day'),
            window: opts.window,
            siteId: opts.site === undefined ? null : id(opts.site, 'site'),
            pickUp: opts.pickUp ?? null,
            wheelchair: opts.wheelchair === true,
            companion: opts.companion === true,
            note: opts.note ?? null,
            campaignId: opts.campaign === undefined ? null : campaignId(opts.campaign),
            by: byOf(opts.by),
          };
          const ride = await withStore(opts, (store) => requestTransport(store, input));
          if (opts.json) printJsonLine(ride);
          else
            process.stdout.write(
              `已预约 booked ride #${ride.id}: ${ride.name} ${ride.day} ${ride.windowText} → ${ride.site.name}, 接 from ${ride.pickUp}\n`,
            );
        },
      ),
    );

  withDbOption(transport.command('suggest'))
    .description(
      '建议接送 Who should be offered a ride: 60 and over, limited mobility or a remote home, booked for the day, no ride yet.\n' +
        '--accept books them all, each on its own (one refused never stops the others).',
    )
    .requiredOption('--campaign <id>', 'campaign id')
    .requiredOption('--place <code>', 'township, village or grid')
    .requiredOption('--day <date>', 'YYYY-MM-DD')
    .option('--accept', 'book a ride for every suggestion')
    .option('--by <name>', BY_HELP)
    .option(
      '--json',
      'one JSON object per suggestion (with --accept: per result {"residentId","result","ride"|"error"})',
    )
    .action(
      action(
        async (
          opts: Common & { campaign: string; place: string; day: string; accept?: boolean; by?: string },
        ) => {
          const input = {
            campaignId: campaignId(opts.campaign),
            place: placeCode(opts.place),
            day: calendarDate(opts.day, 'day'),
          };
          if (opts.accept) {
            const r = await withStore(opts, (store) =>
              acceptSuggestions(store, { ...input, by: byOf(opts.by) }),
            );
            if (opts.json) return r.results.forEach((x) => printJsonLine(x));
            process.stdout.write(`已预约 booked: ${r.created}  未成 refused: ${r.refused}\n`);
            for (const x of r.results)
              if (x.result === 'refused')
                process.stdout.write(`  ${x.residentId}: ${x.error.message} / ${x.error.messageEn}\n`);
            return;
          }
          const s = await withStore(opts, (store) => suggestRequests(store, input));
          if (opts.json) return s.suggestions.forEach((x) => printJsonLine(x));
          process.stdout.write(`${s.criteria.zh}\n`);
          process.stdout.write(
            renderTable(
              ['姓名 name', '身份证号 ID', '年龄 age', '村 village', '原因 why', '接 pick-up', '时段 window'],
              s.suggestions.map((x) => [
                x.name,
                x.idNumber,
                String(x.age),
                x.villageName ?? x.villageCode,
                x.why.map((w) => (w === 'remote' ? '偏远' : '行动不便')).join('、'),
                x.pickUp ?? '',
                x.windowText ?? '',
              ]),
              ['left', 'left', 'right'],
            ),
          );
        },
      ),
    );

  // -- trips ----------------------------------------------------------------------------------
  withDbOption(transport.command('plan'))
    .description(
      '派车 Plan the day’s trips of a township or village: by window and site, village, household and seats.\n' +
        'Prints how (step by step), the trips and any ride no vehicle could take. Written whole or not at all.',
    )
    .requiredOption('--place <code>', 'township (9 digits) or village (12)')
    .requiredOption('--day <date>', 'YYYY-MM-DD')
    .option('--by <name>', BY_HELP)
    .option('--json', 'print the plan as one JSON object {"explanation","assigned","trips","unplanned"}')
    .action(
      action(async (opts: Common & { place: string; day: string; by?: string }) => {
        const input = { place: placeCode(opts.place), day: calendarDate(opts.day, 'day'), by: byOf(opts.by) };
        const plan = await withStore(opts, (store) => planDay(store, input));
        if (opts.json) return printJsonLine(plan);
        plan.explanation.forEach((e, i) => process.stdout.write(`${i + 1}. ${e.zh}\n`));
        process.stdout.write(`\n已派车 assigned: ${plan.assigned}\n`);
        if (plan.trips.length) process.stdout.write(tripLines(plan.trips));
        for (const u of plan.unplanned)
          process.stdout.write(`未排 unplanned #${u.ride.id} ${u.ride.name}: ${u.message.zh}\n`);
      }),
    );

  withDbOption(transport.command('trip'))
    .description('加车 Put a vehicle on the road by hand: a trip for a village, window and site')
    .requiredOption('--village <code>', 'village (12 digits)')
    .requiredOption('--day <date>', 'YYYY-MM-DD')
    .requiredOption('--window <hh:mm-hh:mm>', 'e.g. 08:00-10:00')
    .requiredOption('--vehicle <id>', 'vehicle id')
    .option('--driver <id>', 'driver id')
    .option('--site <id>', 'site id (default: the township’s first open site)')
    .option('--by <name>', BY_HELP)
    .option('--json', 'print the trip as one JSON object')
    .action(
      action(
        async (
          opts: Common & {
            village: string;
            day: string;
            window: string;
            vehicle: string;
            driver?: string;
            site?: string;
            by?: string;
          },
        ) => {
          const input = {
            village: placeCode(opts.village, 'village'),
            day: calendarDate(opts.day, 'day'),
            window: opts.window,
            vehicleId: id(opts.vehicle, 'vehicle'),
            driverId: opts.driver === undefined ? null : id(opts.driver, 'driver'),
            siteId: opts.site === undefined ? null : id(opts.site, 'site'),
            by: byOf(opts.by),
          };
          const trip = await withStore(opts, (store) => createTrip(store, input));
          if (opts.json) printJsonLine(trip);
          else process.stdout.write(tripLines([trip]));
        },
      ),
    );

  withDbOption(transport.command('assign'))
    .description(
      '上车 Add a waiting ride to a trip. More riders than seats is refused (exit 6, trip.over-seats), nothing written.',
    )
    .requiredOption('--trip <id>', 'trip id')
    .requiredOption('--request <id>', 'ride request id')
    .option('--by <name>', BY_HELP)
    .option('--json', 'print {"trip","ride"} as one JSON object')
    .action(
      action(async (opts: Common & { trip: string; request: string; by?: string }) => {
        const input = {
          tripId: id(opts.trip, 'trip'),
          requestId: id(opts.request, 'request'),
          by: byOf(opts.by),
        };
        const r = await withStore(opts, (store) => addRider(store, input));
        if (opts.json) printJsonLine(r);
        else process.stdout.write(tripLines([r.trip]));
      }),
    );

  withDbOption(transport.command('move'))
    .description(
      '更新状态 Move a ride along: picked-up, vaccinated, returned, or cancelled (with --reason).\n' +
        'picked-up → returned needs a reason too (screened out at the site). Any other move is refused (exit 6, transport.bad-transition).',
    )
    .requiredOption('--request <id>', 'ride request id')
    .requiredOption(
      '--to <status>',
      TRANSPORT_STATUSES.filter((s) => s !== 'requested' && s !== 'assigned').join(' | '),
    )
    .option('--reason <text>', 'why (to cancel, or to return without a dose)')
    .option('--at <instant>', 'when it happened, e.g. 2021-08-09T08:20:00+08:00 (default now)')
    .option('--by <name>', BY_HELP)
    .option('--json', 'print {"from","to","ride"} as one JSON object')
    .action(
      action(
        async (opts: Common & { request: string; to: string; reason?: string; at?: string; by?: string }) => {
          const input = {
            requestId: id(opts.request, 'request'),
            to: oneOf(opts.to, 'to', TRANSPORT_STATUSES),
            reason: opts.reason ?? null,
            at: opts.at === undefined ? null : instant(opts.at),
            by: byOf(opts.by),
          };
          const m = await withStore(opts, (store) => moveRequest(store, input));
          if (opts.json) printJsonLine(m);
          else
            process.stdout.write(
              `#${m.ride.id} ${m.ride.name}: ${TRANSPORT_STATUS_LABELS[m.from].zh} → ${TRANSPORT_STATUS_LABELS[m.to].zh}${m.ride.mismatch ? '（当天尚无接种记录 no dose recorded that day）' : ''}\n`,
            );
        },
      ),
    );

  withDbOption(transport.command('board'))
    .description(
      '接送看板 The day’s board of a township, village or grid: rides by status, the trips, who is still out,\n' +
        'and rides marked vaccinated with no dose recorded that day. ID numbers are masked unless --unmasked.',
    )
    .requiredOption('--place <code>', 'township, village or grid')
    .option('--day <date>', 'YYYY-MM-DD (default today)')
    .option('--unmasked', 'show ID and phone numbers in full')
    .option('--json', 'print the board as one JSON object')
    .action(
      action(async (opts: Common & { place: string; day?: string; unmasked?: boolean }) => {
        const place = placeCode(opts.place);
        const day = opts.day === undefined ? undefined : calendarDate(opts.day, 'day');
        const unmasked = opts.unmasked === true;
        const board = await withStore(opts, async (store) => {
          if (unmasked) await auditPiiView(store, 'transport board', { place, day });
          return transportBoard(store, { place, unmasked, ...(day ? { day } : {}) });
        });
        if (opts.json) return printJsonLine(board);
        process.stdout.write(
          `${board.placeName} ${board.day}  ` +
            TRANSPORT_STATUSES.map((s) => `${TRANSPORT_STATUS_LABELS[s].zh} ${board.counts[s]}`).join(' · ') +
            `  在外 still out ${board.stillOut}  无接种记录 no dose ${board.mismatches}\n`,
        );
        if (board.trips.length) process.stdout.write(tripLines(board.trips));
        const waiting = board.byStatus.requested;
        if (waiting.length) {
          process.stdout.write(`\n待派车 waiting:\n`);
          process.stdout.write(
            renderTable(
              ['#', '姓名 name', '身份证号 ID', '时段 window', '接 pick-up'],
              waiting.map((r) => [String(r.id), r.name, r.idNumber, r.windowText, r.pickUp]),
            ),
          );
        }
      }),
    );
  summarize(transport);
}
