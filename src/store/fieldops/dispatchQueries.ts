/**
 * The reads and writes behind dispatch orders (调度令) and village notices. A unit's orders are a
 * range scan on the targets' place codes (dispatch_order_targets_place), as everything under a
 * place is (../codeRange.ts).
 */
import type { Kysely, Selectable } from 'kysely';
import type { BroadcastSlot } from '../../domain/villageNotice.js';
import { codeRange } from '../codeRange.js';
import type { Database } from '../schema.js';
import type {
  DispatchOrdersTable,
  DispatchOrderTargetsTable,
  VillageNoticeEditsTable,
} from './dispatchTables.js';

export type OrderRow = Selectable<DispatchOrdersTable>;
export type OrderTargetRow = Selectable<DispatchOrderTargetsTable>;
export type NoticeEditRow = Selectable<VillageNoticeEditsTable>;

/** An order and its targets, in the caller's transaction: both land or neither. */
export async function insertOrder(
  db: Kysely<Database>,
  order: Omit<OrderRow, 'id'>,
  targets: readonly string[],
): Promise<number> {
  const { id } = await db
    .insertInto('dispatch_orders')
    .values(order)
    .returning('id')
    .executeTakeFirstOrThrow();
  const orderId = Number(id);
  await db
    .insertInto('dispatch_order_targets')
    .values(
      targets.map((place_code) => ({
        order_id: orderId,
        place_code,
        acknowledged_at: null,
        acknowledged_by: null,
        completed_at: null,
        completed_by: null,
        completion_note: null,
      })),
    )
    .execute();
  return orderId;
}

export async function orderById(db: Kysely<Database>, id: number): Promise<OrderRow | undefined> {
  return db.selectFrom('dispatch_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The targets of these orders, by order then code. */
export async function targetsOf(
  db: Kysely<Database>,
  orderIds: readonly number[],
): Promise<OrderTargetRow[]> {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom('dispatch_order_targets')
    .selectAll()
    .where('order_id', 'in', [...orderIds])
    .orderBy('order_id')
    .orderBy('place_code')
    .execute();
}

/** The orders with a target at or under a place, newest first. */
export async function ordersUnder(
  db: Kysely<Database>,
  placeCode: string,
  limit: number,
): Promise<OrderRow[]> {
  const { low, high } = codeRange(placeCode);
  return db
    .selectFrom('dispatch_orders')
    .selectAll()
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('dispatch_order_targets')
        .select('order_id')
        .where('place_code', '>=', low)
        .where('place_code', '<', high),
    )
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Records the acknowledgement (签收) unless there is one; true when this call recorded it. */
export async function acknowledgeTarget(
  db: Kysely<Database>,
  orderId: number,
  place: string,
  at: string,
  by: string,
): Promise<boolean> {
  const r = await db
    .updateTable('dispatch_order_targets')
    .set({ acknowledged_at: at, acknowledged_by: by })
    .where('order_id', '=', orderId)
    .where('place_code', '=', place)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Records the completion (and the acknowledgement it implies, if none); false if already completed. */
export async function completeTarget(
  db: Kysely<Database>,
  orderId: number,
  place: string,
  at: string,
  by: string,
  note: string,
): Promise<boolean> {
  await db
    .updateTable('dispatch_order_targets')
    .set({ acknowledged_at: at, acknowledged_by: by })
    .where('order_id', '=', orderId)
    .where('place_code', '=', place)
    .where('acknowledged_at', 'is', null)
    .where('completed_at', 'is', null)
    .execute();
  const r = await db
    .updateTable('dispatch_order_targets')
    .set({ completed_at: at, completed_by: by, completion_note: note })
    .where('order_id', '=', orderId)
    .where('place_code', '=', place)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function targetRow(
  db: Kysely<Database>,
  orderId: number,
  place: string,
): Promise<OrderTargetRow | undefined> {
  return db
    .selectFrom('dispatch_order_targets')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('place_code', '=', place)
    .executeTakeFirst();
}

/** An order's target under a place, with the order it belongs to: what a daily report counts. */
export interface ReportTargetRow {
  order_id: number;
  title: string;
  issued_at: string;
  deadline: string;
  place_code: string;
  acknowledged_at: string | null;
  completed_at: string | null;
}

/**
 * The targets at or under a place of the orders issued by the cut-off that belong to the campaign
 * or to none (an order about the drive in general is the drive's too).
 */
export async function reportTargets(
  db: Kysely<Database>,
  placeCode: string,
  campaignId: number,
  cutoff: string,
): Promise<ReportTargetRow[]> {
  const { low, high } = codeRange(placeCode);
  const rows = await db
    .selectFrom('dispatch_order_targets as t')
    .innerJoin('dispatch_orders as o', 'o.id', 't.order_id')
    .select([
      't.order_id',
      'o.title',
      'o.issued_at',
      'o.deadline',
      't.place_code',
      't.acknowledged_at',
      't.completed_at',
    ])
    .where('t.place_code', '>=', low)
    .where('t.place_code', '<', high)
    .where('o.issued_at', '<=', cutoff)
    .where((eb) => eb.or([eb('o.campaign_id', 'is', null), eb('o.campaign_id', '=', campaignId)]))
    .orderBy('o.deadline')
    .orderBy('t.order_id')
    .orderBy('t.place_code')
    .execute();
  return rows.map((r) => ({ ...r, order_id: Number(r.order_id) }));
}

/** Names of places by code (official and short), for the units an answer names. */
export async function placeNames(
  db: Kysely<Database>,
  codes: readonly string[],
): Promise<Map<string, { name: string; shortName: string; level: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('places')
    .select(['code', 'name', 'short_name', 'level'])
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, { name: r.name, shortName: r.short_name, level: r.level }]));
}

// ---------------------------------------------------------------------------------------------
// Village notices

export async function findNoticeEdit(
  db: Kysely<Database>,
  village: string,
  date: string,
): Promise<NoticeEditRow | undefined> {
  return db
    .selectFrom('village_notice_edits')
    .selectAll()
    .where('village_code', '=', village)
    .where('date', '=', date)
    .executeTakeFirst();
}

export async function saveNoticeEdit(db: Kysely<Database>, row: NoticeEditRow): Promise<void> {
  await db
    .insertInto('village_notice_edits')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['village_code', 'date']).doUpdateSet({
        text_zh: row.text_zh,
        text_en: row.text_en,
        edited_at: row.edited_at,
        edited_by: row.edited_by,
      }),
    )
    .execute();
}

/** Drops a day's edit; true if there was one. */
export async function deleteNoticeEdit(
  db: Kysely<Database>,
  village: string,
  date: string,
): Promise<boolean> {
  const r = await db
    .deleteFrom('village_notice_edits')
    .where('village_code', '=', village)
    .where('date', '=', date)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The active sites of a township, as a notice names them. */
export async function townshipSites(
  db: Kysely<Database>,
  township: string,
): Promise<{ name: string; address: string; opens: string; closes: string }[]> {
  return db
    .selectFrom('sites')
    .select(['name', 'address', 'opens', 'closes'])
    .where('township_code', '=', township)
    .where('active', '=', 1)
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

export interface SlotRow extends BroadcastSlot {
  set_at: string;
  set_by: string;
}

export async function loudspeakerSlots(db: Kysely<Database>, village: string): Promise<SlotRow[]> {
  return db
    .selectFrom('loudspeaker_slots')
    .select(['time', 'message', 'set_at', 'set_by'])
    .where('village_code', '=', village)
    .orderBy('time')
    .execute();
}

/** Replaces a village's schedule, in the caller's transaction: the old one goes as the new one lands. */
export async function replaceLoudspeakerSlots(
  db: Kysely<Database>,
  village: string,
  slots: readonly BroadcastSlot[],
  at: string,
  by: string,
): Promise<void> {
  await db.deleteFrom('loudspeaker_slots').where('village_code', '=', village).execute();
  await db
    .insertInto('loudspeaker_slots')
    .values(
      slots.map((s) => ({ village_code: village, time: s.time, message: s.message, set_at: at, set_by: by })),
    )
    .execute();
}

export interface LeaderRow {
  name: string;
  public_role: string | null;
  grid_code: string;
  first_dose_at: string | null;
  done_on: string | null;
}

/**
 * The cadres, party members and public servants of a village who are done in the campaign, with
 * when their first dose was given. Only what the public list shows is read: no ID number, no phone.
 */
export async function villageLeaders(
  db: Kysely<Database>,
  campaignId: number,
  village: string,
  roles: readonly ('cadre' | 'party-member' | 'public-servant')[],
): Promise<LeaderRow[]> {
  const { low, high } = codeRange(village);
  const rows = await db
    .selectFrom('campaign_residents as cr')
    .innerJoin('residents as r', (j) =>
      j.onRef('r.county_code', '=', 'cr.county_code').onRef('r.id', '=', 'cr.resident_id'),
    )
    .select((eb) => [
      'r.name',
      'r.public_role',
      'r.grid_code',
      'cr.done_on',
      eb
        .selectFrom('dose_records as d')
        .select((e) => e.fn.min<string>('d.at').as('at'))
        .whereRef('d.county_code', '=', 'r.county_code')
        .whereRef('d.resident_id', '=', 'r.id')
        .where('d.dose_number', '=', 1)
        .as('first_dose_at'),
    ])
    .where('cr.campaign_id', '=', campaignId)
    .where('cr.grid_code', '>=', low)
    .where('cr.grid_code', '<', high)
    .where('cr.status', '=', 'done')
    .where('r.status', '=', 'active')
    .where('r.public_role', 'in', [...roles])
    .orderBy('r.grid_code')
    .orderBy('r.id')
    .execute();
  return rows;
}
