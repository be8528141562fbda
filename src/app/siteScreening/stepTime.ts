import { shanghaiDate } from '../../domain/calendar.js';
import { businessRule, invalidInput } from '../../domain/errors.js';
import { parseInstant } from '../../domain/screening.js';

/** A whole moment, not after now, in canonical UTC form; now when absent. */
export function instantOrNow(at: string | null | undefined, now: Date, field = 'at'): string {
  if (at === undefined || at === null || at.trim() === '') return now.toISOString();
  const t = parseInstant(at.trim());
  if (t === undefined || t > now.getTime()) {
    throw invalidInput({
      code: 'checkin.instant',
      field,
      message: {
        zh: `时间无效或晚于当前时间（需带时区的 ISO 8601 时间）：${at}`,
        en: `not an ISO-8601 instant with a zone, or after now: ${at}`,
      },
    });
  }
  return new Date(t).toISOString();
}

/**
 * When a step of a check-in happened (now, or as entered from the paper form afterwards): on
 * the check-in's day and not before the step it follows. A check-in is a pass through the site
 * on one day; the next day the resident checks in again.
 */
export function stepAt(
  checkin: { day: string; at: string },
  after: string,
  at: string | null | undefined,
  now: Date,
  field = 'at',
): string {
  const t = instantOrNow(at, now, field);
  if (shanghaiDate(t) !== checkin.day) {
    throw businessRule({
      code: 'checkin.other-day',
      field,
      message: {
        zh: `该预检登记属于 ${checkin.day}，当天之外不能继续办理；请重新登记`,
        en: `the check-in belongs to ${checkin.day}: its steps happen that day; check the resident in again`,
      },
    });
  }
  if (t < after) {
    throw invalidInput({
      code: 'checkin.step-order',
      field,
      message: {
        zh: `时间 ${t} 早于上一步（${after}）`,
        en: `${t} is before the previous step (${after})`,
      },
    });
  }
  return t;
}
