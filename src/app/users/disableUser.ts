import type { Store } from '../../store/openStore.js';
import { appendAudit, type Actor } from '../audit/appendAudit.js';
import { requireUser } from './requireUser.js';

/**
 * Disables a user: signing in is refused, and every session and API token of theirs stops
 * working at once (sessions are deleted, tokens revoked). The user and what they recorded stay.
 */
export async function disableUser(
  store: Store,
  username: string,
  by: Actor,
): Promise<{ username: string; disabled: true; sessionsEnded: number; tokensRevoked: number }> {
  const user = await requireUser(store, username);
  const now = new Date().toISOString();
  return store.transaction(async (trx) => {
    await trx.updateTable('users').set({ disabled: 1 }).where('id', '=', user.id).execute();
    const sessions = await trx.deleteFrom('sessions').where('user_id', '=', user.id).executeTakeFirst();
    const tokens = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: now })
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    await appendAudit(trx, by, {
      action: 'user.disable',
      entity: 'user',
      entityId: user.id,
      detail: { before: { disabled: user.disabled === 1 }, after: { disabled: true } },
    });
    return {
      username,
      disabled: true as const,
      sessionsEnded: Number(sessions.numDeletedRows),
      tokensRevoked: Number(tokens.numUpdatedRows),
    };
  });
}
