import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/openStore.js';
import { gridvax, jsonLines } from '../support/cli.js';
import { JINSHI, JINSHI_VILLAGE, transportCounty, type TransportCounty } from './transportCounty.js';

describe('gridvax transport', () => {
  let dir: string;
  let file: string;
  let t: TransportCounty;
  const run = (args: readonly string[]) => gridvax([...args, '--db', file]);
  const json = (args: readonly string[]) => {
    const r = run([...args, '--json']);
    if (r.code !== 0) throw new Error(`gridvax ${args.join(' ')} exited ${r.code}: ${r.stdout}${r.stderr}`);
    return jsonLines(r.stdout);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gridvax-transport-'));
    file = join(dir, 'gridvax.db');
    const store = await openStore({ dialect: 'sqlite', target: file, isDefault: false });
    try {
      t = await transportCounty(store);
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has help for every subcommand', () => {
    const help = gridvax(['transport', '--help']);
    expect(help.code).toBe(0);
    for (const sub of [
      'drivers',
      'vehicles',
      'request',
      'suggest',
      'plan',
      'trip',
      'assign',
      'move',
      'board',
    ]) {
      expect(help.stdout).toContain(sub);
    }
    const move = gridvax(['transport', 'move', '--help']);
    expect(move.stdout).toContain('--reason');
    expect(move.stdout).toContain('--json');
  });

  let plan: Record<string, unknown> | undefined;
  let ride: Record<string, unknown> | undefined;

  it('registers the fleet and books the suggested rides', () => {
    const [driver] = json([
      'transport',
      'drivers',
      'add',
      '--place',
      JINSHI,
      '--name',
      '刘建国',
      '--phone',
      '13807320001',
    ]);
    expect(driver).toMatchObject({ name: '刘建国', township: JINSHI });
    const [van] = json([
      'transport',
      'vehicles',
      'add',
      '--place',
      JINSHI,
      '--plate',
      '湘C·A1234',
      '--seats',
      '2',
    ]);
    expect(json(['transport', 'vehicles', 'list', '--place', JINSHI])).toEqual([van]);

    const suggested = json([
      'transport',
      'suggest',
      '--campaign',
      String(t.campaignId),
      '--place',
      JINSHI,
      '--day',
      '2021-08-10',
    ]);
    expect(suggested.map((s) => s['residentId'])).toEqual([5, 1, 3]);
    const accepted = json([
      'transport',
      'suggest',
      '--campaign',
      String(t.campaignId),
      '--place',
      JINSHI_VILLAGE,
      '--day',
      '2021-08-10',
      '--accept',
      '--by',
      '网格员小周',
    ]);
    expect(accepted.map((r) => r['result'])).toEqual(['created', 'created']);
  });

  it('plans the day, refuses a second ride and a rider over the seats', () => {
    [plan] = json(['transport', 'plan', '--place', JINSHI, '--day', '2021-08-10']);
    expect(plan).toMatchObject({ assigned: 2, unplanned: [] });
    expect((plan?.['explanation'] as unknown[]).length).toBeGreaterThan(3);

    // The 2-seat van took 锦石村's old couple (1 and 3) at 08:00–10:00: resident 2 does not fit.
    [ride] = json([
      'transport',
      'request',
      '--resident',
      t.ids[1] as string,
      '--day',
      '2021-08-10',
      '--window',
      '08:00-10:00',
    ]);
    const dup = run([
      'transport',
      'request',
      '--resident',
      t.ids[1] as string,
      '--day',
      '2021-08-10',
      '--window',
      '08:00-10:00',
      '--json',
    ]);
    expect(dup.code).toBe(5);
    expect(jsonLines(dup.stdout)[0]).toMatchObject({ error: { code: 'transport.duplicate' } });
    const tripId = (plan?.['trips'] as { id: number }[])[0]?.id as number;
    const over = run([
      'transport',
      'assign',
      '--trip',
      String(tripId),
      '--request',
      String(ride?.['id']),
      '--json',
    ]);
    expect(over.code).toBe(6);
    expect(jsonLines(over.stdout)[0]).toMatchObject({ error: { code: 'trip.over-seats' } });
  });

  it('refuses a bad move, cancels with a reason, and shows the board', () => {
    const bad = run(['transport', 'move', '--request', String(ride?.['id']), '--to', 'returned', '--json']);
    expect(bad.code).toBe(6);
    expect(jsonLines(bad.stdout)[0]).toMatchObject({ error: { code: 'transport.bad-transition' } });
    const [cancelled] = json([
      'transport',
      'move',
      '--request',
      String(ride?.['id']),
      '--to',
      'cancelled',
      '--reason',
      '家属自行接送',
    ]);
    expect(cancelled).toMatchObject({ from: 'requested', to: 'cancelled' });

    const [board] = json(['transport', 'board', '--place', JINSHI, '--day', '2021-08-10']);
    expect(board?.['counts']).toMatchObject({ assigned: 2, cancelled: 1 });
    const text = run(['transport', 'board', '--place', JINSHI, '--day', '2021-08-10']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('湘C·A1234');
    expect(text.stdout).not.toContain(t.ids[0] as string);
  });
});
