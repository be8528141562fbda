import type { Kysely } from 'kysely';

/**
 * The county's "today" figure reads one day's rows of campaign_grid_daily for the grids under a
 * place. With the day index on (campaign_id, day) alone, SQLite chose the primary key's grid
 * range instead and scanned every day of every grid under the county (9.7 ms of each progress
 * read on the 800,000-resident demo, found under the mixed HTTP load of bench/httpMixed.ts).
 * The same index with grid_code after the day answers that read from one range, and every
 * earlier (campaign_id, day) query from its prefix.
 */
export function gridDailyByDay() {
  return {
    // Migrations must not depend on today's Database type, which later migrations change.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createIndex('campaign_grid_daily_day_grid')
        .on('campaign_grid_daily')
        .columns(['campaign_id', 'day', 'grid_code'])
        .execute();
      await db.schema.dropIndex('campaign_grid_daily_day').execute();
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async down(db: Kysely<any>): Promise<void> {
      await db.schema
        .createIndex('campaign_grid_daily_day')
        .on('campaign_grid_daily')
        .columns(['campaign_id', 'day'])
        .execute();
      await db.schema.dropIndex('campaign_grid_daily_day_grid').execute();
    },
  };
}
