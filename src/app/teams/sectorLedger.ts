/**
 * A sector's close-out ledger under a unit: the ledger's entries (src/app/ledger/ledgerOf.ts),
 * only the residents of that sector, each with their employer — the list a regulator sends to
 * the schools or firms it oversees.
 */
import { shanghaiDate } from '../../domain/calendar.js';
import { invalidInput } from '../../domain/errors.js';
import { isSector, SECTORS, type Sector } from '../../domain/sectors.js';
import { sectorLedgerPage, sectorLedgerTotal } from '../../store/fieldops/sectorQueries.js';
import type { Store } from '../../store/openStore.js';
import { pageOffset, pageSize } from '../../store/residentListQueries.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import { ledgerEntry, type LedgerEntry } from '../ledger/ledgerOf.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';

export interface SectorLedgerInput {
  campaignId: number;
  place: string;
  sector: string;
  scope?: Scope;
  unmasked?: boolean;
  limit?: number;
  offset?: number;
}

export type SectorLedgerEntry = LedgerEntry & { employer: string | null; sector: string | null };

export interface SectorLedger {
  place: string;
  sector: Sector;
  /** Everyone of the sector on the ledger, not just this page. */
  total: number;
  entries: SectorLedgerEntry[];
}

export async function sectorLedger(store: Store, input: SectorLedgerInput): Promise<SectorLedger> {
  if (!isSector(input.sector)) {
    throw invalidInput({
      code: 'resident.sector',
      field: 'sector',
      message: {
        zh: `行业应为 ${SECTORS.join('、')} 之一：${input.sector}`,
        en: `a sector is one of ${SECTORS.join(', ')}: ${input.sector}`,
      },
    });
  }
  const limit = pageSize(input.limit);
  const offset = pageOffset(input.offset);
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  const place = await requirePlace(store, input.place, input.scope);
  const today = shanghaiDate(store.now());
  const campaignId = Number(campaign.id);
  const [rows, total] = await Promise.all([
    sectorLedgerPage(store.db, campaignId, place.code, input.sector, today, limit, offset),
    sectorLedgerTotal(store.db, campaignId, place.code, input.sector, today),
  ]);
  return {
    place: place.code,
    sector: input.sector,
    total,
    entries: rows.map((r) => ({
      ...ledgerEntry(r, campaign, today, input.unmasked === true),
      employer: r.employer,
      sector: r.sector,
    })),
  };
}
