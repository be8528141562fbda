import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * The campaign engine's read model. A resident's status in a campaign is derived from visits
 * and doses (src/domain/campaignStatus.ts), never typed in; it is kept here, materialized, with
 * per-grid counts beside it, so progress of a whole county is a sum over a few thousand grid
 * rows instead of a pass over a million residents. Every write that changes a resident's facts
 * updates these in the same transaction.
 */
export function campaignEngine(dialect: DialectName) {
  return {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
      const idColumn = (c: ColumnDefinitionBuilder) =>
        dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();

      await db.schema
        .createTable('campaign_residents')
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'integer', (c) => c.notNull())
        .addColumn('resident_id', 'integer', (c) => c.notNull())
        .addColumn('grid_code', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('until_date', 'text')
        .addColumn('follow_up_date', 'text')
        .addColumn('booked_date', 'text')
        .addColumn('done_on', 'text')
        .addColumn('sixty_plus', 'integer', (c) => c.notNull())
        .addColumn('last_visit_at', 'text')
        .addPrimaryKeyConstraint('campaign_residents_pk', ['county_code', 'campaign_id', 'resident_id'])
        .execute();
      await db.schema
        .createIndex('campaign_residents_grid_status')
        .on('campaign_residents')
        .columns(['campaign_id', 'grid_code', 'status'])
        .execute();

      // Counts per grid as of the last write. Deferrals are kept apart by their end date,
      // because a deferral falls due by the calendar alone, with no write to update a count.
      await db.schema
        .createTable('campaign_grid_counts')
        .addColumn('campaign_id', 'integer', (c) => c.notNull())
        .addColumn('grid_code', 'text', (c) => c.notNull())
        .addColumn('residents', 'integer', (c) => c.notNull())
        .addColumn('ineligible', 'integer', (c) => c.notNull())
        .addColumn('done', 'integer', (c) => c.notNull())
        .addColumn('exempt', 'integer', (c) => c.notNull())
        .addColumn('deferred', 'integer', (c) => c.notNull())
        .addColumn('open', 'integer', (c) => c.notNull())
        .addColumn('unscreened', 'integer', (c) => c.notNull())
        .addColumn('sixty_eligible', 'integer', (c) => c.notNull())
        .addColumn('sixty_done', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_grid_counts_pk', ['campaign_id', 'grid_code'])
        .execute();
      await db.schema
        .createTable('campaign_grid_deferrals')
        .addColumn('campaign_id', 'integer', (c) => c.notNull())
        .addColumn('grid_code', 'text', (c) => c.notNull())
        .addColumn('until_date', 'text', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_grid_deferrals_pk', ['campaign_id', 'grid_code', 'until_date'])
        .execute();
      // Residents who reached the campaign's target, per grid and day: today's increment, the
      // recent daily rate and the trend all read this.
      await db.schema
        .createTable('campaign_grid_daily')
        .addColumn('campaign_id', 'integer', (c) => c.notNull())
        .addColumn('grid_code', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('done', 'integer', (c) => c.notNull())
        .addColumn('sixty_done', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_grid_daily_pk', ['campaign_id', 'grid_code', 'day'])
        .execute();
      await db.schema
        .createIndex('campaign_grid_daily_day')
        .on('campaign_grid_daily')
        .columns(['campaign_id', 'day'])
        .execute();

      await db.schema
        .createTable('clearance_events')
        .addColumn('id', serial, idColumn)
        .addColumn('campaign_id', 'integer', (c) => c.notNull())
        .addColumn('place_code', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('which', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .execute();
      await db.schema
        .createIndex('clearance_events_place')
        .on('clearance_events')
        .columns(['campaign_id', 'place_code', 'at'])
        .execute();

      // 销号台账: closing an open resident's entry records who, when and why; never deleted.
      await db.schema
        .createTable('ledger_closures')
        .addColumn('id', serial, idColumn)
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'integer', (c) => c.notNull())
        .addColumn('resident_id', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('closed_by', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('status_before', 'text', (c) => c.notNull())
        .addColumn('reason_before', 'text')
        .execute();
      await db.schema
        .createIndex('ledger_closures_resident')
        .on('ledger_closures')
        .columns(['county_code', 'campaign_id', 'resident_id'])
        .execute();

      await db.schema
        .createTable('lookbacks')
        .addColumn('id', serial, idColumn)
        .addColumn('campaign_id', 'integer', (c) => c.notNull())
        .addColumn('place_code', 'text', (c) => c.notNull())
        .addColumn('seed', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('closed_at', 'text')
        .addColumn('verdict', 'text')
        .execute();
      await db.schema
        .createTable('lookback_items')
        .addColumn('lookback_id', 'integer', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'integer', (c) => c.notNull())
        .addColumn('status_at_draw', 'text', (c) => c.notNull())
        .addColumn('checked_at', 'text')
        .addColumn('matches', 'integer')
        .addColumn('note', 'text')
        .addPrimaryKeyConstraint('lookback_items_pk', ['lookback_id', 'position'])
        .execute();

      // Offline devices: each batch they send is recorded so a supervisor sees whose phone
      // has not reported today.
      await db.schema
        .createTable('devices')
        .addColumn('device_id', 'text', (c) => c.primaryKey())
        .addColumn('user_name', 'text')
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .addColumn('last_sync_at', 'text', (c) => c.notNull())
        .addColumn('last_cursor', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('batches', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('items', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      // A cursor for "what changed in my grids since I last asked": one row per stored visit
      // or dose, numbered in commit order.
      await db.schema
        .createTable('change_log')
        .addColumn('seq', serial, idColumn)
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('grid_code', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('change_log_grid').on('change_log').columns(['grid_code', 'seq']).execute();
    },
  };
}
