/**
 * Pre-screening at the site (预检): temperature, health code, blood pressure and the guideline's
 * five questions, appended to the check-in with what they suggest (siteScreening.ts). Screening
 * again before the doctor decides (a temperature taken after a rest in the shade) appends a
 * second screening; the doctor decides on the latest.
 */
import { conflict } from '../../domain/errors.js';
import { suggestDecision, validateScreening, type ScreeningInput } from '../../domain/siteScreening.js';
import { insertScreening, screeningsOf } from '../../store/fieldops/siteScreeningQueries.js';
import type { Store } from '../../store/openStore.js';
import type { Scope } from '../records/findResident.js';
import { requireCheckin, toCheckinView, type CheckinView } from './checkinView.js';
import { stepAt } from './stepTime.js';

export interface ScreenInput extends ScreeningInput {
  checkinId: string;
  /** When (ISO-8601 with a zone); now when absent. */
  at?: string | null;
  by: string;
  scope?: Scope;
  unmasked?: boolean;
}

export async function screen(store: Store, input: ScreenInput): Promise<CheckinView> {
  const row = await requireCheckin(store.db, input.checkinId, input.scope, 'write');
  if (row.decided_at !== null) throw alreadyDecided(row.id);
  const screening = validateScreening(input);
  const suggestion = suggestDecision(screening, row.day);
  const at = stepAt(row, row.at, input.at, store.now());
  await store.write(async (trx) => {
    // Read inside the write: a decision that landed meanwhile closes the screening.
    const decided = await trx
      .selectFrom('site_checkins')
      .select('decided_at')
      .where('county_code', '=', row.county_code)
      .where('id', '=', row.id)
      .executeTakeFirst();
    if (decided?.decided_at) throw alreadyDecided(row.id);
    await insertScreening(trx, {
      county_code: row.county_code,
      checkin_id: row.id,
      at,
      screened_by: input.by,
      temperature_tenths: Math.round(screening.temperature * 10),
      health_code: screening.healthCode,
      systolic: screening.systolic,
      diastolic: screening.diastolic,
      answers: JSON.stringify(screening.answers),
      suggestion: suggestion.decision,
      flags: JSON.stringify(suggestion.flags.map((f) => f.code)),
    });
  });
  return toCheckinView(row, await screeningsOf(store.db, row.county_code, [row.id]), input.unmasked === true);
}

export const alreadyDecided = (id: string) =>
  conflict({
    code: 'checkin.decided',
    field: 'checkinId',
    message: {
      zh: `预检登记 ${id} 医生已给出意见；如需重新预检，请重新登记`,
      en: `the doctor has decided on check-in ${id}: check the resident in again to screen anew`,
    },
  });
