import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemo, DEMO_CAMPAIGN, type DemoSummary } from '../../src/demo/buildDemo.js';
import {
  addStatus,
  emptyCounts,
  residentStatus,
  type StatusCounts,
} from '../../src/domain/campaignStatus.js';
import { clearanceOf } from '../../src/domain/clearance.js';
import { isGridvaxError } from '../../src/domain/errors.js';
import { parseIdNumber } from '../../src/domain/idcard.js';
import { validateVisit, type VisitInput } from '../../src/domain/screening.js';
import { checkProposedDose, type DoseRecord } from '../../src/domain/vaccines/doseWindows.js';
import { shanghaiDate } from '../../src/domain/calendar.js';
import type { ProductCode } from '../../src/domain/vaccines/catalog.js';
import { toDose, toVisit } from '../../src/app/engine/residentFacts.js';
import type { Store } from '../../src/store/openStore.js';
import { describeEachStore } from '../support/stores.js';

const COUNTY = '430321';
const JINSHI = '430321205';
const NOW = new Date('2021-08-09T10:00:00.000Z');
const TODAY = '2021-08-09';
const RESIDENTS = 3000;

/** Xiangtan County's places from the shipped division files, as the lead's importer puts them. */
async function insertPlaces(store: Store): Promise<void> {
  const dir = fileURLToPath(new URL('../../assets/divisions/430321/', import.meta.url));
  const read = (file: string): Record<string, string>[] =>
    parse(readFileSync(dir + file, 'utf8'), { columns: true }) as Record<string, string>[];
  const rows: unknown[][] = [];
  for (const a of read('areas.csv'))
    if (a.code === COUNTY) rows.push([a.code, 'county', a.name, a.name, null, COUNTY]);
  for (const t of read('streets.csv')) {
    if (t.areaCode === COUNTY) rows.push([t.code, 'township', t.name, t.name, COUNTY, COUNTY]);
  }
  for (const v of read('villages.csv')) {
    if (v.areaCode === COUNTY) rows.push([v.code, 'village', v.name, v.name, v.streetCode, COUNTY]);
  }
  await store.bulk.load((sink) =>
    sink.insert('places', ['code', 'level', 'name', 'short_name', 'parent_code', 'county_code'], rows),
  );
}

async function count(
  store: Store,
  table: 'residents' | 'households' | 'screening_visits' | 'dose_records',
): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Counts and hashes of what was built: equal for equal databases, different for anything else. */
async function fingerprint(store: Store): Promise<Record<string, string | number>> {
  const hash = (values: readonly unknown[]): string =>
    createHash('sha256').update(values.map(String).join('\n')).digest('hex').slice(0, 16);
  const residents = await store.db
    .selectFrom('residents')
    .select(['id_number', 'name', 'phone', 'household_id', 'status'])
    .orderBy('id')
    .execute();
  const doses = await store.db.selectFrom('dose_records').select(['id', 'at', 'lot']).orderBy('id').execute();
  const visits = await store.db
    .selectFrom('screening_visits')
    .select(['id', 'at', 'outcome'])
    .orderBy('id')
    .execute();
  const tasks = await store.db
    .selectFrom('task_allocations')
    .select(['place_code', 'count'])
    .orderBy('place_code')
    .execute();
  return {
    residents: residents.length,
    residentHash: hash(
      residents.map((r) => `${r.id_number}|${r.name}|${r.phone}|${r.household_id}|${r.status}`),
    ),
    households: await count(store, 'households'),
    doses: doses.length,
    doseHash: hash(doses.map((d) => `${d.id}|${d.at}|${d.lot}`)),
    visits: visits.length,
    visitHash: hash(visits.map((v) => `${v.id}|${v.at}|${v.outcome}`)),
    taskHash: hash(tasks.map((t) => `${t.place_code}|${t.count}`)),
  };
}

/** Every village's status counts, derived with the engine's own rules. */
async function villageCounts(store: Store): Promise<Map<string, StatusCounts>> {
  const residents = await store.db
    .selectFrom('residents')
    .select(['id', 'grid_code', 'birth_date', 'status'])
    .execute();
  const doses = await store.db
    .selectFrom('dose_records')
    .select(['resident_id', 'product', 'dose_number', 'at'])
    .execute();
  const visits = await store.db
    .selectFrom('screening_visits')
    .select(['resident_id', 'outcome', 'at', 'until_date', 'follow_up_date', 'booked_date', 'verified'])
    .execute();
  const dosesOf = new Map<number, DoseRecord[]>();
  for (const d of doses) dosesOf.set(d.resident_id, [...(dosesOf.get(d.resident_id) ?? []), toDose(d)]);
  const visitsOf = new Map<number, ReturnType<typeof toVisit>[]>();
  for (const v of visits) visitsOf.set(v.resident_id, [...(visitsOf.get(v.resident_id) ?? []), toVisit(v)]);
  const rules = {
    target: 'first-dose' as const,
    band: { minAge: 12, maxAge: null },
    ageAsOf: DEMO_CAMPAIGN.age_as_of,
  };
  const out = new Map<string, StatusCounts>();
  for (const r of residents) {
    const village = r.grid_code.slice(0, 12);
    const counts = out.get(village) ?? emptyCounts();
    out.set(village, counts);
    addStatus(
      counts,
      residentStatus(
        rules,
        { birthDate: r.birth_date, status: r.status },
        dosesOf.get(r.id) ?? [],
        visitsOf.get(r.id) ?? [],
        TODAY,
      ),
    );
  }
  return out;
}

describeEachStore('buildDemo', (c) => {
  let store: Store;
  let summary: DemoSummary;

  beforeAll(async () => {
    store = await c.fresh();
    await insertPlaces(store);
    summary = await buildDemo(store, { residents: RESIDENTS, seed: 7 });
  });
  afterAll(() => c.cleanup());

  it('writes what its summary says, and pins the demo evening', async () => {
    expect(summary.residents).toBe(RESIDENTS);
    expect(await count(store, 'residents')).toBe(RESIDENTS);
    expect(await count(store, 'households')).toBe(summary.households);
    expect(await count(store, 'screening_visits')).toBe(summary.visits);
    expect(await count(store, 'dose_records')).toBe(summary.doses);
    expect(summary.tasks).toBe(351 + 17 + 1);
    const grids = await store.db.selectFrom('places').select('code').where('level', '=', 'grid').execute();
    expect(grids.length).toBe(summary.grids);
    expect(summary.grids).toBeGreaterThanOrEqual(351 * 4);
    expect(summary.grids).toBeLessThanOrEqual(351 * 12);
    expect(store.now().toISOString()).toBe(NOW.toISOString());
    const campaign = await store.db.selectFrom('campaigns').selectAll().executeTakeFirstOrThrow();
    expect(campaign).toMatchObject({ ...DEMO_CAMPAIGN, id: summary.campaignId });
  });

  it('gives everyone a valid, unique ID number matching birth date, sex and registration', async () => {
    const rows = await store.db
      .selectFrom('residents')
      .select(['id', 'id_number', 'birth_date', 'sex', 'registered_area_code', 'county_code'])
      .execute();
    expect(new Set(rows.map((r) => r.id_number)).size).toBe(rows.length);
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(
      Array.from({ length: rows.length }, (_, i) => i + 1),
    );
    let elsewhere = 0;
    for (const r of rows) {
      const p = parseIdNumber(r.id_number, TODAY);
      expect(p.ok, r.id_number).toBe(true);
      if (!p.ok) continue;
      expect(p.birthDate).toBe(r.birth_date);
      expect(p.sex).toBe(r.sex);
      expect(p.areaCode).toBe(r.registered_area_code);
      expect(r.county_code).toBe(COUNTY);
      if (r.registered_area_code !== COUNTY) elsewhere++;
    }
    expect(elsewhere / rows.length).toBeGreaterThan(0.01);
    expect(elsewhere / rows.length).toBeLessThan(0.08);
  });

  it('nests grids in villages and households in grids', async () => {
    const grids = await store.db
      .selectFrom('places')
      .select(['code', 'parent_code', 'name'])
      .where('level', '=', 'grid')
      .execute();
    for (const g of grids) {
      expect(g.code).toMatch(/^\d{15}$/);
      expect(g.code.slice(0, 12)).toBe(g.parent_code);
      expect(g.name).toMatch(/第\d+网格$/);
    }
    const gridCodes = new Set(grids.map((g) => g.code));
    const households = await store.db
      .selectFrom('households')
      .select(['id', 'grid_code', 'address', 'head_name'])
      .execute();
    for (const h of households) {
      expect(h.id).toMatch(/^\d{19}$/);
      expect(h.id.slice(0, 15)).toBe(h.grid_code);
      expect(gridCodes.has(h.grid_code)).toBe(true);
      expect(h.address.startsWith('湘潭县')).toBe(true);
    }
    const sizes = await store.db.selectFrom('residents').select(['household_id', 'grid_code']).execute();
    const sizeOf = new Map<string, number>();
    for (const r of sizes) {
      expect(r.household_id?.slice(0, 15)).toBe(r.grid_code);
      sizeOf.set(r.household_id ?? '', (sizeOf.get(r.household_id ?? '') ?? 0) + 1);
    }
    expect(sizeOf.size).toBe(households.length);
    const all = [...sizeOf.values()];
    expect(Math.max(...all)).toBeLessThanOrEqual(12);
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    // About 2.7 at county scale; a village of eight people finds fewer relatives of the right age.
    expect(mean).toBeGreaterThan(1.8);
    expect(mean).toBeLessThan(3.3);
  });

  it('dates nothing after the evening of 9 August and keeps to the dose windows', async () => {
    const doses = await store.db
      .selectFrom('dose_records')
      .select(['resident_id', 'product', 'dose_number', 'at', 'received_at', 'source'])
      .orderBy('resident_id')
      .orderBy('dose_number')
      .execute();
    const history = new Map<number, DoseRecord[]>();
    for (const d of doses) {
      expect(d.at <= NOW.toISOString()).toBe(true);
      expect(d.at >= '2021-03-25').toBe(true);
      expect(d.received_at).toBe(d.at);
      expect(new Date(d.at).toISOString()).toBe(d.at);
      const h = history.get(d.resident_id) ?? [];
      const proposed = {
        product: d.product as ProductCode,
        doseNumber: d.dose_number,
        date: shanghaiDate(d.at),
      };
      const check = checkProposedDose(h, proposed);
      expect(check.ok, JSON.stringify({ h, proposed, check })).toBe(true);
      h.push(proposed);
      history.set(d.resident_id, h);
    }
    const visits = await store.db.selectFrom('screening_visits').select('at').execute();
    for (const v of visits) expect(v.at <= NOW.toISOString()).toBe(true);
  });

  it('writes only visits the screening rules accept', async () => {
    const visits = await store.db.selectFrom('screening_visits').selectAll().execute();
    for (const v of visits) {
      const input: VisitInput = {
        outcome: v.outcome,
        at: v.at,
        channel: v.channel,
        healthCode: v.health_code,
        followUpDate: v.follow_up_date,
        untilDate: v.until_date,
        bookedDate: v.booked_date,
        site: v.site,
        placeText: v.place_text,
        reason: v.reason,
        verified: v.verified === null ? null : v.verified === 1,
        product: v.product,
        contraindication: v.contraindication,
      };
      const result = validateVisit(input, NOW);
      expect(result.ok, JSON.stringify({ v, result })).toBe(true);
    }
    const gone = await store.db
      .selectFrom('residents')
      .select(['id', 'status'])
      .where('status', '!=', 'active')
      .execute();
    for (const r of gone) {
      const outcomes = visits.filter((v) => v.resident_id === r.id).map((v) => v.outcome);
      expect(outcomes).toContain(r.status);
    }
    const elsewhere = await store.db
      .selectFrom('dose_records')
      .select('resident_id')
      .where('source', '=', 'verified-elsewhere')
      .where('dose_number', '=', 1)
      .execute();
    for (const d of elsewhere) {
      expect(
        visits.some(
          (v) => v.resident_id === d.resident_id && v.outcome === 'vaccinated-elsewhere' && v.verified === 1,
        ),
      ).toBe(true);
    }
  });

  it('double-clears exactly 3 villages of 锦石乡 and a few others, and no more', async () => {
    const counts = await villageCounts(store);
    const cleared = [...counts].filter(([, c]) => clearanceOf(c).doubleCleared).map(([code]) => code);
    expect(cleared.filter((code) => code.startsWith(JINSHI))).toHaveLength(3);
    expect(cleared.length).toBeGreaterThanOrEqual(5);
    expect(cleared.length).toBeLessThanOrEqual(12);
    // Somewhere people are still unscreened: the drive is not over.
    const total = emptyCounts();
    for (const c of counts.values()) {
      total.eligible += c.eligible;
      total.done += c.done;
      total.unscreened += c.unscreened;
      total.open += c.open;
    }
    expect(total.unscreened).toBeGreaterThan(0);
    expect(total.done / total.eligible).toBeGreaterThan(0.6);
    expect(total.done / total.eligible).toBeLessThan(0.95);
  });

  it('hands tasks down county → township → village, near each village’s eligible count', async () => {
    const tasks = await store.db.selectFrom('task_allocations').select(['place_code', 'count']).execute();
    const task = new Map(tasks.map((t) => [t.place_code, t.count]));
    const counts = await villageCounts(store);
    let county = 0;
    const townships = new Map<string, number>();
    for (const [village, c] of counts) {
      const t = task.get(village) ?? -1;
      expect(Math.abs(t - c.eligible)).toBeLessThanOrEqual(Math.ceil(c.eligible * 0.04) + 1);
      townships.set(village.slice(0, 9), (townships.get(village.slice(0, 9)) ?? 0) + t);
    }
    for (const [code, sum] of townships) {
      expect(task.get(code)).toBe(sum);
      county += sum;
    }
    expect(task.get(COUNTY)).toBe(county);
  });

  it('refuses to build into a database that already has residents, and changes nothing', async () => {
    const before = await count(store, 'residents');
    const error = await buildDemo(store, { residents: RESIDENTS, seed: 7 }).catch((e: unknown) => e);
    expect(isGridvaxError(error) && error.kind === 'business-rule' && error.code === 'demo.not-empty').toBe(
      true,
    );
    expect(await count(store, 'residents')).toBe(before);
  });

  it('leaves nothing behind when the load fails half-way', async () => {
    const other = await c.fresh();
    await insertPlaces(other);
    let failAfter = 3;
    const failing: Store = {
      ...other,
      bulk: {
        load: (fill) =>
          other.bulk.load((sink) =>
            fill({
              ...sink,
              insert: (table, columns, rows) => {
                if (table === 'dose_records' && --failAfter === 0)
                  return Promise.reject(new Error('disk full'));
                return sink.insert(table, columns, rows);
              },
            }),
          ),
      },
    };
    await expect(buildDemo(failing, { residents: 20_000, seed: 7 })).rejects.toThrow('disk full');
    expect(await count(other, 'residents')).toBe(0);
    expect(await count(other, 'dose_records')).toBe(0);
    const campaigns = await other.db.selectFrom('campaigns').select('id').execute();
    expect(campaigns).toEqual([]);
    const grids = await other.db.selectFrom('places').select('code').where('level', '=', 'grid').execute();
    expect(grids).toEqual([]);
  });

  describe('determinism', () => {
    it('builds the same county from the same seed, and another from another seed', async () => {
      const again = await c.fresh();
      await insertPlaces(again);
      await buildDemo(again, { residents: RESIDENTS, seed: 7 });
      const other = await c.fresh();
      await insertPlaces(other);
      await buildDemo(other, { residents: RESIDENTS, seed: 8 });
      const first = await fingerprint(store);
      expect(await fingerprint(again)).toEqual(first);
      const different = await fingerprint(other);
      expect(different.residentHash).not.toBe(first.residentHash);
      expect(different.doseHash).not.toBe(first.doseHash);
      expect(different.visitHash).not.toBe(first.visitHash);
    });
  });
});

describe('buildDemo options', () => {
  it('refuses a population too small to spread over 351 villages', async () => {
    const error = await buildDemo({} as Store, { residents: 10, seed: 1 }).catch((e: unknown) => e);
    expect(isGridvaxError(error) && error.code === 'demo.residents').toBe(true);
  });
});
