import type { Actor } from '../app/audit/appendAudit.js';
import { createUser } from '../app/users/createUser.js';
import { ROLE_RIGHTS, type Role } from '../domain/roles.js';
import type { Store } from '../store/openStore.js';
import { findUserByName } from '../store/userQueries.js';
import { DEMO_COUNTY } from './buildDemo.js';

/** The demo's one password, for every demo account. Demo only: printed by the demo and in the README. */
export const DEMO_PASSWORD = 'gridvax-demo';

const JINSHI = '430321205'; // 锦石乡, whose health centre (卫生院) runs the vaccination site
const JINSHI_VILLAGE = '430321205206'; // 锦石村
const JINSHI_FIRST_GRID = '430321205206001'; // 锦石村's first grid, when no grid has work left

/** One account per role, named after it, each on the places its work is in. */
export const DEMO_ACCOUNTS: readonly { username: Role; places: readonly string[] }[] = [
  { username: 'commander', places: [DEMO_COUNTY] },
  { username: 'analyst', places: [DEMO_COUNTY] },
  { username: 'township-lead', places: [JINSHI] },
  { username: 'grid-instructor', places: [DEMO_COUNTY] },
  { username: 'village-head', places: [JINSHI_VILLAGE] },
  { username: 'grid-member', places: [JINSHI_FIRST_GRID] },
  { username: 'site-staff', places: [JINSHI] },
  { username: 'driver', places: [DEMO_COUNTY] },
];

export interface DemoAccount {
  username: string;
  role: Role;
  places: string[];
}

/** Creates the demo accounts that do not exist yet (all with DEMO_PASSWORD) and returns them all. */
export async function createDemoAccounts(store: Store, by: Actor): Promise<DemoAccount[]> {
  const out: DemoAccount[] = [];
  const busiest = await busiestGrid(store, JINSHI);
  for (const listed of DEMO_ACCOUNTS) {
    // The demo's grid member works where there is work: 锦石村 is double-cleared, so its first grid
    // would show a newcomer an empty worklist.
    const a = listed.username === 'grid-member' && busiest ? { ...listed, places: [busiest] } : listed;
    if (!(await findUserByName(store.db, a.username))) {
      await createUser(
        store,
        {
          username: a.username,
          role: a.username,
          places: a.places,
          displayName: `${ROLE_RIGHTS[a.username].label.zh}（演示）`,
          password: DEMO_PASSWORD,
        },
        by,
      );
    }
    out.push({ username: a.username, role: a.username, places: [...a.places] });
  }
  return out;
}

/** The grid of a township with the most residents still to see (open or unscreened) in the demo campaign. */
async function busiestGrid(store: Store, township: string): Promise<string | undefined> {
  const row = await store.db
    .selectFrom('campaign_grid_counts')
    .select('grid_code')
    .where('grid_code', '>=', township)
    .where('grid_code', '<', `${township}~`)
    .orderBy((eb) => eb('open', '+', eb.ref('unscreened')), 'desc')
    .orderBy('grid_code')
    .limit(1)
    .executeTakeFirst();
  return row?.grid_code;
}
