import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { closeLedgerEntry } from '../../src/app/ledger/closeEntry.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordDose } from '../../src/app/records/recordDose.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';

/** The evening the demo pins: 2021-08-09 18:00 in Shanghai. */
export const EVENING = new Date('2021-08-09T10:00:00.000Z');

export const TOWNSHIP = '430321205'; // 锦石乡
export const VILLAGE = '430321205206'; // 锦石村: GRIDS[0] and GRIDS[1]
export const OTHER_VILLAGE = '430321205201'; // GRIDS[2]

/**
 * Eleven residents covering every sheet of the exports (first-dose campaign, 12+):
 *  1 G0 refused (open)              2 G0 given dose, then closed (done, 已销号)
 *  3 G0 child (ineligible)          4 G1 away at the latest visit (open)
 *  5 G1 deceased (ineligible)       6 G2 permanent contraindication (exempt)
 *  7 G0 temporary contraindication (deferred to 08-20)
 *  8 G1 registered in 雨湖区 430302 (流入), unscreened
 *  9 G0 verified elsewhere (done, not closed: 可销号)
 * 10 G2 dose imported from another ledger (done)
 * 11 G1 欧阳明 (a compound surname), unscreened
 */
export const RESIDENTS = [
  { grid: GRIDS[0], birthDate: '1950-03-01' },
  { grid: GRIDS[0], birthDate: '1985-07-15' },
  { grid: GRIDS[0], birthDate: '2015-01-01' },
  { grid: GRIDS[1], birthDate: '1990-12-31' },
  { grid: GRIDS[1], birthDate: '1970-02-28', status: 'deceased' as const },
  { grid: GRIDS[2], birthDate: '1960-06-06' },
  { grid: GRIDS[0], birthDate: '1980-05-05' },
  { grid: GRIDS[1], birthDate: '1975-09-09' },
  { grid: GRIDS[0], birthDate: '1995-01-20' },
  { grid: GRIDS[2], birthDate: '2000-10-10' },
  { grid: GRIDS[1], birthDate: '1988-08-08' },
] as const;

/** Resident n is male when n is odd (smallCounty's ID numbers), and named to match. */
export const NAMES = [
  '张建国',
  '李秀英',
  '王小明',
  '刘洋',
  '陈国强',
  '杨秀梅',
  '赵刚',
  '黄丽',
  '周杰',
  '吴静',
  '欧阳明',
];
export const PHONE = (n: number): string => `1380731${String(n).padStart(4, '0')}`;

export interface ExportCounty {
  store: Store;
  ids: string[];
  campaignId: number;
}

/** The county above in a fresh store, its "now" pinned to EVENING, with a first-dose campaign. */
export async function exportCounty(store: Store): Promise<ExportCounty> {
  await store.pinNow(EVENING);
  const ids = await smallCounty(store, RESIDENTS);
  for (let n = 1; n <= RESIDENTS.length; n++) {
    await store.db
      .updateTable('residents')
      .set({
        name: NAMES[n - 1] as string,
        phone: PHONE(n),
        registered_area_code: n === 8 ? '430302' : '430321',
      })
      .where('county_code', '=', '430321')
      .where('id', '=', n)
      .execute();
  }
  await store.db
    .insertInto('households')
    .values(
      RESIDENTS.map((r, i) => ({
        county_code: '430321',
        id: `${r.grid}${String(i + 1).padStart(4, '0')}`,
        grid_code: r.grid,
        address: `湘潭县锦石乡${r.grid === GRIDS[2] ? '其他村' : '锦石村委会'}${i + 1}组${i + 1}号`,
        head_name: NAMES[i] as string,
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
  const resident = (n: number) => findResident(store.db, ids[n - 1] as string);
  await recordVisit(store, await resident(1), {
    outcome: 'refused',
    at: '2021-08-08T09:00:00+08:00',
    channel: 'door',
    reason: '担心副作用',
  });
  await recordDose(store, await resident(2), {
    product: 'sinovac',
    doseNumber: 1,
    at: '2021-08-05T10:00:00+08:00',
    lot: '202107031',
    site: '锦石乡卫生院接种点',
    vaccinator: '罗医生',
  });
  await recordVisit(store, await resident(4), {
    outcome: 'refused',
    at: '2021-08-01T09:00:00+08:00',
    channel: 'door',
    reason: '忙',
  });
  await recordVisit(store, await resident(4), {
    outcome: 'away',
    at: '2021-08-07T09:00:00+08:00',
    channel: 'phone',
    placeText: '广东省深圳市',
    untilDate: '2021-09-30',
  });
  await recordVisit(store, await resident(6), {
    outcome: 'contraindicated-permanent',
    at: '2021-08-06T09:00:00+08:00',
    channel: 'door',
    contraindication: 'vaccine-allergy',
  });
  await recordVisit(store, await resident(7), {
    outcome: 'contraindicated-temporary',
    at: '2021-08-06T10:00:00+08:00',
    channel: 'door',
    untilDate: '2021-08-20',
    contraindication: 'acute-illness',
  });
  await recordDose(store, await resident(9), {
    product: 'cansino',
    doseNumber: 1,
    at: '2021-06-01T10:00:00+08:00',
    site: '长沙市岳麓区接种点',
    source: 'verified-elsewhere',
  });
  await recordDose(store, await resident(10), {
    product: 'zf2001',
    doseNumber: 1,
    at: '2021-07-01T10:00:00+08:00',
    lot: 'ZF20210601',
    source: 'imported',
  });
  await closeLedgerEntry(store, {
    campaignId: Number(campaign.id),
    idNumber: ids[1] as string,
    closedBy: '锦石村网格长',
    reason: '已接种第一剂',
  });
  return { store, ids, campaignId: Number(campaign.id) };
}
