/**
 * The tables of migration 0005_teams, as Kysely sees them (joined into `Database` in ../schema.ts).
 * Teams (攻坚队 and the others), their members, leads, villages and quotas; the cadre answerable for each unit (包保责任人); residents' employer and sector (行业监管).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TeamsTables {}
