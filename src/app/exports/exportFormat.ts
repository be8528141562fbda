/**
 * How the exported ledgers write values a village office reads: 男/女, Beijing time, the short
 * household number, masked ID and phone numbers, and the file names a download carries.
 */
import { maskIdNumber } from '../../domain/idcard.js';
import { maskPhoneOrNull } from '../../domain/pii.js';

/** The ideographic space that separates parts of a Chinese title line. */
export const GAP = '\u3000';

export const SEX_LABELS = { M: '男', F: '女' } as const;

/** Asia/Shanghai has had no daylight saving since 1991: a fixed +08:00. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** An ISO instant as Beijing time, `2021-08-09 09:00`. */
export function shanghaiDateTime(iso: string | null): string | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** An ISO instant as an ISO-8601 string in +08:00 (`2021-08-09T09:00:00+08:00`). */
export function shanghaiIso(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/**
 * The household's number within its grid (0001): household ids are the grid code and four
 * digits, and the grid has its own column.
 */
export function householdNumber(householdId: string | null, gridCode: string): string | null {
  if (householdId === null) return null;
  return householdId.startsWith(gridCode) && householdId.length > gridCode.length
    ? householdId.slice(gridCode.length)
    : householdId;
}

/** ID and phone numbers as an export shows them: masked unless asked otherwise. */
export function personalData(unmasked: boolean): {
  id: (s: string) => string;
  phone: (s: string | null) => string | null;
} {
  return unmasked ? { id: (s) => s, phone: (s) => s } : { id: maskIdNumber, phone: maskPhoneOrNull };
}

/** The subtitle's word on personal data. */
export const maskingNote = (unmasked: boolean): string =>
  unmasked ? '含完整身份证号和联系电话，注意保密' : '身份证号、联系电话已脱敏';

/** A file name safe on every system (no / \ : * ? " < > |), kept in Chinese. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_');
}
