/**
 * The tables of migration 0009_dispatch, as Kysely sees them (joined into `Database` in ../schema.ts).
 * Dispatch orders (调度令) from the county to units, their acknowledgements and completion reports; village notices (loudspeaker schedules).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DispatchTables {}
