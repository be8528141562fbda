import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { findResident } from '../../src/app/records/findResident.js';
import { recordVisit } from '../../src/app/records/recordVisit.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';

/** The evening the demo pins: 2021-08-09 18:00 in Shanghai. */
export const EVENING = new Date('2021-08-09T10:00:00.000Z');
export const JINSHI = '430321205';
export const JINSHI_VILLAGE = '430321205206';
export const OTHER_VILLAGE = '430321205201';
export const WUSHI = '430321114';

/**
 * Residents for transport: who is suggested a ride on 2021-08-10 and who is not, and why.
 * 1 and 3 share a household (an old couple), 5 lives in another village of 锦石乡.
 */
export const TRANSPORT_RESIDENTS = [
  { grid: GRIDS[0], birthDate: '1950-03-01' }, // 1: 71, limited mobility, booked 08-10: suggested
  { grid: GRIDS[0], birthDate: '1985-07-15' }, // 2: 36, booked 08-10: too young
  { grid: GRIDS[0], birthDate: '1945-04-04' }, // 3: 76, remote, booked 08-10, 1's household: suggested
  { grid: GRIDS[1], birthDate: '1948-08-08' }, // 4: 73, limited mobility, booked 08-11: other day
  { grid: GRIDS[2], birthDate: '1955-05-05' }, // 5: 66, remote, booked 08-10, other village: suggested
  { grid: GRIDS[1], birthDate: '1940-01-01', status: 'deceased' as const }, // 6: deceased
  { grid: GRIDS[1], birthDate: '1952-02-02' }, // 7: 69, limited mobility, refused: not booked
] as const;

export interface TransportCounty {
  ids: string[];
  campaignId: number;
  /** 锦石乡卫生院 (08:00–17:00) and a temporary site of 锦石乡; 乌石镇卫生院. */
  siteId: number;
  temporarySiteId: number;
  wushiSiteId: number;
}

export async function insertSite(
  store: Store,
  township: string,
  name: string,
  kind: 'health-centre' | 'temporary' = 'health-centre',
): Promise<number> {
  const row = await store.db
    .insertInto('sites')
    .values({
      county_code: township.slice(0, 6),
      township_code: township,
      name,
      kind,
      address: `${name}门口`,
      opens: '08:00',
      closes: '17:00',
      daily_capacity: 300,
      active: 1,
      created_at: EVENING.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A fresh store: Xiangtan's places, the residents above with households, sites, a campaign, bookings. */
export async function transportCounty(store: Store): Promise<TransportCounty> {
  await store.pinNow(EVENING);
  const ids = await smallCounty(store, TRANSPORT_RESIDENTS);
  // 3 lives with 1.
  await store.db
    .updateTable('residents')
    .set({ household_id: `${GRIDS[0]}0001` })
    .where('id', '=', 3)
    .execute();
  const households = [
    ...new Set(
      (await store.db.selectFrom('residents').select(['household_id', 'grid_code']).execute()).map(
        (r) => `${r.household_id}|${r.grid_code}`,
      ),
    ),
  ];
  await store.db
    .insertInto('households')
    .values(
      households.map((h) => {
        const [id, grid] = h.split('|') as [string, string];
        return {
          county_code: '430321',
          id,
          grid_code: grid,
          address: `锦石乡${grid.slice(-6)}组${id.slice(-2)}号`,
          head_name: null,
        };
      }),
    )
    .execute();
  await store.db
    .updateTable('residents')
    .set({ limited_mobility: 1 })
    .where('id', 'in', [1, 4, 6, 7])
    .execute();
  await store.db.updateTable('residents').set({ remote: 1 }).where('id', 'in', [3, 5]).execute();
  await store.db.updateTable('residents').set({ phone: '13812345678' }).where('id', '=', 1).execute();
  const siteId = await insertSite(store, JINSHI, '锦石乡卫生院');
  const temporarySiteId = await insertSite(store, JINSHI, '锦石村临时接种点', 'temporary');
  const wushiSiteId = await insertSite(store, WUSHI, '乌石镇卫生院');
  const campaign = await createCampaign(store, {
    name: '第一剂次接种',
    target: 'first-dose',
    minAge: 12,
    asOf: '2021-08-09',
    start: '2021-07-20',
    deadline: '2021-08-31',
  });
  const book = async (n: number, day: string) =>
    recordVisit(store, await findResident(store.db, ids[n - 1] as string), {
      outcome: 'booked',
      at: '2021-08-09T09:00:00+08:00',
      channel: 'door',
      bookedDate: day,
      site: '锦石乡卫生院',
    });
  for (const n of [1, 2, 3, 5]) await book(n, '2021-08-10');
  await book(4, '2021-08-11');
  await recordVisit(store, await findResident(store.db, ids[6] as string), {
    outcome: 'refused',
    at: '2021-08-09T09:00:00+08:00',
    channel: 'door',
    reason: '担心副作用',
  });
  return { ids, campaignId: Number(campaign.id), siteId, temporarySiteId, wushiSiteId };
}

export const BY = { name: '调度员', userId: null };
