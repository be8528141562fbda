/**
 * What the phone keeps in its outbox (待上传): every record the grid member makes goes here
 * first, online or not, under an id the phone makes (a UUID), and leaves only when the server
 * has it. Each record carries enough of the resident (name, grid) to be shown and fixed while
 * offline, without the worklist.
 */
import type { Bilingual } from '../../../src/domain/errors.js';
import type { VisitInput } from '../../../src/domain/screening.js';

/** pending: not sent yet (or sent without an answer); rejected / conflict: the server said no. */
export type OutboxState = 'pending' | 'rejected' | 'conflict';

/** The server's reason, in both languages, as its answer gave it. */
export interface OutboxError {
  code: string;
  message: Bilingual;
  field?: string;
}

interface OutboxBase {
  /** The phone's UUID for the record: a retried upload sends the same one, stored once. */
  id: string;
  /** Whose record: a shared phone keeps each member's queue apart and sends only under its own session. */
  username: string;
  residentId: number | string;
  residentName: string;
  gridCode: string;
  /** When it was queued, the phone's clock (ISO). */
  createdAt: string;
  state: OutboxState;
  error?: OutboxError;
  /** Upload attempts that got no answer for this item. */
  attempts: number;
  /**
   * Why a pending item waits although it was tried, e.g. `http.route-not-found` while the
   * server has no transport route yet.
   */
  waitingFor?: string;
}

/**
 * A screening visit (摸排记录), sent through POST /api/v1/sync under the resident's key
 * (residentId and the county of gridCode, from the worklist): the member never types the full
 * ID number, which the phone does not have (the worklist masks it).
 */
export interface VisitOutboxItem extends OutboxBase {
  kind: 'visit';
  visit: VisitInput;
}

/** A ride to the site (上门接送) as POST /api/v1/transport/requests takes it. */
export interface TransportRequestBody {
  /** The resident by key, as the worklist gave it (the API also takes a full ID number; the phone has none). */
  residentId: number;
  county: string;
  day: string;
  window: string;
  siteId?: number;
  pickUp?: string;
  wheelchair: boolean;
  companion: boolean;
  note?: string;
  campaignId?: number;
}

/** A transport request (预约接送), sent on its own to the transport API. */
export interface TransportOutboxItem extends OutboxBase {
  kind: 'transport';
  request: TransportRequestBody;
}

export type OutboxItem = VisitOutboxItem | TransportOutboxItem;
