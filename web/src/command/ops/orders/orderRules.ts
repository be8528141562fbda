/**
 * What the orders page decides by itself: which answers the signed-in user gives (签收、办结),
 * the deadline typed as Shanghai wall time, and target codes pasted as text. The rules of an
 * order itself (states, lateness, what a valid order is) are src/domain/dispatchOrder.ts's.
 */
import { addDays, parseDate } from '../../../../../src/domain/calendar.js';
import { isAncestorOrSelf, levelOfCode } from '../../../../../src/domain/places.js';
import type { TargetState } from '../../../../../src/domain/dispatchOrder.js';

/**
 * Whether the user answers for `target`: it is one of the user's places or under one, and the
 * user does not sit at or above the issuer (the county command, which may see every answer,
 * does not answer its own orders for the townships).
 */
export function answersFor(userPlaces: readonly string[], issuer: string, target: string): boolean {
  return userPlaces.some((p) => isAncestorOrSelf(p, target) && !isAncestorOrSelf(p, issuer));
}

/** An order waiting for the unit's acknowledgement: not acknowledged and not completed. */
export const mayAcknowledge = (t: { acknowledged: boolean; completedAt: string | null }): boolean =>
  !t.acknowledged && t.completedAt === null;

/** Not yet reported done (overdue ones too: a late report is still wanted). */
export const mayComplete = (t: { completedAt: string | null }): boolean => t.completedAt === null;

/** The states that want the command's attention. */
export const isLate = (s: TargetState): boolean => s === 'overdue' || s === 'completed-late';

const LOCAL_RE = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * `2021-08-10T17:00` from an `<input type="datetime-local">`, read as Asia/Shanghai wall time
 * (the county's clock, wherever the browser is), as the ISO instant the API takes; undefined if
 * it is not such a value.
 */
export function deadlineInstant(local: string): string | undefined {
  const m = LOCAL_RE.exec(local.trim());
  if (!m || !m[1] || !parseDate(m[1])) return undefined;
  return `${m[1]}T${m[2]}:${m[3]}:00+08:00`;
}

/** The usual deadline: the next day at 17:00, when the townships report. */
export const defaultDeadline = (today: string): string => `${addDays(today, 1)}T17:00`;

/**
 * Codes pasted or typed as text (spaces, commas, 、 or new lines between them): the townships
 * and villages among them in order without repeats, and what is not one.
 */
export function parseUnitCodes(text: string): { codes: string[]; invalid: string[] } {
  const codes: string[] = [];
  const invalid: string[] = [];
  for (const token of text.split(/[\s,，、;；]+/)) {
    if (!token) continue;
    const level = levelOfCode(token);
    if (level === 'township' || level === 'village') {
      if (!codes.includes(token)) codes.push(token);
    } else if (!invalid.includes(token)) invalid.push(token);
  }
  return { codes, invalid };
}
