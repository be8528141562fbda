import { notFound } from '../../domain/errors.js';
import { findSite, type SiteRow } from '../../store/fieldops/siteQueries.js';
import type { Store } from '../../store/openStore.js';
import type { Scope } from '../records/findResident.js';

/**
 * Who sees a site: anyone whose places are in its township (a village head, a grid member
 * booking residents there) or above it (the township, the county). Who runs it (its hours,
 * stock and checklist): the township and above only.
 */
export const siteVisible = (scope: Scope, township: string): boolean =>
  !scope || scope.some((p) => p.startsWith(township) || township.startsWith(p));

export const siteRunnable = (scope: Scope, township: string): boolean =>
  !scope || scope.some((p) => township.startsWith(p));

/**
 * The site, if it exists and the caller may see it (or, with `run`, run it); otherwise "not
 * found", so that a site outside the caller's places cannot be told from one that does not exist.
 */
export async function requireSite(
  store: Store,
  id: number,
  scope: Scope,
  access: 'see' | 'run' = 'see',
): Promise<SiteRow> {
  const site = Number.isSafeInteger(id) ? await findSite(store.db, id) : undefined;
  const ok =
    site &&
    (access === 'run' ? siteRunnable(scope, site.township_code) : siteVisible(scope, site.township_code));
  if (!site || !ok) {
    throw notFound({
      code: 'site.not-found',
      field: 'site',
      message: { zh: `找不到接种点 ${id}`, en: `no site ${id}` },
    });
  }
  return site;
}
