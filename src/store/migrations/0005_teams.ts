import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Teams (攻坚队 and the others), their members, leads, villages and quotas; the cadre answerable for each unit (包保责任人); residents' employer and sector (行业监管).
 */
export function teams(dialect: DialectName) {
  return {
    // Migrations must not depend on today's Database type, which later migrations change.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
      const idColumn = (c: ColumnDefinitionBuilder) =>
        dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();

      await db.schema
        .createTable('teams')
        .addColumn('id', serial, idColumn)
        .addColumn('county_code', 'text', (c) => c.notNull())
        .addColumn('place_code', 'text', (c) => c.notNull().references('places.code'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('quota', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // One name per place: two 第一攻坚队 in one township could not be told apart on the phone.
      await db.schema
        .createIndex('teams_place_name')
        .on('teams')
        .columns(['place_code', 'name'])
        .unique()
        .execute();

      await db.schema
        .createTable('team_members')
        .addColumn('id', serial, idColumn)
        .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer', (c) => c.references('users.id'))
        .addColumn('lead', 'text')
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addColumn('removed_at', 'text')
        .execute();
      await db.schema.createIndex('team_members_team').on('team_members').column('team_id').execute();
      // Each lead held by one member at most; a member without a lead is null, and nulls never collide.
      await db.schema
        .createIndex('team_members_lead')
        .on('team_members')
        .columns(['team_id', 'lead'])
        .unique()
        .execute();

      await db.schema
        .createTable('team_villages')
        .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
        .addColumn('village_code', 'text', (c) => c.notNull().references('places.code'))
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('team_villages_pk', ['team_id', 'village_code'])
        .execute();
      await db.schema
        .createIndex('team_villages_village')
        .on('team_villages')
        .column('village_code')
        .execute();

      await db.schema
        .createTable('answerable_cadres')
        .addColumn('place_code', 'text', (c) => c.primaryKey().references('places.code'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('phone', 'text')
        .addColumn('cadre_level', 'text', (c) => c.notNull())
        .addColumn('assigned_at', 'text', (c) => c.notNull())
        .addColumn('assigned_by', 'text', (c) => c.notNull())
        .execute();

      // Nullable, no default: instant on a register of a million on either engine. SQLite adds
      // one column per ALTER TABLE.
      for (const column of ['employer', 'sector', 'public_role']) {
        await db.schema.alterTable('residents').addColumn(column, 'text').execute();
      }
      // Only the few residents with a sector are indexed: a regulator's progress reads them alone.
      await db.schema
        .createIndex('residents_sector')
        .on('residents')
        .columns(['county_code', 'sector', 'grid_code'])
        .where(sql.ref('sector'), 'is not', null)
        .execute();
    },
  };
}
