import type { Command } from 'commander';
import { requireUser } from '../../app/users/requireUser.js';
import { createTeam } from '../../app/teams/createTeam.js';
import { listTeams } from '../../app/teams/listTeams.js';
import { sendTeam } from '../../app/teams/sendTeam.js';
import { setTeamQuota } from '../../app/teams/setTeamQuota.js';
import { showTeam } from '../../app/teams/showTeam.js';
import { addTeamMember, removeTeamMember } from '../../app/teams/teamMembers.js';
import { teamProgress } from '../../app/teams/teamProgress.js';
import type { TeamView } from '../../app/teams/teamView.js';
import { teamWorklist } from '../../app/teams/teamWorklist.js';
import { STATUS_LABELS, type CampaignStatus } from '../../domain/campaignStatus.js';
import { invalidInput } from '../../domain/errors.js';
import { LEAD_ROLES, TEAM_KIND_LABELS, TEAM_KINDS } from '../../domain/teams.js';
import { auditPiiView } from '../auditPiiView.js';
import { cliActor } from '../cliActor.js';
import { action, printJsonLine } from '../output.js';
import { withDbOption, withStore } from '../storeOption.js';
import { calendarDate, campaignId, oneOf, placeCode, text, wholeNumber } from './flags.js';
import { summarize } from './help.js';
import { renderTable } from './table.js';
import { registerAnswerable } from './teamAnswerable.js';
import { auditCli } from './teamAudit.js';
import { registerSectors } from './teamSectors.js';

const teamId = (value: string): number => wholeNumber(value, 'team', 1, Number.MAX_SAFE_INTEGER);

const KIND_HELP = TEAM_KINDS.map((k) => `${k} (${TEAM_KIND_LABELS[k].zh})`).join(', ');

function printTeam(t: TeamView): void {
  process.stdout.write(
    `#${t.id} ${t.name} · ${t.kindLabel.zh} · ${t.placeName}（${t.place}）· 每日任务 quota ${t.quota ?? '—'}\n`,
  );
  if (t.missingLeads.length > 0)
    process.stdout.write(`缺带队负责人 missing leads: ${t.missingLeads.join(', ')}\n`);
  process.stdout.write(
    `派往 villages: ${t.villages.map((v) => `${v.name}（${v.code}）`).join('、') || '—（未派出 not sent）'}\n`,
  );
  process.stdout.write(
    renderTable(
      ['编号 id', '姓名 name', '职务 title', '电话 phone', '带队 lead'],
      t.members.map((m) => [String(m.id), m.name, m.title, m.phone ?? '', m.leadLabel?.zh ?? '']),
      ['right'],
    ),
  );
}

export function registerTeam(program: Command): void {
  const team = program
    .command('team')
    .description(
      '攻坚队 Teams, answerable cadres (包保责任人) and sectors (行业监管).\n' +
        'Teams: attack teams (攻坚队) and the others the news report names, their members and leads, the villages they are sent to, a daily quota, worklist and progress.',
    );

  withDbOption(team.command('create'))
    .description(
      '组建队伍 Form a team of a township (or the county).\n' +
        'Add members with `team member add` (an attack team needs a dispatcher and a site commander), then `team send`.',
    )
    .requiredOption('--place <code>', 'the township (9 digits) or county (6) forming it')
    .requiredOption('--kind <kind>', `one of ${KIND_HELP}`)
    .requiredOption('--name <name>', 'e.g. 锦石乡清零攻坚第一队')
    .option('--quota <n>', 'doses a day expected in its villages')
    .option('--json', 'print the team as one JSON object')
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          place: string;
          kind: string;
          name: string;
          quota?: string;
        }) => {
          const input = {
            place: placeCode(opts.place),
            kind: oneOf(opts.kind, 'kind', TEAM_KINDS),
            name: text(opts.name, 'name'),
            quota: opts.quota === undefined ? null : wholeNumber(opts.quota, 'quota', 1, 100_000),
            by: cliActor().name,
          };
          const t = await withStore(opts, async (store) => {
            const created = await createTeam(store, input);
            await auditCli(store, {
              action: 'team.create',
              entity: 'team',
              entityId: created.id,
              detail: {
                after: { kind: created.kind, place: created.place, name: created.name, quota: created.quota },
              },
            });
            return created;
          });
          if (opts.json) printJsonLine(t);
          else process.stdout.write(`已组建 formed: #${t.id} ${t.name}（${t.kindLabel.zh}）\n`);
        },
      ),
    );

  withDbOption(team.command('list'))
    .description('队伍列表 The teams at a place: formed by it, or sent to its villages')
    .requiredOption('--place <code>', 'county, township or village code')
    .option('--kind <kind>', `only this kind: ${TEAM_KINDS.join(', ')}`)
    .option(
      '--json',
      'one JSON object per team: {"id","kind","place","name","quota","members","villages","missingLeads"}',
    )
    .action(
      action(async (opts: { db?: string; json?: boolean; place: string; kind?: string }) => {
        const input = {
          place: placeCode(opts.place),
          ...(opts.kind === undefined ? {} : { kind: oneOf(opts.kind, 'kind', TEAM_KINDS) }),
        };
        const teams = await withStore(opts, (store) => listTeams(store, input));
        if (opts.json) {
          for (const t of teams) printJsonLine(t);
          return;
        }
        process.stdout.write(
          renderTable(
            [
              '编号 id',
              '队伍 team',
              '类型 kind',
              '人数 members',
              '每日任务 quota',
              '派往 villages',
              '缺负责人 missing',
            ],
            teams.map((t) => [
              String(t.id),
              t.name,
              t.kindLabel.zh,
              String(t.members),
              t.quota === null ? '' : String(t.quota),
              String(t.villages.length),
              t.missingLeads.join(', '),
            ]),
            ['right', 'left', 'left', 'right', 'right', 'right'],
          ),
        );
      }),
    );

  withDbOption(team.command('show'))
    .description('队伍详情 One team: members and leads, villages, quota')
    .requiredOption('--team <id>', 'team id')
    .option('--json', 'print the team as one JSON object')
    .action(
      action(async (opts: { db?: string; json?: boolean; team: string }) => {
        const id = teamId(opts.team);
        const t = await withStore(opts, (store) => showTeam(store, { teamId: id }));
        if (opts.json) printJsonLine(t);
        else printTeam(t);
      }),
    );

  const member = team.command('member').description('队员 Add members to a team or take them off');
  withDbOption(member.command('add'))
    .description(
      '添加队员 Add a member, optionally as a lead.\n' +
        'An attack team has two leads: dispatcher (村部调度, at the village office) and site-commander (卫生院现场指挥); other teams a leader (队长).',
    )
    .requiredOption('--team <id>', 'team id')
    .requiredOption('--name <name>', "the member's name")
    .requiredOption('--title <title>', 'their title (职务), e.g. 乡党委副书记')
    .option('--phone <phone>', 'a phone they are reached on')
    .option('--user <username>', 'their gridvax account')
    .option('--lead <lead>', `one of ${LEAD_ROLES.join(', ')}`)
    .option('--json', 'print the member as one JSON object')
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          team: string;
          name: string;
          title: string;
          phone?: string;
          user?: string;
          lead?: string;
        }) => {
          const id = teamId(opts.team);
          const lead = opts.lead === undefined ? null : oneOf(opts.lead, 'lead', LEAD_ROLES);
          const m = await withStore(opts, async (store) => {
            const userId = opts.user === undefined ? null : (await requireUser(store, opts.user)).id;
            const added = await addTeamMember(store, {
              teamId: id,
              member: { name: opts.name, title: opts.title, phone: opts.phone ?? null, userId, lead },
            });
            await auditCli(store, {
              action: 'team.member-add',
              entity: 'team',
              entityId: id,
              detail: { after: { member: added.id, name: added.name, title: added.title, lead: added.lead } },
            });
            return added;
          });
          if (opts.json) printJsonLine(m);
          else
            process.stdout.write(
              `已加入 added: #${m.id} ${m.name}${m.leadLabel ? `（${m.leadLabel.zh}）` : ''}\n`,
            );
        },
      ),
    );
  withDbOption(member.command('remove'))
    .description(
      '队员离队 Take a member off a team (they stay on record).\n' +
        'A lead of an attack team that is out is refused (exit 6, team.lead-in-field): recall the team first.',
    )
    .requiredOption('--team <id>', 'team id')
    .requiredOption('--member <id>', 'member id (see `team show`)')
    .option('--json', 'print the member as one JSON object')
    .action(
      action(async (opts: { db?: string; json?: boolean; team: string; member: string }) => {
        const id = teamId(opts.team);
        const memberId = wholeNumber(opts.member, 'member', 1, Number.MAX_SAFE_INTEGER);
        const m = await withStore(opts, async (store) => {
          const removed = await removeTeamMember(store, { teamId: id, memberId });
          await auditCli(store, {
            action: 'team.member-remove',
            entity: 'team',
            entityId: id,
            detail: { before: { member: removed.id, name: removed.name }, after: { removed: true } },
          });
          return removed;
        });
        if (opts.json) printJsonLine(m);
        else process.stdout.write(`已离队 removed: #${m.id} ${m.name}\n`);
      }),
    );

  withDbOption(team.command('send'))
    .description(
      '派出 Send a team to exactly these villages (or --recall it).\n' +
        'Villages must be of the team’s own place; an attack team goes only with both leads (exit 6, team.leads-required).',
    )
    .requiredOption('--team <id>', 'team id')
    .option('--villages <codes>', 'village codes, comma-separated')
    .option('--recall', 'send it nowhere')
    .option('--json', 'print the team as one JSON object')
    .action(
      action(
        async (opts: { db?: string; json?: boolean; team: string; villages?: string; recall?: boolean }) => {
          const id = teamId(opts.team);
          const villages =
            opts.recall === true
              ? []
              : (opts.villages ?? '')
                  .split(',')
                  .map((v) => v.trim())
                  .filter(Boolean)
                  .map((v) => placeCode(v, 'villages'));
          if (villages.length === 0 && opts.recall !== true) {
            throw invalidInput({
              code: 'cli.villages',
              field: 'villages',
              message: {
                zh: '请用 --villages 指定村（社区），或用 --recall 召回',
                en: 'name --villages, or --recall the team',
              },
            });
          }
          const r = await withStore(opts, async (store) => {
            const sent = await sendTeam(store, { teamId: id, villages });
            await auditCli(store, {
              action: 'team.send',
              entity: 'team',
              entityId: id,
              detail: {
                before: { villages: sent.before },
                after: { villages: sent.team.villages.map((v) => v.code) },
              },
            });
            return sent;
          });
          if (opts.json) printJsonLine(r.team);
          else
            process.stdout.write(
              r.team.villages.length === 0
                ? `已召回 recalled: ${r.team.name}\n`
                : `已派出 sent: ${r.team.name} → ${r.team.villages.map((v) => v.name).join('、')}\n`,
            );
        },
      ),
    );

  withDbOption(team.command('quota'))
    .description('每日任务 Set a team’s daily quota: doses a day in its villages (--none clears it)')
    .requiredOption('--team <id>', 'team id')
    .option('--doses <n>', 'doses a day')
    .option('--none', 'no quota')
    .option('--json', 'print the team as one JSON object')
    .action(
      action(async (opts: { db?: string; json?: boolean; team: string; doses?: string; none?: boolean }) => {
        const id = teamId(opts.team);
        const quota = opts.none === true ? null : wholeNumber(opts.doses ?? '', 'doses', 1, 100_000);
        const r = await withStore(opts, async (store) => {
          const set = await setTeamQuota(store, { teamId: id, quota });
          await auditCli(store, {
            action: 'team.quota',
            entity: 'team',
            entityId: id,
            detail: { before: { quota: set.before }, after: { quota: set.team.quota } },
          });
          return set;
        });
        if (opts.json) printJsonLine(r.team);
        else
          process.stdout.write(
            `每日任务 quota: ${r.team.name} ${r.before ?? '—'} → ${r.team.quota ?? '—'}\n`,
          );
      }),
    );

  withDbOption(team.command('progress'))
    .description(
      '任务完成 A team’s progress by day against its quota: doses in its villages each day, met or short.\n' +
        'Default: the last 7 days to today.',
    )
    .requiredOption('--team <id>', 'team id')
    .requiredOption('--campaign <id>', 'campaign id')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day, YYYY-MM-DD (default today)')
    .option('--json', 'one JSON object per day: {"date","done","quota","met","short"}')
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          team: string;
          campaign: string;
          from?: string;
          to?: string;
        }) => {
          const input = {
            teamId: teamId(opts.team),
            campaignId: campaignId(opts.campaign),
            ...(opts.from === undefined ? {} : { from: calendarDate(opts.from, 'from') }),
            ...(opts.to === undefined ? {} : { to: calendarDate(opts.to, 'to') }),
          };
          const p = await withStore(opts, (store) => teamProgress(store, input));
          if (opts.json) {
            for (const d of p.days) printJsonLine(d);
            return;
          }
          process.stdout.write(
            `每日任务 quota ${p.quota ?? '—'} · 合计 done ${p.total.done}` +
              (p.total.daysMet === null ? '' : ` · 达标 met ${p.total.daysMet}/${p.total.days} 天 days`) +
              '\n',
          );
          process.stdout.write(
            renderTable(
              ['日期 date', '接种 done', '任务 quota', '达标 met', '差额 short'],
              p.days.map((d) => [
                d.date,
                String(d.done),
                d.quota === null ? '' : String(d.quota),
                d.met === null ? '' : d.met ? '是 yes' : '否 no',
                d.short === null ? '' : String(d.short),
              ]),
              ['left', 'right', 'right', 'left', 'right'],
            ),
          );
        },
      ),
    );

  withDbOption(team.command('worklist'))
    .description(
      '攻坚清单 A team’s worklist: the open and unscreened residents of its villages, by grid and household.\n' +
        'ID and phone numbers are masked unless --unmasked.',
    )
    .requiredOption('--team <id>', 'team id')
    .requiredOption('--campaign <id>', 'campaign id')
    .option('--limit <n>', 'at most this many entries')
    .option('--offset <n>', 'skip this many')
    .option('--unmasked', 'show ID and phone numbers in full (written to the audit log)')
    .option(
      '--json',
      'one JSON object per entry: {"residentId","idNumber","name","gridCode","status","reason",…}',
    )
    .action(
      action(
        async (opts: {
          db?: string;
          json?: boolean;
          team: string;
          campaign: string;
          limit?: string;
          offset?: string;
          unmasked?: boolean;
        }) => {
          const input = {
            teamId: teamId(opts.team),
            campaignId: campaignId(opts.campaign),
            unmasked: opts.unmasked === true,
            ...(opts.limit === undefined ? {} : { limit: wholeNumber(opts.limit, 'limit', 1, 10_000) }),
            ...(opts.offset === undefined
              ? {}
              : { offset: wholeNumber(opts.offset, 'offset', 0, 100_000_000) }),
          };
          const w = await withStore(opts, async (store) => {
            if (input.unmasked)
              await auditPiiView(store, 'team worklist', { team: input.teamId, campaign: input.campaignId });
            return teamWorklist(store, input);
          });
          if (opts.json) {
            for (const e of w.entries) printJsonLine(e);
            return;
          }
          const reasons = Object.entries(w.byReason)
            .map(([r, n]) => `${r} ${n}`)
            .join(' · ');
          process.stdout.write(`待接种 open: ${w.total}${reasons ? ` (${reasons})` : ''}\n`);
          process.stdout.write(
            renderTable(
              ['网格 grid', '姓名 name', '身份证号 ID', '年龄 age', '电话 phone', '情况 reason'],
              w.entries.map((e) => [
                e.gridCode,
                e.name,
                e.idNumber,
                String(e.age),
                e.phone ?? '',
                e.reasonLabel?.zh ?? STATUS_LABELS[e.status as CampaignStatus]?.zh ?? e.status,
              ]),
              ['left', 'left', 'left', 'right'],
            ),
          );
        },
      ),
    );

  registerAnswerable(team);
  registerSectors(team);
  summarize(team);
}
