import { invalidInput } from '../../domain/errors.js';
import type { Store } from '../../store/openStore.js';
import { findUserById } from '../../store/userQueries.js';
import { appendAudit, type Actor } from '../audit/appendAudit.js';
import { requireUser } from '../users/requireUser.js';
import { newSecret, secretHash } from './secrets.js';
import { signedInUser, type SignedInUser } from './signedInUser.js';

/** Tokens start with this, so a leaked one is recognisable in a paste or a secret scanner. */
export const TOKEN_PREFIX = 'gvx_';

/**
 * Makes an API token for a user's scripts. The token is returned once and only its hash is
 * kept: a lost token is revoked (disable the user) and a new one made.
 */
export async function createApiToken(
  store: Store,
  input: { username: string; name: string },
  by: Actor,
): Promise<{ username: string; name: string; token: string; createdAt: string }> {
  const user = await requireUser(store, input.username);
  const name = input.name.trim();
  if (name === '' || name.length > 100) {
    throw invalidInput({
      code: 'token.name',
      field: 'name',
      message: { zh: '令牌名称应为 1–100 个字符', en: 'a token name has 1 to 100 characters' },
    });
  }
  const token = newSecret(TOKEN_PREFIX);
  const createdAt = new Date().toISOString();
  await store.transaction(async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({
        hash: secretHash(token),
        user_id: user.id,
        name,
        created_at: createdAt,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    await appendAudit(trx, by, {
      action: 'token.create',
      entity: 'user',
      entityId: user.id,
      detail: { name },
    });
  });
  return { username: user.username, name, token, createdAt };
}

/** The user of a live API token, or undefined (unknown, revoked, or its user disabled). */
export async function tokenUser(store: Store, token: string, now: Date): Promise<SignedInUser | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const hash = secretHash(token);
  const row = await store.db.selectFrom('api_tokens').selectAll().where('hash', '=', hash).executeTakeFirst();
  if (!row || row.revoked_at !== null) return undefined;
  const user = await findUserById(store.db, Number(row.user_id));
  if (!user || user.disabled === 1) return undefined;
  // Written at most once a minute: a script posting doses must not double its writes. Through
  // the group commit, so with many tokens in use these writes share the records' fsync instead
  // of committing one by one (18% of the SQL time under the mixed HTTP load, bench/httpMixed.ts).
  if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= 60_000) {
    await store.write((trx) =>
      trx
        .updateTable('api_tokens')
        .set({ last_used_at: now.toISOString() })
        .where('hash', '=', hash)
        .execute(),
    );
  }
  return signedInUser(store.db, user, 'token');
}
