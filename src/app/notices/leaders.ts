/**
 * The public list (带头接种公示) of a village: its cadres, party members and public servants who
 * are done in the campaign, as the villages published it (「组织全体工作人员、党员、公职人员……带头
 * 接种，并将接种健康绿码予以公示栏、微信群内公示」, shared/seed/): full name, role, and the date of
 * the first dose. Nothing else about them — no ID number, no phone — leaves the register here.
 */
import { shanghaiDate, type CalendarDate } from '../../domain/calendar.js';
import type { Bilingual } from '../../domain/errors.js';
import {
  isPublicRole,
  PUBLIC_ROLE_LABELS,
  PUBLIC_ROLES,
  type PublicRole,
} from '../../domain/villageNotice.js';
import { villageLeaders } from '../../store/fieldops/dispatchQueries.js';
import type { Store } from '../../store/openStore.js';
import { requireCampaign } from '../campaigns/requireCampaign.js';
import type { Scope } from '../records/findResident.js';
import { requireVillage } from './requireVillage.js';

export interface PublicLeader {
  name: string;
  role: PublicRole;
  roleLabel: Bilingual;
  /** The first dose's day (Asia/Shanghai), or the day the resident became done if no dose is on record. */
  firstDoseOn: CalendarDate | null;
}

export interface PublicList {
  village: { code: string; name: string; shortName: string };
  campaignId: number;
  items: PublicLeader[];
}

export async function publicLeaders(
  store: Store,
  input: { village: string; campaignId: number; scope?: Scope },
): Promise<PublicList> {
  const village = await requireVillage(store, input.village, input.scope);
  const campaign = await requireCampaign(store, input.campaignId, input.scope);
  const rows = await villageLeaders(store.db, Number(campaign.id), village.code, PUBLIC_ROLES);
  const items: PublicLeader[] = [];
  for (const r of rows) {
    if (!isPublicRole(r.public_role)) continue;
    items.push({
      name: r.name,
      role: r.public_role,
      roleLabel: PUBLIC_ROLE_LABELS[r.public_role],
      firstDoseOn: r.first_dose_at ? shanghaiDate(r.first_dose_at) : r.done_on,
    });
  }
  // Cadres first, then party members, then public servants; within a role by the day they led.
  const rank = (role: PublicRole) => PUBLIC_ROLES.indexOf(role);
  items.sort(
    (a, b) =>
      rank(a.role) - rank(b.role) ||
      (a.firstDoseOn ?? '9999').localeCompare(b.firstDoseOn ?? '9999') ||
      a.name.localeCompare(b.name, 'zh'),
  );
  return {
    village: { code: village.code, name: village.name, shortName: village.short_name },
    campaignId: Number(campaign.id),
    items,
  };
}
