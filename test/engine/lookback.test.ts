import { afterAll, beforeEach, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { createLookback } from '../../src/app/lookback/createLookback.js';
import { recordLookbackCheck } from '../../src/app/lookback/recordLookbackCheck.js';
import { showLookback } from '../../src/app/lookback/showLookback.js';
import { progressOf } from '../../src/app/progress/progressOf.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import { drawLookbackSample } from '../../src/domain/lookback.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty, type TestResident } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';

const EVENING = new Date('2021-08-09T10:00:00.000Z');
/** 锦石乡's other village: one grid, GRIDS[2]. */
const CLEARED = '430321205201';
const OPEN_VILLAGE = '430321205206';

/** Residents 1–24 vaccinated, 25 a child, 26 to be found permanently contraindicated; 27 unscreened elsewhere. */
const PEOPLE: TestResident[] = [
  ...Array.from({ length: 24 }, (_, i): TestResident => ({
    grid: GRIDS[2],
    birthDate: `19${50 + i}-0${1 + (i % 9)}-1${i % 10}`,
  })),
  { grid: GRIDS[2], birthDate: '2015-01-01' },
  { grid: GRIDS[2], birthDate: '1966-06-06' },
  { grid: GRIDS[0], birthDate: '1985-07-15' },
];
const POOL = [...Array.from({ length: 24 }, (_, i) => i + 1), 26];

describeEachStore('look-back', (c) => {
  let store: Store;
  let ids: string[];
  let campaignId: number;
  const resident = (n: number) => findResident(store.db, ids[n - 1] as string);
  const events = async (place: string) =>
    (
      await store.db
        .selectFrom('clearance_events')
        .select(['kind', 'which', 'reason'])
        .where('campaign_id', '=', campaignId)
        .where('place_code', '=', place)
        .orderBy('id')
        .execute()
    ).map((e) => `${e.kind}:${e.which}:${e.reason}`);

  beforeEach(async () => {
    store = await c.fresh();
    await store.pinNow(EVENING);
    ids = await smallCounty(store, PEOPLE);
    // Doses loaded straight into the store (as an import would), then counted by the campaign.
    await store.db
      .insertInto('dose_records')
      .values(
        Array.from({ length: 24 }, (_, i) => ({
          county_code: '430321',
          id: `dose-${i + 1}`,
          resident_id: i + 1,
          product: 'sinovac',
          lot: null,
          dose_number: 1,
          at: `2021-08-0${1 + (i % 8)}T02:00:00.000Z`,
          site: '锦石乡卫生院',
          vaccinator: null,
          source: 'given' as const,
          override_reason: null,
          recorded_by: null,
          device_id: null,
          received_at: EVENING.toISOString(),
        })),
      )
      .execute();
    const campaign = await createCampaign(store, {
      name: '第一剂次接种',
      target: 'first-dose',
      minAge: 12,
      asOf: '2021-08-09',
      start: '2021-07-20',
      deadline: '2021-08-31',
    });
    campaignId = Number(campaign.id);
    await recordVisit(store, await resident(26), {
      outcome: 'contraindicated-permanent',
      at: '2021-08-08T10:30:00+08:00',
      channel: 'door',
      contraindication: 'vaccine-allergy',
    });
  });
  afterAll(() => c.cleanup());

  it('refuses a unit that is not double-cleared, and sizes and names that make no sense', async () => {
    expect((await progressOf(store, campaignId, CLEARED, 0)).doubleCleared).toBe(true);
    await expect(
      createLookback(store, { campaignId, place: OPEN_VILLAGE, createdBy: '王指导员' }),
    ).rejects.toMatchObject({ kind: 'business-rule', detail: { code: 'lookback.not-cleared' } });
    await expect(
      createLookback(store, { campaignId, place: CLEARED, createdBy: '王指导员', size: 0 }),
    ).rejects.toMatchObject({ kind: 'invalid-input', detail: { code: 'lookback.size' } });
    await expect(createLookback(store, { campaignId, place: CLEARED, createdBy: ' ' })).rejects.toMatchObject(
      {
        kind: 'invalid-input',
        detail: { code: 'lookback.created-by' },
      },
    );
    await expect(
      createLookback(store, { campaignId, place: CLEARED, createdBy: '王指导员', scope: [OPEN_VILLAGE] }),
    ).rejects.toMatchObject({ kind: 'not-found', detail: { code: 'place.not-found' } });
    await expect(
      createLookback(store, { campaignId: 5, place: CLEARED, createdBy: '王指导员' }),
    ).rejects.toMatchObject({ kind: 'not-found', detail: { code: 'campaign.not-found' } });
  });

  it('draws a reproducible sample of the eligible residents and stores it', async () => {
    const lb = await createLookback(store, { campaignId, place: CLEARED, createdBy: '王指导员' });
    expect(lb).toMatchObject({
      campaignId,
      place: CLEARED,
      seed: `${CLEARED}:2021-08-09:1`,
      size: 19,
      createdAt: EVENING.toISOString(),
      createdBy: '王指导员',
      verdict: { checked: 0, discrepancies: 0, reopen: false },
      closedAt: null,
    });
    expect(lb.items.map((i) => i.position)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    // The same seed over the same residents draws the same sample: anyone can check it.
    expect(lb.items.map((i) => i.residentId)).toEqual(drawLookbackSample(POOL, lb.seed, 19));
    expect(lb.items.some((i) => i.residentId === 25)).toBe(false); // the child is not eligible
    for (const item of lb.items) {
      expect(item.statusAtDraw).toBe(item.residentId === 26 ? 'exempt' : 'done');
      expect(item.idNumber).toMatch(/^430321\*{8}[0-9X]{4}$/);
      expect(item).toMatchObject({ gridCode: GRIDS[2], checkedAt: null, matches: null, note: null });
    }
    expect(await showLookback(store, { lookbackId: lb.id })).toEqual(lb);

    const second = await createLookback(store, { campaignId, place: CLEARED, createdBy: '王指导员' });
    expect(second.seed).toBe(`${CLEARED}:2021-08-09:2`);
    const again = await createLookback(store, {
      campaignId,
      place: CLEARED,
      createdBy: '李指导员',
      seed: lb.seed,
    });
    expect(again.items.map((i) => i.residentId)).toEqual(lb.items.map((i) => i.residentId));
    const all = await createLookback(store, { campaignId, place: CLEARED, createdBy: '王指导员', size: 100 });
    expect(all.size).toBe(25);
    expect(all.items.map((i) => i.residentId).sort((a, b) => a - b)).toEqual(POOL);
  });

  it('hides a look-back whose unit is out of scope', async () => {
    const lb = await createLookback(store, { campaignId, place: CLEARED, createdBy: '王指导员' });
    await expect(showLookback(store, { lookbackId: lb.id, scope: [OPEN_VILLAGE] })).rejects.toMatchObject({
      kind: 'not-found',
      detail: { code: 'lookback.not-found' },
    });
    await expect(showLookback(store, { lookbackId: 999 })).rejects.toMatchObject({
      detail: { code: 'lookback.not-found' },
    });
    await expect(
      recordLookbackCheck(store, {
        lookbackId: lb.id,
        idNumber: ids[0] as string,
        matches: true,
        checkedBy: '王指导员',
        scope: [OPEN_VILLAGE],
      }),
    ).rejects.toMatchObject({ kind: 'not-found', detail: { code: 'lookback.not-found' } });
    expect((await showLookback(store, { lookbackId: lb.id, scope: ['430321205'] })).id).toBe(lb.id);
  });

  it('records checks, refuses residents outside the sample and checks made twice, and closes when done', async () => {
    const lb = await createLookback(store, { campaignId, place: CLEARED, createdBy: '王指导员', size: 2 });
    const [a, b] = lb.items.map((i) => ids[i.residentId - 1] as string);
    const outside = POOL.find((n) => !lb.items.some((i) => i.residentId === n)) as number;
    await expect(
      recordLookbackCheck(store, {
        lookbackId: lb.id,
        idNumber: ids[outside - 1] as string,
        matches: true,
        checkedBy: '王指导员',
      }),
    ).rejects.toMatchObject({ kind: 'invalid-input', detail: { code: 'lookback.not-in-sample' } });
    const once = await recordLookbackCheck(store, {
      lookbackId: lb.id,
      idNumber: a as string,
      matches: true,
      note: '接种凭证已核实',
      checkedBy: '王指导员',
    });
    expect(once.items[0]).toMatchObject({
      checkedAt: EVENING.toISOString(),
      matches: true,
      note: '接种凭证已核实',
    });
    expect(once.verdict).toEqual({ checked: 1, discrepancies: 0, reopen: false });
    expect(once.closedAt).toBeNull();
    await expect(
      recordLookbackCheck(store, {
        lookbackId: lb.id,
        idNumber: a as string,
        matches: false,
        checkedBy: '王指导员',
      }),
    ).rejects.toMatchObject({ kind: 'conflict', detail: { code: 'lookback.already-checked' } });
    const done = await recordLookbackCheck(store, {
      lookbackId: lb.id,
      idNumber: b as string,
      matches: true,
      checkedBy: '李指导员',
    });
    expect(done.closedAt).toBe(EVENING.toISOString());
    expect(done.verdict).toEqual({ checked: 2, discrepancies: 0, reopen: false });
    expect((await events(CLEARED)).filter((e) => e.includes('lookback-finding'))).toEqual([]);
    const audit = await store.db.selectFrom('audit_log').select(['actor', 'action']).orderBy('id').execute();
    expect(audit).toEqual([
      { actor: '王指导员', action: 'lookback.check' },
      { actor: '李指导员', action: 'lookback.check' },
    ]);
  });

  it('reopens a cleared village and the units above it on a discrepancy, even when no count changed', async () => {
    await recordDose(store, await resident(27), {
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T09:00:00+08:00',
    });
    expect((await progressOf(store, campaignId, '430321', 0)).doubleCleared).toBe(true);
    const lb = await createLookback(store, { campaignId, place: CLEARED, createdBy: '王指导员' });
    const before = await events(CLEARED);
    const checked = await recordLookbackCheck(store, {
      lookbackId: lb.id,
      idNumber: ids[(lb.items[0]?.residentId ?? 0) - 1] as string,
      matches: false,
      note: '本人称未接种，接种记录存疑',
      checkedBy: '王指导员',
    });
    expect(checked.verdict).toEqual({ checked: 1, discrepancies: 1, reopen: true });
    expect((await events(CLEARED)).slice(before.length)).toEqual([
      'reopened:task:lookback-finding',
      'reopened:double:lookback-finding',
    ]);
    for (const unit of ['430321205', '430321']) {
      expect((await events(unit)).slice(-2)).toEqual([
        'reopened:task:lookback-finding',
        'reopened:double:lookback-finding',
      ]);
    }
    // A second finding in a unit already reopened adds nothing.
    const count = (await events(CLEARED)).length;
    await recordLookbackCheck(store, {
      lookbackId: lb.id,
      idNumber: ids[(lb.items[1]?.residentId ?? 0) - 1] as string,
      matches: false,
      checkedBy: '王指导员',
    });
    expect(await events(CLEARED)).toHaveLength(count);
  });

  it('stores a re-verification visit, which moves the resident’s status through the engine', async () => {
    const lb = await createLookback(store, { campaignId, place: CLEARED, createdBy: '王指导员', size: 100 });
    const checked = await recordLookbackCheck(store, {
      lookbackId: lb.id,
      idNumber: ids[25] as string,
      matches: false,
      note: '过敏史不实',
      checkedBy: '王指导员',
      visit: { outcome: 'refused', at: '2021-08-09T16:00:00+08:00', channel: 'door', reason: '不愿接种' },
    });
    expect(checked.items.find((i) => i.residentId === 26)).toMatchObject({
      matches: false,
      statusAtDraw: 'exempt',
    });
    const village = await progressOf(store, campaignId, CLEARED, 0);
    expect(village).toMatchObject({ open: 1, taskCleared: false, doubleCleared: false });
    const history = await events(CLEARED);
    expect(history).toContain('reopened:task:lookback-finding');
    expect(history.at(-1)).toBe('reopened:double:new-visit');
    const visits = await store.db
      .selectFrom('screening_visits')
      .select('outcome')
      .where('resident_id', '=', 26)
      .orderBy('at')
      .execute();
    expect(visits.map((v) => v.outcome)).toEqual(['contraindicated-permanent', 'refused']);
    // A visit that fails validation stores nothing, the check included.
    await expect(
      recordLookbackCheck(store, {
        lookbackId: lb.id,
        idNumber: ids[0] as string,
        matches: false,
        checkedBy: '王指导员',
        visit: { outcome: 'away', at: '2021-08-09T16:00:00+08:00', channel: 'door' },
      }),
    ).rejects.toMatchObject({ kind: 'invalid-input' });
    const after = await showLookback(store, { lookbackId: lb.id });
    expect(after.verdict.checked).toBe(1);
  });
});
