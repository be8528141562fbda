import { afterAll, describe, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { migrations } from '../../src/store/migrations/index.js';
import { openStore } from '../../src/store/openStore.js';
import { resolveStoreLocation } from '../../src/store/dialect.js';
import { describeEachStore } from '../support/stores.js';

describeEachStore('store', (c) => {
  afterAll(() => c.cleanup());

  it('migrates an empty database and keeps its data when reopened', async () => {
    const loc = await c.freshLocation();
    const first = await openStore(loc);
    await first.db
      .insertInto('places')
      .values({
        code: '430321',
        level: 'county',
        name: '湘潭县',
        short_name: '湘潭县',
        parent_code: null,
        county_code: '430321',
      })
      .execute();
    await first.close();
    const again = await openStore(loc);
    const rows = await again.db.selectFrom('places').selectAll().execute();
    expect(rows.map((r) => r.name)).toEqual(['湘潭县']);
    await again.close();
  });

  it('brings a database written by an older version up to date without losing its data', async () => {
    const loc = await c.freshLocation();
    const old = await openStore(loc, { migrate: false });
    const migrator = new Migrator({
      db: old.db,
      provider: { getMigrations: () => Promise.resolve(migrations(loc.dialect)) },
      ...(loc.schema ? { migrationTableSchema: loc.schema } : {}),
    });
    // The schema as the first release left it, with a place in it.
    expect((await migrator.migrateTo('0001_initial')).error).toBeUndefined();
    await old.db
      .insertInto('places')
      .values({
        code: '430321',
        level: 'county',
        name: '湘潭县',
        short_name: '湘潭县',
        parent_code: null,
        county_code: '430321',
      })
      .execute();
    await old.close();
    const current = await openStore(loc);
    expect((await current.db.selectFrom('places').select('name').execute()).map((r) => r.name)).toEqual([
      '湘潭县',
    ]);
    expect(await current.db.selectFrom('campaign_grid_counts').selectAll().execute()).toEqual([]);
    await current.close();
  });

  it('pins and unpins its own "now"', async () => {
    const store = await c.fresh();
    const evening = new Date('2021-08-09T10:00:00.000Z');
    await store.pinNow(evening);
    expect(store.now().toISOString()).toBe(evening.toISOString());
    await store.pinNow(null);
    expect(Math.abs(store.now().getTime() - Date.now())).toBeLessThan(5000);
  });

  it('bulk-loads rows in one transaction and leaves nothing when the load fails', async () => {
    const store = await c.fresh();
    const cols = ['code', 'level', 'name', 'short_name', 'parent_code', 'county_code'];
    await store.bulk.load(async (sink) => {
      await sink.insert('places', cols, [['430321', 'county', '湘潭县', '湘潭县', null, '430321']]);
      await sink.insert('places', cols, [
        ['430321205', 'township', '锦石乡', '锦石乡', '430321', '430321'],
        ['430321205206', 'village', '锦石村委会', '锦石村', '430321205', '430321'],
      ]);
    });
    await expect(
      store.bulk.load(async (sink) => {
        await sink.insert('places', cols, [
          ['430321114', 'township', '乌石镇', '乌石镇', '430321', '430321'],
        ]);
        // The same code again violates the primary key: the whole load must roll back.
        await sink.insert('places', cols, [
          ['430321205', 'township', '锦石乡', '锦石乡', '430321', '430321'],
        ]);
      }),
    ).rejects.toThrow();
    const codes = (await store.db.selectFrom('places').select('code').orderBy('code').execute()).map(
      (r) => r.code,
    );
    expect(codes).toEqual(['430321', '430321205', '430321205206']);
  });

  it('refuses a second resident with the same ID number in the county', async () => {
    const store = await c.fresh();
    await store.db
      .insertInto('places')
      .values({
        code: '430321',
        level: 'county',
        name: '湘潭县',
        short_name: '湘潭县',
        parent_code: null,
        county_code: '430321',
      })
      .execute();
    const resident = {
      county_code: '430321',
      id: 1,
      id_number: '430321199001011234',
      name: '谭一',
      sex: 'M' as const,
      birth_date: '1990-01-01',
      phone: null,
      household_id: null,
      grid_code: '430321205206001',
      registered_area_code: '430321',
      limited_mobility: 0,
      remote: 0,
      status: 'active' as const,
      created_at: '2021-06-01T00:00:00.000Z',
      updated_at: '2021-06-01T00:00:00.000Z',
    };
    await store.db.insertInto('residents').values(resident).execute();
    await expect(
      store.db
        .insertInto('residents')
        .values({ ...resident, id: 2 })
        .execute(),
    ).rejects.toThrow();
  });
});

describe('store location', () => {
  it('defaults to ./data/gridvax.db and switches to PostgreSQL on GRIDVAX_DATABASE_URL', () => {
    expect(resolveStoreLocation(undefined, {})).toEqual({
      dialect: 'sqlite',
      target: 'data/gridvax.db',
      isDefault: true,
    });
    expect(resolveStoreLocation('x.db', { GRIDVAX_DATABASE_URL: 'postgres://u:secret@h/db' }).dialect).toBe(
      'postgres',
    );
  });

  it('names a database folder that does not exist instead of creating it', async () => {
    const loc = resolveStoreLocation('/nonexistent-gridvax-dir/x.db', {});
    await expect(openStore(loc)).rejects.toMatchObject({
      kind: 'invalid-input',
      detail: { code: 'store.path' },
    });
  });

  it('refuses a file that is not a database, without changing it', async () => {
    const { mkdtempSync, writeFileSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'gridvax-')), 'notes.db');
    writeFileSync(file, 'these are not the tables you are looking for\n'.repeat(200));
    await expect(openStore(resolveStoreLocation(file, {}))).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(readFileSync(file, 'utf8').startsWith('these are not')).toBe(true);
  });
});
