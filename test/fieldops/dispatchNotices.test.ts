import { afterAll, beforeEach, expect, it } from 'vitest';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { broadcastsOf, setBroadcasts } from '../../src/app/notices/broadcasts.js';
import { publicLeaders } from '../../src/app/notices/leaders.js';
import {
  clearVillageNoticeEdit,
  editVillageNotice,
  villageNotice,
} from '../../src/app/notices/villageNotice.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import { isGridvaxError } from '../../src/domain/errors.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';

const EVENING = new Date('2021-08-09T10:00:00.000Z');
const VILLAGE = '430321205206'; // 锦石村: grids 0 and 1
const OTHER = '430321205201'; // 唐家湖村: grid 2

async function refusal(p: Promise<unknown>): Promise<{ kind: string; code: string }> {
  try {
    await p;
  } catch (e) {
    if (isGridvaxError(e)) return { kind: e.kind, code: e.code };
    throw e;
  }
  throw new Error('not refused');
}

describeEachStore('village notices', (c) => {
  let store: Store;
  let ids: string[];
  let campaignId: number;
  const resident = (n: number) => findResident(store.db, ids[n - 1] as string);

  beforeEach(async () => {
    store = await c.fresh();
    await store.pinNow(EVENING);
    ids = await smallCounty(store, [
      { grid: GRIDS[0], birthDate: '1965-03-01' }, // 1: cadre, vaccinated 08-02
      { grid: GRIDS[0], birthDate: '1985-07-15' }, // 2: party member, vaccinated 08-05
      { grid: GRIDS[1], birthDate: '1990-12-31' }, // 3: public servant, not vaccinated
      { grid: GRIDS[1], birthDate: '1950-02-28' }, // 4: refused
      { grid: GRIDS[1], birthDate: '1970-05-05' }, // 5: unscreened
      { grid: GRIDS[2], birthDate: '1960-06-06' }, // 6: cadre of 唐家湖村, vaccinated
    ]);
    const roles = { 1: 'cadre', 2: 'party-member', 3: 'public-servant', 6: 'cadre' } as const;
    for (const [id, role] of Object.entries(roles))
      await store.db
        .updateTable('residents')
        .set({ public_role: role })
        .where('id', '=', Number(id))
        .execute();
    await store.db.updateTable('residents').set({ phone: '13812345678' }).where('id', '=', 1).execute();
    campaignId = Number(
      (
        await createCampaign(store, {
          name: '第一剂次接种',
          target: 'first-dose',
          minAge: 12,
          asOf: '2021-08-09',
          start: '2021-07-20',
          deadline: '2021-08-31',
        })
      ).id,
    );
    await recordDose(store, await resident(1), {
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-02T09:00:00+08:00',
    });
    await recordDose(store, await resident(2), {
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-05T23:30:00+08:00',
    });
    await recordDose(store, await resident(6), {
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-03T09:00:00+08:00',
    });
    await recordVisit(store, await resident(3), {
      outcome: 'booked',
      at: '2021-08-09T09:00:00+08:00',
      channel: 'door',
      bookedDate: '2021-08-10',
      site: '锦石乡卫生院',
    });
    await recordVisit(store, await resident(4), {
      outcome: 'refused',
      at: '2021-08-09T09:00:00+08:00',
      channel: 'door',
      reason: '担心副作用',
    });
    await store.db
      .insertInto('sites')
      .values([
        {
          county_code: '430321',
          township_code: '430321205',
          name: '锦石乡卫生院',
          kind: 'health-centre',
          address: '锦石乡锦石街1号',
          opens: '08:00',
          closes: '17:30',
          daily_capacity: 600,
          active: 1,
          created_at: EVENING.toISOString(),
        },
        {
          county_code: '430321',
          township_code: '430321205',
          name: '已撤临时点',
          kind: 'temporary',
          address: '',
          opens: '09:00',
          closes: '12:00',
          daily_capacity: 100,
          active: 0,
          created_at: EVENING.toISOString(),
        },
      ])
      .execute();
  });
  afterAll(() => c.cleanup());

  it("generates the day's WeChat notice from the village's figures, its township's sites and the deadline", async () => {
    const n = await villageNotice(store, { village: VILLAGE, campaignId });
    expect(n).toMatchObject({
      village: { code: VILLAGE, shortName: '锦石村' },
      township: { code: '430321205', shortName: '锦石乡' },
      date: '2021-08-09',
      edited: false,
      edit: null,
      facts: { done: 2, open: 2, unscreened: 1, eligible: 5, deadline: '2021-08-31' },
    });
    expect(n.text).toEqual(n.generated);
    expect(n.text.zh).toContain('本村已有2人完成新冠疫苗第一剂次接种，还有2人未接种，另有1人尚未摸排登记。');
    expect(n.text.zh).toContain('锦石乡卫生院（锦石乡锦石街1号），每天08:00—17:30。');
    expect(n.text.zh).not.toContain('已撤临时点');
    expect(n.text.zh).toContain('8月31日截止');
    expect(n.text.en).toContain('2 still need it, and 1 have not been reached yet');
  });

  it('keeps an edit for its day only, sends it instead, and drops it on request', async () => {
    const e = await editVillageNotice(store, { village: VILLAGE, zh: ' 今晚7点村部开会 ', by: '村网格长' });
    expect(e).toMatchObject({ date: '2021-08-09', zh: '今晚7点村部开会', en: null, editedBy: '村网格长' });
    const n = await villageNotice(store, { village: VILLAGE, campaignId });
    expect(n.edited).toBe(true);
    expect(n.text.zh).toBe('今晚7点村部开会');
    // No English given: the generated rendering stays beside it.
    expect(n.text.en).toBe(n.generated.en);
    await editVillageNotice(store, { village: VILLAGE, zh: '改', en: 'Changed', by: '村网格长' });
    expect((await villageNotice(store, { village: VILLAGE, campaignId })).text).toEqual({
      zh: '改',
      en: 'Changed',
    });
    expect((await villageNotice(store, { village: VILLAGE, campaignId, date: '2021-08-10' })).edited).toBe(
      false,
    );
    expect(await clearVillageNoticeEdit(store, { village: VILLAGE })).toMatchObject({ cleared: true });
    expect(await clearVillageNoticeEdit(store, { village: VILLAGE })).toMatchObject({ cleared: false });
    expect((await villageNotice(store, { village: VILLAGE, campaignId })).edited).toBe(false);
  });

  it('answers only for a village in the caller’s places', async () => {
    expect(
      await refusal(villageNotice(store, { village: VILLAGE, campaignId, scope: ['430321114'] })),
    ).toEqual({
      kind: 'not-found',
      code: 'place.not-found',
    });
    expect((await refusal(villageNotice(store, { village: '430321205', campaignId }))).code).toBe(
      'notice.village',
    );
    expect(
      (await refusal(villageNotice(store, { village: VILLAGE, campaignId, date: '2021-02-30' }))).code,
    ).toBe('notice.date');
  });

  it('plays the default loudspeaker schedule until the village sets its own, replaced whole', async () => {
    const d = await broadcastsOf(store, { village: VILLAGE });
    expect(d).toMatchObject({ isDefault: true, setAt: null });
    expect(d.slots.map((s) => s.time)).toEqual(['07:00', '12:00', '18:30']);
    expect(d.slots[0]?.message).toContain('锦石乡卫生院');

    const set = await setBroadcasts(store, {
      village: VILLAGE,
      slots: [
        { time: '18:00', message: '晚间提醒' },
        { time: '06:30', message: '疫苗要打好，筑牢防疫墙' },
      ],
      by: '村网格长',
    });
    expect(set).toMatchObject({ isDefault: false, setBy: '村网格长', setAt: EVENING.toISOString() });
    const read = await broadcastsOf(store, { village: VILLAGE });
    expect(read.slots).toEqual([
      { time: '06:30', message: '疫苗要打好，筑牢防疫墙' },
      { time: '18:00', message: '晚间提醒' },
    ]);
    // A bad schedule is refused and the one in place stays.
    expect(
      (
        await refusal(
          setBroadcasts(store, { village: VILLAGE, slots: [{ time: '25:00', message: 'x' }], by: 'x' }),
        )
      ).code,
    ).toBe('broadcast.time');
    expect((await broadcastsOf(store, { village: VILLAGE })).slots).toEqual(read.slots);
    // Another village still plays the default.
    expect((await broadcastsOf(store, { village: OTHER })).isDefault).toBe(true);
  });

  it('lists the cadres, party members and public servants who are done, with no ID number or phone', async () => {
    const list = await publicLeaders(store, { village: VILLAGE, campaignId });
    expect(list.items).toEqual([
      { name: '居民1', role: 'cadre', roleLabel: { zh: '干部', en: 'cadre' }, firstDoseOn: '2021-08-02' },
      // 23:30 in Shanghai on the 5th is still the 5th.
      {
        name: '居民2',
        role: 'party-member',
        roleLabel: { zh: '党员', en: 'party member' },
        firstDoseOn: '2021-08-05',
      },
    ]);
    const text = JSON.stringify(list);
    for (const id of ids) expect(text).not.toContain(id);
    expect(text).not.toContain('13812345678');
    expect((await publicLeaders(store, { village: OTHER, campaignId })).items.map((p) => p.name)).toEqual([
      '居民6',
    ]);
  });
});
