import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstDoseCampaign, engineDb, type EngineDb } from '../cli/engineDb.js';
import { jsonLines } from '../support/cli.js';

const JINSHI = '430321205';
const VILLAGE = '430321205206';

describe('gridvax team', () => {
  let db: EngineDb;
  let campaign: string;

  beforeAll(async () => {
    db = await engineDb();
    campaign = String(createFirstDoseCampaign(db));
  });
  afterAll(() => db.remove());

  it('forms an attack team, names its leads, sends it and shows it', () => {
    const [team] = db.json([
      'team',
      'create',
      '--place',
      JINSHI,
      '--kind',
      'attack',
      '--name',
      '锦石乡清零攻坚第一队',
      '--quota',
      '3',
    ]);
    const id = String(team?.['id']);
    expect(team).toMatchObject({ kind: 'attack', missingLeads: ['dispatcher', 'site-commander'] });

    // Sending it before its leads are named is refused by the rule (exit 6), with the reason.
    const early = db.run(['team', 'send', '--team', id, '--villages', VILLAGE, '--json']);
    expect(early.code).toBe(6);
    expect(jsonLines(early.stdout)[0]).toMatchObject({ error: { code: 'team.leads-required' } });

    db.json([
      'team',
      'member',
      'add',
      '--team',
      id,
      '--name',
      '彭志强',
      '--title',
      '乡党委副书记',
      '--lead',
      'dispatcher',
    ]);
    db.json([
      'team',
      'member',
      'add',
      '--team',
      id,
      '--name',
      '谭红梅',
      '--title',
      '副乡长',
      '--lead',
      'site-commander',
    ]);
    const taken = db.run([
      'team',
      'member',
      'add',
      '--team',
      id,
      '--name',
      'x',
      '--title',
      'y',
      '--lead',
      'dispatcher',
    ]);
    expect(taken.code).toBe(5);
    const [sent] = db.json(['team', 'send', '--team', id, '--villages', VILLAGE]);
    expect(sent).toMatchObject({ missingLeads: [], villages: [{ code: VILLAGE, name: '锦石村' }] });

    const shown = db.run(['team', 'show', '--team', id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('村部调度');
    expect(shown.stdout).toContain('锦石村');
    expect(db.json(['team', 'list', '--place', VILLAGE])).toEqual([
      expect.objectContaining({ name: '锦石乡清零攻坚第一队' }),
    ]);
    expect(db.run(['team', 'send', '--team', id]).code).toBe(3);
  });

  it('gives a team’s worklist and progress, and sets its quota', () => {
    const [team] = db.json(['team', 'list', '--place', JINSHI]);
    const id = String(team?.['id']);
    db.json([
      'dose',
      'add',
      '--resident',
      db.ids[0] as string,
      '--product',
      'sinovac',
      '--dose',
      '1',
      '--at',
      '2021-08-09T09:00:00+08:00',
    ]);
    const worklist = db.json(['team', 'worklist', '--team', id, '--campaign', campaign]);
    expect(worklist.map((e) => e['residentId'])).toEqual([2, 4]);
    expect(String(worklist[0]?.['idNumber'])).toContain('*');
    const days = db.json(['team', 'progress', '--team', id, '--campaign', campaign, '--from', '2021-08-08']);
    expect(days).toEqual([
      { date: '2021-08-08', done: 0, quota: 3, met: false, short: 3 },
      { date: '2021-08-09', done: 1, quota: 3, met: false, short: 2 },
    ]);
    const [changed] = db.json(['team', 'quota', '--team', id, '--doses', '1']);
    expect(changed?.['quota']).toBe(1);
    const table = db.run(['team', 'progress', '--team', id, '--campaign', campaign]);
    expect(table.stdout).toContain('达标 met 1/7');
  });

  it('names answerable cadres and lists them by unit', () => {
    const [set] = db.json([
      'team',
      'answerable',
      'set',
      '--place',
      JINSHI,
      '--name',
      '王建国',
      '--title',
      '县卫健局副局长',
    ]);
    expect(set).toMatchObject({ unit: { code: JINSHI, cadre: { display: '王建国（县卫健局副局长）' } } });
    const wrong = db.run([
      'team',
      'answerable',
      'set',
      '--place',
      VILLAGE,
      '--name',
      'x',
      '--title',
      'y',
      '--cadre-level',
      'county',
      '--json',
    ]);
    expect(wrong.code).toBe(6);
    expect(jsonLines(wrong.stdout)[0]).toMatchObject({ error: { code: 'answerable.level-pairing' } });
    const townships = db.json(['team', 'answerable', 'list', '--place', '430321']);
    expect(townships.find((u) => u['code'] === JINSHI)).toMatchObject({
      answeredBy: 'county',
      cadre: { name: '王建国' },
    });
    const text = db.run(['team', 'answerable', 'list', '--place', '430321']);
    expect(text.stdout).toContain('王建国（县卫健局副局长）');
  });

  it('records sectors and shows progress and the ledger by sector', () => {
    const [r] = db.json([
      'team',
      'sectors',
      'set',
      '--resident',
      db.ids[1] as string,
      '--sector',
      'education',
      '--employer',
      '锦石乡中心学校',
      '--public-role',
      'public-servant',
    ]);
    expect(r).toEqual({
      residentId: 2,
      employer: '锦石乡中心学校',
      sector: 'education',
      publicRole: 'public-servant',
    });
    const sectors = db.json(['team', 'sectors', '--campaign', campaign, '--place', JINSHI]);
    expect(sectors[0]).toMatchObject({ sector: 'education', residents: 1, eligible: 1, unscreened: 1 });
    const ledger = db.json([
      'team',
      'sectors',
      'ledger',
      '--campaign',
      campaign,
      '--place',
      JINSHI,
      '--sector',
      'education',
    ]);
    expect(ledger).toEqual([expect.objectContaining({ residentId: 2, employer: '锦石乡中心学校' })]);
    expect(
      db.run(['team', 'sectors', 'ledger', '--campaign', campaign, '--place', JINSHI, '--sector', 'army'])
        .code,
    ).toBe(3);
  });

  it('has help for every command', () => {
    for (const args of [
      ['team'],
      ['team', 'create'],
      ['team', 'member', 'add'],
      ['team', 'send'],
      ['team', 'worklist'],
      ['team', 'answerable', 'set'],
      ['team', 'sectors', 'ledger'],
    ]) {
      const r = db.run([...args, '--help']);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: gridvax');
    }
  });
});
