import { conflict } from '../../domain/errors.js';
import type { StoredRecord } from './recordVisit.js';

const WHAT = {
  visit: { zh: '摸排记录', en: 'visit' },
  dose: { zh: '接种记录', en: 'dose' },
} as const;

/**
 * What to answer when a record's client-made id is already stored: the same content is a
 * retry (`duplicate`, nothing written); other content is a conflict, reported and never
 * overwritten. Undefined when the id is new.
 */
export function resubmission<T extends object>(
  kind: keyof typeof WHAT,
  id: string,
  existing: T | undefined,
  row: T,
  content: readonly (keyof T)[],
): StoredRecord | undefined {
  if (!existing) return undefined;
  if (content.every((k) => String(existing[k] ?? '') === String(row[k] ?? '')))
    return { id, result: 'duplicate' };
  throw conflict({
    code: `${kind}.id-conflict`,
    field: 'id',
    message: {
      zh: `记录编号 ${id} 已用于另一条${WHAT[kind].zh}`,
      en: `record id ${id} already belongs to a different ${WHAT[kind].en}`,
    },
  });
}
