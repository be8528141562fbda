/**
 * Checking a resident in at the site (现场登记): the ID card is typed or read at the door, the
 * resident found within the staff's places, and a check-in opened for the day. Site staff are
 * attached to their township; a site outside it is not theirs to work at (not found).
 */
import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '../../domain/calendar.js';
import { businessRule } from '../../domain/errors.js';
import { requireIdNumber } from '../../domain/idcard.js';
import { checkinDetail, checkinUnderWay, insertCheckin } from '../../store/fieldops/siteScreeningQueries.js';
import type { Store } from '../../store/openStore.js';
import { findResident, type Scope } from '../records/findResident.js';
import { checkinViews, type CheckinView } from './checkinView.js';
import { siteAtWork } from './siteAtWork.js';
import { instantOrNow } from './stepTime.js';

export interface CheckInInput {
  siteId: number;
  /** As typed or read from the card: full-width digits, spaces and a lower-case x are normalized. */
  idNumber: string;
  /** When (ISO-8601 with a zone); now when absent. */
  at?: string | null;
  /** Who checked them in (the signed-in user's name). */
  by: string;
  scope?: Scope;
  unmasked?: boolean;
  /** A check-in id of the caller's own (a UUID), so a seeded day is the same on every run. */
  id?: string;
}

/**
 * Opens a check-in, or finds the one still under way today at this site (a card read twice):
 * `created` says which.
 */
export async function checkIn(
  store: Store,
  input: CheckInInput,
): Promise<{ checkin: CheckinView; created: boolean }> {
  const now = store.now();
  const at = instantOrNow(input.at, now);
  const day = shanghaiDate(at);
  const id = requireIdNumber(input.idNumber, shanghaiDate(now)).normalized;
  const site = await siteAtWork(store, input.siteId, input.scope);
  const resident = await findResident(store.db, id, input.scope ? { scope: input.scope } : {});
  if (resident.status !== 'active') {
    throw businessRule({
      code: 'checkin.resident-status',
      field: 'idNumber',
      message: {
        zh: `该居民登记状态为“${resident.status === 'deceased' ? '已死亡' : '已迁出'}”，不能登记接种`,
        en: `the register says the resident has ${resident.status === 'deceased' ? 'died' : 'moved out'}`,
      },
    });
  }
  const county = resident.county_code;
  const residentId = Number(resident.id);
  const { checkinId, created } = await store.write(async (trx) => {
    const open = await checkinUnderWay(trx, county, residentId, Number(site.id), day);
    if (open !== undefined) return { checkinId: open, created: false };
    const newId = input.id ?? randomUUID();
    await insertCheckin(trx, {
      county_code: county,
      id: newId,
      resident_id: residentId,
      grid_code: resident.grid_code,
      site_id: Number(site.id),
      day,
      at,
      checked_in_by: input.by,
      decision: null,
      decided_at: null,
      decided_by: null,
      until_date: null,
      contraindication: null,
      decision_note: null,
      against_suggestion: null,
      screening_id: null,
      visit_id: null,
      dose_id: null,
      observation_ends_at: null,
      observation_ended_at: null,
      observation_outcome: null,
      observation_note: null,
    });
    return { checkinId: newId, created: true };
  });
  const row = await checkinDetail(store.db, checkinId);
  const [view] = await checkinViews(store.db, row ? [row] : [], input.unmasked === true);
  return { checkin: view as CheckinView, created };
}
