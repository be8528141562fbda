import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { setTask } from '../../src/app/campaigns/setTask.js';
import { progressOf } from '../../src/app/progress/progressOf.js';
import type { UnitProgress } from '../../src/app/progress/unitProgress.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import { buildDailyReport, rankByCompletion } from '../../src/app/reports/buildDailyReport.js';
import { dailyReport, takeDailySnapshot } from '../../src/app/reports/takeSnapshot.js';
import type { VisitInput } from '../../src/domain/screening.js';
import type { DailyReport, ReportUnit } from '../../src/domain/dailyReport.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty, type TestResident } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';

/** 18:00 in Shanghai on a day of August 2021: the default cut-off. */
const evening = (day: number): Date => new Date(`2021-08-${String(day).padStart(2, '0')}T10:00:00.000Z`);
const on = (day: number, time = '09:00'): string =>
  `2021-08-${String(day).padStart(2, '0')}T${time}:00+08:00`;

const TOWNSHIP = '430321205'; // 锦石乡
const V206 = '430321205206'; // 锦石村: grids 0 and 1
const V201 = '430321205201'; // 唐家湖村: grid 2

/** Eligible (12+ on 08-01): 1–8; 9 is a child. 60+: 1, 4, 8. */
const RESIDENTS: TestResident[] = [
  { grid: GRIDS[0], birthDate: '1950-03-01' }, // 1
  { grid: GRIDS[0], birthDate: '1985-07-15' }, // 2
  { grid: GRIDS[0], birthDate: '1990-01-01' }, // 3
  { grid: GRIDS[1], birthDate: '1960-06-06' }, // 4
  { grid: GRIDS[1], birthDate: '2005-05-05' }, // 5: 16
  { grid: GRIDS[1], birthDate: '1970-01-01' }, // 6
  { grid: GRIDS[2], birthDate: '1980-01-01' }, // 7
  { grid: GRIDS[2], birthDate: '1940-01-01' }, // 8: 81
  { grid: GRIDS[2], birthDate: '2015-01-01' }, // 9: a child
];

type Event = { day: number; resident: number } & (
  { dose: true } | { visit: Omit<VisitInput, 'at' | 'channel'> }
);

/** What happens, day by day, each at 09:00 (doses) or 10:00 (visits). */
const TIMELINE: Event[] = [
  { day: 2, resident: 1, dose: true },
  { day: 2, resident: 7, dose: true },
  { day: 2, resident: 2, visit: { outcome: 'refused', reason: '担心副作用' } },
  { day: 2, resident: 4, visit: { outcome: 'away', placeText: '长沙', untilDate: '2021-08-04' } },
  { day: 3, resident: 2, dose: true },
  { day: 3, resident: 3, visit: { outcome: 'booked', bookedDate: '2021-08-05', site: '锦石乡卫生院' } },
  { day: 3, resident: 5, visit: { outcome: 'not-found' } },
  { day: 4, resident: 4, dose: true },
  { day: 4, resident: 6, visit: { outcome: 'refused', reason: '观望' } },
  {
    day: 4,
    resident: 8,
    visit: { outcome: 'contraindicated-temporary', untilDate: '2021-08-06', reason: '发热' },
  },
  { day: 5, resident: 3, dose: true },
];

interface County {
  store: Store;
  campaignId: number;
  ids: string[];
}

async function county(store: Store): Promise<County> {
  await store.pinNow(evening(1));
  const ids = await smallCounty(store, RESIDENTS);
  const campaign = await createCampaign(store, {
    name: '第一剂次接种',
    target: 'first-dose',
    minAge: 12,
    asOf: '2021-08-01',
    start: '2021-08-01',
    deadline: '2021-08-31',
  });
  const campaignId = Number(campaign.id);
  await setTask(store, campaignId, '430321', 8);
  await setTask(store, campaignId, TOWNSHIP, 8);
  await setTask(store, campaignId, V206, 6);
  await setTask(store, campaignId, V201, 2);
  return { store, campaignId, ids };
}

async function dose(c: County, resident: number, at: string): Promise<void> {
  const r = await findResident(c.store.db, c.ids[resident - 1] as string);
  await recordDose(c.store, r, { product: 'sinovac', doseNumber: 1, at });
}

/** Lives the timeline's days `from`..`to`, each at its evening; `each` runs at each evening. */
async function live(
  c: County,
  from: number,
  to: number,
  each?: (day: number) => Promise<void>,
): Promise<void> {
  for (let day = from; day <= to; day++) {
    await c.store.pinNow(evening(day));
    for (const e of TIMELINE.filter((x) => x.day === day)) {
      if ('dose' in e) await dose(c, e.resident, on(day));
      else {
        const r = await findResident(c.store.db, c.ids[e.resident - 1] as string);
        await recordVisit(c.store, r, { ...e.visit, at: on(day, '10:00'), channel: 'door' });
      }
    }
    await each?.(day);
  }
}

const unitsOf = (u: ReportUnit): ReportUnit[] => [u, ...(u.children ?? []).flatMap(unitsOf)];
const progressUnits = (p: UnitProgress): UnitProgress[] => [p, ...(p.children ?? []).flatMap(progressUnits)];

/** The figures a report and `gridvax progress` share, as progress names them. */
function sharedFigures(u: ReportUnit) {
  return {
    code: u.code,
    task: u.task,
    done: u.done,
    todayIncrement: u.increment,
    completion: u.completion,
    eligible: u.eligible,
    open: u.open,
    unscreened: u.unscreened,
    sixtyPlus: u.sixtyPlus,
    doubleCleared: u.doubleCleared,
  };
}
function progressFigures(p: UnitProgress) {
  return {
    code: p.code,
    task: p.task,
    done: p.done,
    todayIncrement: p.todayIncrement,
    completion: p.completion,
    eligible: p.eligible,
    open: p.open,
    unscreened: p.unscreened,
    sixtyPlus: p.sixtyPlus,
    // The report does not count a unit with nobody eligible as cleared (most of 锦石乡's villages
    // have no resident in this county).
    doubleCleared: p.doubleCleared && p.eligible > 0,
  };
}

describeEachStore('daily report', (sc) => {
  let c: County;

  beforeEach(async () => {
    c = await county(await sc.fresh());
  });
  afterAll(() => sc.cleanup());

  it('agrees with progress on every day, built that evening or days later', async () => {
    const seen = new Map<number, UnitProgress>();
    const builtThen = new Map<number, DailyReport>();
    await live(c, 2, 5, async (day) => {
      seen.set(day, await progressOf(c.store, c.campaignId, TOWNSHIP, 1));
      builtThen.set(day, await buildDailyReport(c.store, { campaignId: c.campaignId, place: TOWNSHIP }));
    });
    // A visit late on the 4th, after its cut-off: not in the 4th's figures.
    await c.store.pinNow(evening(6));
    const r5 = await findResident(c.store.db, c.ids[4] as string);
    await recordVisit(c.store, r5, {
      outcome: 'refused',
      reason: '不想打',
      at: on(4, '20:00'),
      channel: 'phone',
    });

    for (const [day, progress] of seen) {
      const then = builtThen.get(day) as DailyReport;
      expect(then.basis?.kind).toBe('live');
      const later = await buildDailyReport(c.store, {
        campaignId: c.campaignId,
        place: TOWNSHIP,
        date: `2021-08-0${day}`,
      });
      expect(later.basis?.kind).toBe('reconstructed');
      const expected = progressUnits(progress).map(progressFigures);
      expect(unitsOf(then.unit).map(sharedFigures), `day ${day}, that evening`).toEqual(expected);
      expect(unitsOf(later.unit).map(sharedFigures), `day ${day}, rebuilt on the 6th`).toEqual(expected);
      // The analysis is the same whether read live or re-derived, until the late visit's day.
      if (day <= 4) expect(later.analysis, `day ${day}`).toEqual(then.analysis);
      expect(later.trend).toEqual(then.trend);
    }

    const d4 = await buildDailyReport(c.store, {
      campaignId: c.campaignId,
      place: TOWNSHIP,
      date: '2021-08-04',
    });
    // On the 4th: 1, 7, 2, 4 done; 3 booked, 6 refused, 5 not found are open; 8 deferred.
    expect(d4.unit).toMatchObject({ done: 4, increment: 1, open: 3, unscreened: 0, eligible: 8 });
    expect(d4.analysis.openByReason.filter((r) => r.n > 0)).toEqual([
      { reason: 'booked', label: { zh: '已预约', en: 'Booked' }, n: 1 },
      { reason: 'refused', label: { zh: '拒绝或犹豫', en: 'Refused or hesitant' }, n: 1 },
      { reason: 'not-found', label: { zh: '未找到本人', en: 'Not found' }, n: 1 },
    ]);
    expect(d4.analysis.openByAgeBand).toEqual([
      { band: '12–17', n: 1 },
      { band: '18–59', n: 2 },
      { band: '60–69', n: 0 },
      { band: '70–79', n: 0 },
      { band: '80+', n: 0 },
    ]);
    expect(d4.analysis.refusalHotspots).toEqual([{ code: V206, name: '锦石村', n: 1 }]);
    // The 6th: the late visit made resident 5 refused, and 8's deferral has ended.
    const d6 = await buildDailyReport(c.store, { campaignId: c.campaignId, place: TOWNSHIP });
    expect(d6.basis?.kind).toBe('live');
    expect(d6.analysis.openByReason.find((r) => r.reason === 'deferral-ended')?.n).toBe(1);
    expect(d6.analysis.refusalHotspots).toEqual([{ code: V206, name: '锦石村', n: 2 }]);
    expect(d6.trend.map((t) => [t.date, t.done, t.increment]).slice(-6)).toEqual([
      ['2021-08-01', 0, 0],
      ['2021-08-02', 2, 2],
      ['2021-08-03', 3, 1],
      ['2021-08-04', 4, 1],
      ['2021-08-05', 5, 1],
      ['2021-08-06', 5, 0],
    ]);
    expect(d6.trend).toHaveLength(14);
  });

  it('ranks siblings, schedules each unit and names the ones that fell behind', async () => {
    await live(c, 2, 5);
    const r = await buildDailyReport(c.store, { campaignId: c.campaignId, place: '430321' });
    expect(r.unit).toMatchObject({ code: '430321', level: 'county', rank: null, task: 8, done: 5 });
    const township = r.unit.children?.find((t) => t.code === TOWNSHIP) as ReportUnit;
    // Alone with a task among the county's townships.
    expect(township).toMatchObject({ rank: 1, completion: 5 / 8, childUnits: expect.any(Number) });
    const v206 = township.children?.find((v) => v.code === V206) as ReportUnit;
    const v201 = township.children?.find((v) => v.code === V201) as ReportUnit;
    // 锦石村 4/6 = 66.7%, 唐家湖村 1/2 = 50%.
    expect([v206.rank, v201.rank]).toEqual([1, 2]);
    expect(v206).toMatchObject({ done: 4, task: 6, childUnits: 2, answerable: null });
    expect(township.children?.filter((v) => v.task === null).every((v) => v.rank === null)).toBe(true);
    // A township report ranks the township among the county's townships.
    const own = await buildDailyReport(c.store, { campaignId: c.campaignId, place: TOWNSHIP });
    expect(own.unit.rank).toBe(1);

    // 唐家湖村 vaccinated once, on the 2nd: on track while that dose is in the week, then not.
    await c.store.pinNow(evening(9));
    const d8 = await buildDailyReport(c.store, {
      campaignId: c.campaignId,
      place: TOWNSHIP,
      date: '2021-08-08',
    });
    expect(d8.unit.children?.find((v) => v.code === V201)).toMatchObject({
      status: 'on-track',
      projectedFinish: '2021-08-15',
      neededDailyRate: 1,
    });
    const d9 = await buildDailyReport(c.store, {
      campaignId: c.campaignId,
      place: TOWNSHIP,
      date: '2021-08-09',
    });
    expect(d9.unit.children?.find((v) => v.code === V201)).toMatchObject({
      status: 'behind',
      projectedFinish: null,
      recentDailyRate: 0,
    });
    expect(d9.fellBehind).toContainEqual({ code: V201, name: '唐家湖村', from: 'on-track', to: 'behind' });
  });

  it('freezes a day; a late record shows once as a correction and never rewrites the snapshot', async () => {
    await live(c, 2, 4, async () => {
      const s = await takeDailySnapshot(c.store, { campaignId: c.campaignId });
      expect(s.result).toBe('stored');
      expect(s.report.frozen).toBe(true);
    });
    const frozen3 = await dailyReport(c.store, { campaignId: c.campaignId, date: '2021-08-03' });
    expect(frozen3.frozen).toBe(true);
    expect(frozen3.unit.done).toBe(3);

    // On the 5th, resident 6's dose of the 3rd is entered late.
    await live(c, 5, 5);
    await dose(c, 6, on(3, '15:00'));
    const r5 = await dailyReport(c.store, { campaignId: c.campaignId, date: '2021-08-05' });
    expect(r5.frozen).toBe(false);
    expect(r5.corrections).toEqual([
      { date: '2021-08-03', code: '430321', name: '湘潭县', doneThen: 3, doneNow: 4 },
      { date: '2021-08-03', code: TOWNSHIP, name: '锦石乡', doneThen: 3, doneNow: 4 },
      { date: '2021-08-03', code: V206, name: '锦石乡锦石村', doneThen: 2, doneNow: 3 },
    ]);
    // The frozen day reads as it was reported; the facts say what happened.
    const again3 = await dailyReport(c.store, { campaignId: c.campaignId, date: '2021-08-03' });
    expect(again3).toEqual(frozen3);
    const rebuilt3 = await buildDailyReport(c.store, { campaignId: c.campaignId, date: '2021-08-03' });
    expect(rebuilt3.unit.done).toBe(4);
    const kept = await takeDailySnapshot(c.store, { campaignId: c.campaignId, date: '2021-08-03' });
    expect(kept).toMatchObject({ result: 'existing', takenAt: evening(3).toISOString() });
    expect(kept.report).toEqual(frozen3);

    // Once a frozen report has told it, the next one does not repeat it.
    await takeDailySnapshot(c.store, { campaignId: c.campaignId, date: '2021-08-05' });
    await c.store.pinNow(evening(6));
    const r6 = await dailyReport(c.store, { campaignId: c.campaignId, date: '2021-08-06' });
    expect(r6.corrections).toEqual([]);

    // A retake replaces the day explicitly, and says so.
    const retaken = await takeDailySnapshot(c.store, {
      campaignId: c.campaignId,
      date: '2021-08-03',
      force: true,
    });
    expect(retaken).toMatchObject({
      result: 'retaken',
      replacedTakenAt: evening(3).toISOString(),
      takenAt: evening(6).toISOString(),
    });
    expect((await dailyReport(c.store, { campaignId: c.campaignId, date: '2021-08-03' })).unit.done).toBe(4);
  });

  it('says when there is nothing yet, instead of zeros', async () => {
    await c.store.pinNow(evening(3));
    const empty = await dailyReport(c.store, { campaignId: c.campaignId, date: '2021-08-01' });
    expect(empty.hasData).toBe(false);
    expect(empty.unit.done).toBe(0);
    const today = await dailyReport(c.store, { campaignId: c.campaignId });
    expect(today).toMatchObject({ date: '2021-08-03', hasData: false });
    // A visit alone is data.
    const r = await findResident(c.store.db, c.ids[1] as string);
    await recordVisit(c.store, r, { outcome: 'not-found', at: on(2), channel: 'door' });
    expect((await dailyReport(c.store, { campaignId: c.campaignId, date: '2021-08-01' })).hasData).toBe(
      false,
    );
    expect((await dailyReport(c.store, { campaignId: c.campaignId, date: '2021-08-02' })).hasData).toBe(true);
  });

  describe('refusals', () => {
    it('refuses a day outside the campaign, a bad cut-off, and a snapshot before the cut-off', async () => {
      await c.store.pinNow(evening(5));
      const id = c.campaignId;
      for (const date of ['2021-07-31', '2021-08-06', '2021-08-32', '8/5']) {
        await expect(dailyReport(c.store, { campaignId: id, date }), date).rejects.toMatchObject({
          kind: 'invalid-input',
          detail: { code: 'report.date', field: 'date' },
        });
      }
      await expect(dailyReport(c.store, { campaignId: id, date: '2021-07-31' })).rejects.toThrow(
        /早于接种任务/,
      );
      await expect(dailyReport(c.store, { campaignId: id, date: '2021-08-06' })).rejects.toThrow(
        /after today/,
      );
      await expect(takeDailySnapshot(c.store, { campaignId: id, cutoffTime: '25:00' })).rejects.toMatchObject(
        {
          detail: { code: 'report.cutoff' },
        },
      );
      await c.store.pinNow(new Date('2021-08-05T04:00:00.000Z')); // noon
      await expect(takeDailySnapshot(c.store, { campaignId: id })).rejects.toMatchObject({
        kind: 'business-rule',
        detail: { code: 'report.before-cutoff' },
      });
      // An earlier cut-off may be asked for; the report before the cut-off reads as of now.
      const noon = await takeDailySnapshot(c.store, { campaignId: id, cutoffTime: '11:30' });
      expect(noon.report.cutoff).toBe('2021-08-05T03:30:00.000Z');
      expect(
        (await buildDailyReport(c.store, { campaignId: id, date: '2021-08-05', cutoffTime: '18:00' })).cutoff,
      ).toBe('2021-08-05T04:00:00.000Z');
    });

    it('answers an unknown or out-of-scope campaign or place as not found, and a grid as invalid', async () => {
      await c.store.pinNow(evening(5));
      const id = c.campaignId;
      await expect(dailyReport(c.store, { campaignId: 999, date: '2021-08-05' })).rejects.toMatchObject({
        kind: 'not-found',
        detail: { code: 'campaign.not-found' },
      });
      await expect(
        dailyReport(c.store, { campaignId: id, place: '430321999', date: '2021-08-05' }),
      ).rejects.toMatchObject({
        kind: 'not-found',
        detail: { code: 'place.not-found' },
      });
      await expect(
        dailyReport(c.store, { campaignId: id, place: V201, date: '2021-08-05', scope: [V206] }),
      ).rejects.toMatchObject({ kind: 'not-found' });
      await expect(
        dailyReport(c.store, { campaignId: id, place: GRIDS[0], date: '2021-08-05' }),
      ).rejects.toMatchObject({
        kind: 'invalid-input',
        detail: { code: 'report.place' },
      });
      const own = await dailyReport(c.store, {
        campaignId: id,
        place: V206,
        date: '2021-08-05',
        scope: [V206],
      });
      expect(own.unit).toMatchObject({ level: 'village', code: V206, childUnits: 2 });
      expect(own.unit.children).toBeUndefined();
    });
  });
});

describe('rankByCompletion', () => {
  it('ranks highest first, ties sharing a rank, and leaves units without a task unranked', () => {
    expect(rankByCompletion([0.5, 0.9, null, 0.5, 1.1])).toEqual([3, 2, null, 3, 1]);
  });
});
