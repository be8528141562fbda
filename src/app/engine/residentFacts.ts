import type { Kysely } from 'kysely';
import type { ResidentFacts, VisitFacts } from '../../domain/campaignStatus.js';
import { shanghaiDate } from '../../domain/calendar.js';
import type { DoseRecord } from '../../domain/vaccines/doseWindows.js';
import type { ProductCode } from '../../domain/vaccines/catalog.js';
import type { Database } from '../../store/schema.js';

export interface FactsOfResident {
  id: number;
  gridCode: string;
  resident: ResidentFacts;
  doses: DoseRecord[];
  visits: VisitFacts[];
}

interface DoseFactRow {
  resident_id: number;
  product: string;
  dose_number: number;
  at: string;
}
interface VisitFactRow {
  resident_id: number;
  outcome: string;
  at: string;
  until_date: string | null;
  follow_up_date: string | null;
  booked_date: string | null;
  verified: number | null;
}

export const toDose = (d: DoseFactRow): DoseRecord => ({
  product: d.product as ProductCode,
  doseNumber: Number(d.dose_number),
  date: shanghaiDate(d.at),
});

export const toVisit = (v: VisitFactRow): VisitFacts => ({
  outcome: v.outcome as VisitFacts['outcome'],
  at: v.at,
  ...(v.until_date ? { untilDate: v.until_date } : {}),
  ...(v.follow_up_date ? { followUpDate: v.follow_up_date } : {}),
  ...(v.booked_date ? { bookedDate: v.booked_date } : {}),
  ...(v.verified === null ? {} : { verified: Number(v.verified) === 1 }),
});

/**
 * Everything the status derivation needs about residents `fromId..toId` of one county, in
 * three range reads on the residents', doses' and visits' primary or resident indexes.
 */
export async function factsOfRange(
  db: Kysely<Database>,
  county: string,
  fromId: number,
  toId: number,
): Promise<FactsOfResident[]> {
  const [residents, doses, visits] = await Promise.all([
    db
      .selectFrom('residents')
      .select(['id', 'grid_code', 'birth_date', 'status'])
      .where('county_code', '=', county)
      .where('id', '>=', fromId)
      .where('id', '<=', toId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('dose_records')
      .select(['resident_id', 'product', 'dose_number', 'at'])
      .where('county_code', '=', county)
      .where('resident_id', '>=', fromId)
      .where('resident_id', '<=', toId)
      .execute(),
    db
      .selectFrom('screening_visits')
      .select(['resident_id', 'outcome', 'at', 'until_date', 'follow_up_date', 'booked_date', 'verified'])
      .where('county_code', '=', county)
      .where('resident_id', '>=', fromId)
      .where('resident_id', '<=', toId)
      .execute(),
  ]);
  const byId = new Map<number, FactsOfResident>();
  const out: FactsOfResident[] = [];
  for (const r of residents) {
    const f: FactsOfResident = {
      id: Number(r.id),
      gridCode: r.grid_code,
      resident: { birthDate: r.birth_date, status: r.status },
      doses: [],
      visits: [],
    };
    byId.set(f.id, f);
    out.push(f);
  }
  for (const d of doses) byId.get(Number(d.resident_id))?.doses.push(toDose(d));
  for (const v of visits) byId.get(Number(v.resident_id))?.visits.push(toVisit(v));
  return out;
}
