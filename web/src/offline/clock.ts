/**
 * The server's "now", as the phone last learned it (GET /healthz answers it), carried forward by
 * the phone's own clock while offline. A visit's time must not be after the server's now (it is
 * refused as impossible), and a phone's clock is often wrong by minutes or years; so visits are
 * stamped with this estimate, not with the phone's clock.
 *
 * A server may pin its clock (the demo stands still at 2021-08-09 18:00): two answers with the
 * very same instant, some time apart on the phone, show it, and then the estimate stands still
 * too, so the phone never stamps a visit after the server's now.
 */
import { get } from '../api/client.js';

export interface ClockSample {
  /** The server's now (ms). */
  server: number;
  /** The phone's clock when the answer came (ms). */
  client: number;
}

export interface ClockState {
  prev?: ClockSample;
  last?: ClockSample;
}

export function addSample(state: ClockState, sample: ClockSample): ClockState {
  if (state.last && sample.client < state.last.client) return { last: sample }; // the phone's clock was set back
  return state.last ? { prev: state.last, last: sample } : { last: sample };
}

export function isPinned(state: ClockState): boolean {
  const { prev, last } = state;
  return !!prev && !!last && last.server === prev.server && last.client > prev.client;
}

/** The server's now as best known at `clientNow` (the phone's clock, ms); the phone's clock when nothing is known. */
export function estimateServerNow(state: ClockState, clientNow: number): number {
  const { last } = state;
  if (!last) return clientNow;
  if (isPinned(state)) return last.server;
  return last.server + Math.max(0, clientNow - last.client);
}

const STORED = 'gridvax.clock';

export function loadClock(): ClockState {
  try {
    const raw = localStorage.getItem(STORED);
    return raw ? (JSON.parse(raw) as ClockState) : {};
  } catch {
    return {};
  }
}

export function rememberSample(sample: ClockSample): void {
  localStorage.setItem(STORED, JSON.stringify(addSample(loadClock(), sample)));
}

/** The instant to stamp a record made now with. */
export function serverNow(): Date {
  return new Date(estimateServerNow(loadClock(), Date.now()));
}

/** Asks the server's clock (GET /healthz), and so whether the server answers at all. */
export async function sampleClock(): Promise<void> {
  const client = Date.now();
  const h = await get<{ now?: string }>('/healthz');
  const server = h.now ? Date.parse(h.now) : NaN;
  // The answer's instant sits between asking and hearing back: take the middle.
  if (Number.isFinite(server)) rememberSample({ server, client: Math.round((client + Date.now()) / 2) });
}
