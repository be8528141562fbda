/**
 * The tables of migration 0009_dispatch, as Kysely sees them (joined into `Database` in ../schema.ts).
 * Dispatch orders (调度令) from the county to units, their acknowledgements and completion reports; village notices (loudspeaker schedules).
 */
import type { Generated } from 'kysely';

export interface DispatchOrdersTable {
  id: Generated<number>;
  county_code: string;
  /** The unit that issued it; every target lies under it. */
  issuer_code: string;
  title: string;
  /** The order's text as issued. */
  body: string;
  /** Instants, ISO-8601 UTC. */
  issued_at: string;
  deadline: string;
  campaign_id: number | null;
  /** Who issued it (the signed-in user's display name, or the CLI's operator). */
  issued_by: string;
}

/** One unit an order goes to, and how it answered: acknowledged (签收), then completed with a note. */
export interface DispatchOrderTargetsTable {
  order_id: number;
  /** A township (9 digits) or village (12). */
  place_code: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  completed_at: string | null;
  completed_by: string | null;
  completion_note: string | null;
}

/** A village's notice text as edited for a day; without one, the generated text stands. */
export interface VillageNoticeEditsTable {
  village_code: string;
  date: string;
  text_zh: string;
  text_en: string | null;
  edited_at: string;
  edited_by: string;
}

/** One broadcast of a village's loudspeaker (村村响) schedule: a time of day and its message. */
export interface LoudspeakerSlotsTable {
  village_code: string;
  /** 'HH:MM' Asia/Shanghai. */
  time: string;
  message: string;
  set_at: string;
  set_by: string;
}

export interface DispatchTables {
  dispatch_orders: DispatchOrdersTable;
  dispatch_order_targets: DispatchOrderTargetsTable;
  village_notice_edits: VillageNoticeEditsTable;
  loudspeaker_slots: LoudspeakerSlotsTable;
}
