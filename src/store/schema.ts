/**
 * The tables as Kysely sees them. Columns are snake_case and portable between SQLite and
 * PostgreSQL: calendar dates are `YYYY-MM-DD` text, instants are ISO-8601 UTC text (they sort
 * as they compare, on both engines), flags are 0/1 integers, and free-form extras are JSON text.
 *
 * Person-level tables (households, residents, screening_visits, dose_records) carry
 * `county_code` as the first column of their primary key, so a province-wide PostgreSQL can
 * distribute them by county (Citus) without a redesign: every unique key includes it.
 */
import type { ColumnType, Generated } from 'kysely';
import type { TeamsTables } from './fieldops/teamsTables.js';
import type { SitesTables } from './fieldops/sitesTables.js';
import type { TransportTables } from './fieldops/transportTables.js';
import type { SiteScreeningTables } from './fieldops/siteScreeningTables.js';
import type { DispatchTables } from './fieldops/dispatchTables.js';

export interface PlacesTable {
  /** Statistical division code: county 6, township 9, village 12 digits; grid 15 (village + 3). */
  code: string;
  level: 'province' | 'city' | 'county' | 'township' | 'village' | 'grid';
  name: string;
  short_name: string;
  parent_code: string | null;
  county_code: string | null;
}

export interface HouseholdsTable {
  county_code: string;
  /** Grid code + 4 digits: unique in the county and sortable with its grid. */
  id: string;
  grid_code: string;
  address: string;
  head_name: string | null;
}

export interface ResidentsTable {
  county_code: string;
  id: number;
  id_number: string;
  name: string;
  sex: 'M' | 'F';
  birth_date: string;
  phone: string | null;
  household_id: string | null;
  /** The grid where the resident actually lives (现住), which is where they are screened. */
  grid_code: string;
  /** County-level code of the household registration (户籍地); differs when 人户分离. */
  registered_area_code: string;
  limited_mobility: number;
  remote: number;
  status: 'active' | 'moved-out' | 'deceased';
  created_at: string;
  updated_at: string;
  /** Where the resident works (行业监管, migration 0005); optional on insert. */
  employer: ColumnType<string | null, string | null | undefined, string | null>;
  /** The employer's sector (src/domain/sectors.ts SECTORS), for the sector's regulator. */
  sector: ColumnType<string | null, string | null | undefined, string | null>;
  /** For the 带头接种公示 list: a cadre, party member or public servant (PUBLIC_ROLES). */
  public_role: ColumnType<
    'cadre' | 'party-member' | 'public-servant' | null,
    'cadre' | 'party-member' | 'public-servant' | null | undefined,
    'cadre' | 'party-member' | 'public-servant' | null
  >;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  disabled: number;
  created_at: string;
}

export interface UserPlacesTable {
  user_id: number;
  place_code: string;
}

export interface CampaignsTable {
  id: Generated<number>;
  name: string;
  /** The unit that set it: a campaign is handed down this place's subtree. */
  place_code: string;
  target: 'first-dose' | 'full-series' | 'booster';
  min_age: number;
  max_age: number | null;
  age_as_of: string;
  start_date: string;
  deadline: string;
  created_at: string;
}

export interface TaskAllocationsTable {
  campaign_id: number;
  place_code: string;
  count: number;
  set_at: string;
}

export interface ScreeningVisitsTable {
  county_code: string;
  /** Made by the client (a phone may make it offline), so a retried sync stores it once. */
  id: string;
  resident_id: number;
  at: string;
  channel: 'door' | 'phone' | 'wechat' | 'site';
  outcome: string;
  health_code: 'green' | 'yellow' | 'red' | null;
  follow_up_date: string | null;
  until_date: string | null;
  booked_date: string | null;
  site: string | null;
  place_text: string | null;
  reason: string | null;
  verified: number | null;
  product: string | null;
  contraindication: string | null;
  details: string | null;
  recorded_by: number | null;
  device_id: string | null;
  received_at: string;
}

export interface DoseRecordsTable {
  county_code: string;
  id: string;
  resident_id: number;
  product: string;
  lot: string | null;
  dose_number: number;
  at: string;
  site: string | null;
  vaccinator: string | null;
  source: 'given' | 'verified-elsewhere' | 'imported';
  /** A site doctor's reason for giving a dose earlier than its window allows. */
  override_reason: string | null;
  recorded_by: number | null;
  device_id: string | null;
  received_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string | null;
  origin: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** The engine's tables, and field operations' (issue 8) from their own files in ./fieldops. */
export interface Database
  extends TeamsTables, SitesTables, TransportTables, SiteScreeningTables, DispatchTables {
  places: PlacesTable;
  households: HouseholdsTable;
  residents: ResidentsTable;
  users: UsersTable;
  user_places: UserPlacesTable;
  campaigns: CampaignsTable;
  task_allocations: TaskAllocationsTable;
  screening_visits: ScreeningVisitsTable;
  dose_records: DoseRecordsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  campaign_residents: CampaignResidentsTable;
  campaign_grid_counts: CampaignGridCountsTable;
  campaign_grid_deferrals: CampaignGridDeferralsTable;
  campaign_grid_daily: CampaignGridDailyTable;
  clearance_events: ClearanceEventsTable;
  ledger_closures: LedgerClosuresTable;
  lookbacks: LookbacksTable;
  lookback_items: LookbackItemsTable;
  devices: DevicesTable;
  change_log: ChangeLogTable;
  daily_snapshots: DailySnapshotsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
}

export interface CampaignResidentsTable {
  county_code: string;
  campaign_id: number;
  resident_id: number;
  grid_code: string;
  status: 'ineligible' | 'done' | 'exempt' | 'deferred' | 'open' | 'unscreened';
  reason: string | null;
  until_date: string | null;
  follow_up_date: string | null;
  booked_date: string | null;
  done_on: string | null;
  sixty_plus: number;
  last_visit_at: string | null;
}

export interface CampaignGridCountsTable {
  campaign_id: number;
  grid_code: string;
  residents: number;
  ineligible: number;
  done: number;
  exempt: number;
  deferred: number;
  open: number;
  unscreened: number;
  sixty_eligible: number;
  sixty_done: number;
}

export interface CampaignGridDeferralsTable {
  campaign_id: number;
  grid_code: string;
  until_date: string;
  n: number;
}

export interface CampaignGridDailyTable {
  campaign_id: number;
  grid_code: string;
  day: string;
  done: number;
  sixty_done: number;
}

export interface ClearanceEventsTable {
  id: Generated<number>;
  campaign_id: number;
  place_code: string;
  at: string;
  kind: 'cleared' | 'reopened';
  which: 'screening' | 'task' | 'double';
  reason: string | null;
}

export interface LedgerClosuresTable {
  id: Generated<number>;
  county_code: string;
  campaign_id: number;
  resident_id: number;
  at: string;
  closed_by: string;
  reason: string;
  status_before: string;
  reason_before: string | null;
}

export interface LookbacksTable {
  id: Generated<number>;
  campaign_id: number;
  place_code: string;
  seed: string;
  size: number;
  created_at: string;
  created_by: string;
  closed_at: string | null;
  verdict: string | null;
}

export interface LookbackItemsTable {
  lookback_id: number;
  position: number;
  county_code: string;
  resident_id: number;
  status_at_draw: string;
  checked_at: string | null;
  matches: number | null;
  note: string | null;
}

export interface DevicesTable {
  device_id: string;
  user_name: string | null;
  first_seen_at: string;
  last_sync_at: string;
  last_cursor: number;
  batches: number;
  items: number;
}

export interface ChangeLogTable {
  seq: Generated<number>;
  county_code: string;
  grid_code: string;
  entity: 'visit' | 'dose';
  entity_id: string;
  resident_id: number;
  at: string;
}

/** A daily report frozen at its cut-off (按日调度); written once, replaced only by a retake. */
export interface DailySnapshotsTable {
  campaign_id: number;
  place_code: string;
  /** The report's day, YYYY-MM-DD in Asia/Shanghai. */
  date: string;
  /** The cut-off instant (ISO UTC) the figures were frozen at. */
  cutoff: string;
  taken_at: string;
  /** The report model (src/domain/dailyReport.ts) as JSON. */
  model: string;
}

/** A signed-in browser. The client holds a random token; only its SHA-256 is stored, as `id`. */
export interface SessionsTable {
  id: string;
  user_id: number;
  /** The synchronizer token a state-changing request must echo in X-CSRF-Token. */
  csrf_token: string;
  created_at: string;
  /** Absolute end, however active the session is. */
  expires_at: string;
  /** For the idle timeout; refreshed at most once a minute. */
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** A script's bearer token; only its SHA-256 is stored. Revoked, never deleted. */
export interface ApiTokensTable {
  hash: string;
  user_id: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Every sign-in attempt, for the lockout (failures in the last minutes, per username and per IP). */
export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  at: string;
  ok: number;
  ip: string | null;
}
