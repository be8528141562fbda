import { afterAll, beforeEach, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { deriveCampaignTasks } from '../../src/app/campaigns/deriveCampaignTasks.js';
import { setTask } from '../../src/app/campaigns/setTask.js';
import { clearanceHistory } from '../../src/app/clearance/clearanceHistory.js';
import { progressOf } from '../../src/app/progress/progressOf.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('task derivation and clearance history', (c) => {
  let store: Store;
  let ids: string[];
  let campaignId: number;

  beforeEach(async () => {
    store = await c.fresh();
    await store.pinNow(new Date('2021-08-09T10:00:00.000Z'));
    ids = await smallCounty(store, [
      { grid: GRIDS[0], birthDate: '1950-03-01' },
      { grid: GRIDS[1], birthDate: '1985-07-15' },
      { grid: GRIDS[1], birthDate: '2015-01-01' },
      { grid: GRIDS[2], birthDate: '1960-06-06' },
    ]);
    campaignId = Number(
      (
        await createCampaign(store, {
          name: '第一剂次',
          target: 'first-dose',
          minAge: 12,
          asOf: '2021-08-09',
          deadline: '2021-08-31',
        })
      ).id,
    );
  });
  afterAll(() => c.cleanup());

  it('derives tasks from the eligible register down to villages, keeping tasks already handed down', async () => {
    await setTask(store, campaignId, '430321205201', 5);
    const r = await deriveCampaignTasks(store, { campaignId });
    expect(r).toMatchObject({ place: '430321', kept: 1 });
    const p = await progressOf(store, campaignId, '430321205', 1);
    const byCode = new Map(p.children?.map((v) => [v.code, v.task]));
    expect(byCode.get('430321205206')).toBe(2); // two eligible; the child is not
    expect(byCode.get('430321205201')).toBe(5); // handed down before: kept
    expect(byCode.get('430321205205')).toBe(0);
    // Parents are sums of the derived tree; the kept village shows up in the task check instead.
    expect(p.task).toBe(3);
    const replaced = await deriveCampaignTasks(store, { campaignId, replace: true });
    expect(replaced.kept).toBe(0);
    expect((await progressOf(store, campaignId, '430321205', 0)).task).toBe(3);
  });

  it('takes campaigns from a county or above only; a township hands down tasks', async () => {
    await expect(
      createCampaign(store, {
        name: '乡镇自定',
        place: '430321205',
        target: 'first-dose',
        minAge: 12,
        asOf: '2021-08-09',
        deadline: '2021-08-31',
      }),
    ).rejects.toMatchObject({ kind: 'business-rule', detail: { code: 'campaign.place-level' } });
  });

  it('tells when a unit cleared and why', async () => {
    await recordDose(store, await findResident(store.db, ids[3] as string), {
      product: 'cansino',
      doseNumber: 1,
      at: '2021-08-09T09:00:00+08:00',
    });
    const history = await clearanceHistory(store, { campaignId, place: '430321205201' });
    expect(history.map((h) => `${h.kind}:${h.which}:${h.reason}`)).toEqual([
      'cleared:task:recount',
      'cleared:screening:dose-recorded',
      'cleared:double:dose-recorded',
    ]);
    expect(history[1]?.reasonLabel?.zh).toBeTruthy();
    const within = await clearanceHistory(store, { campaignId, place: '430321205', withinUnits: true });
    expect(within.some((h) => h.place === '430321205201001')).toBe(true);
    await expect(
      clearanceHistory(store, { campaignId, place: '430321205', scope: ['430321114'] }),
    ).rejects.toMatchObject({
      kind: 'not-found',
    });
  });
});
