import { invalidInput, notFound } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import {
  changeLogSince,
  recordsByIds,
  type DoseRecordRow,
  type VisitRecordRow,
} from '../../store/syncQueries.js';
import type { Scope } from '../records/findResident.js';

export interface ChangesSinceInput {
  /** Grid or village codes (any place code works: everything under it). */
  grids: string[];
  /** The `cursor` of the previous answer; 0 for a phone's first download. */
  cursor: number;
  limit?: number;
  scope?: Scope;
}

export interface ChangedRecord {
  seq: number;
  entity: 'visit' | 'dose';
  id: string;
  residentId: number;
  gridCode: string;
  record: Record<string, unknown>;
}

export interface ChangesSinceResult {
  /** Ask again with this; it is the input cursor when nothing changed. */
  cursor: number;
  items: ChangedRecord[];
  /** More changes wait beyond `limit`: ask again at once. */
  more: boolean;
}

export const DEFAULT_CHANGES_LIMIT = 1000;
export const MAX_CHANGES_LIMIT = 5000;

/**
 * What changed in a phone's grids since its last cursor: the visits and doses stored since
 * (by anyone: the grid member's own, a colleague's, the site's), oldest first, so a phone
 * keeps an offline copy of its grids current by asking with the cursor of the last answer.
 * The phone's own records come back too; it knows them by id.
 */
export async function changesSince(store: Store, input: ChangesSinceInput): Promise<ChangesSinceResult> {
  if (!Number.isSafeInteger(input.cursor) || input.cursor < 0) {
    throw invalidInput({
      code: 'sync.cursor',
      field: 'cursor',
      message: {
        zh: `游标应为非负整数：${input.cursor}`,
        en: `the cursor is a whole number ≥ 0: ${input.cursor}`,
      },
    });
  }
  const limit = input.limit ?? DEFAULT_CHANGES_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CHANGES_LIMIT) {
    throw invalidInput({
      code: 'sync.limit',
      field: 'limit',
      message: {
        zh: `每次条数应在 1 到 ${MAX_CHANGES_LIMIT} 之间：${limit}`,
        en: `limit must be between 1 and ${MAX_CHANGES_LIMIT}: ${limit}`,
      },
    });
  }
  const prefixes = scopedPrefixes(input.grids, input.scope, 'grids');

  const log = await changeLogSince(store.db, prefixes, input.cursor, limit + 1);
  const more = log.length > limit;
  const page = log.slice(0, limit);

  const visits = new Map<string, VisitRecordRow>();
  const doses = new Map<string, DoseRecordRow>();
  const byCounty = new Map<string, { visit: string[]; dose: string[] }>();
  for (const e of page) {
    const ids = byCounty.get(e.county_code) ?? { visit: [], dose: [] };
    ids[e.entity].push(e.entity_id);
    byCounty.set(e.county_code, ids);
  }
  for (const [county, ids] of byCounty) {
    for (const v of await recordsByIds(store.db, 'screening_visits', county, ids.visit))
      visits.set(`${county}:${v.id}`, v);
    for (const d of await recordsByIds(store.db, 'dose_records', county, ids.dose))
      doses.set(`${county}:${d.id}`, d);
  }

  const items: ChangedRecord[] = [];
  for (const e of page) {
    const key = `${e.county_code}:${e.entity_id}`;
    const v = e.entity === 'visit' ? visits.get(key) : undefined;
    const d = e.entity === 'dose' ? doses.get(key) : undefined;
    const record = v ? visitRecord(v) : d ? doseRecord(d) : undefined;
    // Records are never deleted; a missing one would be a repair in progress: skip it.
    if (!record) continue;
    items.push({
      seq: Number(e.seq),
      entity: e.entity,
      id: e.entity_id,
      residentId: Number(e.resident_id),
      gridCode: e.grid_code,
      record,
    });
  }
  const last = page.at(-1);
  return { cursor: last ? Number(last.seq) : input.cursor, items, more };
}

/**
 * The place prefixes a caller asked for, cut to what its scope lets it see: a code inside the
 * scope stays; a code above it (a village asked for by a member scoped to one of its grids)
 * narrows to the scope's codes under it; a code entirely outside is not found.
 */
export function scopedPrefixes(codes: readonly string[], scope: Scope, field: string): string[] {
  if (!Array.isArray(codes) || codes.length === 0 || codes.length > 1000) {
    throw invalidInput({
      code: 'sync.places',
      field,
      message: {
        zh: '请给出 1 到 1000 个网格或村的编码',
        en: 'name between 1 and 1000 grid or village codes',
      },
    });
  }
  const out = new Set<string>();
  for (const code of codes) {
    if (typeof code !== 'string' || !/^\d{2,15}$/.test(code)) {
      throw invalidInput({
        code: 'sync.place-code',
        field,
        message: {
          zh: `不是区划或网格编码：${String(code)}`,
          en: `not a place or grid code: ${String(code)}`,
        },
      });
    }
    const visible = !scope
      ? [code]
      : scope.some((p) => code.startsWith(p))
        ? [code]
        : scope.filter((p) => p.startsWith(code));
    if (visible.length === 0) {
      throw notFound({
        code: 'place.not-found',
        field,
        message: { zh: `找不到区划或网格 ${code}`, en: `no place with code ${code}` },
      });
    }
    for (const p of visible) out.add(p);
  }
  // A prefix inside another adds nothing.
  const all = [...out].sort();
  return all.filter((p) => !all.some((q) => q !== p && p.startsWith(q)));
}

const flag = (v: number | null): boolean | null => (v === null ? null : Number(v) === 1);

function visitRecord(v: VisitRecordRow): Record<string, unknown> {
  return {
    id: v.id,
    residentId: Number(v.resident_id),
    at: v.at,
    channel: v.channel,
    outcome: v.outcome,
    healthCode: v.health_code,
    followUpDate: v.follow_up_date,
    untilDate: v.until_date,
    bookedDate: v.booked_date,
    site: v.site,
    placeText: v.place_text,
    reason: v.reason,
    verified: flag(v.verified),
    product: v.product,
    contraindication: v.contraindication,
    deviceId: v.device_id,
    receivedAt: v.received_at,
  };
}

function doseRecord(d: DoseRecordRow): Record<string, unknown> {
  return {
    id: d.id,
    residentId: Number(d.resident_id),
    product: d.product,
    doseNumber: Number(d.dose_number),
    at: d.at,
    lot: d.lot,
    site: d.site,
    vaccinator: d.vaccinator,
    source: d.source,
    overrideReason: d.override_reason,
    deviceId: d.device_id,
    receivedAt: d.received_at,
  };
}
