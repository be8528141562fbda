import { useEffect, useState } from 'react';
import { useCommand } from '../CommandContext.js';
import { paths, type ResidentListItem, type ResidentPage } from '../commandApi.js';
import { fetchCached, useApi } from '../useApi.js';

/**
 * A grid's residents with their status in the campaign: the first page at once (the table shows
 * it as soon as it comes), the rest on request (`more`), keyed pages as the API gives them.
 */
export function useGridResidents(grid: string) {
  const { campaignId } = useCommand();
  const first = useApi<ResidentPage>(campaignId === undefined ? null : paths.residents(grid, campaignId));
  const [later, setLater] = useState<{ items: ResidentListItem[]; next: number | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => setLater(null), [grid, campaignId]);

  const items = first.data ? [...first.data.items, ...(later?.items ?? [])] : undefined;
  const next = later ? later.next : (first.data?.next ?? null);

  const more = async () => {
    if (next === null || campaignId === undefined) return;
    setBusy(true);
    try {
      const page = await fetchCached<ResidentPage>(paths.residents(grid, campaignId, { after: next }));
      setLater((l) => ({ items: [...(l?.items ?? []), ...page.items], next: page.next }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return {
    items,
    next,
    more,
    busy,
    error: first.error ?? error,
    reload: first.reload,
    loading: first.loading,
  };
}
