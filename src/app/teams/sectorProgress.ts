/**
 * Progress by sector (行业监管) under a unit: for each sector, its residents there and how far
 * the campaign has reached them, for the sector's regulator (the education bureau for schools …).
 * Completion is done ÷ eligible: a sector has no task number handed down.
 */
import { shanghaiDate } from '../../domain/calendar.js';
import type { Bilingual } from '../../domain/errors.js';
import { isSector, SECTOR_LABELS, SECTOR_REGULATORS, SECTORS, type Sector } from '../../domain/sectors.js';
import { sectorStatusCounts } from '../../store/fieldops/sectorQueries.js';
import type { Store } from '../../store/openStore.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';

export interface SectorFigures {
  residents: number;
  eligible: number;
  done: number;
  exempt: number;
  /** Deferred with a deferral still running. */
  deferred: number;
  /** Open, including deferrals that have ended. */
  open: number;
  unscreened: number;
  /** done ÷ eligible; null with nobody eligible. */
  completion: number | null;
}

export interface SectorProgressRow extends SectorFigures {
  sector: Sector;
  label: Bilingual;
  regulator: Bilingual;
}

export interface SectorProgress {
  campaignId: number;
  place: string;
  placeName: string;
  /** Every sector, in the vocabulary's order, with zeros where nobody is. */
  sectors: SectorProgressRow[];
  /** All residents with a sector together. */
  total: SectorFigures;
}

const zero = (): Omit<SectorFigures, 'completion'> => ({
  residents: 0,
  eligible: 0,
  done: 0,
  exempt: 0,
  deferred: 0,
  open: 0,
  unscreened: 0,
});

const withCompletion = (f: Omit<SectorFigures, 'completion'>): SectorFigures => ({
  ...f,
  completion: f.eligible === 0 ? null : f.done / f.eligible,
});

export async function sectorProgress(
  store: Store,
  input: { campaignId: number; place: string; scope?: Scope },
): Promise<SectorProgress> {
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  const place = await requirePlace(store, input.place, input.scope);
  const today = shanghaiDate(store.now());
  const counts = await sectorStatusCounts(store.db, Number(campaign.id), place.code, today);
  const by = new Map<Sector, Omit<SectorFigures, 'completion'>>(SECTORS.map((s) => [s, zero()]));
  const total = zero();
  for (const c of counts) {
    // A value outside the vocabulary (a register edited by hand) is still someone's: "other".
    const sector: Sector = isSector(c.sector) ? c.sector : 'other';
    for (const f of [by.get(sector) as Omit<SectorFigures, 'completion'>, total]) {
      f.residents += c.n;
      if (c.status !== 'ineligible') f.eligible += c.n;
      if (c.status === 'done') f.done += c.n;
      if (c.status === 'exempt') f.exempt += c.n;
      if (c.status === 'deferred') {
        f.deferred += c.n - c.due;
        f.open += c.due;
      }
      if (c.status === 'open') f.open += c.n;
      if (c.status === 'unscreened') f.unscreened += c.n;
    }
  }
  return {
    campaignId: Number(campaign.id),
    place: place.code,
    placeName: place.name,
    sectors: SECTORS.map((s) => ({
      sector: s,
      label: SECTOR_LABELS[s],
      regulator: SECTOR_REGULATORS[s],
      ...withCompletion(by.get(s) as Omit<SectorFigures, 'completion'>),
    })),
    total: withCompletion(total),
  };
}
