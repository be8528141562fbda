/**
 * One resident's visits and doses, from their record (GET /residents/by-key/…) or out of a
 * grid's change feed (GET /sync/changes), and what is due next: a dose history lets
 * src/domain's dose windows say when the next dose may be given.
 */
import { shanghaiDate } from '../../../../src/domain/calendar.js';
import { isProductCode } from '../../../../src/domain/vaccines/catalog.js';
import { nextDose, type DoseRecord, type DueDose } from '../../../../src/domain/vaccines/doseWindows.js';
import type { ChangesAnswer } from '../commandApi.js';

export interface VisitRow {
  id: string;
  at: string;
  outcome: string;
  channel: string;
  followUpDate: string | null;
  bookedDate: string | null;
  untilDate: string | null;
  reason: string | null;
  site: string | null;
}

export interface DoseRow {
  id: string;
  at: string;
  product: string;
  doseNumber: number;
  lot: string | null;
  site: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function residentRecords(
  changes: ChangesAnswer | undefined,
  residentId: number,
): { visits: VisitRow[]; doses: DoseRow[] } {
  const visits: VisitRow[] = [];
  const doses: DoseRow[] = [];
  for (const item of changes?.items ?? []) {
    if (item.residentId !== residentId) continue;
    const r = item.record;
    if (item.entity === 'visit') {
      visits.push({
        id: item.id,
        at: text(r['at']) ?? '',
        outcome: text(r['outcome']) ?? '',
        channel: text(r['channel']) ?? '',
        followUpDate: text(r['followUpDate']),
        bookedDate: text(r['bookedDate']),
        untilDate: text(r['untilDate']),
        reason: text(r['reason']),
        site: text(r['site']),
      });
    } else {
      doses.push({
        id: item.id,
        at: text(r['at']) ?? '',
        product: text(r['product']) ?? '',
        doseNumber: Number(r['doseNumber']),
        lot: text(r['lot']),
        site: text(r['site']),
      });
    }
  }
  const newestFirst = (a: { at: string }, b: { at: string }) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);
  return { visits: visits.sort(newestFirst), doses: doses.sort(newestFirst) };
}

/** The record of one resident as GET /residents/by-key/{county}/{id} answers it. */
export interface ResidentRecordAnswer {
  visits: (Omit<VisitRow, 'followUpDate'> & { followUpDate: string | null })[];
  doses: DoseRow[];
}

const newestFirst = (a: { at: string }, b: { at: string }) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);

/** The record's visits and doses, newest first, as the page's tables list them. */
export function recordRows(record: ResidentRecordAnswer | undefined): {
  visits: VisitRow[];
  doses: DoseRow[];
} {
  return {
    visits: [...(record?.visits ?? [])].sort(newestFirst),
    doses: [...(record?.doses ?? [])].sort(newestFirst),
  };
}

/** The next dose by the dose windows, or undefined when no dose is known here to reckon from. */
export function nextDoseDue(
  doses: readonly DoseRow[],
  today: string | undefined,
): DueDose | null | undefined {
  const history: DoseRecord[] = doses
    .filter((d) => isProductCode(d.product) && Number.isInteger(d.doseNumber))
    .map((d) => ({
      product: d.product as DoseRecord['product'],
      doseNumber: d.doseNumber,
      date: shanghaiDate(d.at),
    }));
  if (history.length === 0) return undefined;
  return nextDose(history, today);
}
