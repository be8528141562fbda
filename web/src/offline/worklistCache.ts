/**
 * The member's worklist, downloaded while there is a network and kept in IndexedDB so the
 * field pages open without one. One download brings everything the pages need offline: the
 * campaign, the worklist of all the member's grids in the grid head's order, the grids' names
 * and the township's vaccination sites.
 */
import { shanghaiDate } from '../../../src/domain/calendar.js';
import { ApiError, get } from '../api/client.js';
import { sampleClock, serverNow } from './clock.js';
import { fieldDb } from './db.js';
import type { CachedWorklist, SiteSummary, WorklistResident } from './worklistTypes.js';

interface Campaign {
  id: number;
  name: string;
  start: string | null;
  deadline: string;
  createdAt: string;
}

/** The drive running today (the newest if several), else the newest. */
export function currentCampaign(campaigns: readonly Campaign[], today: string): Campaign | undefined {
  const newestFirst = [...campaigns].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  return (
    newestFirst.find((c) => (c.start === null || c.start <= today) && today <= c.deadline) ?? newestFirst[0]
  );
}

/** The most a grid member's list may hold (the API's page limit). */
const WORKLIST_LIMIT = 10_000;

export async function cachedWorklist(username: string): Promise<CachedWorklist | undefined> {
  return (await fieldDb()).get('worklists', username);
}

/** Something the member may simply not be allowed to read (no sites for the role): an empty answer. */
async function optional<T>(request: Promise<T>, fallback: T): Promise<T> {
  try {
    return await request;
  } catch (e) {
    if (e instanceof ApiError && e.status >= 400 && e.status < 500) return fallback;
    throw e;
  }
}

export async function downloadWorklist(user: {
  username: string;
  places: string[];
}): Promise<CachedWorklist> {
  // Twice, around the downloads: a server whose clock stands still shows it (clock.ts).
  await sampleClock();
  const today = shanghaiDate(serverNow());
  const { items: campaigns } = await get<{ items: Campaign[] }>('/api/v1/campaigns');
  const campaign = currentCampaign(campaigns, today);
  const grids = user.places;
  const list = campaign
    ? await get<{ today: string; items: WorklistResident[] }>(
        `/api/v1/campaigns/${campaign.id}/worklist?grids=${grids.map(encodeURIComponent).join(',')}&limit=${WORKLIST_LIMIT}`,
      )
    : { today, items: [] };
  const [sites, names] = await Promise.all([
    grids[0]
      ? optional(
          get<{ items: SiteSummary[] }>(`/api/v1/sites?place=${encodeURIComponent(grids[0])}&active=true`),
          { items: [] },
        )
      : { items: [] },
    Promise.all(
      grids.map((code) =>
        optional(get<{ code: string; name: string }>(`/api/v1/places/${encodeURIComponent(code)}`), {
          code,
          name: code,
        }),
      ),
    ),
  ]);
  await sampleClock();
  const cached: CachedWorklist = {
    username: user.username,
    grids,
    placeNames: Object.fromEntries(names.map((p) => [p.code, p.name])),
    campaign: campaign ? { id: campaign.id, name: campaign.name } : null,
    today: list.today,
    items: list.items,
    sites: sites.items.map(({ id, name, address, opens, closes }) => ({ id, name, address, opens, closes })),
    fetchedAt: new Date().toISOString(),
  };
  await (await fieldDb()).put('worklists', cached);
  return cached;
}
