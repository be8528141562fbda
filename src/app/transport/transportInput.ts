/**
 * What every transport use case checks first: the place it works in (a township, or a village of
 * it), the day (never one already past), who is acting, and text fields.
 */
import { parseDate, shanghaiDate } from '../../domain/calendar.js';
import { businessRule, invalidInput, type Bilingual } from '../../domain/errors.js';
import type { Role } from '../../domain/roles.js';
import type { Store } from '../../store/openStore.js';
import type { PlaceRow } from '../../store/placeQueries.js';
import { requirePlace } from '../places/requirePlace.js';
import type { Scope } from '../records/findResident.js';

/** Who does a transport write: the signed-in user (API) or the command line's `--by`. */
export interface TransportActor {
  name: string;
  userId: number | null;
  /** The signed-in user's role: a driver may only move rides on their own trips. */
  role?: Role;
}

/**
 * A township or a village of it (or, with `grids`, a grid), inside the caller's places; with its
 * township. Transport is organized per township: its site, its vehicles and drivers.
 */
export async function requireTransportPlace(
  store: Store,
  code: string,
  scope: Scope,
  options: { field?: string; grids?: boolean } = {},
): Promise<{ place: PlaceRow; township: string }> {
  const field = options.field ?? 'place';
  const place = await requirePlace(store, code, scope, field);
  const lengths = options.grids ? [9, 12, 15] : [9, 12];
  if (!lengths.includes(code.length)) {
    throw invalidInput({
      code: 'transport.place',
      field,
      message: options.grids
        ? {
            zh: `请指定乡镇（9 位）、村（12 位）或网格（15 位）代码：${code}`,
            en: `name a township (9 digits), a village (12) or a grid (15): ${code}`,
          }
        : {
            zh: `请指定乡镇（9 位）或村（12 位）代码：${code}`,
            en: `name a township (9 digits) or a village (12 digits): ${code}`,
          },
    });
  }
  return { place, township: code.slice(0, 9) };
}

/** A real `YYYY-MM-DD`; with `notPast`, today or later (Asia/Shanghai, the store's "now"). */
export function requireDay(store: Store, day: string, options: { notPast?: boolean } = {}): string {
  if (!parseDate(day)) {
    throw invalidInput({
      code: 'transport.day',
      field: 'day',
      message: { zh: `日期应为 YYYY-MM-DD：${day}`, en: `the day must be a date YYYY-MM-DD: ${day}` },
    });
  }
  const today = shanghaiDate(store.now());
  if (options.notPast && day < today) {
    throw businessRule({
      code: 'transport.past-day',
      field: 'day',
      message: {
        zh: `${day} 已经过去（今天是 ${today}），不能再安排接送`,
        en: `${day} is past (today is ${today}): no rides can be arranged for it`,
      },
    });
  }
  return day;
}

export function requiredText(
  value: string | undefined | null,
  code: string,
  field: string,
  message: Bilingual,
): string {
  const v = (value ?? '').trim();
  if (!v) throw invalidInput({ code, field, message });
  if (v.length > 500) {
    throw invalidInput({
      code,
      field,
      message: { zh: `${field} 过长（最多 500 字）`, en: `${field} is too long (500 characters at most)` },
    });
  }
  return v;
}

export const optionalText = (value: string | undefined | null): string | null => {
  const v = (value ?? '').trim();
  return v ? v.slice(0, 500) : null;
};
