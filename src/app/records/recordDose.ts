import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { shanghaiDate } from '../../domain/calendar.js';
import { businessRule, conflict, invalidInput } from '../../domain/errors.js';
import { parseInstant } from '../../domain/screening.js';
import { isProductCode, type ProductCode } from '../../domain/vaccines/catalog.js';
import { checkProposedDose } from '../../domain/vaccines/doseWindows.js';
import type { Store } from '../../store/openStore.js';
import type { ResidentRow } from '../../store/residentQueries.js';
import type { Database, DoseRecordsTable } from '../../store/schema.js';
import { resubmission } from './resubmission.js';
import { applyResidentChange } from '../engine/applyResidentChange.js';
import { refuseDoseAfterPostponement } from '../siteScreening/doseGuard.js';
import { toDose } from '../engine/residentFacts.js';
import type { StoredRecord, VisitMeta } from './recordVisit.js';

export interface DoseInput {
  product: string;
  doseNumber: number;
  /** When it was given: an ISO-8601 instant with a zone. */
  at: string;
  lot?: string | null;
  site?: string | null;
  vaccinator?: string | null;
  source?: 'given' | 'verified-elsewhere' | 'imported';
  /** A site doctor's reason to give a dose before its window opens; without it, too early is refused. */
  overrideReason?: string | null;
}

export interface Dose {
  product: ProductCode;
  doseNumber: number;
  at: string;
  lot: string | null;
  site: string | null;
  vaccinator: string | null;
  source: 'given' | 'verified-elsewhere' | 'imported';
  overrideReason: string | null;
}

const text = (s: string | null | undefined): string | null => (s && s.trim() ? s.trim() : null);

/** Checks the parts of a dose that need no history: product, number, and a time not in the future. */
export function validDoseOrThrow(input: DoseInput, now: Date): Dose {
  if (!isProductCode(input.product)) {
    throw invalidInput({
      code: 'dose.product',
      field: 'product',
      message: { zh: `未知疫苗产品：${input.product}`, en: `unknown vaccine product: ${input.product}` },
    });
  }
  if (!Number.isInteger(input.doseNumber) || input.doseNumber < 1 || input.doseNumber > 9) {
    throw invalidInput({
      code: 'dose.number',
      field: 'doseNumber',
      message: {
        zh: `剂次应为正整数：${input.doseNumber}`,
        en: `dose number must be a positive whole number: ${input.doseNumber}`,
      },
    });
  }
  const t = parseInstant(input.at);
  if (t === undefined) {
    throw invalidInput({
      code: 'dose.instant',
      field: 'at',
      message: {
        zh: `接种时间无效（需带时区的 ISO 8601 时间）：${input.at}`,
        en: `not an ISO-8601 instant with a zone: ${input.at}`,
      },
    });
  }
  if (t > now.getTime()) {
    throw invalidInput({
      code: 'dose.in-future',
      field: 'at',
      message: { zh: '接种时间晚于当前时间，不可能', en: 'the dose is dated after now, which cannot be' },
    });
  }
  return {
    product: input.product,
    doseNumber: input.doseNumber,
    at: new Date(t).toISOString(),
    lot: text(input.lot),
    site: text(input.site),
    vaccinator: text(input.vaccinator),
    source: input.source ?? 'given',
    overrideReason: text(input.overrideReason),
  };
}

const CONTENT: (keyof DoseRecordsTable)[] = [
  'county_code',
  'resident_id',
  'product',
  'lot',
  'dose_number',
  'at',
  'site',
  'vaccinator',
  'source',
];

/**
 * Stores one dose inside a transaction, checked against the resident's history and the dose
 * windows (2021 guideline): a duplicate dose number or an impossible order is refused; too
 * early is refused with the earliest allowed date unless a site doctor overrides with a reason.
 */
export async function storeDose(
  trx: Kysely<Database>,
  resident: ResidentRow,
  dose: Dose,
  meta: VisitMeta,
  now: Date,
): Promise<StoredRecord> {
  const id = meta.id ?? randomUUID();
  const row: DoseRecordsTable = {
    county_code: resident.county_code,
    id,
    resident_id: Number(resident.id),
    product: dose.product,
    lot: dose.lot,
    dose_number: dose.doseNumber,
    at: dose.at,
    site: dose.site,
    source: dose.source,
    vaccinator: dose.vaccinator,
    override_reason: dose.overrideReason,
    recorded_by: meta.recordedBy ?? null,
    device_id: meta.deviceId ?? null,
    received_at: now.toISOString(),
  };
  const existing = await trx
    .selectFrom('dose_records')
    .selectAll()
    .where('county_code', '=', resident.county_code)
    .where('id', '=', id)
    .executeTakeFirst();
  const again = resubmission('dose', id, existing, row, CONTENT);
  if (again) return again;
  // A dose given here, on a day the site's doctor postponed the resident (issue 8).
  if (dose.source === 'given') {
    await refuseDoseAfterPostponement(trx, resident.county_code, row.resident_id, shanghaiDate(dose.at));
  }
  const history = (
    await trx
      .selectFrom('dose_records')
      .select(['resident_id', 'product', 'dose_number', 'at'])
      .where('county_code', '=', resident.county_code)
      .where('resident_id', '=', row.resident_id)
      .execute()
  ).map(toDose);
  const check = checkProposedDose(history, {
    product: dose.product,
    doseNumber: dose.doseNumber,
    date: shanghaiDate(dose.at),
  });
  if (!check.ok) {
    const overridable = check.error.code === 'dose.too-early' && dose.overrideReason !== null;
    if (!overridable) {
      throw check.error.code === 'dose.duplicate' ? conflict(check.error) : businessRule(check.error);
    }
  }
  await trx.insertInto('dose_records').values(row).execute();
  await trx
    .insertInto('change_log')
    .values({
      county_code: resident.county_code,
      grid_code: resident.grid_code,
      entity: 'dose',
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
    'dose-recorded',
  );
  return { id, result: 'stored' };
}

export async function recordDose(
  store: Store,
  resident: ResidentRow,
  input: DoseInput,
  meta: VisitMeta = {},
): Promise<StoredRecord> {
  const now = store.now();
  const dose = validDoseOrThrow(input, now);
  return store.write((trx) => storeDose(trx, resident, dose, meta, now));
}
