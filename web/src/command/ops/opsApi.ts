/**
 * The field-operations answers the command room reads (dispatch orders, village notices, sites
 * and bookings), typed as src/api/routes/dispatch.ts and sites.ts declare them, and the paths
 * they are asked at, so the pages never build a URL by hand.
 */
import type { Bilingual } from '../../api/client.js';
import type { TargetState } from '../../../../src/domain/dispatchOrder.js';
import type { ChecklistItem } from '../../../../src/domain/sitesChecklist.js';
import type { PublicRole } from '../../../../src/domain/villageNotice.js';

export interface UnitRef {
  code: string;
  name: string;
  shortName: string;
}

/** One unit's answer to an order. */
export interface OrderTarget {
  orderId: number;
  unit: UnitRef;
  state: TargetState;
  stateLabel: Bilingual;
  acknowledged: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  completedAt: string | null;
  completedBy: string | null;
  note: string | null;
  minutesLate: number | null;
}

/** GET /orders/{id}, and each item of GET /orders?place= */
export interface DispatchOrder {
  id: number;
  issuer: UnitRef;
  title: string;
  text: string;
  issuedAt: string;
  deadline: string;
  issuedBy: string;
  campaignId: number | null;
  counts: { targets: number; acknowledged: number; completed: number; overdue: number };
  targets: OrderTarget[];
}

export interface OrderDraft {
  title: string;
  text: string;
  deadline: string;
  targets: string[];
  campaign?: number;
}

export interface NoticeSite {
  name: string;
  address: string;
  opens: string;
  closes: string;
}

/** GET /notices/{village}?campaign=&date= */
export interface VillageNotice {
  village: UnitRef;
  township: { code: string; shortName: string };
  date: string;
  campaignId: number;
  text: Bilingual;
  edited: boolean;
  edit: { zh: string; en: string | null; editedAt: string; editedBy: string } | null;
  generated: Bilingual;
  facts: {
    done: number;
    open: number;
    unscreened: number;
    eligible: number;
    deadline: string;
    sites: NoticeSite[];
  };
}

export interface BroadcastSlot {
  time: string;
  message: string;
}

/** GET /notices/{village}/broadcasts */
export interface BroadcastSchedule {
  village: string;
  isDefault: boolean;
  setAt: string | null;
  setBy: string | null;
  slots: BroadcastSlot[];
}

/** GET /notices/{village}/leaders?campaign= */
export interface PublicLeaders {
  village: UnitRef;
  campaignId: number;
  items: { name: string; role: PublicRole; roleLabel: Bilingual; firstDoseOn: string | null }[];
}

export interface Site {
  id: number;
  county: string;
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
  createdAt: string;
}

export interface VillageDay {
  village: string;
  name: string;
  planned: number;
  booked: number | null;
  done: number | null;
}

export interface ScheduleDay {
  day: string;
  capacity: number;
  planned: number;
  left: number;
  sites: { siteId: number; name: string; active: boolean; capacity: number; planned: number; left: number }[];
  villages: VillageDay[];
}

/** GET /sites/schedule?place=&from=&days=&campaign= */
export interface SiteSchedule {
  township: string;
  townshipName: string;
  campaignId: number | null;
  from: string;
  to: string;
  sites: Site[];
  days: ScheduleDay[];
}

export interface Quantity {
  vials: number;
  doses: number;
}

export interface StockLine {
  product: string;
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
  totals: {
    opening: Quantity;
    received: Quantity;
    given: Quantity;
    wasted: Quantity;
    left: Quantity;
    recorded: number;
    difference: number;
  };
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
  siteId: number;
  siteName: string;
  day: string;
  items: ChecklistLine[];
  missing: ChecklistItem[];
  unchecked: ChecklistItem[];
  complete: boolean;
}

/** GET /sites/{id}/days/{day}?campaign= */
export interface SiteDay {
  site: Site;
  day: string;
  campaignId: number | null;
  capacity: number;
  planned: number;
  left: number;
  villages: (VillageDay & { bookedBy: string; bookedAt: string })[];
  stock: StockDay;
  checklist: Checklist;
}

export interface BookingEntry {
  village: string;
  day: string;
  planned: number;
}

/** POST /sites/{id}/bookings */
export interface BookingResult {
  siteId: number;
  siteName: string;
  changes: { village: string; day: string; before: number; after: number }[];
  days: { day: string; capacity: number; planned: number; left: number }[];
}

const q = (params: Record<string, string | number | undefined>): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
};

export const opsPaths = {
  orders: (place: string, state?: TargetState) => `/api/v1/orders${q({ place, state })}`,
  /** Every kept order list, to forget after a write. */
  ordersPrefix: () => '/api/v1/orders',
  order: (id: number) => `/api/v1/orders/${id}`,
  issue: () => '/api/v1/orders',
  ack: (id: number, unit: string) => `/api/v1/orders/${id}/units/${unit}/ack`,
  complete: (id: number, unit: string) => `/api/v1/orders/${id}/units/${unit}/complete`,
  notice: (village: string, campaign: number, date?: string) =>
    `/api/v1/notices/${village}${q({ campaign, date })}`,
  noticeText: (village: string, date?: string) => `/api/v1/notices/${village}/text${q({ date })}`,
  noticesOf: (village: string) => `/api/v1/notices/${village}`,
  broadcasts: (village: string) => `/api/v1/notices/${village}/broadcasts`,
  leaders: (village: string, campaign: number) => `/api/v1/notices/${village}/leaders${q({ campaign })}`,
  sites: (place: string) => `/api/v1/sites${q({ place })}`,
  schedule: (place: string, campaign?: number, from?: string, days = 7) =>
    `/api/v1/sites/schedule${q({ place, from, days, campaign })}`,
  schedulePrefix: () => '/api/v1/sites/schedule',
  siteDay: (id: number, day: string, campaign?: number) =>
    `/api/v1/sites/${id}/days/${day}${q({ campaign })}`,
  siteDaysPrefix: (id: number) => `/api/v1/sites/${id}/days/`,
  bookings: (id: number) => `/api/v1/sites/${id}/bookings`,
};
