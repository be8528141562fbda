import { afterAll, beforeEach, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { setTask } from '../../src/app/campaigns/setTask.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import { scheduleOf } from '../../src/app/schedule/scheduleOf.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty, type TestResident } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';

const EVENING = new Date('2021-08-09T10:00:00.000Z'); // 18:00 in Shanghai

/**
 * Village 206 (grids 001, 002) vaccinates one on 07-30 (outside the recent week), then 1 on
 * 08-03, 2 on 08-05, 2 on 08-08 and 1 on 08-09; village 201 one on 08-09.
 */
const DOSE_DAYS: [TestResident['grid'], string][] = [
  [GRIDS[0], '2021-07-30'],
  [GRIDS[0], '2021-08-03'],
  [GRIDS[0], '2021-08-05'],
  [GRIDS[1], '2021-08-05'],
  [GRIDS[0], '2021-08-08'],
  [GRIDS[1], '2021-08-08'],
  [GRIDS[1], '2021-08-09'],
  [GRIDS[2], '2021-08-09'],
];

describeEachStore('backward scheduling', (c) => {
  let store: Store;
  let campaignId: number;

  beforeEach(async () => {
    store = await c.fresh();
    await store.pinNow(EVENING);
    const residents: TestResident[] = DOSE_DAYS.map(([grid]) => ({ grid, birthDate: '1980-01-01' }));
    residents.push({ grid: GRIDS[0], birthDate: '1981-01-01' }, { grid: GRIDS[2], birthDate: '1982-01-01' });
    const ids = await smallCounty(store, residents);
    const campaign = await createCampaign(store, {
      name: '第一剂次接种',
      target: 'first-dose',
      minAge: 12,
      asOf: '2021-08-09',
      start: '2021-07-20',
      deadline: '2021-08-31',
    });
    campaignId = Number(campaign.id);
    for (const [i, [, day]] of DOSE_DAYS.entries()) {
      await recordDose(store, await findResident(store.db, ids[i] as string), {
        product: 'sinovac',
        doseNumber: 1,
        at: `${day}T09:00:00+08:00`,
      });
    }
    await setTask(store, campaignId, '430321205', 31);
    await setTask(store, campaignId, '430321205206', 20);
    await setTask(store, campaignId, '430321205201', 10);
  });
  afterAll(() => c.cleanup());

  it('gives each unit its needed rate, projected finish and status', async () => {
    const s = await scheduleOf(store, { campaignId, place: '430321205' });
    expect(s).toMatchObject({ today: '2021-08-09', deadline: '2021-08-31' });
    // Township: 8 done of 31; 23 left over the 22 days after today → 2 a day. The last week
    // brought 7 (1 a day), so it finishes 08-09 + 23 = 09-01: a day late, within grace.
    expect(s.unit).toMatchObject({ code: '430321205', level: 'township' });
    expect(s.unit.schedule).toMatchObject({
      task: 31,
      done: 8,
      remaining: 23,
      daysLeft: 22,
      neededDailyRate: 2,
      recentDailyRate: 1,
      recentDays: 7,
      projectedFinish: '2021-09-01',
      status: 'at-risk',
      willMiss: true,
      capacity: null,
    });
    const weeks = s.unit.schedule.weeklyTargets;
    expect(weeks[0]).toMatchObject({ weekStart: '2021-08-10', weekEnd: '2021-08-15' });
    expect(weeks.at(-1)).toMatchObject({ weekEnd: '2021-08-31', cumulativeTarget: 23 });

    const village = (code: string) => s.children.find((ch) => ch.code === code);
    // Village 206: 7 done of 20 (the 07-30 dose counts as done, not in the recent rate);
    // 6 in the last week → 13 left at 6/7 a day = 16 days → 08-25, on track.
    expect(village('430321205206')?.schedule).toMatchObject({
      task: 20,
      done: 7,
      remaining: 13,
      neededDailyRate: 1,
      projectedFinish: '2021-08-25',
      status: 'on-track',
      willMiss: false,
    });
    expect(village('430321205206')?.schedule.recentDailyRate).toBeCloseTo(6 / 7);
    // Village 201: 1 done of 10; 1 in a week → 9 left takes 63 days: behind.
    expect(village('430321205201')?.schedule).toMatchObject({
      done: 1,
      remaining: 9,
      projectedFinish: '2021-10-11',
      status: 'behind',
      willMiss: true,
    });
    // Every village of the township is listed; those without a task say so.
    expect(s.children.length).toBeGreaterThan(2);
    expect(s.children.every((ch) => ch.level === 'village')).toBe(true);
    expect(s.children.filter((ch) => ch.schedule.status === 'no-task').length).toBe(s.children.length - 2);
    expect(s.atRisk.map((ch) => ch.code)).toEqual(['430321205201']);
  });

  it('reads the day from the store’s pinned now', async () => {
    await store.pinNow(new Date('2021-08-12T10:00:00.000Z'));
    const s = await scheduleOf(store, { campaignId, place: '430321205206' });
    expect(s.today).toBe('2021-08-12');
    // Nothing since 08-09: the week 08-06..08-12 holds 08-08's 2 and 08-09's 1.
    expect(s.unit.schedule).toMatchObject({ daysLeft: 19, done: 7, neededDailyRate: 1 });
    expect(s.unit.schedule.recentDailyRate).toBeCloseTo(3 / 7);
    expect(s.children.map((ch) => [ch.code, ch.level, ch.schedule.status])).toEqual([
      [GRIDS[0], 'grid', 'no-task'],
      [GRIDS[1], 'grid', 'no-task'],
    ]);
    expect(s.children.map((ch) => ch.schedule.done)).toEqual([4, 3]);
  });

  it('treats a place outside the caller’s scope, or unknown, as not found', async () => {
    await expect(
      scheduleOf(store, { campaignId, place: '430321205201', scope: ['430321205206'] }),
    ).rejects.toMatchObject({ kind: 'not-found', detail: { code: 'place.not-found' } });
    await expect(scheduleOf(store, { campaignId, place: '430321999' })).rejects.toMatchObject({
      kind: 'not-found',
    });
    await expect(scheduleOf(store, { campaignId: 999, place: '430321205' })).rejects.toMatchObject({
      detail: { code: 'campaign.not-found' },
    });
    const own = await scheduleOf(store, { campaignId, place: '430321205206', scope: ['430321205206'] });
    expect(own.unit.schedule.done).toBe(7);
  });
});
