import { createApiToken } from '../../src/app/auth/apiTokens.js';
import { createUser } from '../../src/app/users/createUser.js';
import { generatePassword } from '../../src/app/users/password.js';
import { cliActor } from '../../src/cli/cliActor.js';
import { DEMO_COUNTY } from '../../src/demo/setUpDemo.js';
import { resolveStoreLocation } from '../../src/store/dialect.js';
import { openStore, type Store } from '../../src/store/openStore.js';

/** API tokens of the people behind the load, each with the role and places it would have. */
export interface Identities {
  /** A grid member on each grid: syncs its visits and reads its worklist. */
  gridMember: Map<string, string>;
  /** A site's staff on each township (its health centre): records the doses. */
  siteStaff: Map<string, string>;
  /** The county's data team (数据研判小组) on the dashboard: reads progress, writes nothing. */
  analyst: string;
}

async function userWithToken(store: Store, username: string, role: string, place: string): Promise<string> {
  // The same use cases `gridvax users add` and `gridvax users token` run, called in-process:
  // two thousand CLI processes would take many minutes on a 2-core machine.
  await createUser(store, { username, role, places: [place], password: generatePassword() }, cliActor());
  const made = await createApiToken(store, { username, name: 'load bench' }, cliActor());
  return made.token;
}

/** Runs `fn` over `items`, `width` at a time (password hashing runs on libuv's thread pool). */
async function inParallel<T>(
  items: readonly T[],
  width: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: width }, lane));
}

/**
 * Adds one user per grid and township (and one analyst) to the database, before the server
 * starts, with a tag in their names so a second run on the same copy adds its own. Each
 * request is then signed in as a real user of the right role and places: scope checks,
 * token lookups and audit writes are all part of what is measured. About 10 ms a user (the
 * argon2 hash of a password nobody will type), so some 20 s for the demo's 2,000 grids.
 */
export async function makeIdentities(
  dbPath: string,
  grids: readonly string[],
  townships: readonly string[],
): Promise<Identities> {
  const tag = Date.now().toString(36);
  const store = await openStore(resolveStoreLocation(dbPath));
  try {
    const gridMember = new Map<string, string>();
    const siteStaff = new Map<string, string>();
    await inParallel([...new Set(grids)], 4, async (grid) => {
      gridMember.set(grid, await userWithToken(store, `load-${tag}-gm-${grid}`, 'grid-member', grid));
    });
    await inParallel(townships, 4, async (t) => {
      siteStaff.set(t, await userWithToken(store, `load-${tag}-site-${t}`, 'site-staff', t));
    });
    const analyst = await userWithToken(store, `load-${tag}-analyst`, 'analyst', DEMO_COUNTY);
    return { gridMember, siteStaff, analyst };
  } finally {
    await store.close();
  }
}
