import { userInfo } from 'node:os';
import type { Actor } from '../app/audit/appendAudit.js';

/**
 * The command line as the audit log names it: whoever runs gridvax on the server already holds
 * the database, so it acts as an administrator, written down as the operating-system user.
 */
export function cliActor(): Actor {
  let name = 'cli';
  try {
    name = `cli:${userInfo().username}`;
  } catch {
    // No passwd entry (some containers): "cli" alone.
  }
  return { userId: null, name, origin: 'cli' };
}
