import { invalidInput } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import type { PlaceRow } from '../../store/placeQueries.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';

/** The village (村/社区) a notice belongs to, in the caller's places; any other level is refused. */
export async function requireVillage(store: Store, code: string, scope?: Scope): Promise<PlaceRow> {
  const place = await requirePlace(store, code, scope, 'village');
  if (place.level !== 'village') {
    throw invalidInput({
      code: 'notice.village',
      field: 'village',
      message: {
        zh: `通知、村村响和公示以村（社区）为单位：${place.name}（${place.code}）不是村（社区）`,
        en: `notices, loudspeakers and the public list belong to a village: ${place.name} (${place.code}) is a ${place.level}`,
      },
    });
  }
  return place;
}
