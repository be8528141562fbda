/**
 * The tables of migration 0007_transport, as Kysely sees them (joined into `Database` in ../schema.ts).
 * Transport for residents who need a ride (上门接送): drivers, vehicles, requests, trips.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TransportTables {}
