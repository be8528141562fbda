import type { Store } from '../store/openStore.js';

export interface Stats {
  places: { county: number; township: number; village: number; grid: number };
  households: number;
  residents: number;
  residentsByStatus: { active: number; movedOut: number; deceased: number };
  campaigns: number;
  screeningVisits: number;
  doseRecords: number;
  users: number;
  /** The database's "now" when it pins one (the demo does), else null. */
  pinnedNow: string | null;
  database: { dialect: string; where: string };
}

/** What the database holds, in the shape `gridvax stats --json` prints. */
export async function stats(store: Store): Promise<Stats> {
  const db = store.db;
  const count = async (
    table: 'households' | 'campaigns' | 'screening_visits' | 'dose_records' | 'users',
  ): Promise<number> =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const levels = await db
    .selectFrom('places')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('level')
    .execute();
  const byLevel = (level: string): number => Number(levels.find((l) => l.level === level)?.n ?? 0);
  const statuses = await db
    .selectFrom('residents')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const byStatus = (status: string): number => Number(statuses.find((s) => s.status === status)?.n ?? 0);
  return {
    places: {
      county: byLevel('county'),
      township: byLevel('township'),
      village: byLevel('village'),
      grid: byLevel('grid'),
    },
    households: await count('households'),
    residents: statuses.reduce((n, s) => n + Number(s.n), 0),
    residentsByStatus: {
      active: byStatus('active'),
      movedOut: byStatus('moved-out'),
      deceased: byStatus('deceased'),
    },
    campaigns: await count('campaigns'),
    screeningVisits: await count('screening_visits'),
    doseRecords: await count('dose_records'),
    users: await count('users'),
    pinnedNow: store.pinned()?.toISOString() ?? null,
    database: { dialect: store.dialect, where: store.where },
  };
}
