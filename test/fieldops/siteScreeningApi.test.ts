import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiCounty, id, V1, type ApiCounty } from '../api/apiCounty.js';
import { signedIn, type Session } from '../support/signIn.js';
import { describeEachStore } from '../support/stores.js';
import { answers, insertSite, well } from './siteScreeningSupport.js';

const JINSHI = '430321205';
const VILLAGE = '430321205206';

describeEachStore('API: check-in, screening, decision, dose, observation, AEFI', (c) => {
  let t: ApiCounty;
  let staff: Session;
  let siteId: number;
  let wushiSite: number;
  const as = (s: Session, method: 'GET' | 'POST', path: string, body?: object) =>
    s.inject({ method, url: `${V1}${path}`, ...(body ? { payload: body } : {}) });

  beforeAll(async () => {
    t = await apiCounty(c);
    staff = await signedIn(t.app, t.store, 'site-staff', [JINSHI], 'jinshi-doctor', '锦石乡卫生院 李医生');
    siteId = await insertSite(t.store, JINSHI, '锦石乡卫生院');
    wushiSite = await insertSite(t.store, '430321114', '乌石镇卫生院');
  });
  afterAll(async () => {
    await t.app.close();
    await c.cleanup();
  });

  it('runs a resident through the site: check-in → questions → decision → dose → timer → done', async () => {
    const checkin = await as(staff, 'POST', '/checkins', {
      siteId,
      idNumber: id(1, t.ids),
      at: '2021-08-09T08:40:00+08:00',
    });
    expect(checkin.statusCode).toBe(201);
    const ci = checkin.json();
    expect(ci).toMatchObject({
      stage: 'checked-in',
      checkedInBy: '锦石乡卫生院 李医生',
      site: { id: siteId },
    });
    expect(ci.resident.idNumber).not.toBe(id(1, t.ids));
    const twice = await as(staff, 'POST', '/checkins?unmasked=true', { siteId, idNumber: id(1, t.ids) });
    expect(twice.statusCode).toBe(200);
    expect(twice.json()).toMatchObject({ id: ci.id, resident: { idNumber: id(1, t.ids) } });

    const screened = await as(staff, 'POST', `/checkins/${ci.id}/screenings`, {
      ...well,
      at: '2021-08-09T08:45:00+08:00',
    });
    expect(screened.statusCode).toBe(201);
    expect(screened.json()).toMatchObject({
      stage: 'screened',
      screening: { suggestion: { decision: 'recommend' } },
    });
    const decided = await as(staff, 'POST', `/checkins/${ci.id}/decision`, {
      decision: 'recommend',
      at: '2021-08-09T08:50:00+08:00',
    });
    expect(decided.statusCode).toBe(201);
    expect(decided.json()).toMatchObject({ stage: 'awaiting-dose', decision: { by: '锦石乡卫生院 李医生' } });
    const dosed = await as(staff, 'POST', `/checkins/${ci.id}/dose`, {
      product: 'sinovac',
      lot: '202107B',
      at: '2021-08-09T09:00:00+08:00',
    });
    expect(dosed.statusCode).toBe(201);
    expect(dosed.json()).toMatchObject({
      stage: 'observing',
      dose: { doseNumber: 1, lot: '202107B' },
      observation: { endsAt: '2021-08-09T01:30:00.000Z' },
    });
    const again = await as(staff, 'POST', `/checkins/${ci.id}/dose`, { product: 'sinovac', lot: '202107B' });
    expect(again.statusCode).toBe(409);
    const early = await as(staff, 'POST', `/checkins/${ci.id}/observation`, {
      outcome: 'ok',
      at: '2021-08-09T09:10:00+08:00',
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('observation.too-early');
    const ended = await as(staff, 'POST', `/checkins/${ci.id}/observation`, { outcome: 'ok' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ checkin: { stage: 'done' }, aefi: null });

    const aefi = await as(staff, 'POST', '/aefi', {
      idNumber: id(1, t.ids),
      doseId: dosed.json().dose.id,
      what: 'local-redness-swelling',
      severity: 'mild',
      onsetAt: '2021-08-09T16:00:00+08:00',
      outcome: 'observed',
    });
    expect(aefi.statusCode).toBe(201);
    expect(aefi.json()).toMatchObject({ site: { id: siteId }, checkinId: ci.id, urgent: false });

    const one = await t.call('GET', `/checkins/${ci.id}`);
    expect(one.json()).toMatchObject({ stage: 'done', screenings: 1 });
    const day = (await t.call('GET', `/sites/${siteId}/checkins?day=2021-08-09`)).json();
    expect(day.totals).toMatchObject({ checkedIn: 1, vaccinated: 1, recommended: 1 });
    const siteAefi = (await t.call('GET', `/sites/${siteId}/aefi?day=2021-08-09`)).json();
    expect(siteAefi.items).toHaveLength(1);
    const unitAefi = (await t.call('GET', `/aefi?place=${VILLAGE}&from=2021-08-01&to=2021-08-09`)).json();
    expect(unitAefi.items.map((a: { what: string }) => a.what)).toEqual(['local-redness-swelling']);

    const audit = (await t.call('GET', '/audit?action=checkin.*&limit=50')).json().items as {
      action: string;
    }[];
    expect(audit.map((a) => a.action).sort()).toEqual([
      'checkin.create',
      'checkin.decide',
      'checkin.observe',
      'checkin.screen',
    ]);
  });

  it('refuses POST /doses for a resident postponed at the site today (422 dose.checkin-postponed)', async () => {
    const ci = (await as(staff, 'POST', '/checkins', { siteId, idNumber: id(2, t.ids) })).json();
    await as(staff, 'POST', `/checkins/${ci.id}/screenings`, { ...well, healthCode: 'yellow' });
    const recommend = await as(staff, 'POST', `/checkins/${ci.id}/decision`, {
      decision: 'recommend',
      note: '?',
    });
    expect(recommend.statusCode).toBe(422);
    expect(recommend.json().error.code).toBe('decision.health-code');
    const postpone = await as(staff, 'POST', `/checkins/${ci.id}/decision`, { decision: 'postpone' });
    expect(postpone.statusCode).toBe(201);
    expect(postpone.json().decision).toMatchObject({ untilDate: '2021-08-23', visitId: expect.any(String) });

    const dose = await t.call('POST', '/doses', {
      idNumber: id(2, t.ids),
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T17:00:00+08:00',
    });
    expect(dose.statusCode).toBe(422);
    expect(dose.json().error).toMatchObject({ code: 'dose.checkin-postponed' });
    expect(dose.json().error.message).toContain(ci.id);
    const residents = (await t.call('GET', `/residents?place=${VILLAGE}&campaign=${t.campaignId}`)).json();
    expect(residents.items.find((r: { residentId: number }) => r.residentId === 2)).toMatchObject({
      status: 'deferred',
      reason: 'contraindicated-temporary',
    });
  });

  it('marks a not-suitable resident exempt; answers 400 for a form missing a question', async () => {
    const ci = (await as(staff, 'POST', '/checkins', { siteId, idNumber: id(4, t.ids) })).json();
    const { pregnancy: _, ...four } = answers();
    const missing = await as(staff, 'POST', `/checkins/${ci.id}/screenings`, { ...well, answers: four });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'screening.unanswered', field: 'answers.pregnancy' });
    await as(staff, 'POST', `/checkins/${ci.id}/screenings`, {
      ...well,
      answers: answers('vaccine-allergy'),
    });
    const d = await as(staff, 'POST', `/checkins/${ci.id}/decision`, { decision: 'not-suitable' });
    expect(d.statusCode).toBe(201);
    const status = await t.store.db
      .selectFrom('campaign_residents')
      .select('status')
      .where('resident_id', '=', 4)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('exempt');
  });

  it('answers 404 for a site outside the staff’s township, and 403 to a role without checkin.write', async () => {
    const outside = await as(staff, 'POST', '/checkins', { siteId: wushiSite, idNumber: id(1, t.ids) });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('site.not-found');
    const head = await signedIn(t.app, t.store, 'village-head', [VILLAGE], 'jinshi-head', '锦石村网格长');
    const forbidden = await as(head, 'POST', '/checkins', { siteId, idNumber: id(1, t.ids) });
    expect(forbidden.statusCode).toBe(403);
    // The village head reads the site's day, its own residents only.
    const day = await as(head, 'GET', `/sites/${siteId}/checkins?day=2021-08-09`);
    expect(day.statusCode).toBe(200);
    expect(
      day
        .json()
        .items.every((i: { resident: { gridCode: string } }) => i.resident.gridCode.startsWith(VILLAGE)),
    ).toBe(true);
  });
});
