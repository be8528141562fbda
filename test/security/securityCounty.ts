import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/server.js';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import { composeIdNumber } from '../../src/domain/idcard.js';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { insertLookback } from '../../src/store/lookbackQueries.js';
import type { Store } from '../../src/store/openStore.js';
import { EVENING, RESIDENTS } from '../api/apiCounty.js';
import { smallCounty } from '../support/county.js';
import { addUser, signIn, type Session } from '../support/signIn.js';
import type { StoreCase } from '../support/stores.js';

/** A resident, grid, village and township a request can be aimed at, and a look-back there. */
export interface Target {
  name: 'inside' | 'outside';
  idNumber: string;
  residentId: number;
  grid: string;
  village: string;
  township: string;
  lookbackId: number;
  /**
   * What field operations' rule files set up at this target (a team, a site, a trip …), by the
   * names their `setUp` returned: see ./rules/index.ts.
   */
  fixtures: Record<string, number | string>;
}

/** 乌石镇 乌石村委会, far from 锦石乡: a grid made for these tests, with one resident (7). */
export const WUSHI_GRID = '430321114207001';

/** Where each role's demo account works (the demo's own assignment, src/demo/demoAccounts.ts). */
export const ROLE_PLACES: Readonly<Record<Role, readonly string[]>> = {
  commander: ['430321'],
  analyst: ['430321'],
  'township-lead': ['430321205'],
  'grid-instructor': ['430321'],
  'village-head': ['430321205206'],
  'grid-member': ['430321205206001'],
  'site-staff': ['430321205'],
  driver: ['430321'],
};

export interface SecurityCounty {
  store: Store;
  app: FastifyInstance;
  campaignId: number;
  /** ID numbers of every resident, in order (1–6 as in test/api, 7 in 乌石镇). */
  ids: string[];
  /** 锦石村's first grid (inside every role's places) and 乌石镇's (outside the 锦石 roles'). */
  inside: Target;
  outside: Target;
  sessions: Record<Role, Session>;
}

/** The API suites' county plus a resident in 乌石镇, a look-back in each, and one signed-in user per role. */
export async function securityCounty(c: StoreCase, clock?: () => Date): Promise<SecurityCounty> {
  const store = await c.fresh();
  await store.pinNow(EVENING);
  const ids = await smallCounty(store, RESIDENTS);
  await store.db
    .insertInto('places')
    .values({
      code: WUSHI_GRID,
      level: 'grid',
      name: '网格001',
      short_name: '网格001',
      parent_code: WUSHI_GRID.slice(0, 12),
      county_code: '430321',
    })
    .execute();
  const wushi = composeIdNumber('430321', '1980-05-05', 7);
  ids.push(wushi);
  await store.db
    .insertInto('residents')
    .values({
      county_code: '430321',
      id: 7,
      id_number: wushi,
      name: '居民7',
      sex: 'M',
      birth_date: '1980-05-05',
      phone: null,
      household_id: `${WUSHI_GRID}0007`,
      grid_code: WUSHI_GRID,
      registered_area_code: '430321',
      limited_mobility: 0,
      remote: 0,
      status: 'active',
      created_at: '2021-06-01T00:00:00.000Z',
      updated_at: '2021-06-01T00:00:00.000Z',
    })
    .execute();
  const campaign = await createCampaign(store, {
    name: '第一剂次接种',
    target: 'first-dose',
    minAge: 12,
    asOf: '2021-08-09',
    start: '2021-07-20',
    deadline: '2021-08-31',
  });
  const campaignId = Number(campaign.id);
  const lookback = (grid: string, residentId: number) =>
    insertLookback(
      store.db,
      {
        campaign_id: campaignId,
        place_code: grid,
        seed: 'test',
        size: 1,
        created_at: EVENING.toISOString(),
        created_by: 'test',
        closed_at: null,
        verdict: null,
      },
      [
        {
          position: 1,
          county_code: '430321',
          resident_id: residentId,
          status_at_draw: 'open',
          checked_at: null,
          matches: null,
          note: null,
        },
      ],
    );
  const target = (name: Target['name'], n: number, grid: string): Promise<Target> =>
    lookback(grid, n).then((lookbackId) => ({
      name,
      idNumber: ids[n - 1] as string,
      residentId: n,
      grid,
      village: grid.slice(0, 12),
      township: grid.slice(0, 9),
      lookbackId,
      fixtures: {},
    }));
  const inside = await target('inside', 1, '430321205206001');
  const outside = await target('outside', 7, WUSHI_GRID);
  const app = await buildServer(store, clock ? { clock } : {});
  const sessions = {} as Record<Role, Session>;
  for (const role of ROLES) {
    await addUser(store, role, role, ROLE_PLACES[role]);
    sessions[role] = await signIn(app, role);
  }
  return { store, app, campaignId, ids, inside, outside, sessions };
}
