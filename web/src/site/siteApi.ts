/**
 * The site pages' view of the API (src/api/routes/sites.ts and siteScreening.ts): the answers'
 * shapes as the routes declare them, and one function per call. Vocabulary codes are the
 * src/domain types, so a word the server adds shows up here as a type error.
 */
import type { AefiKind, AefiOutcome, AefiSeverity } from '../../../src/domain/aefi.js';
import type { Bilingual } from '../../../src/domain/errors.js';
import type { ContraindicationCode, HealthCode } from '../../../src/domain/screening.js';
import type { Decision } from '../../../src/domain/siteScreening.js';
import type { ChecklistItem } from '../../../src/domain/sitesChecklist.js';
import type { MovementKind } from '../../../src/domain/sitesStock.js';
import type { ProductCode } from '../../../src/domain/vaccines/catalog.js';
import { get, post, put } from '../api/client.js';

export interface Site {
  id: number;
  township: string;
  townshipName: string;
  name: string;
  kind: string;
  kindLabel: Bilingual;
  address: string;
  opens: string;
  closes: string;
  dailyCapacity: number;
  active: boolean;
}

export type Stage = 'checked-in' | 'screened' | 'awaiting-dose' | 'not-vaccinated' | 'observing' | 'done';

export interface Flag {
  code: string;
  suggests: Decision;
  contraindication: ContraindicationCode | null;
  message: Bilingual;
}

export interface Suggestion {
  decision: Decision;
  label: Bilingual;
  flags: Flag[];
  contraindication: ContraindicationCode | null;
  untilDate: string | null;
  watchClosely: boolean;
}

export interface ScreeningView {
  id: number;
  at: string;
  screenedBy: string;
  temperature: number;
  healthCode: HealthCode;
  systolic: number | null;
  diastolic: number | null;
  answers: Record<string, boolean>;
  suggestion: Suggestion;
}

export interface CheckinView {
  id: string;
  day: string;
  at: string;
  checkedInBy: string;
  stage: Stage;
  site: { id: number; name: string; township: string };
  resident: { id: number; idNumber: string; name: string; sex: 'M' | 'F'; age: number; gridCode: string };
  screening: ScreeningView | null;
  screenings: number;
  decision: {
    decision: Decision;
    label: Bilingual;
    at: string;
    by: string;
    untilDate: string | null;
    contraindication: string | null;
    note: string | null;
    againstSuggestion: boolean;
  } | null;
  dose: { id: string; product: string; doseNumber: number; lot: string | null; at: string } | null;
  observation: {
    startedAt: string;
    endsAt: string;
    endedAt: string | null;
    outcome: 'ok' | 'aefi' | null;
    note: string | null;
  } | null;
}

export interface QueueTotals {
  checkedIn: number;
  waiting: number;
  recommended: number;
  postponed: number;
  notSuitable: number;
  vaccinated: number;
  observing: number;
  aefi: number;
}

export interface SiteQueue {
  site: { id: number; name: string; township: string; dailyCapacity: number };
  day: string;
  totals: QueueTotals;
  items: CheckinView[];
}

export interface AefiView {
  id: string;
  resident: { id: number; idNumber: string; name: string };
  dose: { id: string; product: string; doseNumber: number; at: string };
  checkinId: string | null;
  what: AefiKind;
  whatLabel: Bilingual;
  severity: AefiSeverity;
  severityLabel: Bilingual;
  onsetAt: string;
  day: string;
  outcome: AefiOutcome;
  outcomeLabel: Bilingual;
  description: string | null;
  urgent: boolean;
  reportedAt: string;
  reportedBy: string;
}

export interface Quantity {
  vials: number;
  doses: number;
}

export interface StockLine {
  product: ProductCode;
  lot: string | null;
  dosesPerVial: number;
  opening: Quantity;
  received: Quantity;
  given: Quantity;
  wasted: Quantity;
  left: Quantity;
  recorded: number;
  difference: number;
}

export interface StockDay {
  siteId: number;
  siteName: string;
  day: string;
  lots: StockLine[];
  totals: Omit<StockLine, 'product' | 'lot' | 'dosesPerVial'>;
  differences: number;
}

export interface ChecklistLine {
  item: ChecklistItem;
  label: Bilingual;
  ok: boolean | null;
  note: string | null;
  checkedBy: string | null;
  checkedAt: string | null;
}

export interface Checklist {
  day: string;
  items: ChecklistLine[];
  missing: ChecklistItem[];
  unchecked: ChecklistItem[];
  complete: boolean;
}

export interface SiteDay {
  site: Site;
  day: string;
  capacity: number;
  planned: number;
  left: number;
  villages: { village: string; name: string; planned: number }[];
  stock: StockDay;
  checklist: Checklist;
}

export interface AefiInput {
  what: AefiKind;
  severity: AefiSeverity;
  onsetAt: string;
  outcome: AefiOutcome;
  description: string | null;
}

export interface Movement {
  product: ProductCode;
  lot: string;
  kind: MovementKind;
  vials?: number;
  doses?: number;
  note?: string | null;
}

const checkin = (id: string, unmasked = false) =>
  `/api/v1/checkins/${encodeURIComponent(id)}${unmasked ? '?unmasked=true' : ''}`;

export const siteApi = {
  /** The server's now (the demo pins it): the site pages never trust the device's clock for the day. */
  health: () => get<{ now: string }>('/healthz'),
  sites: () => get<{ items: Site[] }>('/api/v1/sites?active=true'),
  queue: (siteId: number, day?: string) =>
    get<SiteQueue>(`/api/v1/sites/${siteId}/checkins${day ? `?day=${day}` : ''}`),
  aefiOfDay: (siteId: number, day: string) =>
    get<{ items: AefiView[] }>(`/api/v1/sites/${siteId}/aefi?day=${day}`),
  day: (siteId: number, day: string) => get<SiteDay>(`/api/v1/sites/${siteId}/days/${day}`),
  stock: (siteId: number, day: string) => get<StockDay>(`/api/v1/sites/${siteId}/stock/${day}`),
  recordStock: (siteId: number, day: string, movements: Movement[]) =>
    post<{ ids: number[]; stock: StockDay }>(`/api/v1/sites/${siteId}/stock`, { day, movements }),
  check: (siteId: number, day: string, items: { item: ChecklistItem; ok: boolean; note: string | null }[]) =>
    put<Checklist>(`/api/v1/sites/${siteId}/checklist/${day}`, { items }),

  checkIn: (siteId: number, idNumber: string) => post<CheckinView>('/api/v1/checkins', { siteId, idNumber }),
  checkin: (id: string, unmasked = false) => get<CheckinView>(checkin(id, unmasked)),
  screen: (
    id: string,
    body: {
      temperature: number;
      healthCode: HealthCode;
      systolic: number | null;
      diastolic: number | null;
      answers: Record<string, boolean>;
    },
  ) => post<CheckinView>(`${checkin(id)}/screenings`, body),
  decide: (
    id: string,
    body: {
      decision: Decision;
      untilDate: string | null;
      contraindication: string | null;
      note: string | null;
    },
  ) => post<CheckinView>(`${checkin(id)}/decision`, body),
  dose: (id: string, body: { product: ProductCode; lot: string; overrideReason: string | null }) =>
    post<CheckinView>(`${checkin(id)}/dose`, body),
  endObservation: (id: string, body: { outcome: 'ok' | 'aefi'; reason: string | null; aefi?: AefiInput }) =>
    post<{ checkin: CheckinView; aefi: AefiView | null }>(`${checkin(id)}/observation`, body),
  reportAefi: (body: AefiInput & { idNumber: string; doseId: string }) =>
    post<AefiView>('/api/v1/aefi', body),
};
