/**
 * Reading the engine commands' flag values. Commander hands every value over as text; these turn
 * it into the number, date or code the app layer takes, or refuse it as invalid input (exit 3)
 * naming the flag, so a script learns which argument was wrong before anything is opened.
 */
import { parseDate } from '../../domain/calendar.js';
import { invalidInput } from '../../domain/errors.js';
import { parseInstant } from '../../domain/screening.js';

const refuse = (flag: string, zh: string, en: string): never => {
  throw invalidInput({ code: `cli.${flag}`, field: flag, message: { zh, en } });
};

/** A whole number in [min, max]; `_` and `,` group digits (`--count 12,000`). */
export function wholeNumber(value: string, flag: string, min: number, max: number): number {
  const n = Number(value.replaceAll('_', '').replaceAll(',', ''));
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    refuse(
      flag,
      `--${flag} 应为 ${min} 到 ${max} 之间的整数：${value}`,
      `--${flag} must be a whole number from ${min} to ${max}: ${value}`,
    );
  }
  return n;
}

export const campaignId = (value: string, flag = 'campaign'): number =>
  wholeNumber(value, flag, 1, Number.MAX_SAFE_INTEGER);

/** Division code lengths (province … village) and the 15-digit grid code. */
const CODE_LENGTHS = [2, 4, 6, 9, 12, 15];

/** A place or grid code: digits, of a length some level has. */
export function placeCode(value: string, flag = 'place'): string {
  const code = value.trim();
  if (!/^\d+$/.test(code) || !CODE_LENGTHS.includes(code.length)) {
    refuse(
      flag,
      `--${flag} 应为区划或网格代码（2、4、6、9、12 或 15 位数字）：${value}`,
      `--${flag} must be a place or grid code (2, 4, 6, 9, 12 or 15 digits): ${value}`,
    );
  }
  return code;
}

/** A calendar date, YYYY-MM-DD, that exists. */
export function calendarDate(value: string, flag: string): string {
  if (!parseDate(value.trim())) {
    refuse(
      flag,
      `--${flag} 应为有效日期（YYYY-MM-DD）：${value}`,
      `--${flag} must be a real date (YYYY-MM-DD): ${value}`,
    );
  }
  return value.trim();
}

/** An ISO-8601 instant with a zone (2021-08-09T10:30:00+08:00). */
export function instant(value: string, flag = 'at'): string {
  if (parseInstant(value.trim()) === undefined) {
    refuse(
      flag,
      `--${flag} 应为带时区的 ISO 8601 时间（如 2021-08-09T10:30:00+08:00）：${value}`,
      `--${flag} must be an ISO-8601 instant with a zone (e.g. 2021-08-09T10:30:00+08:00): ${value}`,
    );
  }
  return value.trim();
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record id made by the client (so a retried command stores the record once). */
export function recordId(value: string, flag = 'id'): string {
  if (!UUID_RE.test(value.trim())) {
    refuse(flag, `--${flag} 应为 UUID：${value}`, `--${flag} must be a UUID: ${value}`);
  }
  return value.trim().toLowerCase();
}

/** One of a closed list of words. */
export function oneOf<T extends string>(value: string, flag: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    refuse(
      flag,
      `--${flag} 应为 ${allowed.join('、')} 之一：${value}`,
      `--${flag} must be one of ${allowed.join(', ')}: ${value}`,
    );
  }
  return value as T;
}

/** Text that must not be blank (a name, a reason). */
export function text(value: string, flag: string): string {
  if (value.trim() === '') refuse(flag, `--${flag} 不能为空`, `--${flag} is empty`);
  return value.trim();
}
