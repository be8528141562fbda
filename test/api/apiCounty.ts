import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildServer } from '../../src/api/server.js';
import { createCampaign } from '../../src/app/campaigns/createCampaign.js';
import type { Store } from '../../src/store/openStore.js';
import { GRIDS, smallCounty } from '../support/county.js';
import type { StoreCase } from '../support/stores.js';
import { signedIn, type Session } from '../support/signIn.js';

/** The evening the demo pins: 2021-08-09 18:00 in Shanghai. */
export const EVENING = new Date('2021-08-09T10:00:00.000Z');

export const V1 = '/api/v1';

/**
 * The API suites' county: 锦石村 (grids 0 and 1) and another 锦石乡 village (grid 2).
 * Eligible (12+): 1, 2, 4, 6; resident 3 is a child, 5 deceased.
 */
export const RESIDENTS = [
  { grid: GRIDS[0], birthDate: '1950-03-01' }, // 1: 71, 60+
  { grid: GRIDS[0], birthDate: '1985-07-15' }, // 2
  { grid: GRIDS[0], birthDate: '2015-01-01' }, // 3: a child, ineligible
  { grid: GRIDS[1], birthDate: '1990-12-31' }, // 4
  { grid: GRIDS[1], birthDate: '1970-02-28', status: 'deceased' as const }, // 5: ineligible
  { grid: GRIDS[2], birthDate: '1960-06-06' }, // 6: 61, 60+, alone in its grid
] as const;

export interface ApiCounty {
  store: Store;
  app: FastifyInstance;
  /** ID numbers of RESIDENTS, in order. */
  ids: string[];
  campaignId: number;
  /** A commander on the county, signed in through the real login. */
  session: Session;
  /** app.inject as the signed-in commander (cookie, and X-CSRF-Token on writes). */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** inject with a JSON body; the path is under /api/v1. */
  call(method: InjectOptions['method'], path: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** A fresh store with the small county, a first-dose campaign (12+) and a server on it. */
export async function apiCounty(c: StoreCase): Promise<ApiCounty> {
  const store = await c.fresh();
  await store.pinNow(EVENING);
  const ids = await smallCounty(store, RESIDENTS);
  const campaign = await createCampaign(store, {
    name: '第一剂次接种',
    target: 'first-dose',
    minAge: 12,
    asOf: '2021-08-09',
    start: '2021-07-20',
    deadline: '2021-08-31',
  });
  const app = await buildServer(store);
  const session = await signedIn(app, store);
  return {
    store,
    app,
    ids,
    campaignId: Number(campaign.id),
    session,
    inject: session.inject,
    call: (method, path, body) =>
      session.inject({
        method,
        url: `${V1}${path}`,
        ...(body === undefined ? {} : { payload: body as object }),
      }),
  };
}

/** A refusal of a door-to-door visit: the simplest complete visit. */
export const refusal = (at = '2021-08-09T09:00:00+08:00') => ({
  outcome: 'refused',
  at,
  channel: 'door',
  reason: '担心副作用',
});

export const id = (n: number, ids: readonly string[]): string => ids[n - 1] as string;
