/**
 * A village's loudspeaker (村村响) schedule: the times of day it broadcasts and what it plays
 * (乌石镇双庙村 「分时段反复播放」 its party secretary's recording, shared/seed/). A village that
 * has set none plays the default schedule, which names its township's sites and hours.
 */
import { defaultBroadcasts, validateBroadcasts, type BroadcastSlot } from '../../domain/villageNotice.js';
import {
  loudspeakerSlots,
  replaceLoudspeakerSlots,
  townshipSites,
} from '../../store/fieldops/dispatchQueries.js';
import type { Store } from '../../store/openStore.js';
import { findPlace } from '../../store/placeQueries.js';
import type { Scope } from '../records/findResident.js';
import { requireVillage } from './requireVillage.js';

export interface BroadcastSchedule {
  village: string;
  /** True when the village has set none and this is the default. */
  isDefault: boolean;
  /** When and by whom the schedule was set; null for the default. */
  setAt: string | null;
  setBy: string | null;
  slots: BroadcastSlot[];
}

export async function broadcastsOf(
  store: Store,
  input: { village: string; scope?: Scope },
): Promise<BroadcastSchedule> {
  const village = await requireVillage(store, input.village, input.scope);
  const rows = await loudspeakerSlots(store.db, village.code);
  const first = rows[0];
  if (first) {
    return {
      village: village.code,
      isDefault: false,
      setAt: first.set_at,
      setBy: first.set_by,
      slots: rows.map((r) => ({ time: r.time, message: r.message })),
    };
  }
  const township = village.code.slice(0, 9);
  const [place, sites] = await Promise.all([findPlace(store, township), townshipSites(store.db, township)]);
  return {
    village: village.code,
    isDefault: true,
    setAt: null,
    setBy: null,
    slots: defaultBroadcasts(village.short_name, place?.short_name ?? township, sites),
  };
}

/** Replaces the village's whole schedule in one transaction: the old one goes as the new one lands. */
export async function setBroadcasts(
  store: Store,
  input: { village: string; slots: readonly BroadcastSlot[]; by: string; scope?: Scope },
): Promise<BroadcastSchedule> {
  const village = await requireVillage(store, input.village, input.scope);
  const slots = validateBroadcasts(input.slots);
  const at = store.now().toISOString();
  await store.transaction((trx) => replaceLoudspeakerSlots(trx, village.code, slots, at, input.by));
  return { village: village.code, isDefault: false, setAt: at, setBy: input.by, slots };
}
