import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { shanghaiDate } from '../../domain/calendar.js';
import { invalidInput } from '../../domain/errors.js';
import { validateVisit, type Visit, type VisitInput } from '../../domain/screening.js';
import type { Store } from '../../store/openStore.js';
import type { Database, ScreeningVisitsTable } from '../../store/schema.js';
import { resubmission } from './resubmission.js';
import { applyResidentChange } from '../engine/applyResidentChange.js';
import type { ResidentRow } from '../../store/residentQueries.js';

export interface VisitMeta {
  /** Made by the client, so a retry stores the visit once; made here when absent. */
  id?: string;
  deviceId?: string | null;
  recordedBy?: number | null;
}

export interface StoredRecord {
  id: string;
  /** `stored` the first time, `duplicate` when the same record had been stored before. */
  result: 'stored' | 'duplicate';
}

export function visitRow(
  resident: ResidentRow,
  v: Visit,
  meta: VisitMeta,
  id: string,
  receivedAt: string,
): ScreeningVisitsTable {
  return {
    county_code: resident.county_code,
    id,
    resident_id: Number(resident.id),
    at: v.at,
    channel: v.channel,
    outcome: v.outcome,
    health_code: v.healthCode ?? null,
    follow_up_date: v.followUpDate ?? null,
    until_date: v.untilDate ?? null,
    booked_date: v.bookedDate ?? null,
    site: v.site ?? null,
    place_text: v.placeText ?? null,
    reason: v.reason ?? null,
    verified: v.verified === undefined ? null : v.verified ? 1 : 0,
    product: v.product ?? null,
    contraindication: v.contraindication ?? null,
    details: null,
    recorded_by: meta.recordedBy ?? null,
    device_id: meta.deviceId ?? null,
    received_at: receivedAt,
  };
}

/** The fields that make two submissions "the same visit" (not who sent it or when it arrived). */
const CONTENT: (keyof ScreeningVisitsTable)[] = [
  'county_code',
  'resident_id',
  'at',
  'channel',
  'outcome',
  'health_code',
  'follow_up_date',
  'until_date',
  'booked_date',
  'site',
  'place_text',
  'reason',
  'verified',
  'product',
  'contraindication',
];

export function validVisitOrThrow(input: VisitInput, now: Date): Visit {
  const checked = validateVisit(input, now);
  if (!checked.ok) {
    const [first] = checked.errors;
    throw invalidInput(
      first ?? { code: 'visit.invalid', message: { zh: '摸排记录无效', en: 'invalid visit' } },
    );
  }
  return checked.visit;
}

/**
 * Stores one visit inside a transaction: appended, never edited. The same id with the same
 * content is a duplicate (a retried sync) and changes nothing; with other content it is a
 * conflict, reported and never overwritten.
 */
export async function storeVisit(
  trx: Kysely<Database>,
  resident: ResidentRow,
  visit: Visit,
  meta: VisitMeta,
  now: Date,
): Promise<StoredRecord> {
  const id = meta.id ?? randomUUID();
  const row = visitRow(resident, visit, meta, id, now.toISOString());
  const existing = await trx
    .selectFrom('screening_visits')
    .selectAll()
    .where('county_code', '=', resident.county_code)
    .where('id', '=', id)
    .executeTakeFirst();
  const again = resubmission('visit', id, existing, row, CONTENT);
  if (again) return again;
  await trx.insertInto('screening_visits').values(row).execute();
  await trx
    .insertInto('change_log')
    .values({
      county_code: resident.county_code,
      grid_code: resident.grid_code,
      entity: 'visit',
      entity_id: id,
      resident_id: row.resident_id,
      at: row.received_at,
    })
    .execute();
  await applyResidentChange(
    trx,
    resident.county_code,
    row.resident_id,
    shanghaiDate(now),
    row.received_at,
    'new-visit',
  );
  return { id, result: 'stored' };
}

export async function recordVisit(
  store: Store,
  resident: ResidentRow,
  input: VisitInput,
  meta: VisitMeta = {},
): Promise<StoredRecord> {
  const now = store.now();
  const visit = validVisitOrThrow(input, now);
  return store.write((trx) => storeVisit(trx, resident, visit, meta, now));
}
