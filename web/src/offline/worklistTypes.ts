/**
 * The worklist as the phone keeps it (GET /api/v1/campaigns/{id}/worklist, src/api/routes/worklist.ts),
 * with what the field pages need beside it offline: the campaign, the grids' names and the
 * township's vaccination sites (for a booking and a ride).
 */
import type { Bilingual } from '../../../src/domain/errors.js';
import type {
  NextActionCode,
  OpenReason,
  WorklistStatus,
  WorklistTier,
} from '../../../src/domain/worklist.js';

export interface WorklistResident {
  residentId: number | string;
  /** Masked: 430321********123X. */
  idNumber: string;
  phone: string | null;
  name: string;
  birthDate: string;
  age: number;
  sixtyPlus: boolean;
  gridCode: string;
  householdId: number | string;
  status: WorklistStatus;
  openReason?: OpenReason | null;
  followUpDate?: string | null;
  untilDate?: string | null;
  bookedDate?: string | null;
  lastVisitAt?: string | null;
  limitedMobility: boolean;
  remote: boolean;
  tier: WorklistTier;
  nextAction: { code: NextActionCode; label: Bilingual };
  alsoAtDoor: (number | string)[];
}

export interface SiteSummary {
  id: number;
  name: string;
  address: string;
  opens: string;
  closes: string;
}

export interface CachedWorklist {
  username: string;
  /** The member's places (user.places) the list was made for. */
  grids: string[];
  /** Their names, for the header. */
  placeNames: Record<string, string>;
  campaign: { id: number; name: string } | null;
  /** The server's working day (YYYY-MM-DD). */
  today: string;
  items: WorklistResident[];
  sites: SiteSummary[];
  /** When it was downloaded (the phone's clock, ISO). */
  fetchedAt: string;
}
