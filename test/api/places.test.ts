import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/server.js';
import { importPlaces, SHIPPED_DIVISIONS } from '../../src/app/places/importPlaces.js';
import type { Store } from '../../src/store/openStore.js';
import { describeEachStore } from '../support/stores.js';
import { signedIn, type Session } from '../support/signIn.js';

describeEachStore('GET /api/v1/places/{code}', (c) => {
  let store: Store;
  let app: FastifyInstance;
  let session: Session;

  beforeAll(async () => {
    store = await c.fresh();
    await importPlaces(store, SHIPPED_DIVISIONS, ['430321']);
    await store.db
      .insertInto('places')
      .values(
        [1, 2].map((n) => ({
          code: `430321205206${String(n).padStart(3, '0')}`,
          level: 'grid' as const,
          name: `锦石村第${n}网格`,
          short_name: `第${n}网格`,
          parent_code: '430321205206',
          county_code: '430321',
        })),
      )
      .execute();
    await store.db
      .insertInto('households')
      .values([
        {
          county_code: '430321',
          id: '4303212052060010001',
          grid_code: '430321205206001',
          address: '锦石村1组1号',
          head_name: '谭一',
        },
        {
          county_code: '430321',
          id: '4303212052060020001',
          grid_code: '430321205206002',
          address: '锦石村2组1号',
          head_name: '周二',
        },
      ])
      .execute();
    const person = (id: number, household: string, status: 'active' | 'deceased') => ({
      county_code: '430321',
      id,
      id_number: `43032119800101${String(id).padStart(3, '0')}X`,
      name: `居民${id}`,
      sex: 'M' as const,
      birth_date: '1980-01-01',
      phone: null,
      household_id: household,
      grid_code: household.slice(0, 15),
      registered_area_code: '430321',
      limited_mobility: 0,
      remote: 0,
      status,
      created_at: '2021-06-01T00:00:00.000Z',
      updated_at: '2021-06-01T00:00:00.000Z',
    });
    await store.db
      .insertInto('residents')
      .values([
        person(1, '4303212052060010001', 'active'),
        person(2, '4303212052060010001', 'active'),
        person(3, '4303212052060020001', 'active'),
        person(4, '4303212052060020001', 'deceased'),
      ])
      .execute();
    app = await buildServer(store);
    session = await signedIn(app, store);
  });
  afterAll(async () => {
    await app.close();
    await c.cleanup();
  });

  it('answers /healthz', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: c.dialect });
  });

  it('gives the county with its 17 townships and counts of active residents', async () => {
    const res = await session.inject({ method: 'GET', url: '/api/v1/places/430321' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      code: '430321',
      level: 'county',
      name: '湘潭县',
      counts: { grids: 2, households: 2, residents: 3 },
    });
    expect(body.children).toHaveLength(17);
    const jinshi = body.children.find((t: { code: string }) => t.code === '430321205');
    expect(jinshi).toMatchObject({ name: '锦石乡', counts: { residents: 3, households: 2, grids: 2 } });
    expect(body.children.find((t: { code: string }) => t.code === '430321114').counts.residents).toBe(0);
  });

  it('gives a village with short names, and a grid with its households', async () => {
    const village = (await session.inject({ method: 'GET', url: '/api/v1/places/430321205206' })).json();
    expect(village).toMatchObject({ shortName: '锦石村', counts: { residents: 3 } });
    expect(village.children.map((g: { code: string }) => g.code)).toEqual([
      '430321205206001',
      '430321205206002',
    ]);
    const grid = (await session.inject({ method: 'GET', url: '/api/v1/places/430321205206002' })).json();
    expect(grid.children).toEqual([
      {
        code: '4303212052060020001',
        level: 'household',
        name: '周二',
        address: '锦石村2组1号',
        residents: 1,
      },
    ]);
  });

  it('answers an unknown place with 404 and a malformed code with 400, in both languages', async () => {
    const missing = await session.inject({ method: 'GET', url: '/api/v1/places/430399' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'place.not-found', field: 'code' });
    const bad = await session.inject({ method: 'GET', url: '/api/v1/places/43x321' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('request.invalid');
    expect(bad.json().error.message).toMatch(/请求参数无效/);
  });

  it('publishes its OpenAPI document with the routes it serves', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/api/v1/places/{code}']));
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });
});
