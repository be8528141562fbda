/**
 * The sync loop: sends the outbox whenever there may be a network — when the field pages open,
 * when the browser says it is back online, right after a record is queued, and on a retry
 * timer (15 s doubling to 5 min) while anything is left — one run at a time.
 *
 * Visits go in batches through POST /api/v1/sync, which answers item by item (outboxLogic.ts
 * decides what each answer does); transport requests go one by one to the transport API. A
 * page reloaded offline has no CSRF token (the sign-in answer and /auth/me give it), so the
 * loop asks /auth/me once before its first upload, and again after a 403.
 */
import { ApiError, OfflineError, get, post, setCsrfToken } from '../api/client.js';
import { sampleClock } from './clock.js';
import { deviceId } from './ids.js';
import { outbox } from './outbox.js';
import type { OutboxItem, TransportOutboxItem, VisitOutboxItem } from './outboxItem.js';
import {
  chunks,
  retryDelay,
  sendable,
  settleSingle,
  settleSyncAnswers,
  SYNC_BATCH_SIZE,
  syncItemOf,
  type SyncItemAnswer,
} from './outboxLogic.js';

/** Where a ride is asked for (issue 8's transport API). */
export const TRANSPORT_REQUESTS_PATH = '/api/v1/transport/requests';

let sessionChecked = false;
let running: Promise<void> | null = null;
let again = false;
let failures = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let onStored: () => void = () => undefined;

async function checkSession(): Promise<boolean> {
  if (sessionChecked) return true;
  const me = await get<{ user: { username: string }; csrfToken: string | null }>('/api/v1/auth/me');
  // Another member's session on a shared phone must not carry this member's records.
  if (me.user.username !== outbox.snapshot().username) {
    outbox.setStatus('signed-out');
    return false;
  }
  setCsrfToken(me.csrfToken);
  sessionChecked = true;
  return true;
}

const summaryOf = (i: OutboxItem): string => (i.kind === 'visit' ? i.visit.outcome : i.request.day);

async function sendVisits(items: VisitOutboxItem[]): Promise<number> {
  let stored = 0;
  for (const batch of chunks(items, SYNC_BATCH_SIZE)) {
    try {
      const answer = await post<{ results: SyncItemAnswer[] }>('/api/v1/sync', {
        deviceId: deviceId(),
        items: batch.map(syncItemOf),
      });
      const settled = settleSyncAnswers(batch, answer.results);
      stored += settled.remove.length;
      await outbox.settle(settled, summaryOf);
    } catch (e) {
      // A batch refused whole (one item the schema cannot read): send its items one by one,
      // so the bad one is refused alone and the others go through.
      if (e instanceof ApiError && e.status === 400 && batch.length > 1) {
        stored += await sendVisits(batch.slice(0, Math.ceil(batch.length / 2)));
        stored += await sendVisits(batch.slice(Math.ceil(batch.length / 2)));
      } else if (e instanceof ApiError && e.status === 400) {
        const [item] = batch as [VisitOutboxItem];
        await outbox.settle(
          settleSingle(item, {
            ok: false,
            status: 400,
            code: e.code,
            message: e.text,
            ...(e.field ? { field: e.field } : {}),
          }),
          summaryOf,
        );
      } else throw e;
    }
  }
  return stored;
}

async function sendTransport(items: TransportOutboxItem[]): Promise<number> {
  let stored = 0;
  for (const item of items) {
    try {
      await post(TRANSPORT_REQUESTS_PATH, item.request);
      stored++;
      await outbox.settle(settleSingle(item, { ok: true }), summaryOf);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status === 401 || e.status === 403) throw e;
      const settled = settleSingle(item, {
        ok: false,
        status: e.status,
        code: e.code,
        message: e.text,
        ...(e.field ? { field: e.field } : {}),
      });
      stored += settled.remove.length;
      await outbox.settle(settled, summaryOf);
    }
  }
  return stored;
}

async function runOnce(): Promise<void> {
  const items = sendable(outbox.snapshot().items);
  if (!navigator.onLine) {
    outbox.setStatus('offline');
    return;
  }
  if (items.length === 0) {
    if (outbox.snapshot().status.state !== 'signed-out') outbox.setStatus('idle');
    return;
  }
  outbox.setStatus('syncing');
  try {
    await sampleClock();
    if (!(await checkSession())) return;
    const visits = items.filter((i): i is VisitOutboxItem => i.kind === 'visit');
    const rides = items.filter((i): i is TransportOutboxItem => i.kind === 'transport');
    const stored = (await sendVisits(visits)) + (await sendTransport(rides));
    failures = 0;
    outbox.setStatus('idle', { lastSyncAt: new Date().toISOString() });
    if (stored > 0) onStored();
  } catch (e) {
    failures++;
    if (e instanceof OfflineError) outbox.setStatus('offline');
    else if (e instanceof ApiError && e.status === 401) {
      sessionChecked = false;
      outbox.setStatus('signed-out');
    } else {
      if (e instanceof ApiError && e.status === 403) sessionChecked = false; // a stale CSRF token: ask again
      outbox.setStatus('error', {
        lastError: e instanceof ApiError ? e.text : { zh: '上传出错', en: 'upload failed' },
      });
    }
  }
}

function schedule(): void {
  clearTimeout(timer);
  const left = sendable(outbox.snapshot().items).length;
  if (left > 0 && outbox.snapshot().status.state !== 'signed-out') {
    timer = setTimeout(() => void syncNow(), retryDelay(failures));
  }
}

/** Sends what is waiting now (or right after the run in progress); resolves when done. */
export function syncNow(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      await runOnce();
    } while (again);
  })().finally(() => {
    running = null;
    schedule();
  });
  return running;
}

/**
 * Starts the loop for the field pages; `stored` is called after an upload the server took (the
 * worklist is refreshed then). Returns the stop function.
 */
export function startSync(stored: () => void): () => void {
  onStored = stored;
  const online = () => {
    failures = 0;
    void syncNow();
  };
  const offline = () => outbox.setStatus('offline');
  const visible = () => {
    if (document.visibilityState === 'visible') void syncNow();
  };
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  document.addEventListener('visibilitychange', visible);
  void syncNow();
  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
    document.removeEventListener('visibilitychange', visible);
    clearTimeout(timer);
    onStored = () => undefined;
  };
}

/** After signing in again: the next run asks /auth/me afresh. */
export function sessionRenewed(): void {
  sessionChecked = false;
  if (outbox.snapshot().status.state === 'signed-out') outbox.setStatus('idle');
  void syncNow();
}
