import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Dispatch orders (调度令) from the county to units, their acknowledgements and completion reports; village notices (loudspeaker schedules).
 */
export function dispatch(dialect: DialectName) {
  return {
    // Migrations must not depend on today's Database type, which later migrations change.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
    async up(db: Kysely<any>): Promise<void> {
      void dialect;
    },
  };
}
