import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * The first schema: places down to grids and households, residents, users and their places,
 * campaigns with task numbers, screening visits, dose records, the audit log and settings.
 */
export function initial(dialect: DialectName) {
  return {
    // Migrations must not depend on today's Database type, which later migrations change.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      const serial = dialect === 'postgres' ? 'bigserial' : 'integer';

      await db.schema
        .createTable('places')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('short_name', 'text', (c) => c.notNull())
        .addColumn('parent_code', 'text', (c) => c.references('places.code'))
        .addColumn('county_code', 'text')
        .execute();
      await db.schema.createIndex('places_parent').on('places').column('parent_code').execute();
      // Finding a resident by ID number names the counties first (the unique key leads with
      // the county), so listing them must not scan every place.
      await db.schema.createIndex('places_level').on('places').columns(['level', 'code']).execute();

      await db.schema
        .createTable('households')
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('grid_code', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('head_name', 'text')
        .addPrimaryKeyConstraint('households_pk', ['county_code', 'id'])
        .execute();

      await db.schema
        .createTable('residents')
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('id', 'integer', (c) => c.notNull())
        .addColumn('id_number', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('sex', 'text', (c) => c.notNull())
        .addColumn('birth_date', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('household_id', 'text')
        .addColumn('grid_code', 'text', (c) => c.notNull())
        .addColumn('registered_area_code', 'text', (c) => c.notNull())
        .addColumn('limited_mobility', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('remote', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('residents_pk', ['county_code', 'id'])
        .addUniqueConstraint('residents_id_number', ['county_code', 'id_number'])
        .execute();
      // Status rides along so counting a place's active residents never leaves the index.
      await db.schema
        .createIndex('residents_grid')
        .on('residents')
        .columns(['county_code', 'grid_code', 'status'])
        .execute();
      await db.schema
        .createIndex('residents_household')
        .on('residents')
        .columns(['county_code', 'household_id'])
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', serial, (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('user_places')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('place_code', 'text', (c) => c.notNull().references('places.code'))
        .addPrimaryKeyConstraint('user_places_pk', ['user_id', 'place_code'])
        .execute();

      await db.schema
        .createTable('campaigns')
        .addColumn('id', serial, (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('place_code', 'text', (c) => c.notNull().references('places.code'))
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('min_age', 'integer', (c) => c.notNull())
        .addColumn('max_age', 'integer')
        .addColumn('age_as_of', 'text', (c) => c.notNull())
        .addColumn('start_date', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('task_allocations')
        .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
        .addColumn('place_code', 'text', (c) => c.notNull().references('places.code'))
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('set_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('task_allocations_pk', ['campaign_id', 'place_code'])
        .execute();

      await db.schema
        .createTable('screening_visits')
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('health_code', 'text')
        .addColumn('follow_up_date', 'text')
        .addColumn('until_date', 'text')
        .addColumn('booked_date', 'text')
        .addColumn('site', 'text')
        .addColumn('place_text', 'text')
        .addColumn('reason', 'text')
        .addColumn('verified', 'integer')
        .addColumn('product', 'text')
        .addColumn('contraindication', 'text')
        .addColumn('details', 'text')
        .addColumn('recorded_by', 'integer')
        .addColumn('device_id', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('screening_visits_pk', ['county_code', 'id'])
        .addForeignKeyConstraint('screening_visits_resident', ['county_code', 'resident_id'], 'residents', [
          'county_code',
          'id',
        ])
        .execute();
      await db.schema
        .createIndex('screening_visits_resident_at')
        .on('screening_visits')
        .columns(['county_code', 'resident_id', 'at'])
        .execute();

      await db.schema
        .createTable('dose_records')
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'integer', (c) => c.notNull())
        .addColumn('product', 'text', (c) => c.notNull())
        .addColumn('lot', 'text')
        .addColumn('dose_number', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('site', 'text')
        .addColumn('vaccinator', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('override_reason', 'text')
        .addColumn('recorded_by', 'integer')
        .addColumn('device_id', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dose_records_pk', ['county_code', 'id'])
        .addUniqueConstraint('dose_records_resident_dose', ['county_code', 'resident_id', 'dose_number'])
        .addForeignKeyConstraint('dose_records_resident', ['county_code', 'resident_id'], 'residents', [
          'county_code',
          'id',
        ])
        .execute();
      await db.schema
        .createIndex('dose_records_at')
        .on('dose_records')
        .columns(['county_code', 'at'])
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', serial, (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('detail', 'text')
        .addColumn('origin', 'text')
        .execute();
      await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
