import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstDoseCampaign, engineDb, type EngineDb } from '../cli/engineDb.js';
import { gridvax, jsonLines } from '../support/cli.js';

describe('gridvax site', () => {
  let db: EngineDb;
  let campaign: number;
  let siteId: number;

  beforeAll(async () => {
    db = await engineDb();
    campaign = createFirstDoseCampaign(db);
  });
  afterAll(() => db.remove());

  it('has help for every subcommand', () => {
    const help = gridvax(['site', '--help']);
    expect(help.code).toBe(0);
    for (const sub of ['add', 'update', 'list', 'show', 'book', 'schedule', 'stock', 'check']) {
      expect(help.stdout).toContain(sub);
    }
    const stock = gridvax(['site', 'stock', '--help']);
    for (const sub of ['receive', 'use', 'show']) expect(stock.stdout).toContain(sub);
    expect(gridvax(['site', 'book', '--help']).stdout).toContain('按村组排班');
  });

  it('adds a site and lists it', () => {
    const [site] = db.json([
      'site',
      'add',
      '--township',
      '430321205',
      '--name',
      '锦石乡卫生院',
      '--opens',
      '08:00',
      '--closes',
      '17:30',
      '--capacity',
      '40',
    ]);
    expect(site).toMatchObject({ name: '锦石乡卫生院', kind: 'health-centre', dailyCapacity: 40 });
    siteId = Number(site?.['id']);
    expect(db.json(['site', 'list', '--place', '430321205206001']).map((s) => s['id'])).toEqual([siteId]);
    const bad = db.run([
      'site',
      'add',
      '--township',
      '430321205',
      '--name',
      'x',
      '--opens',
      '9',
      '--closes',
      '17:00',
      '--capacity',
      '5',
      '--json',
    ]);
    expect(bad.code).toBe(3);
    expect(jsonLines(bad.stdout)[0]).toMatchObject({ error: { code: 'site.hours' } });
  });

  it('books a village for a week, and refuses a day over capacity with exit 6', () => {
    const [booked] = db.json([
      'site',
      'book',
      String(siteId),
      '--village',
      '430321205206',
      '--from',
      '2021-08-10',
      '--to',
      '2021-08-16',
      '--planned',
      '30',
    ]);
    expect(booked?.['days']).toHaveLength(7);
    const over = db.run(['site', 'book', String(siteId), '--entry', '430321205201:2021-08-12:20', '--json']);
    expect(over.code).toBe(6);
    expect(jsonLines(over.stdout)[0]).toMatchObject({ error: { code: 'booking.over-capacity' } });
    const [week] = db.json([
      'site',
      'schedule',
      '--place',
      '430321205',
      '--from',
      '2021-08-10',
      '--days',
      '3',
      '--campaign',
      String(campaign),
    ]);
    expect((week?.['days'] as { planned: number }[]).map((d) => d.planned)).toEqual([30, 30, 30]);
    const text = db.run(['site', 'schedule', '--place', '430321205', '--days', '2']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('锦石村');
  });

  it('receives and uses stock, refuses more than is left, and shows the day', () => {
    db.json([
      'site',
      'stock',
      'receive',
      String(siteId),
      '--day',
      '2021-08-09',
      '--product',
      'sinovac',
      '--lot',
      '202107K0042',
      '--vials',
      '10',
    ]);
    const [used] = db.json([
      'site',
      'stock',
      'use',
      String(siteId),
      '--day',
      '2021-08-09',
      '--product',
      'sinovac',
      '--lot',
      '202107K0042',
      '--given',
      '6',
      '--wasted',
      '1',
    ]);
    expect((used?.['stock'] as { totals: unknown }).totals).toMatchObject({
      left: { doses: 3 },
      recorded: 0,
      difference: 6,
    });
    const short = db.run([
      'site',
      'stock',
      'use',
      String(siteId),
      '--day',
      '2021-08-09',
      '--product',
      'sinovac',
      '--lot',
      '202107K0042',
      '--given',
      '4',
      '--json',
    ]);
    expect(short.code).toBe(6);
    expect(jsonLines(short.stdout)[0]).toMatchObject({ error: { code: 'stock.insufficient' } });
    const shown = db.run(['site', 'stock', 'show', String(siteId), '--day', '2021-08-09']);
    expect(shown.stdout).toContain('202107K0042');
    expect(shown.stdout).toContain('⚠ +6');
  });

  it('checks the comfort items and shows the missing ones', () => {
    const [c] = db.json([
      'site',
      'check',
      String(siteId),
      '--day',
      '2021-08-09',
      '--ok',
      'shade,cooling,drinking-water',
      '--missing',
      'heatstroke-remedies=藿香正气水下午到',
    ]);
    expect(c).toMatchObject({ missing: ['heatstroke-remedies'], complete: false });
    const show = db.run(['site', 'show', String(siteId), '--day', '2021-08-09']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('缺 missing: 防暑药品');
    const unknown = db.run(['site', 'show', '999', '--json']);
    expect(unknown.code).toBe(4);
  });
});
