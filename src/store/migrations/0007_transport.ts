import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Transport for residents who need a ride (上门接送): drivers, vehicles, requests, trips, and
 * each request's moves (who marked it picked up, vaccinated, returned or cancelled, when, why).
 *
 * Drivers and vehicles belong to a township (or a village under it: a village volunteer with a
 * car); a trip takes one vehicle, one window and one site. A request is person-level, so it
 * carries the resident's county_code and grid_code (the grid is its scope: who may see it).
 */
export function transport(dialect: DialectName) {
  return {
    // Migrations must not depend on today's Database type, which later migrations change.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
      const idColumn = (c: ColumnDefinitionBuilder) =>
        dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();

      await db.schema
        .createTable('transport_drivers')
        .addColumn('id', serial, idColumn)
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('township_code', 'text', (c) => c.notNull())
        .addColumn('place_code', 'text', (c) => c.notNull().references('places.code'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        // The gridvax account (role driver) that signs in as this driver, if any.
        .addColumn('user_id', 'integer', (c) => c.references('users.id'))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('transport_drivers_township')
        .on('transport_drivers')
        .columns(['township_code', 'id'])
        .execute();
      // One driver per account (NULLs are distinct on both engines: many drivers without one).
      await db.schema
        .createIndex('transport_drivers_user')
        .on('transport_drivers')
        .column('user_id')
        .unique()
        .execute();

      await db.schema
        .createTable('transport_vehicles')
        .addColumn('id', serial, idColumn)
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('township_code', 'text', (c) => c.notNull())
        .addColumn('place_code', 'text', (c) => c.notNull().references('places.code'))
        .addColumn('plate', 'text', (c) => c.notNull())
        // Seats for riders, the driver's not counted.
        .addColumn('seats', 'integer', (c) => c.notNull())
        .addColumn('accessible', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('transport_vehicles_plate')
        .on('transport_vehicles')
        .columns(['county_code', 'plate'])
        .unique()
        .execute();
      await db.schema
        .createIndex('transport_vehicles_township')
        .on('transport_vehicles')
        .columns(['township_code', 'id'])
        .execute();

      await db.schema
        .createTable('transport_trips')
        .addColumn('id', serial, idColumn)
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('township_code', 'text', (c) => c.notNull())
        // The village it was made for (its first riders'): who may see and fill it.
        .addColumn('village_code', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('window_from', 'text', (c) => c.notNull())
        .addColumn('window_to', 'text', (c) => c.notNull())
        .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
        .addColumn('vehicle_id', 'integer', (c) => c.notNull().references('transport_vehicles.id'))
        .addColumn('driver_id', 'integer', (c) => c.references('transport_drivers.id'))
        // The vehicle's seats when the trip was made, and the seats its riders take: a rider is
        // added by a conditional update (seats_used + n <= seats), so two dispatchers cannot
        // both take the last seat on either engine.
        .addColumn('seats', 'integer', (c) => c.notNull())
        .addColumn('seats_used', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('transport_trips_township_day')
        .on('transport_trips')
        .columns(['township_code', 'day'])
        .execute();
      await db.schema
        .createIndex('transport_trips_vehicle_day')
        .on('transport_trips')
        .columns(['vehicle_id', 'day'])
        .execute();
      await db.schema
        .createIndex('transport_trips_driver_day')
        .on('transport_trips')
        .columns(['driver_id', 'day'])
        .execute();

      await db.schema
        .createTable('transport_requests')
        .addColumn('id', serial, idColumn)
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'integer', (c) => c.notNull())
        .addColumn('grid_code', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'integer')
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('window_from', 'text', (c) => c.notNull())
        .addColumn('window_to', 'text', (c) => c.notNull())
        .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
        .addColumn('pick_up', 'text', (c) => c.notNull())
        .addColumn('wheelchair', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('companion', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('note', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('trip_id', 'integer', (c) => c.references('transport_trips.id'))
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_by_user', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('picked_up_at', 'text')
        .addColumn('vaccinated_at', 'text')
        .addColumn('returned_at', 'text')
        .addColumn('cancelled_at', 'text')
        .addColumn('status_reason', 'text')
        .addForeignKeyConstraint('transport_requests_resident', ['county_code', 'resident_id'], 'residents', [
          'county_code',
          'id',
        ])
        .execute();
      // One live request per resident and day; a cancelled one does not stand in the way of a new one.
      await db.schema
        .createIndex('transport_requests_live')
        .on('transport_requests')
        .columns(['county_code', 'resident_id', 'day'])
        .unique()
        .where(sql<boolean>`status <> 'cancelled'`)
        .execute();
      await db.schema
        .createIndex('transport_requests_resident')
        .on('transport_requests')
        .columns(['county_code', 'resident_id', 'day'])
        .execute();
      await db.schema
        .createIndex('transport_requests_day_grid')
        .on('transport_requests')
        .columns(['day', 'grid_code'])
        .execute();
      await db.schema
        .createIndex('transport_requests_trip')
        .on('transport_requests')
        .column('trip_id')
        .execute();

      await db.schema
        .createTable('transport_request_moves')
        .addColumn('id', serial, idColumn)
        .addColumn('request_id', 'integer', (c) => c.notNull().references('transport_requests.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('by_name', 'text', (c) => c.notNull())
        .addColumn('by_user', 'integer')
        .addColumn('trip_id', 'integer')
        .addColumn('reason', 'text')
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('transport_request_moves_request')
        .on('transport_request_moves')
        .columns(['request_id', 'id'])
        .execute();
    },
  };
}
