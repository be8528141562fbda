/**
 * The demo's teams, answerable cadres and sectors on the evening of 9 August 2021:
 *
 * - 锦石乡's two attack teams as the news report tells them: "抽调30名机关干部组建两组疫苗接种清零
 *   工作攻坚队，分组进村进行上门服务。每组明确两名党政负责人带队，一人在'清零行动'村村部实时调度，一人
 *   在卫生院现场靠前指挥" — fifteen cadres each, sent since 2 August to the township's villages not
 *   yet cleared (alternately, most open residents first), each with a daily quota near what its
 *   villages have been doing, so the week shows days met and days short; and one team of each
 *   other kind (the volunteers of the youth league, enforcement team and party-building station,
 *   the transport team, the publicity vehicles, a working group);
 * - a county cadre answerable for every township and a township cadre for every village
 *   (县包乡、乡包村组), made-up names — 锦石乡's is 王建国（县卫健局副局长）;
 * - an employer, sector and (for some) public role for 8% of working-age residents: sector k for
 *   the residents whose id is k modulo 8 among the first 80 of every 1,000 ids, in one UPDATE, so
 *   it is deterministic and fast at 800,000.
 *
 * Deterministic: names and phones come from a hash of codes and positions, the rest from the
 * demo's records.
 */
import { sql } from 'kysely';
import { checkCadre } from '../../domain/answerability.js';
import { addDays } from '../../domain/calendar.js';
import {
  checkMember,
  checkSendable,
  checkTeam,
  checkVillages,
  type MemberDraft,
  type TeamKind,
} from '../../domain/teams.js';
import type { Sector } from '../../domain/sectors.js';
import { doneByDayIn, insertMembers, insertTeam, replaceVillages } from '../../store/fieldops/teamQueries.js';
import type { Store } from '../../store/openStore.js';
import { gridFiguresUnder } from '../../store/progressQueries.js';
import { findUserByName } from '../../store/userQueries.js';
import { DEMO_COUNTY } from '../buildDemo.js';
import { drawSurname, SURNAMES } from '../names.js';
import { JINSHI_TOWNSHIP } from '../plan.js';
import { Random, streamSeed } from '../random.js';
import { TODAY } from '../timeline.js';

/** The attack teams went out on the Monday before the report: 2 August, 08:30. */
const SENT_AT = '2021-08-02T00:30:00.000Z';
const BY = '演示数据 demo';

// Given names of cadres born 1965–1990 (names.ts has the register's cohorts; these read as staff).
const GIVEN = (
  '志强 建华 红梅 国庆 卫东 海燕 丽华 建军 立新 文辉 振华 晓燕 俊杰 志刚 伟 敏 静 勇 军 芳 磊 涛 鹏 婷 ' +
  '慧 斌 辉 建平 新民 小兰 湘军 湘平 利民 德胜 金花 玉梅 永红 双喜 春华 跃进 卫国 爱民 朝晖 秋云 雪莲'
).split(' ');

/** A number from a key, spread evenly (the demo's stream hash). */
const hash = (...path: number[]): number => streamSeed(20210809, path);

const digits = (code: string): number[] => code.split('').map(Number);

/** A made-up cadre name for a key: a surname by its frequency, and a given name. */
function cadreName(...path: number[]): string {
  const rng = new Random(hash(...path));
  return `${SURNAMES[drawSurname(rng)] as string}${rng.pick(GIVEN)}`;
}

/** A made-up mobile number for a key (139 0732 …, Xiangtan's area code inside it). */
const phoneOf = (...path: number[]): string => `1390732${String(hash(...path, 7) % 10_000).padStart(4, '0')}`;

const COUNTY_TITLES = [
  '县委常委、常务副县长',
  '县委常委、组织部部长',
  '县委常委、宣传部部长',
  '县委常委、政法委书记',
  '县人大常委会副主任',
  '副县长',
  '县政协副主席',
  '县卫健局局长',
  '县教育局局长',
  '县发改局局长',
  '县财政局局长',
  '县农业农村局局长',
  '县交通运输局局长',
  '县住建局局长',
  '县民政局局长',
  '县人社局局长',
  '县市场监管局局长',
  '县应急管理局局长',
];

const TOWNSHIP_TITLES = [
  '党委副书记',
  '党委委员、副乡长',
  '人大主席',
  '纪委书记',
  '党委组织委员',
  '党委宣传委员',
  '武装部部长',
  '人大副主席',
  '党委统战委员',
  '党政办主任',
  '财政所所长',
  '农业综合服务中心主任',
  '社会事务办主任',
  '综治办主任',
];

/** 乡, 镇 or 街道: what a township's posts are prefixed with. */
const prefixOf = (townshipName: string): string =>
  townshipName.endsWith('街道') ? '街道' : townshipName.slice(-1) === '镇' ? '镇' : '乡';

/** A township post, spelled for its kind of township (副乡长 becomes 副镇长 in a 镇). */
const post = (prefix: string, title: string): string =>
  `${prefix}${title}`.replace(
    '副乡长',
    prefix === '镇' ? '副镇长' : prefix === '街道' ? '街道办副主任' : '副乡长',
  );

async function seedAnswerable(store: Store): Promise<void> {
  const places = await store.db
    .selectFrom('places')
    .select(['code', 'level', 'name'])
    .where('county_code', '=', DEMO_COUNTY)
    .where('level', 'in', ['township', 'village'])
    .orderBy('code')
    .execute();
  const row = (code: string, draft: { name: string; title: string; phone: string }) => {
    const cadre = checkCadre(code, draft);
    return {
      place_code: code,
      name: cadre.name,
      title: cadre.title,
      phone: cadre.phone,
      cadre_level: cadre.cadreLevel,
      assigned_at: '2021-07-19T01:00:00.000Z',
      assigned_by: BY,
    };
  };
  const rows = places
    .filter((t) => t.level === 'township')
    .flatMap((t, ti) => {
      const key = digits(t.code);
      const county =
        t.code === JINSHI_TOWNSHIP
          ? // The daily report's example: the county health bureau's deputy answers for 锦石乡.
            { name: '王建国', title: '县卫健局副局长', phone: phoneOf(1, ...key) }
          : {
              name: cadreName(1, ...key),
              title: COUNTY_TITLES[ti % COUNTY_TITLES.length] as string,
              phone: phoneOf(1, ...key),
            };
      // Each township cadre takes a village in turn (one may take two in a large township).
      const villages = places.filter((v) => v.level === 'village' && v.code.startsWith(t.code));
      return [
        row(t.code, county),
        ...villages.map((v, j) => {
          const slot = j % TOWNSHIP_TITLES.length;
          return row(v.code, {
            name: cadreName(2, ...key, slot),
            title: post(prefixOf(t.name), TOWNSHIP_TITLES[slot] as string),
            phone: phoneOf(2, ...key, slot),
          });
        }),
      ];
    });
  await store.transaction(async (trx) => {
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('answerable_cadres')
        .values(rows.slice(i, i + 200))
        .execute();
  });
}

const CADRE_TITLES = [
  '党政办干部',
  '财政所干部',
  '农业综合服务中心干部',
  '社会事务办干部',
  '综治办干部',
  '乡村振兴办干部',
  '自然资源所干部',
  '综合行政执法队队员',
  '党建办干部',
  '经济发展办干部',
  '退役军人服务站干部',
  '文化站干部',
  '规划建设办干部',
];

interface DemoTeam {
  kind: TeamKind;
  name: string;
  members: MemberDraft[];
  villages: string[];
  quota: number | null;
}

/** n members of a team (after its leads), with titles cycling through `titles`. */
const crew = (team: number, n: number, titles: readonly string[], from = 0): MemberDraft[] =>
  Array.from({ length: n }, (_, i) => ({
    name: cadreName(5, team, i + from),
    title: titles[(i + from) % titles.length] as string,
    phone: phoneOf(6, team, i + from),
  }));

async function jinshiTeams(store: Store, campaignId: number): Promise<DemoTeam[]> {
  const { counts, dueDeferrals } = await gridFiguresUnder(store, campaignId, JINSHI_TOWNSHIP, TODAY);
  const open = new Map<string, number>();
  for (const g of counts) {
    const v = g.grid_code.slice(0, 12);
    const n = Number(g.open) + Number(g.unscreened) + (dueDeferrals.get(g.grid_code) ?? 0);
    open.set(v, (open.get(v) ?? 0) + n);
  }
  // Villages still to clear, most open residents first; double-cleared ones need no team.
  const toClear = [...open]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([v]) => v);
  const halves: [string[], string[]] = [[], []];
  toClear.forEach((v, i) => halves[i % 2]?.push(v));

  // A quota near each team's villages' recent pace, so the week has days met and days short.
  const quotaOf = async (villages: string[]): Promise<number | null> => {
    if (villages.length === 0) return null;
    const days = await doneByDayIn(store.db, campaignId, villages, addDays(TODAY, -6), TODAY);
    const week = [...days.values()].reduce((s, n) => s + n, 0);
    return Math.max(5, Math.round(week / 7 / 5) * 5);
  };

  const township = await findUserByName(store.db, 'township-lead');
  const attack = (n: 1 | 2, villages: string[]): Promise<DemoTeam> =>
    quotaOf(villages).then((quota) => ({
      kind: 'attack',
      name: `锦石乡清零攻坚第${n === 1 ? '一' : '二'}队`,
      quota,
      villages,
      members: [
        {
          name: cadreName(7, n, 0),
          title: n === 1 ? '乡党委副书记' : '乡纪委书记',
          phone: phoneOf(7, n, 0),
          lead: 'dispatcher',
          // The demo's township lead signs in as the first team's dispatcher.
          userId: n === 1 && township ? township.id : null,
        },
        {
          name: cadreName(7, n, 1),
          title: n === 1 ? '乡人大主席' : '党委委员、副乡长',
          phone: phoneOf(7, n, 1),
          lead: 'site-commander',
        },
        ...crew(n, 13, CADRE_TITLES),
      ],
    }));

  return [
    await attack(1, halves[0]),
    await attack(2, halves[1]),
    {
      kind: 'screening-volunteers',
      name: '锦石乡疫苗排查宣传志愿队',
      quota: null,
      villages: toClear,
      members: [
        { name: cadreName(8, 0), title: '乡团委书记', phone: phoneOf(8, 0), lead: 'leader' },
        ...crew(3, 6, ['综合行政执法队队员', '党建站志愿者', '青年志愿者']),
      ],
    },
    {
      kind: 'transport',
      name: '锦石乡上门接送服务队',
      quota: null,
      villages: toClear,
      members: [
        { name: cadreName(8, 1), title: '乡社会事务办主任', phone: phoneOf(8, 1), lead: 'leader' },
        ...crew(4, 5, ['村网格员（自驾接送）', '党员网格员（自驾接送）']),
      ],
    },
    {
      kind: 'publicity',
      name: '锦石乡疫苗接种宣传车队',
      quota: null,
      villages: toClear,
      members: [
        { name: cadreName(8, 2), title: '乡党委宣传委员', phone: phoneOf(8, 2), lead: 'leader' },
        ...crew(5, 3, ['宣传车驾驶员', '文化站干部']),
      ],
    },
    {
      kind: 'community',
      name: '锦石乡疫苗排查工作小组',
      quota: null,
      villages: toClear.slice(0, 3),
      members: [
        { name: cadreName(8, 3), title: '乡党政办主任', phone: phoneOf(8, 3), lead: 'leader' },
        ...crew(6, 4, ['驻村干部', '村支两委委员']),
      ],
    },
  ];
}

async function seedJinshiTeams(store: Store, campaignId: number): Promise<void> {
  const teams = await jinshiTeams(store, campaignId);
  await store.transaction(async (trx) => {
    for (const t of teams) {
      const team = checkTeam({ kind: t.kind, name: t.name, place: JINSHI_TOWNSHIP, quota: t.quota });
      const members = t.members.map((m) => checkMember(team.kind, m));
      const villages = checkVillages(team.place, t.villages);
      checkSendable(
        team.kind,
        members.map((m) => m.lead),
        villages,
      );
      const id = await insertTeam(trx, {
        county_code: DEMO_COUNTY,
        place_code: team.place,
        kind: team.kind,
        name: team.name,
        quota: team.quota,
        created_at: SENT_AT,
        created_by: BY,
        updated_at: SENT_AT,
      });
      await insertMembers(
        trx,
        members.map((m) => ({
          team_id: id,
          name: m.name,
          phone: m.phone,
          title: m.title,
          user_id: m.userId,
          lead: m.lead,
          added_at: SENT_AT,
          removed_at: null,
        })),
      );
      await replaceVillages(trx, id, villages, SENT_AT);
    }
  });
}

/** Employers by sector: the township's own institution (named after it), or one county-wide. */
const EMPLOYERS: readonly {
  sector: Sector;
  employer: { townshipSuffix: string } | { fixed: string };
  role: 'cadre-or-servant' | 'servant-or-member' | 'some-members';
}[] = [
  { sector: 'education', employer: { townshipSuffix: '中心学校' }, role: 'servant-or-member' },
  { sector: 'health', employer: { townshipSuffix: '卫生院' }, role: 'servant-or-member' },
  { sector: 'party-government', employer: { townshipSuffix: '人民政府' }, role: 'cadre-or-servant' },
  { sector: 'enterprise', employer: { townshipSuffix: '建材有限公司' }, role: 'some-members' },
  { sector: 'transport', employer: { fixed: '湘潭县城乡公交有限公司' }, role: 'some-members' },
  { sector: 'commerce', employer: { townshipSuffix: '供销合作社' }, role: 'some-members' },
  { sector: 'agriculture', employer: { townshipSuffix: '农业综合服务中心' }, role: 'some-members' },
  { sector: 'other', employer: { fixed: '个体经营' }, role: 'some-members' },
];

/** Working age on the demo evening: 18 to 59 (born after 1961-08-09, on or before 2003-08-09). */
const BORN_AFTER = '1961-08-09';
const BORN_BY = '2003-08-09';

async function seedSectors(store: Store): Promise<void> {
  // The township's name, for the employer: an expression per row (a primary-key lookup).
  const township = sql<string>`(SELECT p.name FROM places p WHERE p.code = substr(residents.grid_code, 1, 9))`;
  const n = sql.lit(EMPLOYERS.length);
  const when = <T>(value: (e: (typeof EMPLOYERS)[number]) => T) =>
    sql.join(
      EMPLOYERS.map((e, k) => sql`WHEN ${sql.lit(k)} THEN ${value(e)}`),
      sql` `,
    );
  const ROLES = {
    'cadre-or-servant': sql`CASE WHEN (id / ${n}) % 3 = 0 THEN 'cadre' ELSE 'public-servant' END`,
    'servant-or-member': sql`CASE WHEN (id / ${n}) % 4 = 0 THEN 'party-member' ELSE 'public-servant' END`,
    'some-members': sql`CASE WHEN (id / ${n}) % 6 = 0 THEN 'party-member' ELSE NULL END`,
  };
  // One pass over the register: the first 80 of every 1,000 ids (sector k for id % 8 = k), so the
  // rows changed sit together on a twelfth of the table's pages instead of on every page, and
  // neighbours (a household, a grid) mix sectors. `county_code || ''` keeps SQLite from walking
  // the county's index row by row, which is slower than the scan.
  await sql`
    UPDATE residents SET
      sector = CASE id % ${n} ${when((e) => sql`${e.sector}`)} END,
      employer = CASE id % ${n} ${when((e) =>
        'fixed' in e.employer ? sql`${e.employer.fixed}` : sql`${township} || ${e.employer.townshipSuffix}`,
      )} END,
      public_role = CASE id % ${n} ${when((e) => ROLES[e.role])} END
    WHERE county_code || '' = ${DEMO_COUNTY} AND id % 1000 < 80 AND status = 'active'
      AND birth_date > ${BORN_AFTER} AND birth_date <= ${BORN_BY}`.execute(store.db);
}

export async function seedTeams(store: Store, campaignId: number): Promise<void> {
  await seedAnswerable(store);
  await seedJinshiTeams(store, campaignId);
  await seedSectors(store);
}
