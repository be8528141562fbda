/**
 * What the phone knows that the worklist does not yet: records queued for a resident (shown at
 * once, "recorded, not yet sent") and records sent since the list was downloaded.
 */
import type { SentRecord } from '../offline/db.js';
import type { OutboxItem } from '../offline/outboxItem.js';

export type Mark = 'queued' | 'refused' | 'sent';

export function markOf(
  residentId: number | string,
  items: readonly OutboxItem[],
  sent: readonly SentRecord[],
  listFetchedAt: string | undefined,
): Mark | null {
  const key = String(residentId);
  const mine = items.filter((i) => String(i.residentId) === key);
  if (mine.some((i) => i.state !== 'pending')) return 'refused';
  if (mine.length > 0) return 'queued';
  if (listFetchedAt && sent.some((s) => String(s.residentId) === key && s.sentAt > listFetchedAt))
    return 'sent';
  return null;
}
