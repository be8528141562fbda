/**
 * The tables of migration 0006_sites, as Kysely sees them (joined into `Database` in ../schema.ts).
 * Vaccination sites with hours and daily capacity, bookings per village and day (按村组排班), vaccine stock by product and lot, and each site's comfort and supply checklist.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SitesTables {}
