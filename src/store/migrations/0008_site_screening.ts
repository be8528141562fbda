import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Check-in and screening at the site: temperature, health code, blood pressure, the guideline's
 * contraindication questions, the doctor's decision, observation, AEFI reports.
 *
 * A check-in is one resident's pass through a site on a day, its steps filled in order (the
 * decision, the dose, the end of observation); the screenings of a check-in are appended (a
 * temperature taken again after a rest in the shade is a second screening, and the first stays).
 * Person-level rows lead their keys with county_code, like the engine's.
 */
export function siteScreening(dialect: DialectName) {
  return {
    // Migrations must not depend on today's Database type, which later migrations change.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
      const idColumn = (c: ColumnDefinitionBuilder) =>
        dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();

      await db.schema
        .createTable('site_checkins')
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'integer', (c) => c.notNull())
        // Where the resident lived at check-in: the unit the check-in is listed under.
        .addColumn('grid_code', 'text', (c) => c.notNull())
        .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('checked_in_by', 'text', (c) => c.notNull())
        .addColumn('decision', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('until_date', 'text')
        .addColumn('contraindication', 'text')
        .addColumn('decision_note', 'text')
        .addColumn('against_suggestion', 'integer')
        .addColumn('screening_id', 'integer')
        .addColumn('visit_id', 'text')
        .addColumn('dose_id', 'text')
        .addColumn('observation_ends_at', 'text')
        .addColumn('observation_ended_at', 'text')
        .addColumn('observation_outcome', 'text')
        .addColumn('observation_note', 'text')
        .addPrimaryKeyConstraint('site_checkins_pk', ['county_code', 'id'])
        .addForeignKeyConstraint('site_checkins_resident', ['county_code', 'resident_id'], 'residents', [
          'county_code',
          'id',
        ])
        .execute();
      // The dose guard (recordDose.ts): a resident's latest decision of a day, one index seek.
      await db.schema
        .createIndex('site_checkins_resident_day')
        .on('site_checkins')
        .columns(['county_code', 'resident_id', 'day', 'decided_at'])
        .execute();
      await db.schema.createIndex('site_checkins_id').on('site_checkins').column('id').execute();
      await db.schema
        .createIndex('site_checkins_site_day')
        .on('site_checkins')
        .columns(['site_id', 'day', 'at'])
        .execute();
      await db.schema
        .createIndex('site_checkins_day_grid')
        .on('site_checkins')
        .columns(['day', 'grid_code'])
        .execute();

      await db.schema
        .createTable('site_screenings')
        .addColumn('id', serial, idColumn)
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('checkin_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('screened_by', 'text', (c) => c.notNull())
        // Tenths of a degree: exact on both engines (37.3 as a float4 reads back 37.2999…).
        .addColumn('temperature_tenths', 'integer', (c) => c.notNull())
        .addColumn('health_code', 'text', (c) => c.notNull())
        .addColumn('systolic', 'integer')
        .addColumn('diastolic', 'integer')
        // JSON: {contraindication code: true|false} for the five questions.
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('suggestion', 'text', (c) => c.notNull())
        // JSON: the flag codes found, most cautious first.
        .addColumn('flags', 'text', (c) => c.notNull())
        .addForeignKeyConstraint('site_screenings_checkin', ['county_code', 'checkin_id'], 'site_checkins', [
          'county_code',
          'id',
        ])
        .execute();
      await db.schema
        .createIndex('site_screenings_checkin')
        .on('site_screenings')
        .columns(['county_code', 'checkin_id', 'id'])
        .execute();

      await db.schema
        .createTable('aefi_reports')
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('resident_id', 'integer', (c) => c.notNull())
        .addColumn('grid_code', 'text', (c) => c.notNull())
        .addColumn('dose_id', 'text', (c) => c.notNull())
        // The check-in and site of the dose, when it was given at a site through a check-in.
        .addColumn('checkin_id', 'text')
        .addColumn('site_id', 'integer', (c) => c.references('sites.id'))
        .addColumn('what', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('onset_at', 'text', (c) => c.notNull())
        // The Asia/Shanghai day of the onset: lists go by day.
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('reported_at', 'text', (c) => c.notNull())
        .addColumn('reported_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('aefi_reports_pk', ['county_code', 'id'])
        .addForeignKeyConstraint('aefi_reports_dose', ['county_code', 'dose_id'], 'dose_records', [
          'county_code',
          'id',
        ])
        .execute();
      await db.schema
        .createIndex('aefi_reports_site_day')
        .on('aefi_reports')
        .columns(['site_id', 'day'])
        .execute();
      await db.schema
        .createIndex('aefi_reports_day_grid')
        .on('aefi_reports')
        .columns(['day', 'grid_code'])
        .execute();
    },
  };
}
