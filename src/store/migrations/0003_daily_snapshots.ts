import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * The daily dispatch report (按日调度) frozen at its cut-off: one row per campaign, unit and day,
 * holding the whole report model as JSON. Yesterday's report must read the same tomorrow, so
 * the row is written once and replaced only by an explicit retake; a record entered late for
 * that day shows in a later report as a correction against it, never by rewriting it.
 */
export function dailySnapshots(_dialect: DialectName) {
  return {
    // Migrations must not depend on today's Database type, which later migrations change.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('daily_snapshots')
        .addColumn('campaign_id', 'integer', (c) => c.notNull())
        .addColumn('place_code', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('cutoff', 'text', (c) => c.notNull())
        .addColumn('taken_at', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('daily_snapshots_pk', ['campaign_id', 'place_code', 'date'])
        .execute();
    },
  };
}
