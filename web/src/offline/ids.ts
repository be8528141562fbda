/**
 * Ids the phone makes: a record's UUID (the sync API checks the UUID form) and the device's.
 * crypto.randomUUID exists only in secure contexts (HTTPS, localhost); a county intranet served
 * over plain HTTP still gets a version-4 UUID from crypto.getRandomValues, which exists everywhere.
 */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const DEVICE = 'gridvax.device';

/** This browser's id for POST /sync's `deviceId` (the village head sees which phones reported today). */
export function deviceId(): string {
  let id = localStorage.getItem(DEVICE);
  if (!id) {
    id = `web-${newId()}`;
    localStorage.setItem(DEVICE, id);
  }
  return id;
}
