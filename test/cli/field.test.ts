import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines } from '../support/cli.js';
import { createFirstDoseCampaign, engineDb, type EngineDb } from './engineDb.js';

describe('gridvax sync, devices and lookback', () => {
  let db: EngineDb;
  let campaign: number;
  const id = (n: number): string => db.ids[n - 1] as string;

  beforeAll(async () => {
    db = await engineDb();
    campaign = createFirstDoseCampaign(db);
  });
  afterAll(() => db.remove());

  it('imports a batch file item by item and reports the device', () => {
    const batch = join(dirname(db.file), 'batch.json');
    const doseId = '3f0c9a52-6a1b-4f0e-8a47-0d9c1e2b3a40';
    const visitId = '3f0c9a52-6a1b-4f0e-8a47-0d9c1e2b3a41';
    writeFileSync(
      batch,
      JSON.stringify({
        items: [
          {
            kind: 'dose',
            id: doseId,
            idNumber: id(5),
            dose: { product: 'sinovac', doseNumber: 1, at: '2021-07-25T09:00:00+08:00' },
          },
          // A refusal without its reason: rejected on its own, the dose above is still stored.
          {
            kind: 'visit',
            id: visitId,
            idNumber: id(2),
            visit: { outcome: 'refused', at: '2021-08-09T09:00:00+08:00', channel: 'door' },
          },
        ],
      }),
    );
    const answers = db.json(['sync', '--file', batch, '--device', 'phone-7', '--user', '王五']);
    expect(answers).toEqual([
      { id: doseId, kind: 'dose', result: 'stored' },
      {
        id: visitId,
        kind: 'visit',
        result: 'rejected',
        error: expect.objectContaining({ field: 'reason' }) as unknown,
      },
    ]);
    expect(db.json(['devices'])).toEqual([
      expect.objectContaining({ deviceId: 'phone-7', userName: '王五', reportedToday: true }),
    ]);
    const missing = db.run([
      'sync',
      '--file',
      join(dirname(db.file), 'none.json'),
      '--device',
      'p',
      '--json',
    ]);
    expect(missing.code).toBe(3);
    expect(jsonLines(missing.stdout)[0]).toMatchObject({ error: { code: 'sync.file' } });
  });

  it('draws a look-back of a cleared village, and a discrepancy reopens it', () => {
    const c = String(campaign);
    const [drawn] = db.json([
      'lookback',
      'create',
      '--campaign',
      c,
      '--place',
      '430321205201',
      '--seed',
      's1',
      '--by',
      '李四',
    ]);
    expect(drawn).toMatchObject({ place: '430321205201', items: [{ name: '居民5', statusAtDraw: 'done' }] });
    const lookback = String(drawn?.['id']);
    db.json([
      'lookback',
      'record',
      '--lookback',
      lookback,
      '--resident',
      id(5),
      '--matches',
      'no',
      '--note',
      '本人称未接种',
      '--by',
      '李四',
    ]);
    const [shown] = db.json(['lookback', 'show', '--lookback', lookback]);
    expect(shown).toMatchObject({ verdict: { checked: 1, discrepancies: 1, reopen: true } });
    expect(
      db.run([
        'lookback',
        'record',
        '--lookback',
        lookback,
        '--resident',
        id(5),
        '--matches',
        'maybe',
        '--by',
        'x',
      ]).code,
    ).toBe(3);
  });
});
