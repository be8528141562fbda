/**
 * Names the cadre answerable for a unit (明确包保责任人), replacing any before. County cadres
 * answer for townships and township cadres for villages (县包乡、乡包村组), so the level above
 * assigns: a township lead names its villages' cadres, the county its townships'.
 */
import { checkCadre, type CadreDraft } from '../../domain/answerability.js';
import { forbidden } from '../../domain/errors.js';
import { parentCode } from '../../domain/places.js';
import { upsertAnswerable } from '../../store/fieldops/answerableQueries.js';
import type { Store } from '../../store/openStore.js';
import { requirePlace } from '../places/requirePlace.js';
import { inScope, type Scope } from '../records/findResident.js';
import { cadreOf, type AnswerableCadre, type AnswerableUnit } from './answerableFor.js';

export async function setAnswerable(
  store: Store,
  input: { place: string; cadre: CadreDraft; by: string; scope?: Scope },
): Promise<{ unit: AnswerableUnit; before: AnswerableCadre | null }> {
  const place = await requirePlace(store, input.place, input.scope);
  const cadre = checkCadre(place.code, input.cadre);
  const above = parentCode(place.code);
  if (above === undefined || !inScope(input.scope, above)) {
    throw forbidden({
      code: 'answerable.assigned-above',
      field: 'place',
      message: {
        zh: `${place.name}的包保责任人由上一级（${above ?? '上级'}）明确`,
        en: `the cadre answerable for ${place.name} is named by the level above (${above ?? 'its parent'})`,
      },
    });
  }
  const row = {
    place_code: place.code,
    name: cadre.name,
    title: cadre.title,
    phone: cadre.phone,
    cadre_level: cadre.cadreLevel,
    assigned_at: store.now().toISOString(),
    assigned_by: input.by,
  };
  const before = await store.write((trx) => upsertAnswerable(trx, row));
  return {
    unit: {
      code: place.code,
      name: place.name,
      level: place.level,
      answeredBy: cadre.cadreLevel,
      cadre: cadreOf(row),
    },
    before: before ? cadreOf(before) : null,
  };
}
