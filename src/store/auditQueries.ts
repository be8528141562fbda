import type { Kysely } from 'kysely';
import type { AuditLogTable, Database } from './schema.js';

export type AuditRow = Omit<AuditLogTable, 'id'> & { id: number };

export interface AuditFilter {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  /** Entries older than this id (the previous page's `next`). */
  before?: number;
  limit: number;
}

export async function insertAudit(db: Kysely<Database>, row: Omit<AuditLogTable, 'id'>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

/** Newest first. `from`/`to` are ISO instants (`to` exclusive); `action` may end in `.*`. */
export async function auditEntries(db: Kysely<Database>, f: AuditFilter): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.from !== undefined) q = q.where('at', '>=', f.from);
  if (f.to !== undefined) q = q.where('at', '<', f.to);
  if (f.actor !== undefined) q = q.where('actor', '=', f.actor);
  if (f.action !== undefined) {
    q = f.action.endsWith('.*')
      ? q.where('action', '>=', f.action.slice(0, -1)).where('action', '<', `${f.action.slice(0, -2)}/`)
      : q.where('action', '=', f.action);
  }
  if (f.before !== undefined) q = q.where('id', '<', f.before);
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    user_id: r.user_id === null ? null : Number(r.user_id),
  }));
}
