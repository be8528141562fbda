import type { Kysely } from 'kysely';
import { insertAudit } from '../../store/auditQueries.js';
import type { Database } from '../../store/schema.js';

/** Who did something and from where: the signed-in user and the client's address. */
export interface Actor {
  userId: number | null;
  /** The username (or `anonymous`, or `cli:<os user>` for the command line). */
  name: string;
  /** The client's IP address, or `cli`. */
  origin: string | null;
}

export interface AuditEntry {
  /** Dotted, noun first: `visit.record`, `auth.login-failed`, `pii.view`. */
  action: string;
  /** What it was done to: `visit`, `campaign`, `resident`, `session` … */
  entity: string;
  entityId?: string | number | null;
  /** What changed (`before`/`after` of the changed fields, where there is a before) or was seen. */
  detail?: Record<string, unknown>;
}

/**
 * Appends one entry to the audit log. The log is append-only in the database (triggers in
 * migration 0004 refuse UPDATE and DELETE), and no API or command changes it.
 *
 * `at` is the wall clock, never the store's pinned "now": the demo pins its campaign evening
 * in 2021, but who looked at what must be written down as when it really happened.
 */
export async function appendAudit(
  db: Kysely<Database>,
  actor: Actor,
  entry: AuditEntry,
  at: Date = new Date(),
): Promise<void> {
  await insertAudit(db, {
    at: at.toISOString(),
    user_id: actor.userId,
    actor: actor.name.slice(0, 100),
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    origin: actor.origin,
  });
}
