import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/openStore.js';
import { createFirstDoseCampaign, engineDb, type EngineDb } from '../cli/engineDb.js';
import { jsonLines } from '../support/cli.js';
import { insertSite } from './siteScreeningSupport.js';

describe('gridvax checkin', () => {
  let db: EngineDb;
  let site: string;
  const id = (n: number): string => db.ids[n - 1] as string;
  const at = (hhmm: string) => `2021-08-09T${hhmm}:00+08:00`;

  beforeAll(async () => {
    db = await engineDb();
    createFirstDoseCampaign(db);
    const store = await openStore({ dialect: 'sqlite', target: db.file, isDefault: false });
    try {
      site = String(await insertSite(store, '430321205', '锦石乡卫生院'));
    } finally {
      await store.close();
    }
  });
  afterAll(() => db.remove());

  it('explains itself', () => {
    const help = db.run(['checkin', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('现场预检');
    for (const sub of ['add', 'screen', 'decide', 'dose', 'observe', 'aefi', 'list'])
      expect(help.stdout).toContain(sub);
    expect(db.run(['checkin', 'screen', '--help']).stdout).toContain('--yes <codes>');
  });

  it('takes a resident from the door to the end of observation, and reports an AEFI', () => {
    const [added] = db.json([
      'checkin',
      'add',
      '--site',
      site,
      '--resident',
      id(1),
      '--at',
      at('08:40'),
      '--by',
      '李医生',
    ]);
    const checkin = String(added?.['id']);
    expect(added).toMatchObject({ created: true, stage: 'checked-in', checkedInBy: '李医生' });
    const [screened] = db.json([
      'checkin',
      'screen',
      '--checkin',
      checkin,
      '--temperature',
      '36.5',
      '--health-code',
      'green',
      '--bp',
      '142/88',
      '--at',
      at('08:45'),
    ]);
    expect(screened).toMatchObject({
      stage: 'screened',
      screening: { suggestion: { decision: 'recommend', watchClosely: true } },
    });
    db.json(['checkin', 'decide', '--checkin', checkin, '--decision', 'recommend', '--at', at('08:50')]);
    const [dosed] = db.json([
      'checkin',
      'dose',
      '--checkin',
      checkin,
      '--product',
      'sinovac',
      '--lot',
      '202107B',
      '--at',
      at('09:00'),
    ]);
    expect(dosed).toMatchObject({ stage: 'observing', observation: { endsAt: '2021-08-09T01:30:00.000Z' } });

    const early = db.run([
      'checkin',
      'observe',
      '--checkin',
      checkin,
      '--outcome',
      'ok',
      '--at',
      at('09:15'),
      '--json',
    ]);
    expect(early.code).toBe(6);
    expect(jsonLines(early.stdout)[0]).toMatchObject({ error: { code: 'observation.too-early' } });
    const [ended] = db.json([
      'checkin',
      'observe',
      '--checkin',
      checkin,
      '--outcome',
      'aefi',
      '--at',
      at('09:20'),
      '--what',
      'syncope',
      '--severity',
      'mild',
      '--onset',
      at('09:12'),
      '--aefi-outcome',
      'recovered',
    ]);
    expect(ended).toMatchObject({ checkin: { stage: 'done' }, aefi: { what: 'syncope', urgent: false } });

    const doseId = String((dosed?.['dose'] as { id: string }).id);
    const [later] = db.json([
      'checkin',
      'aefi',
      '--resident',
      id(1),
      '--dose',
      doseId,
      '--what',
      'fever',
      '--severity',
      'mild',
      '--onset',
      at('16:00'),
      '--outcome',
      'observed',
    ]);
    expect(later).toMatchObject({ what: 'fever', checkinId: checkin });
    expect(db.json(['checkin', 'list', '--site', site, '--aefi'])).toHaveLength(2);
  });

  it('refuses `gridvax dose add` for a resident postponed at the site today (exit 6)', () => {
    const [added] = db.json(['checkin', 'add', '--site', site, '--resident', id(2), '--at', at('10:00')]);
    const checkin = String(added?.['id']);
    db.json([
      'checkin',
      'screen',
      '--checkin',
      checkin,
      '--temperature',
      '38.1',
      '--health-code',
      'green',
      '--at',
      at('10:02'),
    ]);
    const against = db.run(['checkin', 'decide', '--checkin', checkin, '--decision', 'recommend', '--json']);
    expect(against.code).toBe(6);
    expect(jsonLines(against.stdout)[0]).toMatchObject({ error: { code: 'decision.note-required' } });
    const [postponed] = db.json([
      'checkin',
      'decide',
      '--checkin',
      checkin,
      '--decision',
      'postpone',
      '--until',
      '2021-08-14',
    ]);
    expect(postponed).toMatchObject({ decision: { decision: 'postpone', untilDate: '2021-08-14' } });

    const dose = db.run([
      'dose',
      'add',
      '--resident',
      id(2),
      '--product',
      'sinovac',
      '--dose',
      '1',
      '--at',
      at('15:00'),
      '--json',
    ]);
    expect(dose.code).toBe(6);
    expect(jsonLines(dose.stdout)[0]).toMatchObject({ error: { code: 'dose.checkin-postponed' } });

    const list = db.run(['checkin', 'list', '--place', '430321205206']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('推迟 1');
    expect(list.stdout).toContain('430321********');
    expect(db.run(['checkin', 'list']).code).toBe(3);
  });
});
