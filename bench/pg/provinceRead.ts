import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { progressOf } from '../../src/app/progress/progressOf.js';
import { importPlaces } from '../../src/app/places/importPlaces.js';
import { DEMO_CAMPAIGN } from '../../src/demo/buildDemo.js';
import { openStore } from '../../src/store/openStore.js';
import type { BenchResult } from '../result.js';
import { median, timed } from '../stats.js';

const SCHEMA = 'pgscale_province';
/**
 * Grids per village: the 800,000-resident demo has 2,147 grids for 351 villages, about 373
 * residents a grid; 66 million residents at that density are ~177,000 grids, 6 per village.
 */
const GRIDS_PER_VILLAGE = 6;

/**
 * What a province-wide dashboard reads: Hunan's real divisions (14 cities, 134 counties,
 * 2,008 townships, 29,534 villages, from the shared division files) with 6 synthetic grids per
 * village and one campaign over the province whose per-grid counts are filled (no residents:
 * progress reads only the kept counts). Times progressOf of the province with its cities, and
 * with its cities and counties. Floor: the raw SQL aggregate of the same grid rows. In a
 * throw-away schema of the database under test, dropped at the end.
 */
export async function provinceReadBench(
  databaseUrl: string,
  divisionsDir: string,
  runs: number,
): Promise<BenchResult[]> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  await pool.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await pool.query(`CREATE SCHEMA ${SCHEMA}`);
  const store = await openStore({
    dialect: 'postgres',
    target: databaseUrl,
    schema: SCHEMA,
    isDefault: false,
  });
  try {
    const counties = readFileSync(join(divisionsDir, 'areas.csv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0] ?? '')
      .filter((code) => /^\d{6}$/.test(code));
    const imported = await importPlaces(store, divisionsDir, counties);
    const q = (text: string): Promise<pg.QueryResult> => pool.query(text.replaceAll('S.', `${SCHEMA}.`));
    await q(`INSERT INTO S.places (code, level, name, short_name, parent_code, county_code)
             SELECT v.code || lpad(g::text, 3, '0'), 'grid', v.name || '第' || g || '网格', '第' || g || '网格',
                    v.code, v.county_code
               FROM S.places v, generate_series(1, ${GRIDS_PER_VILLAGE}) g WHERE v.level = 'village'`);
    // A fresh schema: the campaign's id is 1.
    await store.db
      .insertInto('campaigns')
      .values({ ...DEMO_CAMPAIGN, name: '湖南省第一剂次接种攻坚行动（模拟）', place_code: '43' })
      .execute();
    // 373 residents a grid, in the demo evening's proportions; the day's increment on every grid.
    await q(`INSERT INTO S.campaign_grid_counts (campaign_id, grid_code, residents, ineligible, done, exempt,
               deferred, open, unscreened, sixty_eligible, sixty_done)
             SELECT 1, code, 373, 45, 250, 5, 12, 30, 31, 80, 62 FROM S.places WHERE level = 'grid'`);
    await q(`INSERT INTO S.campaign_grid_daily (campaign_id, grid_code, day, done, sixty_done)
             SELECT 1, code, '2021-08-09', 6, 1 FROM S.places WHERE level = 'grid'`);
    await q('ANALYZE S.places, S.campaign_grid_counts, S.campaign_grid_daily');
    await store.pinNow(new Date('2021-08-09T10:00:00Z'));
    const grids = Number((await q(`SELECT count(*) AS n FROM S.places WHERE level = 'grid'`)).rows[0]?.n);

    const floorQuery = (): Promise<unknown> =>
      q(`SELECT substr(grid_code, 1, 6) AS county, sum(residents), sum(done), sum(open), sum(deferred)
           FROM S.campaign_grid_counts WHERE campaign_id = 1 AND grid_code >= '43' AND grid_code < '44'
          GROUP BY 1`);
    const measure = async (code: string, depth: number): Promise<{ value: number; floor: number }> => {
      await progressOf(store, 1, code, depth);
      const times: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < runs; i++) {
        times.push((await timed(() => progressOf(store, 1, code, depth))).ms);
        floor.push((await timed(floorQuery)).ms);
      }
      return { value: median(times), floor: median(floor) };
    };
    const cities = await measure('43', 1);
    const withCounties = await measure('43', 2);
    const row = (name: string, m: { value: number; floor: number }, note?: string): BenchResult => ({
      name,
      value: m.value,
      unit: 'ms',
      floor: m.floor,
      ratio: m.floor / m.value,
      ...(note ? { note } : {}),
    });
    return [
      row(
        'PG province progress → cities: median',
        cities,
        `Hunan's real divisions (${imported.counties} counties, ${imported.townships} townships, ` +
          `${imported.villages} villages) + ${grids} synthetic grids (${GRIDS_PER_VILLAGE} a village), one ` +
          `campaign over province 43 with every grid's counts kept; progressOf(store, 1, '43', 1), median of ` +
          `${runs}; it reads every place and every grid row under the province; floor = raw SQL sum of the same ` +
          `grid rows grouped by county`,
      ),
      row('PG province progress → cities → counties: median', withCounties, `progressOf(store, 1, '43', 2)`),
    ];
  } finally {
    await store.close();
    await pool.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => undefined);
    await pool.end();
  }
}
