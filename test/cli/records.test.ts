import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRIDS } from '../support/county.js';
import { jsonLines } from '../support/cli.js';
import { createFirstDoseCampaign, engineDb, type EngineDb } from './engineDb.js';

describe('gridvax visit, dose and progress', () => {
  let db: EngineDb;
  let campaign: number;
  const id = (n: number): string => db.ids[n - 1] as string;

  beforeAll(async () => {
    db = await engineDb();
    campaign = createFirstDoseCampaign(db);
  });
  afterAll(() => db.remove());

  it('records a visit, names the missing field of an incomplete one, and stores a retried one once', () => {
    const [refused] = db.json([
      'visit',
      'add',
      '--resident',
      id(2),
      '--outcome',
      'refused',
      '--reason',
      '担心副作用',
      '--at',
      '2021-08-08T09:00:00+08:00',
    ]);
    expect(refused).toMatchObject({ result: 'stored', resident: id(2) });

    const booked = ['visit', 'add', '--resident', id(4), '--outcome', 'booked', '--date', '2021-08-10'];
    const noSite = db.run([...booked, '--json']);
    expect(noSite.code).toBe(3);
    expect(jsonLines(noSite.stdout)[0]).toMatchObject({ error: { code: 'visit.required', field: 'site' } });

    const uuid = '0b6f3c1e-8d2a-4c55-9f1e-2a7d9c3b4e10';
    const withSite = [...booked, '--site', '锦石乡卫生院', '--at', '2021-08-09T08:00:00+08:00', '--id', uuid];
    expect(db.json(withSite)).toEqual([{ id: uuid, result: 'stored', resident: id(4) }]);
    expect(db.json(withSite)).toEqual([{ id: uuid, result: 'duplicate', resident: id(4) }]);

    expect(db.run(['visit', 'add', '--resident', '110105194912310021', '--outcome', 'refused']).code).toBe(4);
  });

  it('records doses and refuses one given too early with exit 6', () => {
    const dose = (n: number, doseNumber: number, at: string) =>
      db.run([
        'dose',
        'add',
        '--resident',
        id(n),
        '--product',
        'sinovac',
        '--dose',
        String(doseNumber),
        '--at',
        at,
        '--lot',
        '202107A',
        '--json',
      ]);
    expect(dose(1, 1, '2021-08-09T09:00:00+08:00').code).toBe(0);
    expect(dose(5, 1, '2021-07-25T09:00:00+08:00').code).toBe(0);
    const early = dose(1, 2, '2021-08-09T15:00:00+08:00');
    expect(early.code).toBe(6);
    expect(jsonLines(early.stdout)[0]).toMatchObject({ error: { code: 'dose.too-early' } });
    expect(dose(5, 1, '2021-07-26T09:00:00+08:00').code).toBe(5); // dose 1 again: a conflict
    const badNumber = dose(4, 0, '2021-08-09T09:00:00+08:00');
    expect(badNumber.code).toBe(3);
    expect(jsonLines(badNumber.stdout)[0]).toMatchObject({ error: { field: 'dose' } });
  });

  it("shows a unit's progress with its units down to the depth asked", () => {
    const [p] = db.json(['progress', '--campaign', String(campaign), '--place', '430321205', '--depth', '2']);
    expect(p).toMatchObject({
      code: '430321205',
      task: null,
      residents: 5,
      eligible: 4,
      ineligible: 1,
      done: 2,
      exempt: 0,
      deferred: 0,
      open: 2,
      unscreened: 0,
      completion: null,
      todayIncrement: 1,
      screeningCleared: true,
      taskCleared: false,
      doubleClearedChildren: 1, // 430321205201: its one resident is done
    });
    const villages = p?.['children'] as Record<string, unknown>[];
    const jinshi = villages.find((v) => v['code'] === '430321205206');
    expect((jinshi?.['children'] as { code: string }[]).map((g) => g.code)).toEqual([GRIDS[0], GRIDS[1]]);
    expect(jinshi?.['children']).toEqual(
      expect.arrayContaining([expect.not.objectContaining({ children: expect.anything() as unknown })]),
    );

    const [alone] = db.json([
      'progress',
      '--campaign',
      String(campaign),
      '--place',
      GRIDS[2],
      '--depth',
      '0',
    ]);
    expect(alone).toMatchObject({ done: 1, eligible: 1, taskCleared: true, doubleCleared: true });
    expect(alone).not.toHaveProperty('children');

    const table = db.run(['progress', '--campaign', String(campaign), '--place', '430321205206']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/双清零/);
    expect(table.stdout).toMatch(/网格001/);

    expect(
      db.run(['progress', '--campaign', String(campaign), '--place', '430321205', '--depth', 'x']).code,
    ).toBe(3);
    expect(db.run(['progress', '--campaign', String(campaign), '--place', '4303219']).code).toBe(3);
    expect(db.run(['progress', '--campaign', '42', '--place', '430321205']).code).toBe(4);
  });
  it('lists residents by status, the ledger and its closures, the schedule and the worklist', () => {
    const c = String(campaign);
    const open = db.json(['residents', '--place', '430321205', '--campaign', c, '--status', 'open']);
    expect(open.map((r) => [r['name'], r['status'], r['place']])).toEqual([
      ['居民2', 'open', GRIDS[0]],
      ['居民4', 'open', GRIDS[1]],
    ]);
    expect(open[0]?.['idNumber']).toMatch(/\*{8}/);
    const unmasked = db.json([
      'residents',
      '--place',
      GRIDS[0],
      '--campaign',
      c,
      '--status',
      'done',
      '--unmasked',
    ]);
    expect(unmasked.map((r) => r['idNumber'])).toEqual([id(1)]);
    const two = db.json(['residents', '--place', '430321', '--limit', '2']);
    expect(two).toHaveLength(2);
    expect(two[0]).not.toHaveProperty('status');
    expect(db.run(['residents', '--place', '430321205', '--status', 'open']).code).toBe(3);

    const ledger = db.json(['ledger', '--campaign', c, '--place', '430321205']);
    expect(ledger.map((e) => [e['name'], e['reason']])).toEqual([
      ['居民2', 'refused'],
      ['居民4', 'booked'],
    ]);
    const stillOpen = db.run([
      'ledger',
      'close',
      '--campaign',
      c,
      '--resident',
      id(2),
      '--reason',
      '已接种',
      '--by',
      '张三',
      '--json',
    ]);
    expect(stillOpen.code).toBe(6);
    expect(jsonLines(stillOpen.stdout)[0]).toMatchObject({ error: { code: 'ledger.still-open' } });
    db.json(['ledger', 'close', '--campaign', c, '--resident', id(1), '--reason', '已接种', '--by', '张三']);
    expect(db.json(['ledger', 'history', '--campaign', c, '--place', '430321205'])).toEqual([
      expect.objectContaining({ residentId: 1, closedBy: '张三', reason: '已接种', statusNow: 'done' }),
    ]);

    const [schedule] = db.json(['schedule', '--campaign', c, '--place', '430321205']);
    expect(schedule).toMatchObject({
      today: '2021-08-09',
      deadline: '2021-08-31',
      unit: { code: '430321205' },
    });

    const worklist = db.json(['worklist', '--campaign', c, '--grid', `${GRIDS[0]},${GRIDS[1]}`]);
    expect(worklist.map((i) => i['name']).sort()).toEqual(['居民2', '居民4']);
    expect(worklist[0]).toEqual(
      expect.objectContaining({
        tier: expect.any(Number) as unknown,
        nextAction: expect.anything() as unknown,
      }),
    );
  });
});
