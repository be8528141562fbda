import type { Kysely } from 'kysely';
import { shanghaiDate } from '../../domain/calendar.js';
import {
  businessRule,
  conflict,
  errorJson,
  invalidInput,
  isGridvaxError,
  notFound,
  type GridvaxError,
} from '../../domain/errors.js';
import { normalizeIdNumber } from '../../domain/idcard.js';
import type { Visit, VisitInput } from '../../domain/screening.js';
import { checkProposedDose, type DoseRecord } from '../../domain/vaccines/doseWindows.js';
import { refuseDoseAfterPostponement } from '../siteScreening/doseGuard.js';
import type { Store } from '../../store/openStore.js';
import type { ResidentRow } from '../../store/residentQueries.js';
import type { Database, DoseRecordsTable, ScreeningVisitsTable } from '../../store/schema.js';
import {
  appendChangeLog,
  countiesWithin,
  doseHistories,
  existingRecordIds,
  insertDoses,
  insertVisits,
  lastChangeSeq,
  lockChangeLog,
  recordDeviceBatch,
  residentsByIdNumbers,
  residentsByIds,
  type ChangeLogInsert,
} from '../../store/syncQueries.js';
import { applyResidentChanges } from '../engine/applyResidentChanges.js';
import { toDose } from '../engine/residentFacts.js';
import { inScope, type Scope } from '../records/findResident.js';
import { storeDose, validDoseOrThrow, type Dose, type DoseInput } from '../records/recordDose.js';
import { storeVisit, validVisitOrThrow, visitRow, type VisitMeta } from '../records/recordVisit.js';

/** A resident's key: the county and the resident's id there, as the worklist gives it to a phone. */
export interface ResidentKey {
  county: string;
  id: number;
}

/**
 * Whose record: by full ID number (typed off the card, or a site's scan) or by the resident's
 * key (the worklist's entry: a grid member's phone only ever shows masked numbers). Exactly one.
 */
export type ResidentRef = {
  idNumber?: string | undefined;
  resident?: ResidentKey | undefined;
};

/** One record a phone made offline. The id is the phone's own UUID: a retry sends the same one. */
export type SyncItem =
  | ({ kind: 'visit'; id: string; visit: VisitInput } & ResidentRef)
  | ({ kind: 'dose'; id: string; dose: DoseInput } & ResidentRef);

export interface SyncItemError {
  code: string;
  message: string;
  messageEn: string;
  field?: string;
}

/**
 * stored: new, written now. duplicate: the same record had been stored before (a retry).
 * conflict: the id is already taken by a different record; nothing was overwritten.
 * rejected: this item is wrong (invalid, resident not found or out of scope, a dose the
 * windows refuse); the error says why.
 */
export type SyncItemResult =
  | { id: string; kind: 'visit' | 'dose'; result: 'stored' | 'duplicate' }
  | { id: string; kind: 'visit' | 'dose'; result: 'rejected' | 'conflict'; error: SyncItemError };

export interface SyncBatchInput {
  deviceId: string;
  userName?: string;
  items: SyncItem[];
  scope?: Scope;
}

export interface SyncBatchResult {
  deviceId: string;
  received: number;
  stored: number;
  duplicates: number;
  rejected: number;
  conflicts: number;
  /** One per item, in the order sent. */
  results: SyncItemResult[];
  /**
   * The change log's high-water mark when the batch committed: every record the server held
   * then, this batch's included, is at or below it. A phone refreshing its copy still pulls
   * with changesSince from its own last pull cursor, not from this.
   */
  cursor: number;
}

/** Larger batches are refused whole: a phone splits its outbox. */
export const MAX_SYNC_ITEMS = 10_000;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COUNTY_RE = /^\d{6}$/;

/** How an item named its resident, checked. */
type Ref = { by: 'idNumber'; idNumber: string } | { by: 'key'; county: string; residentId: number };

/** An item that passed every check that needs no database. */
interface Candidate {
  index: number;
  /** The id as sent (echoed back), and its canonical lower-case form (stored). */
  sentId: string;
  key: string;
  kind: 'visit' | 'dose';
  ref: Ref;
  visit?: Visit;
  dose?: Dose;
  resident?: ResidentRow;
}

/**
 * Stores a batch of records from an offline phone (a grid member's screening visits, a site's
 * doses), answering item by item. Stored exactly once however often it is retried: the same
 * id with the same content is a duplicate and writes nothing, the same id with other content
 * is a conflict and overwrites nothing. A bad item fails alone; the good ones are written in
 * one transaction, with the read model updated once for the whole batch, and nothing is
 * half-written: every per-item check, including a dose's window against the resident's
 * history and the batch's earlier doses, runs before the first insert.
 */
export async function syncBatch(store: Store, input: SyncBatchInput): Promise<SyncBatchResult> {
  const deviceId = typeof input.deviceId === 'string' ? input.deviceId.trim() : '';
  if (!deviceId || deviceId.length > 200) {
    throw invalidInput({
      code: 'sync.device',
      field: 'deviceId',
      message: { zh: '缺少设备编号或设备编号过长', en: 'the device id is missing or too long' },
    });
  }
  if (!Array.isArray(input.items) || input.items.length > MAX_SYNC_ITEMS) {
    throw invalidInput({
      code: 'sync.items',
      field: 'items',
      message: {
        zh: `一批最多 ${MAX_SYNC_ITEMS} 条记录，请分批上传`,
        en: `a batch holds at most ${MAX_SYNC_ITEMS} records: send the rest in another batch`,
      },
    });
  }
  const userName = input.userName?.trim() || null;
  const now = store.now();
  const receivedAt = now.toISOString();
  const today = shanghaiDate(now);
  const results: SyncItemResult[] = new Array<SyncItemResult>(input.items.length);
  const fail = (index: number, e: GridvaxError): void => {
    // Echoed as sent, even from an item too malformed to have a proper id or kind.
    const item = (input.items[index] ?? {}) as Partial<SyncItem>;
    results[index] = {
      id: String(item.id ?? ''),
      kind: item.kind as SyncItem['kind'],
      // Only a taken id is a conflict; anything else (a second dose 1, an ambiguous resident)
      // is this item's fault and rejected.
      result: e.detail.code.endsWith('.id-conflict') ? 'conflict' : 'rejected',
      error: errorJson(e.detail),
    };
  };
  const ok = (c: Candidate, result: 'stored' | 'duplicate'): void => {
    results[c.index] = { id: c.sentId, kind: c.kind, result };
  };

  const candidates: Candidate[] = [];
  input.items.forEach((item, index) => {
    try {
      candidates.push(checkItem(item, index, now));
    } catch (e) {
      if (!isGridvaxError(e)) throw e;
      fail(index, e);
    }
  });

  const cursor = await store.transaction(async (trx) => {
    await lockChangeLog(trx, store.dialect);
    const recordedBy = userName
      ? ((await trx.selectFrom('users').select('id').where('username', '=', userName).executeTakeFirst())
          ?.id ?? null)
      : null;
    const meta = (c: Candidate): VisitMeta => ({ id: c.key, deviceId, recordedBy });

    // Residents, by ID number or by key, within the caller's scope: one query per chunk of
    // ID numbers, one per county (and chunk) of keys.
    const counties = await countiesWithin(trx, input.scope);
    const found = await residentsByIdNumbers(
      trx,
      counties,
      candidates.flatMap((c) => (c.ref.by === 'idNumber' ? [c.ref.idNumber] : [])),
    );
    const keyed = new Map<string, Map<number, ResidentRow>>();
    const byKey = candidates.flatMap((c) => (c.ref.by === 'key' ? [c.ref] : []));
    for (const [county, refs] of groupBy(byKey, (r) => r.county)) {
      // A county outside the scope (or unknown) is not read: its residents are not found.
      if (counties.includes(county)) {
        keyed.set(
          county,
          await residentsByIds(
            trx,
            county,
            refs.map((r) => r.residentId),
          ),
        );
      }
    }
    const resolved: Candidate[] = [];
    for (const c of candidates) {
      if (c.ref.by === 'key') {
        const r = keyed.get(c.ref.county)?.get(c.ref.residentId);
        if (r && inScope(input.scope, r.grid_code)) resolved.push({ ...c, resident: r });
        else fail(c.index, residentNotFound('resident'));
        continue;
      }
      const matches = (found.get(c.ref.idNumber) ?? []).filter((r) => inScope(input.scope, r.grid_code));
      if (matches.length === 1) resolved.push({ ...c, resident: matches[0] as ResidentRow });
      else fail(c.index, matches.length === 0 ? residentNotFound('idNumber') : residentAmbiguous());
    }

    // The first item with an id is the batch's; a repeat of it is decided once that one is in.
    const seen = new Set<string>();
    const firsts: Candidate[] = [];
    const repeats: Candidate[] = [];
    for (const c of resolved) {
      const k = `${c.kind}:${c.resident?.county_code}:${c.key}`;
      if (seen.has(k)) repeats.push(c);
      else {
        seen.add(k);
        firsts.push(c);
      }
    }

    // Ids already stored: a retry. storeVisit/storeDose decide duplicate or conflict (and write
    // nothing in either case).
    const fresh: Candidate[] = [];
    for (const [county, group] of groupBy(firsts, (c) => residentOf(c).county_code)) {
      const taken = {
        visit: await existingRecordIds(
          trx,
          'screening_visits',
          county,
          group.filter((c) => c.kind === 'visit').map((c) => c.key),
        ),
        dose: await existingRecordIds(
          trx,
          'dose_records',
          county,
          group.filter((c) => c.kind === 'dose').map((c) => c.key),
        ),
      };
      for (const c of group) {
        if (taken[c.kind].has(c.key)) await storeOne(trx, c, meta(c), now, ok, fail);
        else fresh.push(c);
      }
    }

    const doses = await checkDoses(
      trx,
      fresh.filter((c) => c.kind === 'dose'),
      (c, e) => fail(c.index, e),
    );
    const accepted = fresh
      .filter((c) => c.kind === 'visit')
      .concat(doses)
      .sort((a, b) => a.index - b.index);

    const visitRows: ScreeningVisitsTable[] = [];
    const doseRows: DoseRecordsTable[] = [];
    const log: ChangeLogInsert[] = [];
    for (const c of accepted) {
      const r = residentOf(c);
      if (c.visit) visitRows.push(visitRow(r, c.visit, meta(c), c.key, receivedAt));
      if (c.dose) doseRows.push(doseRow(r, c.dose, meta(c), c.key, receivedAt));
      log.push({
        county_code: r.county_code,
        grid_code: r.grid_code,
        entity: c.kind,
        entity_id: c.key,
        resident_id: Number(r.id),
        at: receivedAt,
      });
    }
    await insertVisits(trx, visitRows);
    await insertDoses(trx, doseRows);
    await appendChangeLog(trx, log);
    for (const c of accepted) ok(c, 'stored');

    // The read model, once per county and cause: a resident with a new dose moved because of
    // it; the others because of a visit.
    for (const [county, group] of groupBy(accepted, (c) => residentOf(c).county_code)) {
      const dosed = new Set(group.filter((c) => c.kind === 'dose').map((c) => Number(residentOf(c).id)));
      const visitedOnly = new Set(group.map((c) => Number(residentOf(c).id)).filter((id) => !dosed.has(id)));
      await applyResidentChanges(trx, county, [...dosed], today, receivedAt, 'dose-recorded');
      await applyResidentChanges(trx, county, [...visitedOnly], today, receivedAt, 'new-visit');
    }

    // Repeats within the batch: now the first of each is stored (or was refused), so the
    // single-record path answers them exactly as it would a later retry.
    for (const c of repeats) await storeOne(trx, c, meta(c), now, ok, fail);

    const mark = await lastChangeSeq(trx);
    await recordDeviceBatch(trx, {
      deviceId,
      userName,
      at: receivedAt,
      items: input.items.length,
      cursor: mark,
    });
    return mark;
  });

  const count = (r: SyncItemResult['result']): number => results.filter((x) => x.result === r).length;
  return {
    deviceId,
    received: input.items.length,
    stored: count('stored'),
    duplicates: count('duplicate'),
    rejected: count('rejected'),
    conflicts: count('conflict'),
    results,
    cursor,
  };
}

/** The checks that need no database: the id, how the resident is named, the record itself. */
function checkItem(item: SyncItem, index: number, now: Date): Candidate {
  const raw = (item ?? {}) as Partial<Record<string, unknown>>;
  if (typeof raw.id !== 'string' || !UUID_RE.test(raw.id)) {
    throw invalidInput({
      code: 'sync.id',
      field: 'id',
      message: { zh: '记录编号应为手机生成的 UUID', en: 'the record id must be a UUID made by the phone' },
    });
  }
  const base = {
    index,
    sentId: raw.id,
    key: raw.id.toLowerCase(),
    ref: checkRef(raw.idNumber, raw.resident),
  };
  if (raw.kind === 'visit' && raw.visit && typeof raw.visit === 'object') {
    return { ...base, kind: 'visit', visit: validVisitOrThrow(raw.visit as VisitInput, now) };
  }
  if (raw.kind === 'dose' && raw.dose && typeof raw.dose === 'object') {
    return { ...base, kind: 'dose', dose: validDoseOrThrow(raw.dose as DoseInput, now) };
  }
  throw invalidInput({
    code: 'sync.kind',
    field: 'kind',
    message: {
      zh: '记录类型应为 visit（摸排）并带 visit，或 dose（接种）并带 dose',
      en: 'an item is a kind "visit" with a visit, or a kind "dose" with a dose',
    },
  });
}

/** The resident named one way, and well: by ID number or by key, never both or neither. */
function checkRef(idNumber: unknown, resident: unknown): Ref {
  const hasNumber = idNumber !== undefined && idNumber !== null;
  const hasKey = resident !== undefined && resident !== null;
  if (hasNumber && hasKey) {
    throw invalidInput({
      code: 'sync.resident',
      field: 'resident',
      message: {
        zh: '只能用一种方式指明居民：身份证号 idNumber 或居民编号 resident，不能同时给出',
        en: 'name the resident one way only: idNumber or resident {county, id}, not both',
      },
    });
  }
  if (!hasNumber && !hasKey) {
    throw invalidInput({
      code: 'sync.resident',
      field: 'resident',
      message: {
        zh: '缺少居民：请给出身份证号 idNumber 或居民编号 resident（county、id）',
        en: 'the resident is missing: give idNumber or resident {county, id}',
      },
    });
  }
  if (hasNumber) {
    if (typeof idNumber !== 'string' || idNumber.trim() === '') {
      throw invalidInput({
        code: 'sync.id-number',
        field: 'idNumber',
        message: { zh: '缺少居民身份证号', en: "the resident's ID number is missing" },
      });
    }
    return { by: 'idNumber', idNumber: normalizeIdNumber(idNumber) };
  }
  const key = (typeof resident === 'object' ? resident : {}) as Partial<Record<string, unknown>>;
  if (typeof key.county !== 'string' || !COUNTY_RE.test(key.county)) {
    throw invalidInput({
      code: 'sync.resident',
      field: 'resident.county',
      message: {
        zh: '居民编号的县代码应为 6 位数字',
        en: "the resident key's county must be a 6-digit county code",
      },
    });
  }
  // Resident ids are 32-bit columns: a larger key names nobody (PostgreSQL failed the batch on it).
  if (typeof key.id !== 'number' || !Number.isSafeInteger(key.id) || key.id <= 0 || key.id > 2_147_483_647) {
    throw invalidInput({
      code: 'sync.resident',
      field: 'resident.id',
      message: { zh: '居民编号应为正整数', en: "the resident key's id must be a positive whole number" },
    });
  }
  return { by: 'key', county: key.county, residentId: key.id };
}

/**
 * The dose-window check of storeDose, for a batch: each resident's new doses are checked in
 * dose-number order against the stored history plus the batch's doses already accepted, so a
 * dose 2 sent with its dose 1 is judged against that dose 1.
 */
async function checkDoses(
  trx: Kysely<Database>,
  doses: readonly Candidate[],
  refuse: (c: Candidate, e: GridvaxError) => void,
): Promise<Candidate[]> {
  const accepted: Candidate[] = [];
  for (const [county, group] of groupBy(doses, (c) => residentOf(c).county_code)) {
    const history = new Map<number, DoseRecord[]>();
    for (const row of await doseHistories(
      trx,
      county,
      group.map((c) => Number(residentOf(c).id)),
    )) {
      const id = Number(row.resident_id);
      const list = history.get(id) ?? [];
      list.push(toDose(row));
      history.set(id, list);
    }
    const ordered = [...group].sort(
      (a, b) =>
        (a.dose?.doseNumber ?? 0) - (b.dose?.doseNumber ?? 0) ||
        (a.dose?.at ?? '').localeCompare(b.dose?.at ?? ''),
    );
    for (const c of ordered) {
      const dose = c.dose as Dose;
      const id = Number(residentOf(c).id);
      const past = history.get(id) ?? [];
      const proposed = { product: dose.product, doseNumber: dose.doseNumber, date: shanghaiDate(dose.at) };
      // As on the single-record path: a dose given on a day the site's doctor postponed them.
      if (dose.source === 'given') {
        try {
          await refuseDoseAfterPostponement(trx, county, id, proposed.date);
        } catch (e) {
          if (!isGridvaxError(e)) throw e;
          refuse(c, e);
          continue;
        }
      }
      const check = checkProposedDose(past, proposed);
      if (!check.ok) {
        const overridden = check.error.code === 'dose.too-early' && dose.overrideReason !== null;
        if (!overridden) {
          refuse(
            c,
            check.error.code === 'dose.duplicate' ? conflict(check.error) : businessRule(check.error),
          );
          continue;
        }
      }
      past.push(proposed);
      history.set(id, past);
      accepted.push(c);
    }
  }
  return accepted;
}

/** A record through the single-record path (a retry, a repeat), answered like any other. */
async function storeOne(
  trx: Kysely<Database>,
  c: Candidate,
  meta: VisitMeta,
  now: Date,
  ok: (c: Candidate, r: 'stored' | 'duplicate') => void,
  fail: (index: number, e: GridvaxError) => void,
): Promise<void> {
  try {
    const stored = c.visit
      ? await storeVisit(trx, residentOf(c), c.visit, meta, now)
      : await storeDose(trx, residentOf(c), c.dose as Dose, meta, now);
    ok(c, stored.result);
  } catch (e) {
    if (!isGridvaxError(e)) throw e;
    fail(c.index, e);
  }
}

function doseRow(r: ResidentRow, d: Dose, meta: VisitMeta, id: string, receivedAt: string): DoseRecordsTable {
  return {
    county_code: r.county_code,
    id,
    resident_id: Number(r.id),
    product: d.product,
    lot: d.lot,
    dose_number: d.doseNumber,
    at: d.at,
    site: d.site,
    vaccinator: d.vaccinator,
    source: d.source,
    override_reason: d.overrideReason,
    recorded_by: meta.recordedBy ?? null,
    device_id: meta.deviceId ?? null,
    received_at: receivedAt,
  };
}

const residentOf = (c: Candidate): ResidentRow => c.resident as ResidentRow;

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}

/**
 * The same answers findResident gives, for a batch looked up in one query. A resident out of
 * the caller's scope gets exactly the answer of one who does not exist: never a hint.
 */
const residentNotFound = (field: 'idNumber' | 'resident'): GridvaxError =>
  notFound({
    code: 'resident.not-found',
    field,
    message:
      field === 'idNumber'
        ? { zh: '找不到该身份证号的居民', en: 'no resident with that ID number' }
        : { zh: '找不到该居民编号对应的居民', en: 'no resident with that key' },
  });

const residentAmbiguous = (): GridvaxError =>
  conflict({
    code: 'resident.ambiguous',
    field: 'idNumber',
    message: {
      zh: '该身份证号在多个县登记，请指定县',
      en: 'that ID number is registered in several counties: name the county',
    },
  });
