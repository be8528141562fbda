/**
 * The cadres answerable for units (包保责任人) as the ranking and the daily report show them,
 * and a unit's children each with its cadre (县包乡、乡包村组: a county lists its townships'
 * county cadres, a township its villages' township cadres).
 */
import type { Kysely } from 'kysely';
import { answerableDisplay, cadreLevelFor, type CadreLevel } from '../../domain/answerability.js';
import { answerableRows, type AnswerableRow } from '../../store/fieldops/answerableQueries.js';
import type { Store } from '../../store/openStore.js';
import { childPlaces } from '../../store/placeQueries.js';
import type { Database } from '../../store/schema.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';

/** Each unit that has a cadre, to its display: 王建国（县卫健局副局长）. */
export async function answerableFor(
  db: Kysely<Database>,
  placeCodes: readonly string[],
): Promise<Map<string, string>> {
  const rows = await answerableRows(db, placeCodes);
  return new Map(rows.map((r) => [r.place_code, answerableDisplay(r.name, r.title)]));
}

export interface AnswerableCadre {
  name: string;
  title: string;
  phone: string | null;
  cadreLevel: CadreLevel;
  assignedAt: string;
  assignedBy: string;
  /** 王建国（县卫健局副局长） */
  display: string;
}

export interface AnswerableUnit {
  code: string;
  name: string;
  level: string;
  /** The level of cadre that answers for this unit; null for a unit that has none (a county, a grid). */
  answeredBy: CadreLevel | null;
  cadre: AnswerableCadre | null;
}

export const cadreOf = (r: AnswerableRow): AnswerableCadre => ({
  name: r.name,
  title: r.title,
  phone: r.phone,
  cadreLevel: r.cadre_level,
  assignedAt: r.assigned_at,
  assignedBy: r.assigned_by,
  display: answerableDisplay(r.name, r.title),
});

/** A unit and its children, each with the cadre answerable for it. */
export async function listAnswerable(
  store: Store,
  input: { place: string; scope?: Scope },
): Promise<{ unit: AnswerableUnit; children: AnswerableUnit[] }> {
  const place = await requirePlace(store, input.place, input.scope);
  const children = await childPlaces(store, place.code);
  const rows = new Map(
    (await answerableRows(store.db, [place.code, ...children.map((c) => c.code)])).map((r) => [
      r.place_code,
      r,
    ]),
  );
  const unitOf = (p: { code: string; name: string; level: string }): AnswerableUnit => {
    const row = rows.get(p.code);
    return {
      code: p.code,
      name: p.name,
      level: p.level,
      answeredBy: cadreLevelFor(p.code) ?? null,
      cadre: row ? cadreOf(row) : null,
    };
  };
  return { unit: unitOf(place), children: children.map(unitOf) };
}
