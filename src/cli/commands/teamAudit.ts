import { appendAudit, type AuditEntry } from '../../app/audit/appendAudit.js';
import type { Store } from '../../store/openStore.js';
import { cliActor } from '../cliActor.js';

/** A team command's write, in the audit log as the API's are (the actor: the OS user). */
export const auditCli = (store: Store, entry: AuditEntry): Promise<void> =>
  appendAudit(store.db, cliActor(), entry);
