import { afterAll, beforeAll, expect, it } from 'vitest';
import { importPlaces, SHIPPED_DIVISIONS } from '../../src/app/places/importPlaces.js';
import { recountCampaign } from '../../src/app/engine/recount.js';
import { buildDailyReport } from '../../src/app/reports/buildDailyReport.js';
import { listTeams } from '../../src/app/teams/listTeams.js';
import { sectorProgress } from '../../src/app/teams/sectorProgress.js';
import { showTeam } from '../../src/app/teams/showTeam.js';
import { teamProgress } from '../../src/app/teams/teamProgress.js';
import { buildDemo } from '../../src/demo/buildDemo.js';
import { createDemoAccounts } from '../../src/demo/demoAccounts.js';
import { seedTeams } from '../../src/demo/fieldops/teams.js';
import type { Store } from '../../src/store/openStore.js';
import { describeEachStore } from '../support/stores.js';

const JINSHI = '430321205';

describeEachStore('the demo’s teams, answerable cadres and sectors', (c) => {
  let store: Store;
  let campaignId: number;

  beforeAll(async () => {
    store = await c.fresh();
    await importPlaces(store, SHIPPED_DIVISIONS, ['430321']);
    const summary = await buildDemo(store, { residents: 3000, seed: 5 });
    campaignId = summary.campaignId;
    await recountCampaign(store, campaignId);
    await createDemoAccounts(store, { userId: null, name: 'demo', origin: 'cli' });
    await seedTeams(store, campaignId);
  });
  afterAll(() => c.cleanup());

  it('sends 锦石乡’s two attack teams of fifteen, each with both leads, and one team of each other kind', async () => {
    const teams = await listTeams(store, { place: JINSHI });
    expect(teams.map((t) => t.kind).sort()).toEqual([
      'attack',
      'attack',
      'community',
      'publicity',
      'screening-volunteers',
      'transport',
    ]);
    const attack = teams.filter((t) => t.kind === 'attack');
    for (const t of attack) {
      expect(t).toMatchObject({ members: 15, missingLeads: [] });
      expect(t.villages.length).toBeGreaterThan(0);
      expect(t.quota).toBeGreaterThan(0);
    }
    // The two teams share the villages still to clear between them, none twice.
    const both = attack.flatMap((t) => t.villages);
    expect(new Set(both).size).toBe(both.length);
    const first = await showTeam(store, { teamId: attack[0]?.id ?? 0 });
    expect(first.members.slice(0, 2).map((m) => m.lead)).toEqual(['dispatcher', 'site-commander']);
    expect(first.members[0]?.userId).not.toBeNull();
    const week = await teamProgress(store, { teamId: first.id, campaignId });
    expect(week.days).toHaveLength(7);
    expect(week.total.done).toBeGreaterThan(0);
  });

  it('names a county cadre for every township and a township cadre for every village', async () => {
    const units = await store.db
      .selectFrom('places')
      .select(['code', 'level'])
      .where('level', 'in', ['township', 'village'])
      .execute();
    const cadres = await store.db
      .selectFrom('answerable_cadres')
      .select(['place_code', 'cadre_level'])
      .execute();
    expect(cadres).toHaveLength(units.length);
    const level = new Map(cadres.map((r) => [r.place_code, r.cadre_level]));
    for (const u of units) expect(level.get(u.code)).toBe(u.level === 'township' ? 'county' : 'township');
    const report = await buildDailyReport(store, { campaignId });
    expect(report.unit.children?.find((u) => u.code === JINSHI)?.answerable).toBe('王建国（县卫健局副局长）');
  });

  it('gives about 8% of working-age residents an employer and sector', async () => {
    const p = await sectorProgress(store, { campaignId, place: '430321' });
    const working = Number(
      (
        await store.db
          .selectFrom('residents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'active')
          .where('birth_date', '>', '1961-08-09')
          .where('birth_date', '<=', '2003-08-09')
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(p.total.residents / working).toBeGreaterThan(0.06);
    expect(p.total.residents / working).toBeLessThan(0.1);
    for (const s of p.sectors) expect(s.residents).toBeGreaterThan(0);
    const roles = await store.db
      .selectFrom('residents')
      .select('public_role')
      .where('public_role', 'is not', null)
      .groupBy('public_role')
      .execute();
    expect(roles.map((r) => r.public_role).sort()).toEqual(['cadre', 'party-member', 'public-servant']);
  });
});
