import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import { aefiOfSiteDay, aefiOfUnit, reportAefi } from '../../src/app/siteScreening/aefi.js';
import { checkIn } from '../../src/app/siteScreening/checkIn.js';
import { decide } from '../../src/app/siteScreening/decide.js';
import { checkinsOfSiteDay, checkinsOfUnitDay } from '../../src/app/siteScreening/listCheckins.js';
import { endObservation } from '../../src/app/siteScreening/observe.js';
import { screen } from '../../src/app/siteScreening/screen.js';
import { giveSiteDose } from '../../src/app/siteScreening/siteDose.js';
import { syncBatch } from '../../src/app/sync/syncBatch.js';
import { isGridvaxError } from '../../src/domain/errors.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';
import { answers, insertSite, well } from './siteScreeningSupport.js';

const EARLIER = new Date('2021-08-01T02:00:00.000Z');
const EVENING = new Date('2021-08-09T10:00:00.000Z');
const JINSHI = '430321205';
const STAFF = { by: '锦石乡卫生院 李医生', scope: [JINSHI] };

const refusal = async (p: Promise<unknown>): Promise<{ kind: string; code: string; message: string }> => {
  try {
    await p;
  } catch (e) {
    if (isGridvaxError(e)) return { kind: e.kind, code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
};

describeEachStore('field operations: check-in, screening, decision, dose, observation, AEFI', (c) => {
  let store: Store;
  let ids: string[];
  let campaignId: number;
  let siteId: number;
  let wushiSite: number;
  const id = (n: number) => ids[n - 1] as string;
  const status = async (n: number) =>
    store.db
      .selectFrom('campaign_residents')
      .select(['status', 'reason', 'until_date'])
      .where('campaign_id', '=', campaignId)
      .where('resident_id', '=', n)
      .executeTakeFirstOrThrow();
  const count = async (table: 'dose_records' | 'screening_visits' | 'aefi_reports') =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const walkIn = async (n: number, screening = well, at?: string) => {
    const { checkin } = await checkIn(store, { siteId, idNumber: id(n), ...STAFF, ...(at ? { at } : {}) });
    return screen(store, { checkinId: checkin.id, ...screening, ...STAFF, ...(at ? { at } : {}) });
  };

  beforeAll(async () => {
    store = await c.fresh();
    await store.pinNow(EARLIER);
    ids = await smallCounty(store, [
      { grid: GRIDS[0], birthDate: '1950-03-01' }, // 1: well, vaccinated, one mild AEFI
      { grid: GRIDS[0], birthDate: '1985-07-15' }, // 2: fever: postponed
      { grid: GRIDS[0], birthDate: '1992-04-04' }, // 3: severe allergy before: not suitable
      { grid: GRIDS[1], birthDate: '1990-12-31' }, // 4: dose 1 on 08-01, dose 2 too early on 08-09
      { grid: GRIDS[2], birthDate: '1960-06-06' }, // 5: high blood pressure, rested, then vaccinated
      { grid: GRIDS[1], birthDate: '1970-02-28', status: 'deceased' }, // 6: off the register
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
    siteId = await insertSite(store, JINSHI, '锦石乡卫生院');
    wushiSite = await insertSite(store, '430321114', '乌石镇卫生院');
    await recordDose(store, await findResident(store.db, id(4)), {
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-01T09:00:00+08:00',
      lot: '202107A',
    });
    await store.pinNow(EVENING);
  });
  afterAll(() => c.cleanup());

  it('checks in, screens, vaccinates and observes a well resident; the dose makes progress', async () => {
    const first = await checkIn(store, {
      siteId,
      idNumber: id(1),
      at: '2021-08-09T08:40:00+08:00',
      ...STAFF,
    });
    expect(first.created).toBe(true);
    expect(first.checkin).toMatchObject({
      day: '2021-08-09',
      stage: 'checked-in',
      site: { id: siteId, name: '锦石乡卫生院', township: JINSHI },
      resident: { id: 1, name: '居民1', age: 71, gridCode: GRIDS[0] },
    });
    expect(first.checkin.resident.idNumber).toContain('*');
    // The card read again, full-width and with a space: the same check-in.
    const fullWidth = id(1).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const again = await checkIn(store, { siteId, idNumber: ` ${fullWidth}`, ...STAFF, unmasked: true });
    expect(again).toMatchObject({
      created: false,
      checkin: { id: first.checkin.id, resident: { idNumber: id(1) } },
    });

    const screened = await screen(store, {
      checkinId: first.checkin.id,
      ...well,
      at: '2021-08-09T08:45:00+08:00',
      ...STAFF,
    });
    expect(screened.stage).toBe('screened');
    expect(screened.screening).toMatchObject({
      temperature: 36.5,
      healthCode: 'green',
      suggestion: { decision: 'recommend', label: { zh: '建议接种' }, flags: [] },
    });
    const decided = await decide(store, {
      checkinId: first.checkin.id,
      decision: 'recommend',
      at: '2021-08-09T08:50:00+08:00',
      ...STAFF,
    });
    expect(decided).toMatchObject({
      stage: 'awaiting-dose',
      decision: { decision: 'recommend', visitId: null },
    });

    const dosed = await giveSiteDose(store, {
      checkinId: first.checkin.id,
      product: 'sinovac',
      lot: '202107B',
      at: '2021-08-09T09:00:00+08:00',
      ...STAFF,
    });
    expect(dosed).toMatchObject({
      stage: 'observing',
      dose: { product: 'sinovac', doseNumber: 1, lot: '202107B', at: '2021-08-09T01:00:00.000Z' },
      observation: {
        startedAt: '2021-08-09T01:00:00.000Z',
        endsAt: '2021-08-09T01:30:00.000Z',
        endedAt: null,
      },
    });
    const record = await store.db
      .selectFrom('dose_records')
      .selectAll()
      .where('id', '=', dosed.dose?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      site: '锦石乡卫生院',
      lot: '202107B',
      vaccinator: STAFF.by,
      source: 'given',
    });
    expect(await status(1)).toMatchObject({ status: 'done' });

    const early = await refusal(
      endObservation(store, {
        checkinId: first.checkin.id,
        outcome: 'ok',
        at: '2021-08-09T09:20:00+08:00',
        ...STAFF,
      }),
    );
    expect(early).toMatchObject({ kind: 'business-rule', code: 'observation.too-early' });
    const ended = await endObservation(store, {
      checkinId: first.checkin.id,
      outcome: 'ok',
      at: '2021-08-09T09:31:00+08:00',
      ...STAFF,
    });
    expect(ended).toMatchObject({ checkin: { stage: 'done', observation: { outcome: 'ok' } }, aefi: null });
    expect(
      await refusal(endObservation(store, { checkinId: first.checkin.id, outcome: 'ok', ...STAFF })),
    ).toMatchObject({ kind: 'conflict', code: 'observation.ended' });
  });

  it('carries a postponement into the status and refuses a dose that day, on every path', async () => {
    const screened = await walkIn(2, { ...well, temperature: 37.9 });
    expect(screened.screening?.suggestion).toMatchObject({
      decision: 'postpone',
      contraindication: 'acute-illness',
      untilDate: '2021-08-16',
    });
    expect(
      await refusal(decide(store, { checkinId: screened.id, decision: 'recommend', ...STAFF })),
    ).toMatchObject({ code: 'decision.note-required' });
    const visitsBefore = await count('screening_visits');
    const decided = await decide(store, { checkinId: screened.id, decision: 'postpone', ...STAFF });
    expect(decided).toMatchObject({
      stage: 'not-vaccinated',
      decision: { decision: 'postpone', untilDate: '2021-08-16', contraindication: 'acute-illness' },
    });
    expect(await count('screening_visits')).toBe(visitsBefore + 1);
    const visit = await store.db
      .selectFrom('screening_visits')
      .selectAll()
      .where('id', '=', decided.decision?.visitId ?? '')
      .executeTakeFirstOrThrow();
    expect(visit).toMatchObject({
      outcome: 'contraindicated-temporary',
      channel: 'site',
      until_date: '2021-08-16',
      health_code: 'green',
      contraindication: 'acute-illness',
    });
    expect(await status(2)).toEqual({
      status: 'deferred',
      reason: 'contraindicated-temporary',
      until_date: '2021-08-16',
    });

    // The general path (POST /doses, the CLI): refused, naming the check-in.
    const doses = await count('dose_records');
    const general = await refusal(
      recordDose(store, await findResident(store.db, id(2)), {
        product: 'sinovac',
        doseNumber: 1,
        at: '2021-08-09T15:00:00+08:00',
      }),
    );
    expect(general).toMatchObject({ kind: 'business-rule', code: 'dose.checkin-postponed' });
    expect(general.message).toContain(screened.id);
    expect(general.message).toContain('锦石乡卫生院');
    // The site's own path.
    expect(
      await refusal(giveSiteDose(store, { checkinId: screened.id, product: 'sinovac', lot: 'L1', ...STAFF })),
    ).toMatchObject({ code: 'dose.checkin-postponed' });
    // And the offline path (a batch from a phone): that item is rejected, the batch goes on.
    const synced = await syncBatch(store, {
      deviceId: 'site-tablet',
      userName: 'site-staff',
      items: [
        {
          id: '6d1c1a0e-3f51-4c1e-9b7e-5d0c6f2b8a11',
          kind: 'dose',
          idNumber: id(2),
          dose: { product: 'sinovac', doseNumber: 1, at: '2021-08-09T15:30:00+08:00' },
        },
      ],
    });
    expect(synced.results[0]).toMatchObject({
      result: 'rejected',
      error: { code: 'dose.checkin-postponed' },
    });
    expect(await count('dose_records')).toBe(doses);
    // Another day is not this check-in's business (the deferral is the status's).
    expect(
      await recordDose(store, await findResident(store.db, id(2)), {
        product: 'sinovac',
        doseNumber: 1,
        at: '2021-08-08T15:00:00+08:00',
        source: 'verified-elsewhere',
      }),
    ).toMatchObject({ result: 'stored' });
  });

  it('exempts a resident found not suitable', async () => {
    const screened = await walkIn(3, { ...well, answers: answers('severe-allergic-reaction') });
    expect(screened.screening?.suggestion).toMatchObject({
      decision: 'not-suitable',
      contraindication: 'severe-allergic-reaction',
    });
    const decided = await decide(store, { checkinId: screened.id, decision: 'not-suitable', ...STAFF });
    expect(decided.decision).toMatchObject({
      decision: 'not-suitable',
      contraindication: 'severe-allergic-reaction',
    });
    expect(await status(3)).toMatchObject({ status: 'exempt', reason: 'contraindicated-permanent' });
    const refused = await refusal(
      recordDose(store, await findResident(store.db, id(3)), {
        product: 'sinovac',
        doseNumber: 1,
        at: '2021-08-09T16:00:00+08:00',
      }),
    );
    expect(refused.code).toBe('dose.checkin-postponed');
    expect(
      await refusal(decide(store, { checkinId: screened.id, decision: 'recommend', ...STAFF })),
    ).toMatchObject({
      kind: 'conflict',
      code: 'checkin.decided',
    });
  });

  it('writes nothing of a dose the windows refuse: the check-in still waits for its dose', async () => {
    const screened = await walkIn(4);
    await decide(store, { checkinId: screened.id, decision: 'recommend', ...STAFF });
    const doses = await count('dose_records');
    const early = await refusal(
      giveSiteDose(store, { checkinId: screened.id, product: 'sinovac', lot: '202107C', ...STAFF }),
    );
    expect(early).toMatchObject({ kind: 'business-rule', code: 'dose.too-early' });
    expect(await count('dose_records')).toBe(doses);
    const after = await checkinsOfSiteDay(store, { siteId, scope: [JINSHI] });
    expect(after.items.find((i) => i.id === screened.id)).toMatchObject({
      stage: 'awaiting-dose',
      dose: null,
    });
  });

  it('lets a resident postponed for a reading check in again, rested, and be vaccinated', async () => {
    const high = await walkIn(5, { ...well, systolic: 172, diastolic: 96 }, '2021-08-09T10:00:00+08:00');
    expect(high.screening?.suggestion.flags.map((f) => f.code)).toEqual(['blood-pressure']);
    await decide(store, {
      checkinId: high.id,
      decision: 'postpone',
      untilDate: '2021-08-10',
      at: '2021-08-09T10:05:00+08:00',
      ...STAFF,
    });
    const rested = await walkIn(5, { ...well, systolic: 150, diastolic: 92 }, '2021-08-09T11:00:00+08:00');
    expect(rested.id).not.toBe(high.id);
    expect(rested.screening?.suggestion).toMatchObject({ decision: 'recommend', watchClosely: true });
    await decide(store, {
      checkinId: rested.id,
      decision: 'recommend',
      at: '2021-08-09T11:05:00+08:00',
      ...STAFF,
    });
    const dosed = await giveSiteDose(store, {
      checkinId: rested.id,
      product: 'sinopharm-bibp',
      lot: '202106D',
      at: '2021-08-09T11:10:00+08:00',
      ...STAFF,
    });
    expect(dosed.stage).toBe('observing');
  });

  it('reports an AEFI during observation and later, and lists them by site and by unit', async () => {
    const day = await checkinsOfSiteDay(store, { siteId, scope: [JINSHI] });
    const observing = day.items.find((i) => i.resident.id === 5 && i.stage === 'observing');
    const done = day.items.find((i) => i.resident.id === 1);
    expect(observing && done).toBeTruthy();
    const faint = await endObservation(store, {
      checkinId: observing?.id ?? '',
      outcome: 'aefi',
      at: '2021-08-09T11:25:00+08:00',
      aefi: { what: 'syncope', severity: 'mild', onsetAt: '2021-08-09T11:20:00+08:00', outcome: 'recovered' },
      ...STAFF,
    });
    expect(faint.checkin).toMatchObject({ stage: 'done', observation: { outcome: 'aefi' } });
    expect(faint.aefi).toMatchObject({
      what: 'syncope',
      whatLabel: { zh: '晕厥（晕针）' },
      severity: 'mild',
      urgent: false,
      site: { id: siteId, name: '锦石乡卫生院' },
      checkinId: observing?.id,
    });
    const later = await reportAefi(store, {
      idNumber: id(1),
      doseId: done?.dose?.id ?? '',
      what: 'fever',
      severity: 'mild',
      onsetAt: '2021-08-09T17:00:00+08:00',
      outcome: 'observed',
      ...STAFF,
    });
    expect(later).toMatchObject({
      resident: { id: 1 },
      site: { id: siteId },
      checkinId: done?.id,
      day: '2021-08-09',
    });
    expect(
      await refusal(
        reportAefi(store, {
          ...later,
          idNumber: id(2),
          doseId: done?.dose?.id ?? '',
          onsetAt: later.onsetAt,
          ...STAFF,
        }),
      ),
    ).toMatchObject({ kind: 'not-found', code: 'dose.not-found' });

    const site = await aefiOfSiteDay(store, { siteId, day: '2021-08-09', scope: [JINSHI] });
    expect(site.items.map((a) => a.what)).toEqual(['syncope', 'fever']);
    const village = await aefiOfUnit(store, { place: GRIDS[0].slice(0, 12), scope: [JINSHI] });
    expect(village.items.map((a) => a.resident.id)).toEqual([1]);
    // A grid member of 锦石村's first grid sees the site and only its own residents there.
    const grid = await checkinsOfSiteDay(store, { siteId, scope: [GRIDS[0]] });
    expect(new Set(grid.items.map((i) => i.resident.gridCode))).toEqual(new Set([GRIDS[0]]));
    expect(grid.totals).toMatchObject({
      checkedIn: 3,
      recommended: 1,
      postponed: 1,
      notSuitable: 1,
      vaccinated: 1,
    });
    const unit = await checkinsOfUnitDay(store, { place: JINSHI, scope: [JINSHI] });
    expect(unit.totals).toMatchObject({ checkedIn: 6, postponed: 2, notSuitable: 1, vaccinated: 2, aefi: 1 });
  });

  it('keeps site staff to their township’s sites and residents: not found outside', async () => {
    expect(await refusal(checkIn(store, { siteId: wushiSite, idNumber: id(1), ...STAFF }))).toMatchObject({
      kind: 'not-found',
      code: 'site.not-found',
    });
    expect(
      await refusal(checkIn(store, { siteId, idNumber: id(1), by: '乌石', scope: ['430321114'] })),
    ).toMatchObject({ kind: 'not-found', code: 'site.not-found' });
    expect(
      await refusal(checkIn(store, { siteId, idNumber: id(1), by: 'grid', scope: [GRIDS[1]] })),
    ).toMatchObject({
      kind: 'not-found',
    });
    expect(await refusal(checkIn(store, { siteId, idNumber: id(6), ...STAFF }))).toMatchObject({
      code: 'checkin.resident-status',
    });
    const typo = `${id(1).slice(0, 17)}${id(1).endsWith('0') ? '1' : '0'}`;
    expect(await refusal(checkIn(store, { siteId, idNumber: typo, ...STAFF }))).toMatchObject({
      kind: 'invalid-input',
      code: 'idcard.checksum',
    });
  });
});
