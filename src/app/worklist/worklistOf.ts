/**
 * A grid member's worklist for today (网格员工作清单): the open, never-screened and soon-ending
 * deferred residents of their grids, in the order and with the next action src/domain/worklist.ts
 * gives, from the engine's kept statuses.
 */
import { shanghaiDate, type CalendarDate } from '../../domain/calendar.js';
import { invalidInput } from '../../domain/errors.js';
import { maskIdNumber } from '../../domain/idcard.js';
import {
  orderWorklist,
  type OpenReason,
  type WorklistEntry,
  type WorklistItem,
} from '../../domain/worklist.js';
import { statusToday, type NamedStatusRow } from '../../store/ledgerQueries.js';
import type { Store } from '../../store/openStore.js';
import { awayReturnDates, MAX_PAGE, pageSize, worklistCandidates } from '../../store/residentListQueries.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';

export interface WorklistInput {
  campaignId: number;
  /** Grid codes, or a village code meaning all its grids. */
  grids: string[];
  scope?: Scope;
  /** At most this many items, from the top of the order (default 1000, at most 10000). */
  limit?: number;
}

export type WorklistResident = WorklistEntry & {
  residentId: number;
  /** Masked (maskIdNumber). */
  idNumber: string;
  /** In full: the grid member phones residents who are away (phone-away) or to remind them. */
  phone: string | null;
};

const OPEN_REASONS: readonly string[] = ['booked', 'refused', 'away', 'not-found'] satisfies OpenReason[];

/** The worklist's view of a kept status on `today`. */
function entryOf(
  r: NamedStatusRow,
  today: CalendarDate,
  awayBack: CalendarDate | undefined,
): WorklistResident {
  const now = statusToday(r, today);
  const residentId = Number(r.resident_id);
  let followUpDate = r.follow_up_date ?? undefined;
  let untilDate: CalendarDate | undefined;
  if (now.status === 'deferred') untilDate = r.until_date ?? undefined;
  if (now.reason === 'away') untilDate = awayBack;
  if (now.reason === 'deferral-ended') {
    // A deferral that has ended is always due (campaignStatus.ts): due on the day it ended, or
    // today when that day is not kept, unless an earlier follow-up was already planned.
    if (now.fellDue && r.until_date !== null) untilDate = r.until_date;
    const dueOn = untilDate ?? today;
    if (followUpDate === undefined || followUpDate > dueOn) followUpDate = dueOn;
  }
  return {
    residentId,
    name: r.name,
    birthDate: r.birth_date,
    gridCode: r.grid_code,
    // Without a household each resident is their own door, never grouped with another.
    householdId: r.household_id ?? `no-household:${residentId}`,
    status: now.status,
    ...(now.reason !== null && OPEN_REASONS.includes(now.reason)
      ? { openReason: now.reason as OpenReason }
      : {}),
    ...(followUpDate === undefined ? {} : { followUpDate }),
    ...(untilDate === undefined ? {} : { untilDate }),
    ...(r.booked_date === null ? {} : { bookedDate: r.booked_date }),
    ...(r.last_visit_at === null ? {} : { lastVisitAt: r.last_visit_at }),
    limitedMobility: Number(r.limited_mobility) === 1,
    remote: Number(r.remote) === 1,
    idNumber: maskIdNumber(r.id_number),
    phone: r.phone,
  };
}

export async function worklistOf(
  store: Store,
  input: WorklistInput,
): Promise<{ today: string; items: WorklistItem<WorklistResident>[] }> {
  const limit = pageSize(input.limit);
  const codes = [...new Set(input.grids.map((g) => g.trim()))];
  if (codes.length === 0 || codes.some((c) => !c)) {
    throw invalidInput({
      code: 'worklist.grids',
      field: 'grids',
      message: { zh: '请指定网格或村（社区）', en: 'name the grids, or a village' },
    });
  }
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  for (const code of codes) {
    const place = await requirePlace(store, code, input.scope);
    if (place.level !== 'grid' && place.level !== 'village') {
      throw invalidInput({
        code: 'worklist.grid-level',
        field: 'grids',
        message: {
          zh: `${place.name}不是网格或村（社区），工作清单按网格生成`,
          en: `${code} is a ${place.level}: a worklist is for grids or a village`,
        },
      });
    }
  }
  // A grid named along with its village is already in the village.
  const units = codes.filter((c) => !codes.some((o) => o !== c && c.startsWith(o)));
  const today = shanghaiDate(store.now());
  const campaignId = Number(campaign.id);

  const rows: NamedStatusRow[] = [];
  for (const unit of units) {
    rows.push(...(await worklistCandidates(store.db, campaignId, unit, today, MAX_PAGE + 1 - rows.length)));
    if (rows.length > MAX_PAGE) {
      throw invalidInput({
        code: 'worklist.too-large',
        field: 'grids',
        message: {
          zh: `待办居民超过 ${MAX_PAGE} 人，请按网格分别生成工作清单`,
          en: `more than ${MAX_PAGE} residents to see: make the worklist grid by grid`,
        },
      });
    }
  }

  const awayByCounty = new Map<string, { residentId: number; at: string }[]>();
  for (const r of rows) {
    if (r.status !== 'open' || r.reason !== 'away' || r.last_visit_at === null) continue;
    const list = awayByCounty.get(r.county_code) ?? [];
    list.push({ residentId: Number(r.resident_id), at: r.last_visit_at });
    awayByCounty.set(r.county_code, list);
  }
  const awayBack = new Map<string, CalendarDate>();
  for (const [county, latest] of awayByCounty) {
    for (const [id, back] of await awayReturnDates(store.db, county, latest))
      awayBack.set(`${county}:${id}`, back);
  }

  const entries = rows.map((r) =>
    entryOf(r, today, awayBack.get(`${r.county_code}:${Number(r.resident_id)}`)),
  );
  return { today, items: orderWorklist(entries, today, campaign.age_as_of).slice(0, limit) };
}
