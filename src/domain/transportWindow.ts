/**
 * A pick-up window (接送时段): the wall-clock span, Asia/Shanghai, in which a resident is fetched,
 * written `08:00-10:00` (or with an en dash, `08:00–10:00`, as printed notices write it).
 */
import { invalidInput } from './errors.js';

export interface TimeWindow {
  /** `HH:MM`, inclusive. */
  from: string;
  /** `HH:MM`, exclusive; after `from`. */
  to: string;
}

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

export const isClockTime = (s: string): boolean => TIME_RE.test(s);

/** `H:MM` or `HH:MM` to `HH:MM`, or undefined. */
function clockTime(s: string): string | undefined {
  const t = s.trim().replace('：', ':');
  const padded = /^\d:\d\d$/.test(t) ? `0${t}` : t;
  return isClockTime(padded) ? padded : undefined;
}

const badWindow = (text: string) =>
  invalidInput({
    code: 'transport.window',
    field: 'window',
    message: {
      zh: `接送时段应写作 08:00-10:00（开始早于结束）：${text}`,
      en: `the pick-up window must read like 08:00-10:00 (start before end): ${text}`,
    },
  });

/** Reads `08:00-10:00` (`-`, `–`, `—`, `~` or `至` between) or checks a {from, to} pair. */
export function parseWindow(input: string | TimeWindow): TimeWindow {
  const text = typeof input === 'string' ? input : `${input.from}-${input.to}`;
  const parts = text.split(/\s*(?:-|–|—|~|～|至)\s*/);
  if (parts.length !== 2) throw badWindow(text);
  const from = clockTime(parts[0] ?? '');
  const to = clockTime(parts[1] ?? '');
  if (from === undefined || to === undefined || from >= to) throw badWindow(text);
  return { from, to };
}

export const formatWindow = (w: TimeWindow): string => `${w.from}–${w.to}`;

export const sameWindow = (a: TimeWindow, b: TimeWindow): boolean => a.from === b.from && a.to === b.to;

/** Whether two windows share a minute: a vehicle or driver cannot be on both. */
export const windowsOverlap = (a: TimeWindow, b: TimeWindow): boolean => a.from < b.to && b.from < a.to;

/** `HH:MM` plus whole minutes, capped at 23:59. */
export function addMinutes(time: string, minutes: number): string {
  const [h, m] = time.split(':').map(Number);
  const total = Math.min(23 * 60 + 59, (h ?? 0) * 60 + (m ?? 0) + minutes);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
