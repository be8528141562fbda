import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Vaccination sites with hours and daily capacity, bookings per village and day (按村组排班),
 * vaccine stock by product and lot, and each site's comfort and supply checklist.
 *
 * The sites table comes first because transport (trips go to a site) and check-in (a resident
 * checks in at a site) refer to it.
 */
export function sites(dialect: DialectName) {
  return {
    // Migrations must not depend on today's Database type, which later migrations change.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
      const idColumn = (c: ColumnDefinitionBuilder) =>
        dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();

      await db.schema
        .createTable('sites')
        .addColumn('id', serial, idColumn)
        .addColumn('county_code', 'text', (c) => c.notNull())
        // The township the site serves (a health centre serves its township's villages).
        .addColumn('township_code', 'text', (c) => c.notNull().references('places.code'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('opens', 'text', (c) => c.notNull())
        .addColumn('closes', 'text', (c) => c.notNull())
        .addColumn('daily_capacity', 'integer', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sites_township').on('sites').columns(['township_code', 'name']).execute();

      // 按村组排班: one figure per site, village and day, replaced when the plan changes (the
      // audit log keeps the earlier ones). Read by site and day range, so the key leads with them.
      await db.schema
        .createTable('site_bookings')
        .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
        .addColumn('village_code', 'text', (c) => c.notNull().references('places.code'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('planned', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('site_bookings_pk', ['site_id', 'day', 'village_code'])
        .execute();

      // Stock movements are facts, appended and never edited: a wrong one is put right by another.
      await db.schema
        .createTable('site_stock_movements')
        .addColumn('id', serial, idColumn)
        .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('lot', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('vials', 'integer', (c) => c.notNull())
        .addColumn('doses', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('site_stock_movements_lot')
        .on('site_stock_movements')
        .columns(['site_id', 'product', 'lot', 'day'])
        .execute();

      // The day's checklist: one row per item, the latest check of it that day.
      await db.schema
        .createTable('site_checklist')
        .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('item', 'text', (c) => c.notNull())
        .addColumn('ok', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('checked_by', 'text', (c) => c.notNull())
        .addColumn('checked_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('site_checklist_pk', ['site_id', 'day', 'item'])
        .execute();
    },
  };
}
