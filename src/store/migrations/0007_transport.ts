import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Transport for residents who need a ride (上门接送): drivers, vehicles, requests, trips.
 */
export function transport(dialect: DialectName) {
  return {
    // Migrations must not depend on today's Database type, which later migrations change.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
    async up(db: Kysely<any>): Promise<void> {
      void dialect;
    },
  };
}
