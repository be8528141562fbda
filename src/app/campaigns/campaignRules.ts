import type { CampaignRules } from '../../domain/campaignStatus.js';
import type { CampaignRow } from '../../store/campaignQueries.js';

/** The rules of a stored campaign, in the shape the domain's status derivation takes. */
export function campaignRules(c: CampaignRow): CampaignRules {
  return {
    target: c.target,
    band: { minAge: Number(c.min_age), maxAge: c.max_age === null ? null : Number(c.max_age) },
    ageAsOf: c.age_as_of,
  };
}
