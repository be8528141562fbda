/**
 * The command room's view of the API: the answers it reads, typed as the routes declare them
 * (src/api/routes/*), and the paths it asks them at. Pages never build a URL by hand, so a
 * route that moves is changed here once.
 */
import type { Bilingual } from '../api/client.js';
import type { ScheduleStatus } from '../../../src/domain/scheduling.js';

export type { DailyReport, ReportUnit } from '../../../src/domain/dailyReport.js';

export interface Campaign {
  id: number;
  name: string;
  place: string;
  target: 'first-dose' | 'full-series' | 'booster';
  minAge: number;
  maxAge: number | null;
  asOf: string;
  start: string;
  deadline: string;
  createdAt: string;
}

/** GET /campaigns/{id}/progress/{place}?depth= */
export interface UnitProgress {
  code: string;
  level: string;
  name: string;
  shortName: string;
  task: number | null;
  residents: number;
  eligible: number;
  ineligible: number;
  done: number;
  exempt: number;
  deferred: number;
  open: number;
  unscreened: number;
  completion: number | null;
  todayIncrement: number;
  sixtyPlus: { eligible: number; done: number; coverage: number | null };
  screeningCleared: boolean;
  taskCleared: boolean;
  doubleCleared: boolean;
  doubleClearedChildren: number;
  childUnits: number;
  children?: UnitProgress[];
}

export interface UnitSchedule {
  task: number | null;
  done: number;
  remaining: number | null;
  daysLeft: number;
  overdue: boolean;
  neededDailyRate: number | null;
  recentDailyRate: number;
  recentDays: number;
  projectedFinish: string | null;
  status: ScheduleStatus;
  willMiss: boolean;
}

export interface ScheduleRow {
  code: string;
  name: string;
  level: string;
  schedule: UnitSchedule;
}

/** GET /campaigns/{id}/schedule/{place} */
export interface ScheduleAnswer {
  today: string;
  deadline: string;
  unit: ScheduleRow;
  children: ScheduleRow[];
}

/** GET /residents?place=&campaign= */
export interface ResidentListItem {
  residentId: number;
  county: string;
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  age: number;
  place: string;
  householdId: string | null;
  phone: string | null;
  registerStatus: string;
  status?: string;
  reason?: string | null;
}

export interface ResidentPage {
  items: ResidentListItem[];
  next: number | null;
}

/** GET /places/{code}: a grid's children are its households. */
export interface PlaceAnswer {
  code: string;
  level: string;
  name: string;
  shortName: string;
  parentCode: string | null;
  counts: { grids: number; households: number; residents: number };
  children: (
    | { code: string; level: string; name: string; shortName: string }
    | { code: string; level: 'household'; name: string; address: string; residents: number }
  )[];
}

export interface LedgerEntry {
  residentId: number;
  county: string;
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  age: number;
  gridCode: string;
  householdId: string | null;
  phone: string | null;
  status: string;
  reason: string | null;
  reasonLabel: Bilingual | null;
  followUpDate: string | null;
  followUpDue: boolean;
  untilDate: string | null;
  bookedDate: string | null;
  lastVisitAt: string | null;
}

/** GET /campaigns/{id}/ledger/{place}?limit=&offset= */
export interface LedgerAnswer {
  place: string;
  total: number;
  byReason: Record<string, number>;
  entries: LedgerEntry[];
}

export interface LedgerClosure {
  id: number;
  residentId: number;
  county: string;
  at: string;
  closedBy: string;
  reason: string;
  statusBefore: string;
  reasonBefore: string | null;
  statusNow: string;
}

export interface Lookback {
  id: number;
  campaignId: number;
  place: string;
  seed: string;
  size: number;
  createdAt: string;
  createdBy: string;
  items: {
    position: number;
    residentId: number;
    name: string;
    idNumber: string;
    gridCode: string;
    statusAtDraw: string;
    checkedAt: string | null;
    matches: boolean | null;
    note: string | null;
  }[];
  verdict: { checked: number; discrepancies: number; reopen: boolean };
  closedAt: string | null;
}

export interface TaskFinding {
  code: 'children-sum-mismatch' | 'task-far-from-eligible' | 'missing-task' | 'invalid-task';
  unit: string;
  message: Bilingual;
  task?: number;
  childrenSum?: number;
  difference?: number;
  eligible?: number;
  parent?: string;
}

/** GET /sync/changes?grids=: the visits and doses stored through the API since a cursor. */
export interface ChangesAnswer {
  cursor: number;
  items: {
    seq: number;
    entity: 'visit' | 'dose';
    id: string;
    residentId: number;
    gridCode: string;
    record: Record<string, unknown>;
  }[];
  more: boolean;
}

export type ReportFormat = 'json' | 'text' | 'svg' | 'pdf' | 'xlsx';

const q = (params: Record<string, string | number | boolean | undefined>): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
};

export const paths = {
  campaigns: () => '/api/v1/campaigns',
  health: () => '/healthz',
  place: (code: string) => `/api/v1/places/${code}`,
  progress: (campaign: number, place: string, depth = 1) =>
    `/api/v1/campaigns/${campaign}/progress/${place}${q({ depth })}`,
  schedule: (campaign: number, place: string) => `/api/v1/campaigns/${campaign}/schedule/${place}`,
  report: (campaign: number, date: string, place: string, format: ReportFormat = 'json') =>
    `/api/v1/reports/daily${q({ campaign, date, place, format })}`,
  residents: (place: string, campaign: number, opts: { after?: number; limit?: number } = {}) =>
    `/api/v1/residents${q({ place, campaign, after: opts.after, limit: opts.limit })}`,
  ledger: (
    campaign: number,
    place: string,
    opts: { limit?: number; offset?: number; unmasked?: boolean } = {},
  ) =>
    `/api/v1/campaigns/${campaign}/ledger/${place}${q({ limit: opts.limit, offset: opts.offset, unmasked: opts.unmasked || undefined })}`,
  ledgerHistory: (campaign: number, place: string) => `/api/v1/campaigns/${campaign}/ledger/${place}/history`,
  closures: (campaign: number) => `/api/v1/campaigns/${campaign}/ledger/closures`,
  lookbacks: (campaign: number) => `/api/v1/campaigns/${campaign}/lookbacks`,
  lookback: (id: number) => `/api/v1/lookbacks/${id}`,
  lookbackChecks: (id: number) => `/api/v1/lookbacks/${id}/checks`,
  task: (campaign: number, place: string) => `/api/v1/campaigns/${campaign}/tasks/${place}`,
  taskCheck: (campaign: number, place: string) => `/api/v1/campaigns/${campaign}/tasks/check${q({ place })}`,
  taskDerive: (campaign: number) => `/api/v1/campaigns/${campaign}/tasks/derive`,
  changes: (grid: string) => `/api/v1/sync/changes${q({ grids: grid, cursor: 0, limit: 5000 })}`,
};

/**
 * Progress answers carry `children`, which antd's Table would take for a tree and fold away
 * behind expanders; the command tables list the units flat, and open a unit on its own page.
 */
export const NOT_A_TREE = { childrenColumnName: 'notATree' } as const;
