import type { Migration } from 'kysely';
import type { DialectName } from '../dialect.js';
import { initial } from './0001_initial.js';
import { campaignEngine } from './0002_campaign_engine.js';
import { dailySnapshots } from './0003_daily_snapshots.js';
import { auth } from './0004_auth.js';

/**
 * Every migration, in order. Names are numbered and never change once released: a database
 * records which it has run, and data written by an old version must stay readable.
 */
export function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001_initial': initial(dialect),
    '0002_campaign_engine': campaignEngine(dialect),
    '0003_daily_snapshots': dailySnapshots(dialect),
    '0004_auth': auth(dialect),
  };
}
