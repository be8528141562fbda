import type { ResidentStatus } from '../../domain/campaignStatus.js';
import type { CampaignResidentsTable } from '../../store/schema.js';

type StatusColumns = Omit<
  CampaignResidentsTable,
  'county_code' | 'campaign_id' | 'resident_id' | 'grid_code'
>;

/** The stored form of a derived status (campaign_residents), and back. */
export function statusColumns(s: ResidentStatus): StatusColumns {
  return {
    status: s.status,
    reason: s.reason ?? null,
    until_date: s.until ?? null,
    follow_up_date: s.followUpDate ?? null,
    booked_date: s.bookedDate ?? null,
    done_on: s.doneOn ?? null,
    sixty_plus: s.sixtyPlus ? 1 : 0,
    last_visit_at: s.lastVisitAt ?? null,
  };
}

/** The column order the bulk recount writes campaign_residents in. */
export const CAMPAIGN_RESIDENT_COLUMNS = [
  'county_code',
  'campaign_id',
  'resident_id',
  'grid_code',
  'status',
  'reason',
  'until_date',
  'follow_up_date',
  'booked_date',
  'done_on',
  'sixty_plus',
  'last_visit_at',
] as const;

export function statusFromColumns(r: StatusColumns): ResidentStatus {
  const common = {
    followUpDue: false,
    sixtyPlus: Number(r.sixty_plus) === 1,
    ...(r.last_visit_at ? { lastVisitAt: r.last_visit_at } : {}),
    ...(r.follow_up_date ? { followUpDate: r.follow_up_date } : {}),
    ...(r.booked_date ? { bookedDate: r.booked_date } : {}),
  };
  switch (r.status) {
    case 'done':
      return { ...common, status: 'done', doneOn: r.done_on ?? '' };
    case 'deferred':
      return {
        ...common,
        status: 'deferred',
        reason: 'contraindicated-temporary',
        until: r.until_date ?? '',
      };
    case 'unscreened':
      return { ...common, status: 'unscreened' };
    default:
      // The reason was written by statusColumns from the same union, so it fits its status.
      return { ...common, status: r.status, reason: r.reason } as ResidentStatus;
  }
}
