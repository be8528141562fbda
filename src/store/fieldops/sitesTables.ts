/**
 * The tables of migration 0006_sites, as Kysely sees them (joined into `Database` in ../schema.ts).
 * Vaccination sites with hours and daily capacity, bookings per village and day (按村组排班),
 * vaccine stock by product and lot, and each site's comfort and supply checklist.
 */
import type { Generated } from 'kysely';

export interface SitesTable {
  id: Generated<number>;
  county_code: string;
  /** The township the site serves (9 digits). */
  township_code: string;
  name: string;
  /** `health-centre` (乡镇卫生院) or `temporary` (临时接种点). */
  kind: 'health-centre' | 'temporary';
  address: string;
  /** Opening hours, `HH:MM` Asia/Shanghai. */
  opens: string;
  closes: string;
  /** Doses the site can give in a day (its staff, tables and observation room). */
  daily_capacity: number;
  active: number;
  created_at: string;
}

/** 按村组排班: the people a village plans to bring to a site on a day. */
export interface SiteBookingsTable {
  site_id: number;
  /** 12 digits, a village of the site's township. */
  village_code: string;
  day: string;
  planned: number;
  /** Who set the current figure, and when (earlier figures are in the audit log). */
  created_by: string;
  created_at: string;
}

/** Vaccine received, given or wasted at a site on a day, by product and lot. */
export interface SiteStockMovementsTable {
  id: Generated<number>;
  site_id: number;
  day: string;
  /** A PRODUCT_CODES code. */
  product: string;
  lot: string;
  kind: 'received' | 'given' | 'wasted';
  vials: number;
  doses: number;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

/** The day's comfort and supply checklist of a site: one row per item (src/domain/sitesChecklist.ts). */
export interface SiteChecklistTable {
  site_id: number;
  day: string;
  item: string;
  ok: number;
  note: string | null;
  checked_by: string;
  checked_at: string;
}

export interface SitesTables {
  sites: SitesTable;
  site_bookings: SiteBookingsTable;
  site_stock_movements: SiteStockMovementsTable;
  site_checklist: SiteChecklistTable;
}
