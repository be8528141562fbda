import { parseDate, shanghaiDate } from '../../domain/calendar.js';
import { invalidInput } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import { allDevices, deviceIdsUnder } from '../../store/syncQueries.js';
import type { Scope } from '../records/findResident.js';
import { scopedPrefixes } from './changesSince.js';

export interface DeviceReportRow {
  deviceId: string;
  userName: string | null;
  lastSyncAt: string;
  batches: number;
  items: number;
  /** Synced on `today` (an Asia/Shanghai day), even if with nothing to send. */
  reportedToday: boolean;
}

/**
 * The phones that sync, for a supervisor: who last reported when, and whose phone has not
 * reported today — the grid member to call before the evening cut-off. Those not reported
 * come first, the longest silent at the top. Under a place (or a scope), a device counts when
 * its user is attached there or it has sent records of residents who live there.
 */
export async function devicesReport(
  store: Store,
  input: { place?: string; scope?: Scope; today?: string } = {},
): Promise<DeviceReportRow[]> {
  const today = input.today ?? shanghaiDate(store.now());
  if (!parseDate(today)) {
    throw invalidInput({
      code: 'devices.today',
      field: 'today',
      message: { zh: `日期无效：${today}`, en: `not a date (YYYY-MM-DD): ${today}` },
    });
  }
  const prefixes =
    input.place !== undefined
      ? scopedPrefixes([input.place], input.scope, 'place')
      : input.scope
        ? [...input.scope]
        : undefined;
  let devices = await allDevices(store.db);
  if (prefixes) {
    const under = new Set<string>();
    for (const p of prefixes) for (const id of await deviceIdsUnder(store.db, p)) under.add(id);
    devices = devices.filter((d) => under.has(d.device_id));
  }
  return devices
    .map((d) => ({
      deviceId: d.device_id,
      userName: d.user_name,
      lastSyncAt: d.last_sync_at,
      batches: Number(d.batches),
      items: Number(d.items),
      reportedToday: shanghaiDate(d.last_sync_at) === today,
    }))
    .sort(
      (a, b) =>
        Number(a.reportedToday) - Number(b.reportedToday) ||
        a.lastSyncAt.localeCompare(b.lastSyncAt) ||
        a.deviceId.localeCompare(b.deviceId),
    );
}
