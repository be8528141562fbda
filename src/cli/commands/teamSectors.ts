import type { Command } from 'commander';
import { sectorLedger } from '../../app/teams/sectorLedger.js';
import { sectorProgress } from '../../app/teams/sectorProgress.js';
import { setEmployment } from '../../app/teams/setEmployment.js';
import { PUBLIC_ROLES, SECTOR_LABELS, SECTORS } from '../../domain/sectors.js';
import { auditPiiView } from '../auditPiiView.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { campaignId, oneOf, placeCode, wholeNumber } from './flags.js';
import { renderTable } from './table.js';
import { auditCli } from './teamAudit.js';

const SECTOR_HELP = SECTORS.map((s) => `${s} (${SECTOR_LABELS[s].zh})`).join(', ');

const percent = (x: number | null): string => (x === null ? '' : `${(x * 100).toFixed(1)}%`);

/** `gridvax team sectors [progress]|ledger|set`: sector responsibility (行业监管). */
export function registerSectors(team: Command): void {
  const sectors = team
    .command('sectors')
    .description(
      '行业监管 Progress and ledgers by sector, for each sector’s regulator.\n' +
        '`gridvax team sectors --campaign ID --place CODE` is `gridvax team sectors progress`.',
    );

  withDbOption(sectors.command('progress', { isDefault: true }))
    .description(
      '行业进度 Progress by sector under a unit: residents, eligible, done, open, completion (done ÷ eligible)',
    )
    .requiredOption('--campaign <id>', 'campaign id')
    .requiredOption('--place <code>', 'county, township, village or grid code')
    .option(
      '--json',
      'one JSON object per sector: {"sector","label","regulator","residents","eligible","done","open","unscreened","completion",…}',
    )
    .action(
      action(async (opts: { db?: string; json?: boolean; campaign: string; place: string }) => {
        const input = { campaignId: campaignId(opts.campaign), place: placeCode(opts.place) };
        const p = await withStore(opts, (store) => sectorProgress(store, input));
        if (opts.json) {
          for (const s of p.sectors) printJsonLine(s);
          return;
        }
        process.stdout.write(
          renderTable(
            [
              '行业 sector',
              '监管部门 regulator',
              '人数 residents',
              '应接种 eligible',
              '已接种 done',
              '待接种 open',
              '未摸排 unscreened',
              '完成率 completion',
            ],
            [
              ...p.sectors,
              { label: { zh: '合计', en: 'total' }, regulator: { zh: '', en: '' }, ...p.total },
            ].map((s) => [
              s.label.zh,
              s.regulator.zh,
              String(s.residents),
              String(s.eligible),
              String(s.done),
              String(s.open),
              String(s.unscreened),
              percent(s.completion),
            ]),
            ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
          ),
        );
      }),
    );

  withDbOption(sectors.command('ledger'))
    .description(
      '行业台账 A sector’s close-out ledger under a unit: its open residents with their employers.\n' +
        'ID and phone numbers are masked unless --unmasked.',
    )
    .requiredOption('--campaign <id>', 'campaign id')
    .requiredOption('--place <code>', 'county, township, village or grid code')
    .requiredOption('--sector <sector>', `one of ${SECTOR_HELP}`)
    .option('--limit <n>', 'at most this many entries')
    .option('--unmasked', 'show ID and phone numbers in full (written to the audit log)')
    .option(
      '--json',
      'one JSON object per entry: {"residentId","idNumber","name","employer","status","reason",…}',
    )
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          campaign: string;
          place: string;
          sector: string;
          limit?: string;
          unmasked?: boolean;
        }) => {
          const input = {
            campaignId: campaignId(opts.campaign),
            place: placeCode(opts.place),
            sector: oneOf(opts.sector, 'sector', SECTORS),
            unmasked: opts.unmasked === true,
            ...(opts.limit === undefined ? {} : { limit: wholeNumber(opts.limit, 'limit', 1, 10_000) }),
          };
          const l = await withStore(opts, async (store) => {
            if (input.unmasked)
              await auditPiiView(store, 'team sectors ledger', {
                campaign: input.campaignId,
                place: input.place,
                sector: input.sector,
              });
            return sectorLedger(store, input);
          });
          if (opts.json) {
            for (const e of l.entries) printJsonLine(e);
            return;
          }
          process.stdout.write(`${SECTOR_LABELS[l.sector].zh} 待接种 open: ${l.total}\n`);
          process.stdout.write(
            renderTable(
              ['网格 grid', '姓名 name', '身份证号 ID', '工作单位 employer', '情况 reason'],
              l.entries.map((e) => [
                e.gridCode,
                e.name,
                e.idNumber,
                e.employer ?? '',
                e.reasonLabel?.zh ?? e.status,
              ]),
            ),
          );
        },
      ),
    );

  withDbOption(sectors.command('set'))
    .description(
      '登记工作单位 Record a resident’s employer, sector and public role (an option left out is cleared).\n' +
        `Public roles (带头接种公示): ${PUBLIC_ROLES.join(', ')}.`,
    )
    .requiredOption('--resident <id-number>', "the resident's ID number (身份证号)")
    .option('--sector <sector>', `one of ${SECTOR_HELP}`)
    .option('--employer <name>', 'the employer, e.g. 锦石乡中心学校')
    .option('--public-role <role>', `one of ${PUBLIC_ROLES.join(', ')}`)
    .option('--json', 'print {"residentId","employer","sector","publicRole"}')
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          resident: string;
          sector?: string;
          employer?: string;
          publicRole?: string;
        }) => {
          const employment = {
            employer: opts.employer ?? null,
            sector: opts.sector === undefined ? null : oneOf(opts.sector, 'sector', SECTORS),
            publicRole:
              opts.publicRole === undefined ? null : oneOf(opts.publicRole, 'public-role', PUBLIC_ROLES),
          };
          const r = await withStore(opts, async (store) => {
            const set = await setEmployment(store, { idNumber: opts.resident, employment });
            await auditCli(store, {
              action: 'resident.employment',
              entity: 'resident',
              entityId: `${set.county}-${set.residentId}`,
              detail: { before: set.before, after: set.after },
            });
            return set;
          });
          if (opts.json) printJsonLine({ residentId: r.residentId, ...r.after });
          else
            process.stdout.write(
              `已登记 recorded: #${r.residentId} ${r.after.employer ?? '—'} · ${r.after.sector ? SECTOR_LABELS[r.after.sector].zh : '—'}\n`,
            );
        },
      ),
    );
}
