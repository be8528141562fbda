import { appendAudit } from '../app/audit/appendAudit.js';
import type { Store } from '../store/openStore.js';
import { cliActor } from './cliActor.js';

/**
 * Writes a full-ID view made on the command line (--unmasked) to the audit log, as the API does
 * for `unmasked=true`: whoever runs the CLI holds the database anyway, but each look at full ID
 * numbers is still written down, with the OS user and what was asked for.
 */
export async function auditPiiView(
  store: Store,
  command: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await appendAudit(store.db, cliActor(), {
    action: 'pii.view',
    entity: 'command',
    entityId: command,
    detail,
  });
}
