import { afterAll, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import { aefiOfSiteDay } from '../../src/app/siteScreening/aefi.js';
import { checkinsOfSiteDay } from '../../src/app/siteScreening/listCheckins.js';
import { seedSiteScreening } from '../../src/demo/fieldops/siteScreening.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';
import { insertSite } from './siteScreeningSupport.js';

const EVENING = new Date('2021-08-09T10:00:00.000Z');

describeEachStore('demo: a day of check-ins at 锦石乡卫生院', (c) => {
  afterAll(() => c.cleanup());

  /** Ten residents of 锦石乡: six vaccinated at the health centre today, four still open. */
  async function county(
    withSite: boolean,
  ): Promise<{ store: Store; campaignId: number; siteId: number | null }> {
    const store = await c.fresh();
    await store.pinNow(EVENING);
    const ids = await smallCounty(
      store,
      Array.from({ length: 10 }, (_, i) => ({
        grid: GRIDS[i % 3] as (typeof GRIDS)[number],
        birthDate: `19${50 + i * 4}-05-0${1 + (i % 8)}`,
      })),
    );
    const campaign = await createCampaign(store, {
      name: '第一剂次接种',
      target: 'first-dose',
      minAge: 12,
      asOf: '2021-08-09',
      start: '2021-07-20',
      deadline: '2021-08-31',
    });
    const siteId = withSite ? await insertSite(store, '430321205', '锦石乡卫生院') : null;
    for (let n = 1; n <= 6; n++) {
      await recordDose(store, await findResident(store.db, ids[n - 1] as string), {
        product: 'sinovac',
        doseNumber: 1,
        at: `2021-08-09T${String(8 + n).padStart(2, '0')}:15:00+08:00`,
        lot: '202107B',
        site: '锦石乡卫生院',
      });
    }
    return { store, campaignId: Number(campaign.id), siteId };
  }

  it('checks the vaccinated in after the fact, turns the open back, and reports one mild AEFI', async () => {
    const { store, campaignId, siteId } = await county(true);
    const doses = await store.db.selectFrom('dose_records').select('id').execute();
    const started = Date.now();
    await seedSiteScreening(store, campaignId);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await store.db.selectFrom('dose_records').select('id').execute()).toHaveLength(doses.length);

    const day = await checkinsOfSiteDay(store, { siteId: siteId as number, day: '2021-08-09' });
    expect(day.totals).toMatchObject({ checkedIn: 10, vaccinated: 6, postponed: 3, notSuitable: 1, aefi: 1 });
    expect(day.items.filter((i) => i.stage === 'done')).toHaveLength(6);
    const aefi = await aefiOfSiteDay(store, { siteId: siteId as number, day: '2021-08-09' });
    expect(aefi.items).toEqual([
      expect.objectContaining({ what: 'syncope', severity: 'mild', outcome: 'recovered' }),
    ]);
    const deferred = await store.db
      .selectFrom('campaign_residents')
      .select('status')
      .where('campaign_id', '=', campaignId)
      .where('status', 'in', ['deferred', 'exempt'])
      .execute();
    expect(deferred).toHaveLength(4);
  });

  it('creates nothing when 锦石乡 has no site', async () => {
    const { store, campaignId } = await county(false);
    await seedSiteScreening(store, campaignId);
    expect(await store.db.selectFrom('site_checkins').select('id').execute()).toEqual([]);
  });
});
