import { businessRule } from '../../domain/errors.js';
import type { SiteRow } from '../../store/fieldops/siteQueries.js';
import type { Store } from '../../store/openStore.js';
import type { Scope } from '../records/findResident.js';
import { requireSite } from '../sites/requireSite.js';

/**
 * The site a caller checks residents in at: one they run (site staff are attached to the
 * township the site serves; a site elsewhere is not found) and that is in service.
 */
export async function siteAtWork(store: Store, siteId: number, scope: Scope): Promise<SiteRow> {
  const site = await requireSite(store, siteId, scope, 'run');
  if (site.active !== 1) {
    throw businessRule({
      code: 'site.inactive',
      field: 'siteId',
      message: { zh: `接种点“${site.name}”已停用`, en: `the site "${site.name}" is not in service` },
    });
  }
  return site;
}
