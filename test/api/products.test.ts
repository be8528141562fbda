import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/server.js';
import { importPlaces, SHIPPED_DIVISIONS } from '../../src/app/places/importPlaces.js';
import { PRODUCT_CODES } from '../../src/domain/vaccines/catalog.js';
import { describeEachStore } from '../support/stores.js';
import { signedIn, type Session } from '../support/signIn.js';

describeEachStore('API: products', (c) => {
  let app: FastifyInstance;
  let session: Session;

  beforeAll(async () => {
    const store = await c.fresh();
    app = await buildServer(store);
    // Users are attached to places: the county's codes come first.
    await importPlaces(store, SHIPPED_DIVISIONS, ['430321']);
    session = await signedIn(app, store, 'driver');
  });
  afterAll(async () => {
    await app.close();
    await c.cleanup();
  });

  it('lists the five products of the 2021 guideline with their dose windows', async () => {
    const res = await session.inject({ method: 'GET', url: '/api/v1/products' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((p: { code: string }) => p.code)).toEqual([...PRODUCT_CODES]);
    expect(items.find((p: { code: string }) => p.code === 'sinovac')).toMatchObject({
      shortName: { zh: '科兴' },
      platform: 'inactivated',
      primaryDoses: 2,
      windows: [{ doseNumber: 2, minDaysAfterPrevious: 21, ideallyWithinDaysOfFirst: 56 }],
      booster: { minDaysAfterPrimary: 180 },
    });
  });

  it('answers a wrong method or path with the error body', async () => {
    const res = await session.inject({ method: 'GET', url: '/api/v1/products/sinovac' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('http.route-not-found');
  });
});
