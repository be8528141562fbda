/**
 * A full ID number typed in to close a ledger entry or record a look-back check (the API takes
 * the full number; lists show it masked). It must be a valid GB 11643 number (src/domain's
 * check, the server's own) and, when a listed resident is meant, the same number the list
 * masked, so a slip of the keyboard cannot close somebody else's entry.
 */
import type { Bilingual } from '../../api/client.js';
import { maskIdNumber, parseIdNumber } from '../../../../src/domain/idcard.js';

export type TypedId = { ok: true; idNumber: string } | { ok: false; problem: Bilingual | 'mismatch' };

export function checkTypedId(input: string, masked: string | undefined, today: string): TypedId {
  const parsed = parseIdNumber(input, today);
  if (!parsed.ok) return { ok: false, problem: parsed.error.message };
  if (masked !== undefined && maskIdNumber(parsed.normalized) !== masked)
    return { ok: false, problem: 'mismatch' };
  return { ok: true, idNumber: parsed.normalized };
}
