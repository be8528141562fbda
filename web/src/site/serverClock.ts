/**
 * The server's time on the site's screen. The observation timer runs to `endsAt`, an instant the
 * server computed (the dose + 30 minutes); the tablet's own clock may be wrong by minutes, and
 * the demo's server stands still at 2021-08-09 18:00. So the timer counts from what the server
 * last said its time was, moved on by the time that has passed on the tablet since: a live
 * countdown in the server's time, whatever the tablet's clock says. It is only shown, never
 * sent: every step is stamped by the server itself.
 */
import { shanghaiDate } from '../../../src/domain/calendar.js';

export interface ServerSample {
  /** The server's now, ms. */
  server: number;
  /** The tablet's clock when that answer arrived, ms. */
  client: number;
}

/** The server's now as estimated at `clientNow` (the tablet's clock, ms). */
export function serverNowAt(sample: ServerSample, clientNow: number): number {
  return sample.server + (clientNow - sample.client);
}

/** Milliseconds left until `endsAt` (ISO), in the server's time; negative once it has passed. */
export function remainingMs(endsAt: string, sample: ServerSample, clientNow: number): number {
  return Date.parse(endsAt) - serverNowAt(sample, clientNow);
}

/** `mm:ss` of what is left, rounded up to the second (a timer reads 00:01 until it is over). */
export function countdownText(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** An instant as the value of an `<input type=datetime-local>` in Shanghai time (`YYYY-MM-DDTHH:MM`). */
export function toShanghaiLocal(iso: string): string {
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);
}

/** A `datetime-local` value read as Shanghai time, as an ISO instant with its zone; undefined if not one. */
export function fromShanghaiLocal(local: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return undefined;
  const iso = `${local}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

/** The Shanghai calendar day of the server's now: the site's "today". */
export const serverToday = (sample: ServerSample): string => shanghaiDate(new Date(sample.server));
