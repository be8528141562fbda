/**
 * The tables of migration 0008_site_screening, as Kysely sees them (joined into `Database` in ../schema.ts).
 * Check-in and screening at the site: temperature, health code, blood pressure, the guideline's contraindication questions, the doctor's decision, observation, AEFI reports.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SiteScreeningTables {}
