import { importPlaces, SHIPPED_DIVISIONS } from '../app/places/importPlaces.js';
import type { Store } from '../store/openStore.js';
import { buildDemo, DEMO_COUNTY, type DemoOptions, type DemoSummary } from './buildDemo.js';

export { DEMO_COUNTY };
import { recountCampaign } from '../app/engine/recount.js';
import { createDemoAccounts, DEMO_PASSWORD, type DemoAccount } from './demoAccounts.js';
import { seedFieldOperations } from './fieldops/seedFieldOperations.js';

export type DemoSetup =
  | { built: true; summary: DemoSummary; accounts: DemoAccount[]; password: string }
  | { built: false; residents: number };

/**
 * Xiangtan County from the shipped division codes, then the synthetic population and campaign,
 * then "now" pinned to the demo evening, then one account per role (password `gridvax-demo`). A database that already holds residents is left as
 * it is: the demo never overwrites anybody's data.
 */
export async function setUpDemo(store: Store, options: DemoOptions): Promise<DemoSetup> {
  const existing = Number(
    (
      await store.db
        .selectFrom('residents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (existing > 0) return { built: false, residents: existing };
  await importPlaces(store, SHIPPED_DIVISIONS, [DEMO_COUNTY]);
  // buildDemo pins "now" to the demo evening before the statuses are derived, so deferrals and
  // follow-ups read as of that evening.
  const summary = await buildDemo(store, options);
  await recountCampaign(store, summary.campaignId, options.progress);
  // One account per role, all with the demo password: the demo shows each role its own world.
  const accounts = await createDemoAccounts(store, { userId: null, name: 'demo', origin: 'cli' });
  await seedFieldOperations(store, summary.campaignId);
  return { built: true, summary, accounts, password: DEMO_PASSWORD };
}
