/**
 * A look-back (回头看) as the grid instructor sees it: the sample in draw order, what was found
 * at each door so far, and the verdict.
 */
import { notFound } from '../../domain/errors.js';
import { maskIdNumber } from '../../domain/idcard.js';
import { lookbackVerdict } from '../../domain/lookback.js';
import type { Kysely } from 'kysely';
import { lookbackById, lookbackItems, type LookbackRow } from '../../store/lookbackQueries.js';
import type { Store } from '../../store/openStore.js';
import type { Database } from '../../store/schema.js';
import { inScope, type Scope } from '../records/findResident.js';

export interface LookbackItem {
  /** 1-based, in draw order. */
  position: number;
  residentId: number;
  name: string;
  /** Masked (maskIdNumber). */
  idNumber: string;
  gridCode: string;
  /** The resident's status in the campaign when the sample was drawn: what the door is checked against. */
  statusAtDraw: string;
  checkedAt: string | null;
  /** Whether the door agreed with the record; null until checked. */
  matches: boolean | null;
  note: string | null;
}

export interface Lookback {
  id: number;
  campaignId: number;
  place: string;
  /** With the unit's residents, what reproduces the sample (drawLookbackSample). */
  seed: string;
  size: number;
  createdAt: string;
  createdBy: string;
  items: LookbackItem[];
  verdict: { checked: number; discrepancies: number; reopen: boolean };
  /** When the last item was checked. */
  closedAt: string | null;
}

/** The stored look-back, or not found (also when its unit is outside the caller's scope). */
export async function requireLookback(
  db: Kysely<Database>,
  lookbackId: number,
  scope: Scope,
): Promise<LookbackRow> {
  const row = Number.isInteger(lookbackId) ? await lookbackById(db, lookbackId) : undefined;
  if (!row || !inScope(scope, row.place_code)) {
    throw notFound({
      code: 'lookback.not-found',
      field: 'lookback',
      message: { zh: `找不到回头看 ${lookbackId}`, en: `no look-back ${lookbackId}` },
    });
  }
  return row;
}

/** Reads a look-back with its items (inside a transaction too, hence the bare db). */
export async function readLookback(db: Kysely<Database>, row: LookbackRow): Promise<Lookback> {
  const items = (await lookbackItems(db, Number(row.id))).map((i): LookbackItem => ({
    position: Number(i.position),
    residentId: Number(i.resident_id),
    name: i.name,
    idNumber: maskIdNumber(i.id_number),
    gridCode: i.grid_code,
    statusAtDraw: i.status_at_draw,
    checkedAt: i.checked_at,
    matches: i.matches === null ? null : Number(i.matches) === 1,
    note: i.note,
  }));
  const verdict = lookbackVerdict(
    items.flatMap((i) => (i.matches === null ? [] : [{ residentId: i.residentId, matches: i.matches }])),
  );
  return {
    id: Number(row.id),
    campaignId: Number(row.campaign_id),
    place: row.place_code,
    seed: row.seed,
    size: Number(row.size),
    createdAt: row.created_at,
    createdBy: row.created_by,
    items,
    verdict: { checked: verdict.checked, discrepancies: verdict.discrepancies, reopen: verdict.reopen },
    closedAt: row.closed_at,
  };
}

export async function showLookback(
  store: Store,
  input: { lookbackId: number; scope?: Scope },
): Promise<Lookback> {
  return readLookback(store.db, await requireLookback(store.db, input.lookbackId, input.scope));
}
