/**
 * Personal data as lists and screens may show it. A grid member's phone, a printed ledger or an
 * exported spreadsheet travels further than the database; what it shows by default must not
 * be enough to impersonate or harass a resident. ID numbers are masked by maskIdNumber
 * (idcard.ts); phone numbers here.
 */

/** A mainland mobile number: 11 digits starting with 1 (the MIIT numbering plan's 13x–19x). */
const MOBILE = /^1[3-9]\d{9}$/;

/**
 * The phone number with its middle starred, the way Chinese services print it: a mobile keeps
 * its 3-digit network prefix and last 4 digits (138****5678), with a +86 / 0086 country prefix
 * and spaces or dashes dropped first; anything else (a landline with its area code, a number
 * from abroad) keeps only its last 4 characters. Four characters or fewer are starred
 * completely, so a malformed value never shows more than a well-formed one.
 */
export function maskPhone(phone: string): string {
  const compact = phone.replace(/[\s-]/g, '');
  const national = compact.replace(/^(\+86|0086)/, '');
  if (MOBILE.test(national)) return `${national.slice(0, 3)}****${national.slice(-4)}`;
  if (compact.length <= 4) return '*'.repeat(compact.length);
  return '*'.repeat(compact.length - 4) + compact.slice(-4);
}

/** maskPhone for an optional column. */
export const maskPhoneOrNull = (phone: string | null): string | null =>
  phone === null ? null : maskPhone(phone);
