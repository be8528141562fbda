import { maskIdNumber } from '../domain/idcard.js';

// 18-character ID numbers as they appear in a URL. Legacy 15-digit numbers are left alone:
// grid codes have 15 digits too, and the API upgrades a legacy number before it goes anywhere.
const ID_IN_URL = /(?<![0-9])\d{17}[\dXx](?![0-9Xx])/g;

/** A URL with every ID-number-shaped run masked, for request logs. */
export function maskIdNumbersIn(url: string): string {
  return url.replace(ID_IN_URL, (id) => maskIdNumber(id));
}
