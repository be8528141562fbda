import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import { buildDailyReport } from '../../src/app/reports/buildDailyReport.js';
import { answerableFor, listAnswerable } from '../../src/app/teams/answerableFor.js';
import { createTeam } from '../../src/app/teams/createTeam.js';
import { listTeams } from '../../src/app/teams/listTeams.js';
import { sectorLedger } from '../../src/app/teams/sectorLedger.js';
import { sectorProgress } from '../../src/app/teams/sectorProgress.js';
import { sendTeam } from '../../src/app/teams/sendTeam.js';
import { setAnswerable } from '../../src/app/teams/setAnswerable.js';
import { setEmployment } from '../../src/app/teams/setEmployment.js';
import { setTeamQuota } from '../../src/app/teams/setTeamQuota.js';
import { showTeam } from '../../src/app/teams/showTeam.js';
import { addTeamMember, removeTeamMember } from '../../src/app/teams/teamMembers.js';
import { teamProgress } from '../../src/app/teams/teamProgress.js';
import { teamWorklist } from '../../src/app/teams/teamWorklist.js';
import type { MemberDraft } from '../../src/domain/teams.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';

const EVENING = new Date('2021-08-09T10:00:00.000Z');
const JINSHI = '430321205';
const JINSHI_VILLAGE = '430321205206'; // 锦石村: grids 0 and 1
const OTHER_VILLAGE = '430321205201'; // grid 2
const WUSHI_VILLAGE = '430321114207';

/** The report's attack team: a dispatcher at the village office, a commander at the health centre, cadres. */
const attackMembers = (n = 4): MemberDraft[] => [
  { name: '彭志强', title: '乡党委副书记', phone: '13907321001', lead: 'dispatcher' },
  { name: '谭红梅', title: '副乡长', phone: '13907321002', lead: 'site-commander' },
  ...Array.from({ length: n - 2 }, (_, i) => ({ name: `干部${i + 1}`, title: '乡机关干部' })),
];

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

describeEachStore('teams, answerable cadres and sectors', (c) => {
  let store: Store;
  let ids: string[];
  let campaignId: number;
  const resident = (n: number) => findResident(store.db, ids[n - 1] as string);
  const attack = (villages: string[] = [JINSHI_VILLAGE], members = attackMembers()) =>
    createTeam(store, {
      kind: 'attack',
      place: JINSHI,
      name: '锦石乡清零攻坚第一队',
      quota: 2,
      members,
      villages,
      by: '乡镇负责人',
    });

  beforeEach(async () => {
    store = await c.fresh();
    await store.pinNow(EVENING);
    ids = await smallCounty(store, [
      { grid: GRIDS[0], birthDate: '1950-03-01' }, // 1: done 08-08
      { grid: GRIDS[0], birthDate: '1985-07-15' }, // 2: refused
      { grid: GRIDS[0], birthDate: '2015-01-01' }, // 3: a child
      { grid: GRIDS[1], birthDate: '1990-12-31' }, // 4: done 08-09
      { grid: GRIDS[1], birthDate: '1970-02-28' }, // 5: unscreened
      { grid: GRIDS[2], birthDate: '1960-06-06' }, // 6: done 08-09, the other village
    ]);
    const campaign = await createCampaign(store, {
      name: '第一剂次接种',
      target: 'first-dose',
      minAge: 12,
      asOf: '2021-08-09',
      start: '2021-07-20',
      deadline: '2021-08-31',
    });
    campaignId = Number(campaign.id);
    const dose = (at: string) => ({ product: 'sinovac', doseNumber: 1, at });
    await recordDose(store, await resident(1), dose('2021-08-08T09:00:00+08:00'));
    await recordDose(store, await resident(4), dose('2021-08-09T09:00:00+08:00'));
    await recordDose(store, await resident(6), dose('2021-08-09T10:00:00+08:00'));
    await recordVisit(store, await resident(2), {
      outcome: 'refused',
      at: '2021-08-09T09:00:00+08:00',
      channel: 'door',
      reason: '担心副作用',
    });
  });
  afterAll(() => c.cleanup());

  describe('teams', () => {
    it('forms an attack team with its two leads and sends it, all at once', async () => {
      const team = await attack([JINSHI_VILLAGE, OTHER_VILLAGE, JINSHI_VILLAGE]);
      expect(team).toMatchObject({
        kind: 'attack',
        kindLabel: { zh: '攻坚队' },
        place: JINSHI,
        placeName: '锦石乡',
        quota: 2,
        missingLeads: [],
        createdBy: '乡镇负责人',
      });
      expect(team.members.map((m) => m.lead)).toEqual(['dispatcher', 'site-commander', null, null]);
      expect(team.members[0]?.leadLabel).toEqual({ zh: '村部调度', en: 'Dispatcher at the village office' });
      expect(team.villages.map((v) => v.code)).toEqual([OTHER_VILLAGE, JINSHI_VILLAGE]);
      expect(team.villages[1]).toMatchObject({ name: '锦石村', sentAt: EVENING.toISOString() });
    });

    it('refuses an attack team sent without both leads, and writes nothing', async () => {
      const noCommander = attackMembers().filter((m) => m.lead !== 'site-commander');
      expect(await codeOf(attack([JINSHI_VILLAGE], noCommander))).toBe('team.leads-required');
      expect(await store.db.selectFrom('teams').selectAll().execute()).toEqual([]);
      expect(await store.db.selectFrom('team_members').selectAll().execute()).toEqual([]);
      // Formed without villages it may wait for its leads; sending it then is refused.
      const waiting = await attack([], noCommander);
      expect(waiting.missingLeads).toEqual(['site-commander']);
      expect(await codeOf(sendTeam(store, { teamId: waiting.id, villages: [JINSHI_VILLAGE] }))).toBe(
        'team.leads-required',
      );
      await addTeamMember(store, {
        teamId: waiting.id,
        member: { name: '谭红梅', title: '副乡长', lead: 'site-commander' },
      });
      const sent = await sendTeam(store, { teamId: waiting.id, villages: [JINSHI_VILLAGE] });
      expect(sent.team.villages.map((v) => v.code)).toEqual([JINSHI_VILLAGE]);
      expect(sent.before).toEqual([]);
    });

    it('refuses bad teams with a clear reason', async () => {
      expect(await codeOf(attack([WUSHI_VILLAGE]))).toBe('team.village-outside');
      expect(await codeOf(attack(['430321205206001']))).toBe('team.village-level');
      expect(await codeOf(createTeam(store, { kind: 'army', place: JINSHI, name: 'x', by: 't' }))).toBe(
        'team.kind',
      );
      expect(
        await codeOf(createTeam(store, { kind: 'attack', place: JINSHI_VILLAGE, name: 'x', by: 't' })),
      ).toBe('team.place-level');
      expect(
        await codeOf(createTeam(store, { kind: 'publicity', place: JINSHI, name: 'x', quota: 0, by: 't' })),
      ).toBe('team.quota');
      const twoDispatchers = [...attackMembers(), { name: '李四', title: '干部', lead: 'dispatcher' }];
      expect(await codeOf(attack([], twoDispatchers))).toBe('team.lead-taken');
      expect(
        await codeOf(
          createTeam(store, {
            kind: 'transport',
            place: JINSHI,
            name: '接送车队',
            members: [{ name: '张三', title: '网格员', lead: 'dispatcher' }],
            by: 't',
          }),
        ),
      ).toBe('team.lead-kind');
      expect(await codeOf(attack([], [{ name: '张三', title: '干部', userId: 999 }]))).toBe(
        'team.member-user',
      );
      await attack();
      expect(await codeOf(attack())).toBe('team.name-taken');
      expect(await codeOf(showTeam(store, { teamId: 999 }))).toBe('team.not-found');
    });

    it('keeps both leads on a team that is out, and takes members off without forgetting them', async () => {
      const team = await attack();
      const [dispatcher, , cadre] = team.members;
      expect(await codeOf(removeTeamMember(store, { teamId: team.id, memberId: dispatcher?.id ?? 0 }))).toBe(
        'team.lead-in-field',
      );
      const off = await removeTeamMember(store, { teamId: team.id, memberId: cadre?.id ?? 0 });
      expect(off.name).toBe('干部1');
      expect(await codeOf(removeTeamMember(store, { teamId: team.id, memberId: cadre?.id ?? 0 }))).toBe(
        'team.member-removed',
      );
      expect((await showTeam(store, { teamId: team.id })).members).toHaveLength(3);
      // Recalled, the dispatcher may hand over: then a new one is named.
      await sendTeam(store, { teamId: team.id, villages: [] });
      await removeTeamMember(store, { teamId: team.id, memberId: dispatcher?.id ?? 0 });
      const next = await addTeamMember(store, {
        teamId: team.id,
        member: { name: '周建华', title: '乡纪委书记', lead: 'dispatcher' },
      });
      expect(next.lead).toBe('dispatcher');
      expect(
        await codeOf(
          addTeamMember(store, { teamId: team.id, member: { name: 'x', title: 'y', lead: 'dispatcher' } }),
        ),
      ).toBe('team.lead-taken');
      expect(await store.db.selectFrom('team_members').select('id').execute()).toHaveLength(5);
    });

    it('is seen through its own place or one of its villages, and changed only by its own place', async () => {
      const team = await attack([JINSHI_VILLAGE, OTHER_VILLAGE]);
      const villageHead = [JINSHI_VILLAGE];
      expect((await showTeam(store, { teamId: team.id, scope: villageHead })).id).toBe(team.id);
      expect(await codeOf(showTeam(store, { teamId: team.id, scope: ['430321114'] }))).toBe('team.not-found');
      expect(await codeOf(showTeam(store, { teamId: team.id, scope: ['430321205206001'] }))).toBe(
        'team.not-found',
      );
      expect(await codeOf(setTeamQuota(store, { teamId: team.id, quota: 5, scope: villageHead }))).toBe(
        'team.not-yours',
      );
      expect(await codeOf(setTeamQuota(store, { teamId: team.id, quota: 5, scope: ['430321114'] }))).toBe(
        'team.not-found',
      );
      const worklist = await teamWorklist(store, { teamId: team.id, campaignId, scope: villageHead });
      expect(worklist).toMatchObject({ villages: [JINSHI_VILLAGE], partial: true });
      expect(
        await codeOf(
          createTeam(store, {
            kind: 'publicity',
            place: JINSHI,
            name: '宣传车',
            by: 't',
            scope: villageHead,
          }),
        ),
      ).toBe('place.not-found');
    });

    it('lists the teams at a township, a village and the county', async () => {
      const a = await attack([JINSHI_VILLAGE]);
      const p = await createTeam(store, {
        kind: 'publicity',
        place: JINSHI,
        name: '锦石乡疫苗接种宣传车队',
        villages: [OTHER_VILLAGE],
        by: 't',
      });
      expect((await listTeams(store, { place: JINSHI })).map((t) => t.id)).toEqual([a.id, p.id]);
      expect(await listTeams(store, { place: JINSHI_VILLAGE })).toEqual([
        {
          id: a.id,
          kind: 'attack',
          kindLabel: { zh: '攻坚队', en: 'Attack team' },
          place: JINSHI,
          name: '锦石乡清零攻坚第一队',
          quota: 2,
          members: 4,
          villages: [JINSHI_VILLAGE],
          missingLeads: [],
        },
      ]);
      expect((await listTeams(store, { place: '430321', kind: 'publicity' })).map((t) => t.id)).toEqual([
        p.id,
      ]);
      expect(await codeOf(listTeams(store, { place: JINSHI, scope: ['430321114'] }))).toBe('place.not-found');
    });

    it('gives the open and unscreened residents of its villages as its worklist, masked', async () => {
      const team = await attack([JINSHI_VILLAGE]);
      const w = await teamWorklist(store, { teamId: team.id, campaignId });
      expect(w).toMatchObject({ villages: [JINSHI_VILLAGE], partial: false, total: 2 });
      expect(w.byReason).toEqual({ refused: 1, unscreened: 1 });
      expect(w.entries.map((e) => e.residentId)).toEqual([2, 5]);
      expect(w.entries[0]?.idNumber).toContain('*');
      const page = await teamWorklist(store, {
        teamId: team.id,
        campaignId,
        limit: 1,
        offset: 1,
        unmasked: true,
      });
      expect(page.total).toBe(2);
      expect(page.entries.map((e) => e.idNumber)).toEqual([ids[4]]);
    });

    it('counts its villages’ doses by day against the quota', async () => {
      const team = await attack([JINSHI_VILLAGE]);
      const p = await teamProgress(store, { teamId: team.id, campaignId, from: '2021-08-07' });
      expect(p).toMatchObject({ quota: 2, from: '2021-08-07', to: '2021-08-09', partial: false });
      expect(p.days).toEqual([
        { date: '2021-08-07', done: 0, quota: 2, met: false, short: 2 },
        { date: '2021-08-08', done: 1, quota: 2, met: false, short: 1 },
        { date: '2021-08-09', done: 1, quota: 2, met: false, short: 1 },
      ]);
      await setTeamQuota(store, { teamId: team.id, quota: 1 });
      const met = await teamProgress(store, { teamId: team.id, campaignId });
      expect(met.days).toHaveLength(7);
      expect(met.total).toEqual({ done: 2, days: 7, daysMet: 2 });
      // The other village's dose of 08-09 is not this team's.
      await sendTeam(store, { teamId: team.id, villages: [JINSHI_VILLAGE, OTHER_VILLAGE] });
      expect((await teamProgress(store, { teamId: team.id, campaignId })).total.done).toBe(3);
      expect(
        await codeOf(
          teamProgress(store, { teamId: team.id, campaignId, from: '2021-08-10', to: '2021-08-01' }),
        ),
      ).toBe('team.progress-range');
      await setTeamQuota(store, { teamId: team.id, quota: null });
      expect((await teamProgress(store, { teamId: team.id, campaignId })).days[6]).toMatchObject({
        met: null,
        short: null,
      });
    });
  });

  describe('answerable cadres (县包乡、乡包村组)', () => {
    it('pairs county cadres with townships and township cadres with villages', async () => {
      const t = await setAnswerable(store, {
        place: JINSHI,
        cadre: { name: '王建国', title: '县卫健局副局长', phone: '13807320001' },
        by: '县指挥部',
      });
      expect(t.unit).toMatchObject({
        answeredBy: 'county',
        cadre: { cadreLevel: 'county', display: '王建国（县卫健局副局长）' },
      });
      expect(t.before).toBeNull();
      await setAnswerable(store, {
        place: JINSHI_VILLAGE,
        cadre: { name: '刘德明', title: '乡党委委员', cadreLevel: 'township' },
        by: '乡镇负责人',
        scope: [JINSHI],
      });
      expect(
        await codeOf(
          setAnswerable(store, {
            place: OTHER_VILLAGE,
            cadre: { name: 'x', title: 'y', cadreLevel: 'county' },
            by: 't',
          }),
        ),
      ).toBe('answerable.level-pairing');
      expect(
        await codeOf(setAnswerable(store, { place: '430321', cadre: { name: 'x', title: 'y' }, by: 't' })),
      ).toBe('answerable.level');
      expect(
        await codeOf(setAnswerable(store, { place: GRIDS[0], cadre: { name: 'x', title: 'y' }, by: 't' })),
      ).toBe('answerable.level');
      // A township lead does not name its own township's county cadre.
      expect(
        await codeOf(
          setAnswerable(store, { place: JINSHI, cadre: { name: 'x', title: 'y' }, by: 't', scope: [JINSHI] }),
        ),
      ).toBe('answerable.assigned-above');
      expect(
        await codeOf(
          setAnswerable(store, {
            place: JINSHI,
            cadre: { name: 'x', title: 'y' },
            by: 't',
            scope: ['430321114'],
          }),
        ),
      ).toBe('place.not-found');

      const replaced = await setAnswerable(store, {
        place: JINSHI,
        cadre: { name: '王建国', title: '县卫健局局长' },
        by: '县指挥部',
      });
      expect(replaced.before?.title).toBe('县卫健局副局长');

      expect(await answerableFor(store.db, [JINSHI, JINSHI_VILLAGE, OTHER_VILLAGE])).toEqual(
        new Map([
          [JINSHI, '王建国（县卫健局局长）'],
          [JINSHI_VILLAGE, '刘德明（乡党委委员）'],
        ]),
      );
      const list = await listAnswerable(store, { place: JINSHI });
      expect(list.unit.cadre?.name).toBe('王建国');
      const jinshi = list.children.find((u) => u.code === JINSHI_VILLAGE);
      expect(jinshi).toMatchObject({
        answeredBy: 'township',
        cadre: { name: '刘德明', assignedBy: '乡镇负责人' },
      });
      expect(list.children.find((u) => u.code === OTHER_VILLAGE)?.cadre).toBeNull();
    });

    it('shows each unit’s cadre in the daily report', async () => {
      await setAnswerable(store, {
        place: JINSHI,
        cadre: { name: '王建国', title: '县卫健局副局长' },
        by: 't',
      });
      await setAnswerable(store, {
        place: JINSHI_VILLAGE,
        cadre: { name: '刘德明', title: '乡党委委员' },
        by: 't',
      });
      const report = await buildDailyReport(store, { campaignId, place: JINSHI });
      expect(report.unit.answerable).toBe('王建国（县卫健局副局长）');
      const village = report.unit.children?.find((u) => u.code === JINSHI_VILLAGE);
      expect(village?.answerable).toBe('刘德明（乡党委委员）');
      expect(report.unit.children?.find((u) => u.code === OTHER_VILLAGE)?.answerable).toBeNull();
    });
  });

  describe('sectors (行业监管)', () => {
    it('counts progress by sector and lists a sector’s open residents with their employers', async () => {
      const set = (n: number, sector: string, employer: string, publicRole: string | null = null) =>
        setEmployment(store, {
          idNumber: ids[n - 1] as string,
          employment: { sector, employer, publicRole },
        });
      const r = await set(1, 'education', '锦石乡中心学校', 'public-servant');
      expect(r.before).toEqual({ employer: null, sector: null, publicRole: null });
      expect(r.after).toEqual({
        employer: '锦石乡中心学校',
        sector: 'education',
        publicRole: 'public-servant',
      });
      await set(2, 'education', '锦石乡中心学校');
      await set(5, 'education', '锦石村小学', 'party-member');
      await set(6, 'health', '锦石乡卫生院');
      expect(await codeOf(set(4, 'army', 'x'))).toBe('resident.sector');
      expect(await codeOf(set(4, 'other', 'x', 'mayor'))).toBe('resident.public-role');

      const p = await sectorProgress(store, { campaignId, place: JINSHI });
      expect(p.sectors.map((s) => s.sector)).toEqual([
        'education',
        'health',
        'party-government',
        'enterprise',
        'transport',
        'commerce',
        'agriculture',
        'other',
      ]);
      expect(p.sectors[0]).toMatchObject({
        sector: 'education',
        label: { zh: '教育' },
        regulator: { zh: '县教育局' },
        residents: 3,
        eligible: 3,
        done: 1,
        open: 1,
        unscreened: 1,
        completion: 1 / 3,
      });
      expect(p.sectors[1]).toMatchObject({ residents: 1, done: 1, completion: 1 });
      expect(p.sectors[2]).toMatchObject({ residents: 0, completion: null });
      expect(p.total).toMatchObject({ residents: 4, eligible: 4, done: 2 });
      expect((await sectorProgress(store, { campaignId, place: JINSHI_VILLAGE })).total.residents).toBe(3);

      const l = await sectorLedger(store, { campaignId, place: JINSHI, sector: 'education' });
      expect(l.total).toBe(2);
      expect(l.entries.map((e) => [e.residentId, e.employer])).toEqual([
        [2, '锦石乡中心学校'],
        [5, '锦石村小学'],
      ]);
      expect(l.entries[0]?.idNumber).toContain('*');
      expect(await codeOf(sectorLedger(store, { campaignId, place: JINSHI, sector: 'army' }))).toBe(
        'resident.sector',
      );
      expect(await codeOf(sectorProgress(store, { campaignId, place: JINSHI, scope: ['430321114'] }))).toBe(
        'place.not-found',
      );
      expect(
        await codeOf(
          setEmployment(store, { idNumber: ids[0] as string, employment: {}, scope: ['430321114'] }),
        ),
      ).toBe('resident.not-found');
    });
  });
});
