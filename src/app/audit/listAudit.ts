import { invalidInput } from '../../domain/errors.js';
import { auditEntries } from '../../store/auditQueries.js';
import type { Store } from '../../store/openStore.js';

export const DEFAULT_AUDIT_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 1000;

export interface AuditItem {
  id: number;
  at: string;
  userId: number | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
  origin: string | null;
}

export interface ListAuditInput {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  before?: number;
  limit?: number;
}

function instant(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value);
  if (Number.isNaN(t)) {
    throw invalidInput({
      code: 'audit.instant',
      field,
      message: {
        zh: `时间无效（YYYY-MM-DD 或 ISO-8601）：${value}`,
        en: `not a day (YYYY-MM-DD) or an ISO-8601 instant: ${value}`,
      },
    });
  }
  return new Date(t).toISOString();
}

/**
 * The audit log, newest first, filtered. A bare day in `from`/`to` is midnight in Asia/Shanghai
 * (`to` is exclusive). Page with `before`: the answer's `next`.
 */
export async function listAudit(
  store: Store,
  input: ListAuditInput,
): Promise<{ items: AuditItem[]; next: number | null }> {
  const limit = input.limit ?? DEFAULT_AUDIT_LIMIT;
  const rows = await auditEntries(store.db, {
    ...(input.from === undefined ? {} : { from: instant(input.from, 'from') }),
    ...(input.to === undefined ? {} : { to: instant(input.to, 'to') }),
    ...(input.actor === undefined ? {} : { actor: input.actor }),
    ...(input.action === undefined ? {} : { action: input.action }),
    ...(input.before === undefined ? {} : { before: input.before }),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown),
      origin: r.origin,
    })),
    next: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
