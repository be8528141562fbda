/**
 * The reads and writes behind teams (攻坚队 …): a team, its members and villages, the teams at a
 * place, and the doses per day in a team's villages (campaign_grid_daily, the engine's per grid
 * and day counts: a village is a grid_code range, so a team's days are a few range scans).
 */
import type { Kysely, Selectable } from 'kysely';
import type { CalendarDate } from '../../domain/calendar.js';
import type { LeadRole } from '../../domain/teams.js';
import { codeRange } from '../codeRange.js';
import { namedStatusesUnder, onLedgerToday, type NamedStatusRow } from '../ledgerQueries.js';
import type { Database } from '../schema.js';
import type { TeamMembersTable, TeamsTable, TeamVillagesTable } from './teamsTables.js';

export type TeamRow = Selectable<TeamsTable>;
export type TeamMemberRow = Selectable<TeamMembersTable>;
export type TeamVillageRow = Selectable<TeamVillagesTable> & { name: string };

export async function findTeam(db: Kysely<Database>, id: number): Promise<TeamRow | undefined> {
  const row = await db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { ...row, id: Number(row.id) };
}

export async function teamByName(
  db: Kysely<Database>,
  place: string,
  name: string,
): Promise<TeamRow | undefined> {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('place_code', '=', place)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertTeam(db: Kysely<Database>, row: Omit<TeamRow, 'id'>): Promise<number> {
  const r = await db.insertInto('teams').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateTeamQuota(
  db: Kysely<Database>,
  id: number,
  quota: number | null,
  at: string,
): Promise<void> {
  await db.updateTable('teams').set({ quota, updated_at: at }).where('id', '=', id).execute();
}

/** The team's members on it now, leads first (dispatcher, site commander, leader), then by id. */
export async function activeMembers(db: Kysely<Database>, teamId: number): Promise<TeamMemberRow[]> {
  const rows = await db
    .selectFrom('team_members')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();
  const rank = (l: LeadRole | null): number =>
    l === 'dispatcher' ? 0 : l === 'site-commander' ? 1 : l === 'leader' ? 2 : 3;
  return rows
    .map((r) => ({ ...r, id: Number(r.id), team_id: Number(r.team_id) }))
    .sort((a, b) => rank(a.lead) - rank(b.lead) || a.id - b.id);
}

export async function insertMembers(
  db: Kysely<Database>,
  rows: readonly Omit<TeamMemberRow, 'id'>[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const ids = await db.insertInto('team_members').values(rows).returning('id').execute();
  return ids.map((r) => Number(r.id));
}

export async function findMember(
  db: Kysely<Database>,
  teamId: number,
  memberId: number,
): Promise<TeamMemberRow | undefined> {
  const row = await db
    .selectFrom('team_members')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('id', '=', memberId)
    .executeTakeFirst();
  return row && { ...row, id: Number(row.id), team_id: Number(row.team_id) };
}

/** Takes a member off the team; the row stays, without its lead (which another may now hold). */
export async function removeMemberRow(db: Kysely<Database>, memberId: number, at: string): Promise<void> {
  await db
    .updateTable('team_members')
    .set({ removed_at: at, lead: null })
    .where('id', '=', memberId)
    .execute();
}

/** The team's villages, by code, with their names. */
export async function teamVillages(db: Kysely<Database>, teamId: number): Promise<TeamVillageRow[]> {
  const rows = await db
    .selectFrom('team_villages')
    .innerJoin('places', 'places.code', 'team_villages.village_code')
    .select([
      'team_villages.team_id',
      'team_villages.village_code',
      'team_villages.sent_at',
      'places.short_name as name',
    ])
    .where('team_villages.team_id', '=', teamId)
    .orderBy('team_villages.village_code')
    .execute();
  return rows.map((r) => ({ ...r, team_id: Number(r.team_id) }));
}

/**
 * Sends the team to exactly these villages: villages it keeps keep the day they were sent on,
 * new ones are sent `at`, the rest are recalled.
 */
export async function replaceVillages(
  db: Kysely<Database>,
  teamId: number,
  villages: readonly string[],
  at: string,
): Promise<void> {
  const kept = new Set(
    (await db.selectFrom('team_villages').select('village_code').where('team_id', '=', teamId).execute()).map(
      (r) => r.village_code,
    ),
  );
  const recalled = [...kept].filter((v) => !villages.includes(v));
  if (recalled.length > 0) {
    await db
      .deleteFrom('team_villages')
      .where('team_id', '=', teamId)
      .where('village_code', 'in', recalled)
      .execute();
  }
  const added = villages.filter((v) => !kept.has(v));
  if (added.length > 0) {
    await db
      .insertInto('team_villages')
      .values(added.map((village_code) => ({ team_id: teamId, village_code, sent_at: at })))
      .execute();
  }
}

/**
 * Teams at a place: those belonging to it or to a place under it, and those sent to a village
 * under it (a township's team in one of a village's lists, a county team in a township's).
 */
export async function teamsAt(db: Kysely<Database>, place: string): Promise<TeamRow[]> {
  const { low, high } = codeRange(place);
  const rows = await db
    .selectFrom('teams')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('place_code', '>=', low), eb('place_code', '<', high)]),
        eb(
          'id',
          'in',
          eb
            .selectFrom('team_villages')
            .select('team_id')
            .where('village_code', '>=', low)
            .where('village_code', '<', high),
        ),
      ]),
    )
    .orderBy('place_code')
    .orderBy('kind')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** How many members (on it now) and which villages each of these teams has. */
export async function teamSizes(
  db: Kysely<Database>,
  teamIds: readonly number[],
): Promise<{ members: Map<number, (LeadRole | null)[]>; villages: Map<number, string[]> }> {
  const members = new Map<number, (LeadRole | null)[]>();
  const villages = new Map<number, string[]>();
  for (let i = 0; i < teamIds.length; i += 500) {
    const ids = teamIds.slice(i, i + 500);
    const [m, v] = await Promise.all([
      db
        .selectFrom('team_members')
        .select(['team_id', 'lead'])
        .where('team_id', 'in', ids)
        .where('removed_at', 'is', null)
        .execute(),
      db
        .selectFrom('team_villages')
        .select(['team_id', 'village_code'])
        .where('team_id', 'in', ids)
        .orderBy('village_code')
        .execute(),
    ]);
    for (const r of m) members.set(Number(r.team_id), [...(members.get(Number(r.team_id)) ?? []), r.lead]);
    for (const r of v)
      villages.set(Number(r.team_id), [...(villages.get(Number(r.team_id)) ?? []), r.village_code]);
  }
  return { members, villages };
}

/** Doses that reached the campaign's target per day in these villages, from `from` to `to`. */
export async function doneByDayIn(
  db: Kysely<Database>,
  campaignId: number,
  villages: readonly string[],
  from: CalendarDate,
  to: CalendarDate,
): Promise<Map<CalendarDate, number>> {
  const out = new Map<CalendarDate, number>();
  for (const village of villages) {
    const { low, high } = codeRange(village);
    const rows = await db
      .selectFrom('campaign_grid_daily')
      .select(['day', (eb) => eb.fn.sum<number>('done').as('done')])
      .where('campaign_id', '=', campaignId)
      .where('grid_code', '>=', low)
      .where('grid_code', '<', high)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy('day')
      .execute();
    for (const r of rows) out.set(r.day, (out.get(r.day) ?? 0) + Number(r.done));
  }
  return out;
}

/**
 * One page of the close-out ledger (销号台账) of a team's villages: the engine's ledger read
 * (ledgerQueries.ts) restricted to those villages, in its order (grid, household, name).
 */
export async function ledgerPageIn(
  db: Kysely<Database>,
  campaignId: number,
  teamPlace: string,
  villages: readonly string[],
  today: CalendarDate,
  limit: number,
  offset: number,
): Promise<NamedStatusRow[]> {
  if (villages.length === 0) return [];
  return namedStatusesUnder(db, campaignId, teamPlace)
    .where((eb) =>
      eb.or(
        villages.map((v) => {
          const { low, high } = codeRange(v);
          return eb.and([
            eb('campaign_residents.grid_code', '>=', low),
            eb('campaign_residents.grid_code', '<', high),
          ]);
        }),
      ),
    )
    .where(onLedgerToday(today))
    .orderBy('campaign_residents.grid_code')
    .orderBy('residents.household_id')
    .orderBy('residents.name')
    .orderBy('campaign_residents.resident_id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** A unique index refused a row (PostgreSQL 23505, SQLite's UNIQUE constraint): a race lost. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
