import type { Command } from 'commander';
import { aefiOfSiteDay, aefiOfUnit, reportAefi, type AefiView } from '../../app/siteScreening/aefi.js';
import { checkIn } from '../../app/siteScreening/checkIn.js';
import type { CheckinView } from '../../app/siteScreening/checkinView.js';
import { decide } from '../../app/siteScreening/decide.js';
import {
  checkinsOfSiteDay,
  checkinsOfUnitDay,
  type CheckinTotals,
} from '../../app/siteScreening/listCheckins.js';
import { endObservation } from '../../app/siteScreening/observe.js';
import { screen } from '../../app/siteScreening/screen.js';
import { giveSiteDose } from '../../app/siteScreening/siteDose.js';
import { AEFI_KINDS, AEFI_OUTCOMES, AEFI_SEVERITIES } from '../../domain/aefi.js';
import { invalidInput } from '../../domain/errors.js';
import { CONTRAINDICATION_CODES, type ContraindicationCode } from '../../domain/screening.js';
import { DECISIONS } from '../../domain/siteScreening.js';
import { OBSERVATION_OUTCOMES } from '../../domain/siteScreeningObservation.js';
import { PRODUCT_CODES } from '../../domain/vaccines/catalog.js';
import { auditPiiView } from '../auditPiiView.js';
import { cliActor } from '../cliActor.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { summarize } from './help.js';
import { calendarDate, instant, oneOf, placeCode, recordId, text, wholeNumber } from './flags.js';
import { renderTable } from './table.js';

interface Common {
  db?: string;
  json?: boolean;
  by?: string;
  at?: string;
}

const UUID_HELP = 'the check-in id (a UUID, as `checkin add` printed it)';
const by = (opts: Common): string => (opts.by === undefined ? cliActor().name : text(opts.by, 'by'));
const at = (opts: Common): { at?: string } => (opts.at === undefined ? {} : { at: instant(opts.at) });

/** Common options: --db, --at, --by, --json. */
function step(cmd: Command, json: string): Command {
  return withDbOption(cmd)
    .option('--at <instant>', 'when it happened, ISO 8601 with a zone (default: now)')
    .option('--by <name>', 'who did it, as the record names them (default: the operating-system user)')
    .option('--json', json);
}

function checkinId(value: string): string {
  return recordId(value, 'checkin');
}

/** `120/80` → [120, 80]. */
function bloodPressure(value: string): [number, number] {
  const m = /^\s*(\d{2,3})\s*\/\s*(\d{2,3})\s*$/.exec(value);
  if (!m) {
    throw invalidInput({
      code: 'cli.bp',
      field: 'bp',
      message: {
        zh: `--bp 应为“收缩压/舒张压”，如 128/82：${value}`,
        en: `--bp must be systolic/diastolic, e.g. 128/82: ${value}`,
      },
    });
  }
  return [Number(m[1]), Number(m[2])];
}

/** `--yes a,b`: the questions answered yes; every other question no. */
function answersOf(yes: string | undefined): Record<ContraindicationCode, boolean> {
  const said = yes === undefined || yes.trim() === '' ? [] : yes.split(',').map((s) => s.trim());
  for (const s of said) oneOf(s, 'yes', CONTRAINDICATION_CODES);
  return Object.fromEntries(CONTRAINDICATION_CODES.map((c) => [c, said.includes(c)])) as Record<
    ContraindicationCode,
    boolean
  >;
}

function describe(c: CheckinView): string {
  const parts = [`${c.resident.name} ${c.resident.idNumber}`, `${c.site.name}`, `${c.stage}`];
  if (c.screening && !c.decision) {
    const s = c.screening.suggestion;
    parts.push(
      `预检建议 suggests: ${s.label.zh} ${s.decision}${s.flags.length ? ` (${s.flags.map((f) => f.message.zh).join('；')})` : ''}`,
    );
  }
  if (c.decision) {
    parts.push(
      `医生意见 decision: ${c.decision.label.zh}${c.decision.untilDate ? ` → ${c.decision.untilDate}` : ''}`,
    );
  }
  if (c.observation) parts.push(`留观至 observe until ${c.observation.endsAt}`);
  return `${c.id}  ${parts.join(' · ')}\n`;
}

function printCheckin(c: CheckinView, json: boolean | undefined, extra: Record<string, unknown> = {}): void {
  if (json) printJsonLine({ ...c, ...extra });
  else process.stdout.write(describe(c));
}

function printAefi(a: AefiView): string {
  return `${a.id}  ${a.resident.name} · ${a.whatLabel.zh} ${a.severityLabel.zh} · ${a.onsetAt} · ${a.outcomeLabel.zh}${a.urgent ? ' · 须2小时内报告 report within 2 h' : ''}\n`;
}

/** HH:MM in Asia/Shanghai. */
const shanghaiClock = (iso: string): string =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);

const totalsLine = (t: CheckinTotals): string =>
  `登记 checked in ${t.checkedIn} · 待定 waiting ${t.waiting} · 建议接种 ${t.recommended} · 推迟 ${t.postponed} · 不宜 ${t.notSuitable} · 已接种 vaccinated ${t.vaccinated} · 留观中 observing ${t.observing} · 异常反应 AEFI ${t.aefi}\n`;

export function registerCheckin(program: Command): void {
  const checkin = program
    .command('checkin')
    .description(
      '现场预检 Check-in and screening at the site: the questions, the doctor’s decision, the dose, observation, AEFI.\n' +
        'A resident checks in (add), is screened (screen), the doctor decides (decide), is vaccinated (dose) and observed\n' +
        'for 30 minutes (observe); adverse events are reported with `aefi`. Every step prints the check-in (--json: one object).',
    );

  step(
    checkin.command('add'),
    'print the check-in as one JSON object, with "created": false when it was under way already',
  )
    .description(
      '登记 Check a resident in at a site by ID number (typed or read from the card).\n' +
        'A check-in still under way today at the site is found again rather than doubled.',
    )
    .requiredOption('--site <id>', 'site id')
    .requiredOption('--resident <id-number>', "the resident's ID number (身份证号)")
    .option('--unmasked', 'show the ID number in full')
    .action(
      action(async (opts: Common & { site: string; resident: string; unmasked?: boolean }) => {
        const input = {
          siteId: wholeNumber(opts.site, 'site', 1, Number.MAX_SAFE_INTEGER),
          idNumber: opts.resident,
          ...at(opts),
          by: by(opts),
          unmasked: opts.unmasked === true,
        };
        const r = await withStore(opts, async (store) => {
          if (input.unmasked) await auditPiiView(store, 'checkin add', { site: input.siteId });
          return checkIn(store, input);
        });
        if (!opts.json && !r.created) process.stdout.write('已登记，继续办理 already checked in: ');
        printCheckin(r.checkin, opts.json, { created: r.created });
      }),
    );

  step(
    checkin.command('screen'),
    'print the check-in, with the screening and its suggestion, as one JSON object',
  )
    .description(
      '预检 Screen a checked-in resident: temperature, health code, blood pressure, the five questions.\n' +
        `The five questions are answered no unless named in --yes (${CONTRAINDICATION_CODES.join(', ')}).\n` +
        'Prints what the answers suggest: postpone at ≥ 37.3 °C, a yellow or red code or ≥ 160/100; not suitable for groups 1–3.',
    )
    .requiredOption('--checkin <uuid>', UUID_HELP)
    .requiredOption('--temperature <celsius>', 'body temperature, °C (e.g. 36.5)')
    .requiredOption('--health-code <colour>', 'green | yellow | red')
    .option('--bp <systolic/diastolic>', 'blood pressure, mmHg (e.g. 128/82)')
    .option('--yes <codes>', 'the questions answered yes, comma-separated contraindication codes')
    .action(
      action(
        async (
          opts: Common & {
            checkin: string;
            temperature: string;
            healthCode: string;
            bp?: string;
            yes?: string;
          },
        ) => {
          const temperature = Number(opts.temperature);
          const bp = opts.bp === undefined ? undefined : bloodPressure(opts.bp);
          const input = {
            checkinId: checkinId(opts.checkin),
            temperature: Number.isFinite(temperature) ? temperature : Number.NaN,
            healthCode: opts.healthCode,
            systolic: bp?.[0] ?? null,
            diastolic: bp?.[1] ?? null,
            answers: answersOf(opts.yes),
            ...at(opts),
            by: by(opts),
          };
          printCheckin(await withStore(opts, (store) => screen(store, input)), opts.json);
        },
      ),
    );

  step(checkin.command('decide'), 'print the check-in, with the decision, as one JSON object')
    .description(
      "医生意见 The doctor's decision: recommend (建议接种), postpone (推迟接种), not-suitable (不宜接种).\n" +
        'Postpone defers the resident until --until (default: the suggestion’s date); not-suitable exempts them\n' +
        'for --contraindication (groups 1–3). Deciding against the screening needs --note (exit 6 without).',
    )
    .requiredOption('--checkin <uuid>', UUID_HELP)
    .requiredOption('--decision <decision>', DECISIONS.join(' | '))
    .option('--until <date>', 'postpone: the first day they may be vaccinated (YYYY-MM-DD)')
    .option('--contraindication <code>', CONTRAINDICATION_CODES.join(' | '))
    .option('--note <text>', 'why (needed when the decision goes against the screening)')
    .action(
      action(
        async (
          opts: Common & {
            checkin: string;
            decision: string;
            until?: string;
            contraindication?: string;
            note?: string;
          },
        ) => {
          const input = {
            checkinId: checkinId(opts.checkin),
            decision: oneOf(opts.decision, 'decision', DECISIONS),
            untilDate: opts.until === undefined ? null : calendarDate(opts.until, 'until'),
            contraindication: opts.contraindication ?? null,
            note: opts.note ?? null,
            ...at(opts),
            by: by(opts),
          };
          printCheckin(await withStore(opts, (store) => decide(store, input)), opts.json);
        },
      ),
    );

  step(
    checkin.command('dose'),
    'print the check-in, with the dose and observation.endsAt, as one JSON object',
  )
    .description(
      '接种 Record the dose of a recommended check-in (site = the site’s name) and start the 30-minute observation.\n' +
        'Checked like `gridvax dose add` (dose windows, duplicates); a postponed check-in is refused (exit 6).',
    )
    .requiredOption('--checkin <uuid>', UUID_HELP)
    .requiredOption('--product <code>', PRODUCT_CODES.join(' | '))
    .requiredOption('--lot <lot>', 'lot (batch) number')
    .option('--dose <n>', "dose number (default: the resident's next)")
    .option('--vaccinator <name>', 'who gave it (default: --by)')
    .option('--override-reason <text>', "a site doctor's reason to give a dose before its window opens")
    .option('--id <uuid>', 'a dose record id of your own, so a retried command stores the dose once')
    .action(
      action(
        async (
          opts: Common & {
            checkin: string;
            product: string;
            lot: string;
            dose?: string;
            vaccinator?: string;
            overrideReason?: string;
            id?: string;
          },
        ) => {
          const input = {
            checkinId: checkinId(opts.checkin),
            product: opts.product,
            lot: text(opts.lot, 'lot'),
            doseNumber: opts.dose === undefined ? null : wholeNumber(opts.dose, 'dose', 1, 9),
            vaccinator: opts.vaccinator ?? null,
            overrideReason: opts.overrideReason ?? null,
            ...(opts.id === undefined ? {} : { id: recordId(opts.id) }),
            ...at(opts),
            by: by(opts),
          };
          printCheckin(await withStore(opts, (store) => giveSiteDose(store, input)), opts.json);
        },
      ),
    );

  step(checkin.command('observe'), 'print {"checkin": …, "aefi": … | null} as one JSON object')
    .description(
      '留观 End the 30-minute observation: --outcome ok, or aefi with the report (--what, --severity, --onset, --aefi-outcome).\n' +
        'Ending it before the 30 minutes needs --reason (exit 6 without), except for an AEFI.',
    )
    .requiredOption('--checkin <uuid>', UUID_HELP)
    .requiredOption('--outcome <outcome>', OBSERVATION_OUTCOMES.join(' | '))
    .option('--reason <text>', 'why it ended before the 30 minutes')
    .option('--what <kind>', `aefi: ${AEFI_KINDS.join(' | ')}`)
    .option('--severity <severity>', `aefi: ${AEFI_SEVERITIES.join(' | ')}`)
    .option('--onset <instant>', 'aefi: when it began, ISO 8601 with a zone')
    .option('--aefi-outcome <outcome>', `aefi: ${AEFI_OUTCOMES.join(' | ')}`)
    .option('--description <text>', 'aefi: what was seen and done')
    .action(
      action(
        async (
          opts: Common & {
            checkin: string;
            outcome: string;
            reason?: string;
            what?: string;
            severity?: string;
            onset?: string;
            aefiOutcome?: string;
            description?: string;
          },
        ) => {
          const aefi =
            opts.outcome === 'aefi'
              ? {
                  what: opts.what ?? '',
                  severity: opts.severity ?? '',
                  onsetAt: instant(opts.onset ?? '', 'onset'),
                  outcome: opts.aefiOutcome ?? '',
                  description: opts.description ?? null,
                }
              : null;
          const input = {
            checkinId: checkinId(opts.checkin),
            outcome: opts.outcome,
            reason: opts.reason ?? null,
            aefi,
            ...at(opts),
            by: by(opts),
          };
          const r = await withStore(opts, (store) => endObservation(store, input));
          if (opts.json) printJsonLine(r);
          else {
            process.stdout.write(describe(r.checkin));
            if (r.aefi) process.stdout.write(printAefi(r.aefi));
          }
        },
      ),
    );

  withDbOption(checkin.command('aefi'))
    .description(
      '异常反应 Report a suspected adverse event following immunization (疑似预防接种异常反应) against a dose.\n' +
        'A severe one is to be reported to the county within 2 hours (the answer says so).',
    )
    .requiredOption('--resident <id-number>', "the resident's ID number (身份证号)")
    .requiredOption('--dose <id>', 'the dose record id')
    .requiredOption('--what <kind>', AEFI_KINDS.join(' | '))
    .requiredOption('--severity <severity>', AEFI_SEVERITIES.join(' | '))
    .requiredOption('--onset <instant>', 'when it began, ISO 8601 with a zone')
    .requiredOption('--outcome <outcome>', AEFI_OUTCOMES.join(' | '))
    .option('--description <text>', 'what was seen and done (needed for `other`)')
    .option('--by <name>', 'who reports it (default: the operating-system user)')
    .option('--json', 'print the report as one JSON object')
    .action(
      action(
        async (
          opts: Common & {
            resident: string;
            dose: string;
            what: string;
            severity: string;
            onset: string;
            outcome: string;
            description?: string;
          },
        ) => {
          const input = {
            idNumber: opts.resident,
            doseId: opts.dose,
            what: opts.what,
            severity: opts.severity,
            onsetAt: instant(opts.onset, 'onset'),
            outcome: opts.outcome,
            description: opts.description ?? null,
            by: by(opts),
          };
          const a = await withStore(opts, (store) => reportAefi(store, input));
          if (opts.json) printJsonLine(a);
          else process.stdout.write(printAefi(a));
        },
      ),
    );

  withDbOption(checkin.command('list'))
    .description(
      "当日登记 A day's check-ins at a site (--site) or of a unit's residents (--place), with the day's totals;\n" +
        'with --aefi, the AEFI reports instead. ID numbers are masked unless --unmasked.',
    )
    .option('--site <id>', 'site id')
    .option('--place <code>', 'township, village or grid code')
    .option('--day <date>', 'the day, YYYY-MM-DD (default: today)')
    .option('--aefi', 'list AEFI reports (by onset day)')
    .option('--unmasked', 'show ID numbers in full')
    .option('--json', 'one JSON object per check-in (or AEFI report)')
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          site?: string;
          place?: string;
          day?: string;
          aefi?: boolean;
          unmasked?: boolean;
        }) => {
          if ((opts.site === undefined) === (opts.place === undefined)) {
            throw invalidInput({
              code: 'cli.site',
              field: 'site',
              message: { zh: '请给出 --site 或 --place 之一', en: 'give one of --site or --place' },
            });
          }
          const day = opts.day === undefined ? {} : { day: calendarDate(opts.day, 'day') };
          const unmasked = opts.unmasked === true;
          const site =
            opts.site === undefined ? undefined : wholeNumber(opts.site, 'site', 1, Number.MAX_SAFE_INTEGER);
          const place = opts.place === undefined ? undefined : placeCode(opts.place);
          await withStore(opts, async (store) => {
            if (unmasked) await auditPiiView(store, 'checkin list', { site, place, ...day });
            if (opts.aefi) {
              const items =
                site !== undefined
                  ? (await aefiOfSiteDay(store, { siteId: site, ...day, unmasked })).items
                  : (
                      await aefiOfUnit(store, {
                        place: place as string,
                        ...(day.day ? { from: day.day, to: day.day } : {}),
                        unmasked,
                      })
                    ).items;
              for (const a of items) {
                if (opts.json) printJsonLine(a);
                else process.stdout.write(printAefi(a));
              }
              return;
            }
            const list =
              site !== undefined
                ? await checkinsOfSiteDay(store, { siteId: site, ...day, unmasked })
                : await checkinsOfUnitDay(store, { place: place as string, ...day, unmasked });
            if (opts.json) {
              for (const c of list.items) printJsonLine(c);
              return;
            }
            process.stdout.write(`${list.day}  ${totalsLine(list.totals)}`);
            process.stdout.write(
              renderTable(
                [
                  '时间 at',
                  '姓名 name',
                  '身份证号 ID',
                  '接种点 site',
                  '进度 stage',
                  '意见 decision',
                  '接种 dose',
                ],
                list.items.map((c) => [
                  shanghaiClock(c.at),
                  c.resident.name,
                  c.resident.idNumber,
                  c.site.name,
                  c.stage,
                  c.decision
                    ? `${c.decision.label.zh}${c.decision.untilDate ? ` ${c.decision.untilDate}` : ''}`
                    : '',
                  c.dose ? `${c.dose.product} #${c.dose.doseNumber} ${c.dose.lot ?? ''}` : '',
                ]),
              ),
            );
          });
        },
      ),
    );
  summarize(checkin);
}
