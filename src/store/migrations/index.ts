import type { Migration } from 'kysely';
import type { DialectName } from '../dialect.js';
import { initial } from './0001_initial.js';
import { campaignEngine } from './0002_campaign_engine.js';
import { dailySnapshots } from './0003_daily_snapshots.js';
import { auth } from './0004_auth.js';
import { teams } from './0005_teams.js';
import { sites } from './0006_sites.js';
import { transport } from './0007_transport.js';
import { siteScreening } from './0008_site_screening.js';
import { dispatch } from './0009_dispatch.js';
import { gridDailyByDay } from './0010_grid_daily_by_day.js';

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
    '0005_teams': teams(dialect),
    '0006_sites': sites(dialect),
    '0007_transport': transport(dialect),
    '0008_site_screening': siteScreening(dialect),
    '0009_dispatch': dispatch(dialect),
    '0010_grid_daily_by_day': gridDailyByDay(),
  };
}
