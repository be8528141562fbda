import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Dispatch orders (调度令) from the county to units, their acknowledgements and completion reports; village notices (loudspeaker schedules).
 *
 * An order and its targets are two tables so that each unit answers for itself: a township
 * acknowledges (签收) and reports completion on its own row, and the county sees every row.
 * A village's notice text is generated from its state each day; only an edit is stored
 * (village_notice_edits), as are the loudspeaker (村村响) schedules a village sets.
 */
export function dispatch(dialect: DialectName) {
  return {
    // Migrations must not depend on today's Database type, which later migrations change.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async up(db: Kysely<any>): Promise<void> {
      const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
      const idColumn = (c: ColumnDefinitionBuilder) =>
        dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();

      await db.schema
        .createTable('dispatch_orders')
        .addColumn('id', serial, idColumn)
        .addColumn('county_code', 'text', (c) => c.notNull())
        // The unit that issued it (the county command): its targets lie under it.
        .addColumn('issuer_code', 'text', (c) => c.notNull().references('places.code'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('deadline', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id'))
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('dispatch_orders_issued')
        .on('dispatch_orders')
        .columns(['county_code', 'issued_at'])
        .execute();

      await db.schema
        .createTable('dispatch_order_targets')
        .addColumn('order_id', 'integer', (c) => c.notNull().references('dispatch_orders.id'))
        .addColumn('place_code', 'text', (c) => c.notNull().references('places.code'))
        .addColumn('acknowledged_at', 'text')
        .addColumn('acknowledged_by', 'text')
        .addColumn('completed_at', 'text')
        .addColumn('completed_by', 'text')
        .addColumn('completion_note', 'text')
        .addPrimaryKeyConstraint('dispatch_order_targets_pk', ['order_id', 'place_code'])
        .execute();
      // A unit's view of its orders: a range scan on the target's code.
      await db.schema
        .createIndex('dispatch_order_targets_place')
        .on('dispatch_order_targets')
        .columns(['place_code', 'order_id'])
        .execute();

      await db.schema
        .createTable('village_notice_edits')
        .addColumn('village_code', 'text', (c) => c.notNull().references('places.code'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('text_zh', 'text', (c) => c.notNull())
        .addColumn('text_en', 'text')
        .addColumn('edited_at', 'text', (c) => c.notNull())
        .addColumn('edited_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('village_notice_edits_pk', ['village_code', 'date'])
        .execute();

      await db.schema
        .createTable('loudspeaker_slots')
        .addColumn('village_code', 'text', (c) => c.notNull().references('places.code'))
        // 'HH:MM' Asia/Shanghai: a village's broadcast times repeat every day.
        .addColumn('time', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('set_at', 'text', (c) => c.notNull())
        .addColumn('set_by', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('loudspeaker_slots_pk', ['village_code', 'time'])
        .execute();
    },
  };
}
