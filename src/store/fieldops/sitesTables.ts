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

export interface SitesTables {
  sites: SitesTable;
}
