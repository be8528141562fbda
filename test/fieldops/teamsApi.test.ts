import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiCounty, id, refusal, V1, type ApiCounty } from '../api/apiCounty.js';
import { signedIn, type Session } from '../support/signIn.js';
import { describeEachStore } from '../support/stores.js';

const JINSHI = '430321205';
const VILLAGE = '430321205206'; // residents 1–5 (grids 0 and 1)
const OTHER_VILLAGE = '430321205201'; // resident 6

const attackTeam = (villages: string[], withCommander = true) => ({
  kind: 'attack',
  place: JINSHI,
  name: withCommander ? '锦石乡清零攻坚第一队' : '锦石乡清零攻坚第二队',
  quota: 2,
  members: [
    { name: '彭志强', title: '乡党委副书记', phone: '13907321001', lead: 'dispatcher' },
    ...(withCommander
      ? [{ name: '谭红梅', title: '副乡长', phone: '13907321002', lead: 'site-commander' }]
      : []),
    { name: '李明', title: '党政办干部' },
  ],
  villages,
});

describeEachStore('API: teams, answerable cadres and sectors', (c) => {
  let t: ApiCounty;
  let lead: Session;
  let head: Session;
  let teamId: number;
  const as = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: object) =>
    s.inject({ method, url: `${V1}${path}`, ...(body ? { payload: body } : {}) });
  const audit = async (action: string) =>
    (await t.call('GET', `/audit?action=${action}&limit=100`)).json().items as {
      actor: string;
      entityId: string;
      detail: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    t = await apiCounty(c);
    lead = await signedIn(t.app, t.store, 'township-lead', [JINSHI], 'jinshi-lead', '锦石乡负责人');
    head = await signedIn(t.app, t.store, 'village-head', [VILLAGE], 'jinshi-head', '锦石村网格长');
    await t.call('POST', '/doses', {
      idNumber: id(1, t.ids),
      product: 'sinovac',
      doseNumber: 1,
      at: '2021-08-09T09:00:00+08:00',
    });
    await t.call('POST', '/visits', { ...refusal(), idNumber: id(2, t.ids) });
  });
  afterAll(() => c.cleanup());

  it('forms an attack team, audited, and refuses one without both leads, writing nothing', async () => {
    const res = await as(lead, 'POST', '/teams', attackTeam([VILLAGE]));
    expect(res.statusCode).toBe(201);
    const team = res.json();
    teamId = team.id;
    expect(team).toMatchObject({
      kind: 'attack',
      kindLabel: { zh: '攻坚队', en: 'Attack team' },
      place: JINSHI,
      createdBy: '锦石乡负责人',
      missingLeads: [],
      villages: [{ code: VILLAGE, name: '锦石村' }],
    });
    expect(team.members.map((m: { lead: string | null }) => m.lead)).toEqual([
      'dispatcher',
      'site-commander',
      null,
    ]);
    const created = await audit('team.create');
    expect(created).toEqual([expect.objectContaining({ actor: 'jinshi-lead', entityId: String(teamId) })]);

    const refused = await as(lead, 'POST', '/teams', attackTeam([VILLAGE], false));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'team.leads-required', field: 'lead' });
    expect(refused.json().error.message).toContain('卫生院现场指挥');
    const list = await as(lead, 'GET', `/teams?place=${JINSHI}`);
    expect(list.json().items.map((x: { id: number }) => x.id)).toEqual([teamId]);

    const outside = await as(lead, 'POST', '/teams', { ...attackTeam([]), place: '430321114' });
    expect(outside.statusCode).toBe(404);
    const far = await as(lead, 'POST', '/teams', { ...attackTeam(['430321114207']), name: '越界' });
    expect(far.statusCode).toBe(422);
    expect(far.json().error.code).toBe('team.village-outside');
  });

  it('adds and removes members, sends and sets the quota; a village head only looks', async () => {
    const added = await as(lead, 'POST', `/teams/${teamId}/members`, { name: '周建华', title: '财政所干部' });
    expect(added.statusCode).toBe(201);
    const taken = await as(lead, 'POST', `/teams/${teamId}/members`, {
      name: 'x',
      title: 'y',
      lead: 'dispatcher',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('team.lead-taken');
    const removed = await as(lead, 'DELETE', `/teams/${teamId}/members/${added.json().id}`);
    expect(removed.statusCode).toBe(200);

    const sent = await as(lead, 'PUT', `/teams/${teamId}/villages`, { villages: [VILLAGE, OTHER_VILLAGE] });
    expect(sent.statusCode).toBe(200);
    expect(sent.json().villages.map((v: { code: string }) => v.code)).toEqual([OTHER_VILLAGE, VILLAGE]);
    const [send] = await audit('team.send');
    expect(send?.detail).toEqual({
      before: { villages: [VILLAGE] },
      after: { villages: [OTHER_VILLAGE, VILLAGE] },
    });
    const quota = await as(lead, 'PUT', `/teams/${teamId}/quota`, { quota: 3 });
    expect(quota.json().quota).toBe(3);
    expect((await as(lead, 'PUT', `/teams/${teamId}/quota`, { quota: 0 })).statusCode).toBe(400);

    const seen = await as(head, 'GET', `/teams/${teamId}`);
    expect(seen.statusCode).toBe(200);
    const change = await as(head, 'PUT', `/teams/${teamId}/quota`, { quota: 4 });
    expect(change.statusCode).toBe(403);
    const teamsOfVillage = await as(head, 'GET', `/teams?place=${VILLAGE}`);
    expect(teamsOfVillage.json().items).toEqual([expect.objectContaining({ id: teamId, members: 3 })]);
  });

  it('gives the team’s worklist and its progress against the quota', async () => {
    const w = await t.call('GET', `/teams/${teamId}/worklist?campaign=${t.campaignId}`);
    expect(w.statusCode).toBe(200);
    // Residents 2 (refused), 4 (unscreened) in 锦石村, and 6 (unscreened) in the other village.
    expect(w.json()).toMatchObject({ total: 3, byReason: { refused: 1, unscreened: 2 }, partial: false });
    expect(w.json().entries.map((e: { residentId: number }) => e.residentId)).toEqual([6, 2, 4]);
    expect(w.body).not.toContain(id(2, t.ids));
    const mine = (await as(head, 'GET', `/teams/${teamId}/worklist?campaign=${t.campaignId}`)).json();
    expect(mine).toMatchObject({ villages: [VILLAGE], partial: true, total: 2 });

    const p = await t.call('GET', `/teams/${teamId}/progress?campaign=${t.campaignId}&from=2021-08-08`);
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({
      quota: 3,
      from: '2021-08-08',
      to: '2021-08-09',
      days: [
        { date: '2021-08-08', done: 0, met: false, short: 3 },
        { date: '2021-08-09', done: 1, met: false, short: 2 },
      ],
      total: { done: 1, days: 2, daysMet: 0 },
    });
    const bad = await t.call(
      'GET',
      `/teams/${teamId}/progress?campaign=${t.campaignId}&from=2021-08-10&to=2021-08-01`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('team.progress-range');
  });

  it('names the answerable cadres and shows them in the daily report', async () => {
    const county = await t.call('PUT', `/answerable/${JINSHI}`, {
      name: '王建国',
      title: '县卫健局副局长',
      phone: '13807320001',
    });
    expect(county.statusCode).toBe(200);
    expect(county.json().unit.cadre).toMatchObject({
      cadreLevel: 'county',
      display: '王建国（县卫健局副局长）',
    });
    const village = await as(lead, 'PUT', `/answerable/${VILLAGE}`, { name: '刘德明', title: '乡党委委员' });
    expect(village.statusCode).toBe(200);
    const own = await as(lead, 'PUT', `/answerable/${JINSHI}`, { name: 'x', title: 'y' });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('answerable.assigned-above');
    const pairing = await t.call('PUT', `/answerable/${OTHER_VILLAGE}`, {
      name: 'x',
      title: 'y',
      cadreLevel: 'county',
    });
    expect(pairing.statusCode).toBe(422);
    expect(pairing.json().error.code).toBe('answerable.level-pairing');
    const [set] = await audit('answerable.set');
    expect(set).toMatchObject({ actor: 'jinshi-lead', entityId: VILLAGE });

    const list = (await as(lead, 'GET', `/answerable/${JINSHI}`)).json();
    expect(list.unit).toMatchObject({ code: JINSHI, answeredBy: 'county', cadre: { name: '王建国' } });
    expect(list.children.find((u: { code: string }) => u.code === VILLAGE)).toMatchObject({
      answeredBy: 'township',
      cadre: { display: '刘德明（乡党委委员）', assignedBy: '锦石乡负责人' },
    });

    const report = (
      await t.inject({
        method: 'GET',
        url: `${V1}/reports/daily?campaign=${t.campaignId}&date=2021-08-09&place=${JINSHI}`,
      })
    ).json();
    expect(report.unit.answerable).toBe('王建国（县卫健局副局长）');
    expect(report.unit.children.find((u: { code: string }) => u.code === VILLAGE).answerable).toBe(
      '刘德明（乡党委委员）',
    );
  });

  it('records employers and sectors, and answers progress and the ledger by sector', async () => {
    const set = await as(lead, 'PUT', `/residents/${id(2, t.ids)}/employment`, {
      employer: '锦石乡中心学校',
      sector: 'education',
      publicRole: 'public-servant',
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({
      residentId: 2,
      employer: '锦石乡中心学校',
      sector: 'education',
      publicRole: 'public-servant',
    });
    expect(set.body).not.toContain(id(2, t.ids));
    await t.call('PUT', `/residents/${id(1, t.ids)}/employment`, {
      employer: '锦石乡中心学校',
      sector: 'education',
    });
    const badSector = await t.call('PUT', `/residents/${id(1, t.ids)}/employment`, { sector: 'army' });
    expect(badSector.statusCode).toBe(400);
    expect(badSector.json().error.code).toBe('resident.sector');
    const [employment] = await audit('resident.employment');
    expect(employment?.detail).toMatchObject({ after: { sector: 'education' } });

    const p = await t.call('GET', `/campaigns/${t.campaignId}/sectors/${JINSHI}`);
    expect(p.statusCode).toBe(200);
    expect(p.json().sectors[0]).toMatchObject({
      sector: 'education',
      regulator: { zh: '县教育局' },
      residents: 2,
      eligible: 2,
      done: 1,
      open: 1,
      completion: 0.5,
    });
    const l = await t.call('GET', `/campaigns/${t.campaignId}/sectors/${JINSHI}/ledger?sector=education`);
    expect(l.statusCode).toBe(200);
    expect(l.json()).toMatchObject({ sector: 'education', total: 1 });
    expect(l.json().entries).toEqual([
      expect.objectContaining({ residentId: 2, employer: '锦石乡中心学校', reason: 'refused' }),
    ]);
    const noSector = await t.call('GET', `/campaigns/${t.campaignId}/sectors/${JINSHI}/ledger`);
    expect(noSector.statusCode).toBe(400);
  });

  it('documents every route under the teams tag', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    for (const [path, method] of [
      ['/api/v1/teams', 'post'],
      ['/api/v1/teams/{id}/worklist', 'get'],
      ['/api/v1/teams/{id}/progress', 'get'],
      ['/api/v1/answerable/{place}', 'put'],
      ['/api/v1/campaigns/{id}/sectors/{place}', 'get'],
      ['/api/v1/residents/{idNumber}/employment', 'put'],
    ] as const) {
      expect(doc.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['teams']);
    }
  });
});
