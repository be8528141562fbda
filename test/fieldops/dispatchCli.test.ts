import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/openStore.js';
import { createFirstDoseCampaign, engineDb, type EngineDb } from '../cli/engineDb.js';
import { jsonLines } from '../support/cli.js';

const JINSHI = '430321205';
const VILLAGE = '430321205206';

describe('gridvax order and gridvax notice', () => {
  let db: EngineDb;
  let campaign: number;

  beforeAll(async () => {
    db = await engineDb();
    campaign = createFirstDoseCampaign(db);
    const store = await openStore({ dialect: 'sqlite', target: db.file, isDefault: false });
    try {
      await store.db.updateTable('residents').set({ public_role: 'cadre' }).where('id', '=', 1).execute();
    } finally {
      await store.close();
    }
  });
  afterAll(() => db.remove());

  it('has --help for every command, in both languages', () => {
    for (const args of [
      ['order'],
      ['order', 'issue'],
      ['order', 'list'],
      ['order', 'show'],
      ['order', 'ack'],
      ['order', 'complete'],
      ['notice'],
      ['notice', 'show'],
      ['notice', 'edit'],
      ['notice', 'broadcast'],
      ['notice', 'broadcast', 'set'],
      ['notice', 'broadcast', 'list'],
      ['notice', 'leaders'],
    ]) {
      const r = db.run([...args, '--help']);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('issues an order, refuses one outside the issuer whole, and records the answers', () => {
    const outside = db.run([
      'order',
      'issue',
      '--title',
      '调度令',
      '--text',
      '请报送台账',
      '--deadline',
      '2021-08-09T20:00:00+08:00',
      '--issuer',
      JINSHI,
      '--to',
      `${VILLAGE},430321114207`,
      '--json',
    ]);
    expect(outside.code).toBe(4);
    expect(jsonLines(outside.stdout)[0]).toMatchObject({ error: { code: 'order.out-of-scope' } });
    expect(db.json(['order', 'list', '--place', '430321'])).toEqual([]);

    const [order] = db.json([
      'order',
      'issue',
      '--title',
      '关于报送销号台账的调度令',
      '--text',
      '请于今晚20:00前报送',
      '--deadline',
      '2021-08-09T20:00:00+08:00',
      '--to',
      `${JINSHI},430321114`,
      '--campaign',
      String(campaign),
      '--by',
      '县指挥部',
    ]);
    expect(order).toMatchObject({ issuer: { code: '430321' }, issuedBy: '县指挥部', campaignId: campaign });
    const id = String(order?.['id']);

    expect(db.json(['order', 'ack', id, '--unit', JINSHI, '--by', '锦石乡负责人'])[0]).toMatchObject({
      state: 'acknowledged',
      recorded: true,
    });
    expect(db.json(['order', 'complete', id, '--unit', JINSHI, '--note', '已报送'])[0]).toMatchObject({
      state: 'completed',
      note: '已报送',
    });
    const again = db.run(['order', 'complete', id, '--unit', JINSHI, '--note', '再报']);
    expect(again.code).toBe(5);

    const shown = db.run(['order', 'show', id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('关于报送销号台账的调度令');
    expect(shown.stdout).toContain('已办结');
    const listed = db.run(['order', 'list', '--place', '430321']);
    expect(listed.stdout).toContain('关于报送销号台账的调度令');
    expect(db.json(['order', 'list', '--place', '430321', '--state', 'overdue'])).toEqual([]);
    expect(db.run(['order', 'list', '--place', '430321', '--state', 'late']).code).toBe(3);
  });

  it("prints a village's notice, sets its loudspeaker schedule and lists its public list", () => {
    const text = db.run(['notice', 'show', '--village', VILLAGE, '--campaign', String(campaign)]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('【锦石村新冠疫苗接种通知】8月9日');
    const en = db.run(['notice', 'show', '--village', VILLAGE, '--campaign', String(campaign), '--en']);
    expect(en.stdout).toContain('COVID-19 vaccination notice');

    db.json(['notice', 'edit', '--village', VILLAGE, '--text', '今晚村部开会']);
    expect(
      db.json(['notice', 'show', '--village', VILLAGE, '--campaign', String(campaign)])[0],
    ).toMatchObject({
      edited: true,
      text: { zh: '今晚村部开会' },
    });
    expect(db.json(['notice', 'edit', '--village', VILLAGE, '--clear'])[0]).toMatchObject({ cleared: true });

    expect(db.json(['notice', 'broadcast', 'list', '--village', VILLAGE])[0]).toMatchObject({
      isDefault: true,
    });
    const set = db.json([
      'notice',
      'broadcast',
      'set',
      '--village',
      VILLAGE,
      '--slot',
      '18:30=晚间提醒',
      '--slot',
      '07:00=疫苗要打好，筑牢防疫墙',
    ])[0];
    expect(set).toMatchObject({
      isDefault: false,
      slots: [
        { time: '07:00', message: '疫苗要打好，筑牢防疫墙' },
        { time: '18:30', message: '晚间提醒' },
      ],
    });
    const bad = db.run(['notice', 'broadcast', 'set', '--village', VILLAGE, '--slot', 'morning']);
    expect(bad.code).toBe(3);

    // Resident 1 is a cadre but not yet vaccinated: the list is empty until the dose.
    expect(db.json(['notice', 'leaders', '--village', VILLAGE, '--campaign', String(campaign)])).toEqual([]);
    const dose = db.run([
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
    expect(dose.code, dose.stderr).toBe(0);
    expect(db.json(['notice', 'leaders', '--village', VILLAGE, '--campaign', String(campaign)])).toEqual([
      { name: '居民1', role: 'cadre', roleLabel: { zh: '干部', en: 'cadre' }, firstDoseOn: '2021-08-09' },
    ]);
  });
});
