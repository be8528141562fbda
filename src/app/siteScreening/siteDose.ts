/**
 * The dose at the site, from a check-in the doctor recommended: recorded through the engine's
 * storeDose (dose windows, duplicates, the resident's status) with the site's name, its lot and
 * who gave it, and linked to the check-in in the same write; the 30-minute observation starts
 * with it (siteScreeningObservation.ts).
 */
import { businessRule, conflict, invalidInput, notFound } from '../../domain/errors.js';
import { observationEndsAt } from '../../domain/siteScreeningObservation.js';
import { updateCheckinStep } from '../../store/fieldops/siteScreeningQueries.js';
import type { Store } from '../../store/openStore.js';
import { residentById } from '../../store/residentQueries.js';
import type { Scope } from '../records/findResident.js';
import { storeDose, validDoseOrThrow } from '../records/recordDose.js';
import { checkinView, requireCheckin, type CheckinView } from './checkinView.js';
import { stepAt } from './stepTime.js';

export interface SiteDoseInput {
  checkinId: string;
  product: string;
  lot: string;
  /** The resident's next dose number when absent (their doses so far + 1). */
  doseNumber?: number | null;
  /** When given (ISO-8601 with a zone); now when absent. */
  at?: string | null;
  /** Who gave it; the signed-in user when absent. */
  vaccinator?: string | null;
  /** A site doctor's reason to give a dose before its window opens. */
  overrideReason?: string | null;
  /** A dose record id made by the client, so a retry stores it once. */
  id?: string;
  by: string;
  recordedBy?: number | null;
  scope?: Scope;
  unmasked?: boolean;
}

export async function giveSiteDose(store: Store, input: SiteDoseInput): Promise<CheckinView> {
  const now = store.now();
  const row = await requireCheckin(store.db, input.checkinId, input.scope, 'write');
  if (row.dose_id !== null) {
    throw conflict({
      code: 'checkin.dose-recorded',
      field: 'checkinId',
      message: {
        zh: `预检登记 ${row.id} 已登记接种（${row.dose_id}）`,
        en: `check-in ${row.id} already has its dose (${row.dose_id})`,
      },
    });
  }
  if (row.decision === null || row.decided_at === null) {
    throw businessRule({
      code: 'checkin.not-decided',
      field: 'checkinId',
      message: {
        zh: '医生尚未给出“建议接种”意见，不能接种',
        en: 'the doctor has not recommended vaccination yet',
      },
    });
  }
  if (row.decision !== 'recommend') {
    throw businessRule({
      code: 'dose.checkin-postponed',
      field: 'checkinId',
      message: {
        zh: `预检登记 ${row.id} 医生意见为${row.decision === 'postpone' ? `推迟接种至 ${row.until_date ?? ''}` : '不宜接种'}，不能接种`,
        en: `check-in ${row.id} says ${row.decision === 'postpone' ? `postpone until ${row.until_date ?? ''}` : 'not suitable'}: no dose`,
      },
    });
  }
  const lot = input.lot.trim();
  if (lot === '') {
    throw invalidInput({
      code: 'dose.lot',
      field: 'lot',
      message: { zh: '请填写疫苗批号', en: 'the lot (batch) number is required' },
    });
  }
  const at = stepAt(row, row.decided_at, input.at, now);
  const resident = await residentById(store.db, row.county_code, Number(row.resident_id));
  if (!resident) {
    throw notFound({
      code: 'resident.not-found',
      field: 'resident',
      message: { zh: '找不到该居民', en: 'no such resident' },
    });
  }
  let doseNumber = input.doseNumber ?? undefined;
  if (doseNumber === undefined) {
    const n = await store.db
      .selectFrom('dose_records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('county_code', '=', row.county_code)
      .where('resident_id', '=', Number(row.resident_id))
      .executeTakeFirstOrThrow();
    doseNumber = Number(n.n) + 1;
  }
  const dose = validDoseOrThrow(
    {
      product: input.product,
      doseNumber,
      at,
      lot,
      site: row.site_name,
      vaccinator: input.vaccinator?.trim() ? input.vaccinator : input.by,
      source: 'given',
      overrideReason: input.overrideReason ?? null,
    },
    now,
  );
  await store.write(async (trx) => {
    const stored = await storeDose(
      trx,
      resident,
      dose,
      { ...(input.id ? { id: input.id } : {}), recordedBy: input.recordedBy ?? null },
      now,
    );
    const linked = await updateCheckinStep(trx, row.county_code, row.id, 'dose_id', {
      dose_id: stored.id,
      observation_ends_at: observationEndsAt(dose.at),
    });
    if (!linked) {
      throw conflict({
        code: 'checkin.dose-recorded',
        field: 'checkinId',
        message: { zh: `预检登记 ${row.id} 已登记接种`, en: `check-in ${row.id} already has its dose` },
      });
    }
  });
  return checkinView(store.db, row.id, input.scope, input.unmasked === true);
}
