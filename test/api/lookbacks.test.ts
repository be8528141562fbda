import { afterAll, beforeEach, expect, it } from 'vitest';
import { GRIDS } from '../support/county.js';
import { describeEachStore } from '../support/stores.js';
import { signedIn, type Session } from '../support/signIn.js';
import { apiCounty, id, V1, type ApiCounty } from './apiCounty.js';

describeEachStore('API: look-backs', (c) => {
  let t: ApiCounty;
  /** Look-backs are the grid instructor's: the signed-in user is who they name. */
  let instructor: Session;
  const call = (method: 'GET' | 'POST', path: string, body?: object) =>
    instructor.inject({ method, url: `${V1}${path}`, ...(body ? { payload: body } : {}) });

  beforeEach(async () => {
    t = await apiCounty(c);
    instructor = await signedIn(
      t.app,
      t.store,
      'grid-instructor',
      ['430321205'],
      'jinshi-instructor',
      '乡镇网格指导员',
    );
    // Resident 6 is alone in grid 2: one dose double-clears it.
    await t.call('POST', '/doses', {
      idNumber: id(6, t.ids),
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T09:00:00+08:00',
    });
  });
  afterAll(() => c.cleanup());

  const start = (place: string) =>
    call('POST', `/campaigns/${t.campaignId}/lookbacks`, { place, createdBy: '乡镇网格指导员' });

  it('draws the sample of a cleared grid, shows it and records what the door said', async () => {
    const created = await start(GRIDS[2]);
    expect(created.statusCode).toBe(201);
    const lb = created.json();
    expect(lb).toMatchObject({
      campaignId: t.campaignId,
      place: GRIDS[2],
      size: 1,
      createdBy: '乡镇网格指导员',
      verdict: { checked: 0, discrepancies: 0, reopen: false },
      closedAt: null,
    });
    expect(lb.items).toEqual([
      expect.objectContaining({ position: 1, residentId: 6, statusAtDraw: 'done', matches: null }),
    ]);
    expect(lb.items[0].idNumber).toContain('*');

    const shown = await call('GET', `/lookbacks/${lb.id}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual(lb);

    const check = await call('POST', `/lookbacks/${lb.id}/checks`, {
      idNumber: id(6, t.ids),
      matches: false,
      note: '本人称未接种',
      checkedBy: '乡镇网格指导员',
    });
    expect(check.statusCode).toBe(200);
    expect(check.json()).toMatchObject({ verdict: { checked: 1, discrepancies: 1, reopen: true } });
    expect(check.json().closedAt).not.toBeNull();

    const again = await call('POST', `/lookbacks/${lb.id}/checks`, {
      idNumber: id(6, t.ids),
      matches: true,
      checkedBy: '乡镇网格指导员',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('lookback.already-checked');
  });

  it('refuses a unit that is not cleared (422), someone not sampled (400) and unknowns (404)', async () => {
    const notCleared = await start(GRIDS[0]);
    expect(notCleared.statusCode).toBe(422);
    expect(notCleared.json().error.code).toBe('lookback.not-cleared');

    const lb = (await start(GRIDS[2])).json();
    const stranger = await call('POST', `/lookbacks/${lb.id}/checks`, {
      idNumber: id(1, t.ids),
      matches: true,
      checkedBy: '乡镇网格指导员',
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.code).toBe('lookback.not-in-sample');

    const missing = await call('GET', '/lookbacks/999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('lookback.not-found');
    const noCampaign = await call('POST', '/campaigns/999/lookbacks', { place: GRIDS[2], createdBy: 'x' });
    expect(noCampaign.statusCode).toBe(404);
  });
});
