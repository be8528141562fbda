/**
 * The synthetic demo county: Xiangtan County's real townships and villages, made-up people,
 * and the state of its first-dose drive on the evening of 9 August 2021 (see README.md).
 *
 * Everything is written in one bulk load, so a failure leaves nothing behind; afterwards the
 * database pins its "now" to that evening, so progress, rates and projections read as they
 * would have then.
 */
import { sql } from 'kysely';
import { businessRule, invalidInput } from '../domain/errors.js';
import { gridCode } from '../domain/places.js';
import type { Store } from '../store/openStore.js';
import { DoseWriter, type Site } from './doses.js';
import { drawSurname, fullName } from './names.js';
import { areaCodes, IdNumbers } from './people.js';
import { type CountyPlan, makePlan, type PlaceRow } from './plan.js';
import { Random } from './random.js';
import {
  DOSE_COLUMNS,
  HOUSEHOLD_COLUMNS,
  PLACE_COLUMNS,
  RESIDENT_COLUMNS,
  RowBuffer,
  TASK_COLUMNS,
  VISIT_COLUMNS,
} from './rows.js';
import { DEMO_NOW } from './timeline.js';
import { allocateTasks, type VillageTally } from './tasks.js';
import { VillageGenerator, type VillageContext } from './village.js';
import { VisitWriter } from './visits.js';

export const DEMO_COUNTY = '430321';

export const DEMO_CAMPAIGN = {
  name: '湘潭县新冠病毒疫苗第一剂次接种攻坚行动',
  place_code: DEMO_COUNTY,
  target: 'first-dose',
  min_age: 12,
  max_age: null,
  age_as_of: '2021-08-09',
  start_date: '2021-07-20',
  deadline: '2021-08-31',
  created_at: '2021-07-19T02:00:00.000Z',
} as const;

export interface DemoOptions {
  residents: number;
  seed: number;
  progress?: { stage(label: string, total: number): void; tick(n?: number): void; done(): void };
}

export interface DemoSummary {
  grids: number;
  households: number;
  residents: number;
  visits: number;
  doses: number;
  campaignId: number;
  tasks: number;
}

export const MIN_RESIDENTS = 1_000;
export const MAX_RESIDENTS = 5_000_000;

const STREAM_PLAN = 2;
const STREAM_STAFF = 3;
const STREAM_TASKS = 4;

function checkOptions(options: DemoOptions): void {
  const { residents, seed } = options;
  if (!Number.isInteger(residents) || residents < MIN_RESIDENTS || residents > MAX_RESIDENTS) {
    throw invalidInput({
      code: 'demo.residents',
      field: 'residents',
      message: {
        zh: `演示县人口须为 ${MIN_RESIDENTS} 至 ${MAX_RESIDENTS} 之间的整数，收到 ${String(residents)}`,
        en: `the demo county's population must be a whole number from ${MIN_RESIDENTS} to ${MAX_RESIDENTS}, got ${String(residents)}`,
      },
    });
  }
  if (!Number.isSafeInteger(seed)) {
    throw invalidInput({
      code: 'demo.seed',
      field: 'seed',
      message: {
        zh: `随机种子须为整数，收到 ${String(seed)}`,
        en: `the seed must be an integer, got ${String(seed)}`,
      },
    });
  }
}

async function checkStore(store: Store): Promise<{ countyName: string; rows: PlaceRow[] }> {
  const { db } = store;
  const someone = await db.selectFrom('residents').select('id').limit(1).executeTakeFirst();
  const someGrid = await db
    .selectFrom('places')
    .select('code')
    .where('level', '=', 'grid')
    .where('code', 'like', `${DEMO_COUNTY}%`)
    .limit(1)
    .executeTakeFirst();
  if (someone || someGrid) {
    throw businessRule({
      code: 'demo.not-empty',
      message: {
        zh: '数据库中已有居民或网格，演示县只能建在空库上',
        en: 'the database already holds residents or grids; the demo county is built only into an empty one',
      },
    });
  }
  const county = await db
    .selectFrom('places')
    .select('name')
    .where('code', '=', DEMO_COUNTY)
    .executeTakeFirst();
  const rows = await db
    .selectFrom('places')
    .select(['code', 'level', 'name', 'parent_code'])
    .where('code', 'like', `${DEMO_COUNTY}%`)
    .where('level', 'in', ['township', 'village'])
    // Without an order the engines hand rows back differently, and the same seed would
    // build a different county on SQLite and on PostgreSQL.
    .orderBy('code')
    .execute();
  if (!county || !rows.some((r) => r.level === 'village')) {
    throw businessRule({
      code: 'demo.no-places',
      message: {
        zh: `演示县需要先导入湘潭县（${DEMO_COUNTY}）的乡镇和村（社区）区划`,
        en: `the demo needs Xiangtan County (${DEMO_COUNTY}) with its townships and villages imported first`,
      },
    });
  }
  return { countyName: county.name, rows };
}

/** Each site's vaccinators (接种人员): mostly women in their twenties to forties. */
function staffSites(seed: number, plan: CountyPlan): Map<string, Site[]> {
  const rng = Random.stream(seed, STREAM_STAFF);
  const byName = new Map<string, Site>();
  const out = new Map<string, Site[]>();
  for (const t of plan.townships) {
    out.set(
      t.code,
      t.sites.map((name) => {
        let site = byName.get(name);
        if (!site) {
          const vaccinators = Array.from({ length: rng.int(4, 8) }, () => {
            const male = rng.chance(0.2);
            return fullName(rng, drawSurname(rng), male, rng.int(1972, 1998));
          });
          site = { name, vaccinators };
          byName.set(name, site);
        }
        return site;
      }),
    );
  }
  return out;
}

async function nextCampaignId(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('campaigns')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function buildDemo(store: Store, options: DemoOptions): Promise<DemoSummary> {
  checkOptions(options);
  const { residents, seed, progress } = options;
  const { countyName, rows } = await checkStore(store);
  const plan = makePlan(Random.stream(seed, STREAM_PLAN), DEMO_COUNTY, countyName, rows, residents);
  const sites = staffSites(seed, plan);
  const campaignId = await nextCampaignId(store);
  const areas = areaCodes(DEMO_COUNTY);

  const summary = await store.bulk.load(async (sink) => {
    await sink.insert(
      'campaigns',
      ['id', ...Object.keys(DEMO_CAMPAIGN)],
      [[campaignId, ...Object.values(DEMO_CAMPAIGN)]],
    );

    const gridsOf = plan.villages.map((v) =>
      Array.from({ length: v.grids }, (_, k) => gridCode(v.code, k + 1)),
    );
    const places = new RowBuffer(sink, 'places', PLACE_COLUMNS);
    plan.villages.forEach((v, i) => {
      (gridsOf[i] as string[]).forEach((code, k) => {
        const name = `${v.name}第${k + 1}网格`;
        places.add([code, 'grid', name, name, v.code, DEMO_COUNTY]);
      });
    });
    await places.flush();

    const residentRows = new RowBuffer(sink, 'residents', RESIDENT_COLUMNS);
    const visitRows = new RowBuffer(sink, 'screening_visits', VISIT_COLUMNS, residentRows);
    const doseRows = new RowBuffer(sink, 'dose_records', DOSE_COLUMNS, residentRows);
    const ctx: VillageContext = {
      seed,
      countyCode: DEMO_COUNTY,
      countyName,
      areaCodes: areas,
      idNumbers: new IdNumbers(areas, seed),
      sites,
      households: new RowBuffer(sink, 'households', HOUSEHOLD_COLUMNS),
      residents: residentRows,
      visits: new VisitWriter(visitRows, DEMO_COUNTY),
      visitRows,
      doses: new DoseWriter(seed, doseRows, DEMO_COUNTY),
      doseRows,
      nextResidentId: 1,
    };

    progress?.stage('居民 residents', residents);
    const generator = new VillageGenerator();
    const tallies = new Map<string, VillageTally>();
    let households = 0;
    for (const v of plan.villages) {
      const counts = await generator.run(v, gridsOf[v.index] as string[], ctx);
      households += counts.households;
      tallies.set(v.code, counts);
      progress?.tick(v.size);
    }
    await ctx.households.flush();
    await visitRows.flush();
    await doseRows.flush();
    await residentRows.flush();
    progress?.done();

    const tasks = new RowBuffer(sink, 'task_allocations', TASK_COLUMNS);
    for (const t of allocateTasks(Random.stream(seed, STREAM_TASKS), plan, tallies)) {
      tasks.add([campaignId, t.placeCode, t.count, DEMO_CAMPAIGN.created_at]);
    }
    await tasks.flush();

    return {
      grids: places.written,
      households,
      residents: residentRows.written,
      visits: visitRows.written,
      doses: doseRows.written,
      campaignId,
      tasks: tasks.written,
    };
  });

  if (store.dialect === 'postgres') {
    // The campaign was inserted with its id; move the bigserial's sequence past it.
    await sql`SELECT setval(pg_get_serial_sequence('campaigns', 'id'), (SELECT max(id) FROM campaigns))`.execute(
      store.db,
    );
  }
  await store.pinNow(DEMO_NOW);
  return summary;
}
