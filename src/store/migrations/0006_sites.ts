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
    },
  };
}
