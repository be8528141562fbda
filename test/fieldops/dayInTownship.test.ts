import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridvax, jsonLines } from '../support/cli.js';

/**
 * Issue 8's "done when": a day in 锦石乡 run end to end on the demo with the commands an
 * administrator scripts — a team sent, a village's day booked, a ride planned and driven, a
 * resident checked in, screened, vaccinated and observed with one AEFI, the county's order
 * acknowledged and completed — and the day shows in progress and in the daily report.
 */
const JINSHI = '430321205';
const T = (hhmm: string) => `2021-08-09T${hhmm}:00+08:00`;

describe('a day in 锦石乡, end to end on the demo (CLI)', () => {
  let dir: string;
  let db: string;
  const run = (args: string[]): Record<string, unknown> => {
    const r = gridvax([...args, '--db', db, '--json']);
    expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    return jsonLines(r.stdout)[0] as Record<string, unknown>;
  };
  const all = (args: string[]): Record<string, unknown>[] => {
    const r = gridvax([...args, '--db', db, '--json']);
    expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
    return jsonLines(r.stdout);
  };
  const progress = () => run(['progress', '--campaign', '1', '--place', JINSHI, '--depth', '0']);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gridvax-day-'));
    db = join(dir, 'gridvax.db');
    const built = gridvax(['demo', '--no-serve', '--residents', '20000', '--db', db]);
    expect(built.code, built.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends a team, books, drives, checks in, vaccinates, observes, reports an AEFI and answers the order', () => {
    const before = progress();
    // The open residents of the township, named (the ledger, unmasked, as the command may).
    const open = all(['ledger', '--campaign', '1', '--place', JINSHI, '--unmasked', '--limit', '50']);
    const resident = open.find((e) => e['status'] === 'unscreened' || e['reason'] === 'booked') ?? open[0];
    expect(resident).toBeDefined();
    const idNumber = String(resident?.['idNumber']);
    const village = String(resident?.['gridCode']).slice(0, 12);

    // 1. The attack team goes to the resident's village.
    const teams = all(['team', 'list', '--place', JINSHI]);
    const attack = teams.find((x) => x['kind'] === 'attack');
    const sent = run(['team', 'send', '--team', String(attack?.['id']), '--villages', village]);
    expect((sent['villages'] as { code: string }[]).map((v) => v.code)).toContain(village);

    // 2. Tomorrow's plan for the village at the health centre, within its capacity.
    const sites = all(['site', 'list', '--place', JINSHI]);
    const centre = sites.find((s) => s['kind'] === 'health-centre');
    const siteId = String(centre?.['id']);
    const booked = run([
      'site',
      'book',
      siteId,
      '--village',
      village,
      '--day',
      '2021-08-10',
      '--planned',
      '5',
    ]);
    expect(booked['changes']).toBeDefined();

    // 3. A ride to the site this afternoon, planned into a trip and driven.
    const ride = run([
      'transport',
      'request',
      '--resident',
      idNumber,
      '--day',
      '2021-08-09',
      '--window',
      '15:00-16:00',
      '--site',
      siteId,
    ]);
    const plan = run(['transport', 'plan', '--place', JINSHI, '--day', '2021-08-09']);
    expect(plan['explanation']).toBeTruthy();
    const rideId = String(ride['id']);
    expect(
      run(['transport', 'move', '--request', rideId, '--to', 'picked-up', '--at', T('15:10')]),
    ).toMatchObject({
      to: 'picked-up',
    });

    // 4. At the site: check-in, the questions, the doctor, the dose, the observation with an AEFI.
    const checkin = run(['checkin', 'add', '--site', siteId, '--resident', idNumber, '--at', T('15:30')]);
    const c = String((checkin['checkin'] as { id: string } | undefined)?.id ?? checkin['id']);
    run([
      'checkin',
      'screen',
      '--checkin',
      c,
      '--temperature',
      '36.6',
      '--health-code',
      'green',
      '--bp',
      '128/82',
      '--at',
      T('15:35'),
    ]);
    expect(
      run(['checkin', 'decide', '--checkin', c, '--decision', 'recommend', '--at', T('15:40')]),
    ).toMatchObject({
      stage: 'awaiting-dose',
    });
    const dosed = run([
      'checkin',
      'dose',
      '--checkin',
      c,
      '--product',
      'sinovac',
      '--lot',
      '202108A',
      '--at',
      T('15:45'),
    ]);
    expect(dosed['stage']).toBe('observing');
    const observed = run([
      'checkin',
      'observe',
      '--checkin',
      c,
      '--outcome',
      'aefi',
      '--what',
      'syncope',
      '--severity',
      'mild',
      '--onset',
      T('15:55'),
      '--aefi-outcome',
      'recovered',
      '--at',
      T('16:00'),
    ]);
    expect(observed['aefi']).toMatchObject({ severity: 'mild' });
    expect(
      run(['transport', 'move', '--request', rideId, '--to', 'vaccinated', '--at', T('16:05')])['ride'],
    ).toMatchObject({
      doseRecorded: true,
    });
    run(['transport', 'move', '--request', rideId, '--to', 'returned', '--at', T('16:40')]);

    // 5. The county's order, acknowledged and completed by the township.
    const order = run([
      'order',
      'issue',
      '--title',
      '锦石乡今日清零',
      '--text',
      '请于今晚20:00前完成锦石乡剩余人员摸排并报告。',
      '--deadline',
      T('20:00'),
      '--to',
      JINSHI,
    ]);
    const orderId = String(order['id']);
    run(['order', 'ack', orderId, '--unit', JINSHI]);
    expect(run(['order', 'complete', orderId, '--unit', JINSHI, '--note', '已完成'])).toMatchObject({
      state: 'completed',
    });

    // 6. It shows: one more dose today in the township's progress, and in the daily report.
    const after = progress();
    expect(Number(after['done'])).toBe(Number(before['done']) + 1);
    expect(Number(after['todayIncrement'])).toBe(Number(before['todayIncrement']) + 1);
    const report = gridvax([
      'report',
      'daily',
      '--campaign',
      '1',
      '--date',
      '2021-08-09',
      '--place',
      JINSHI,
      '--format',
      'json',
      '--db',
      db,
    ]);
    expect(report.code, report.stderr).toBe(0);
    const model = JSON.parse(report.stdout) as {
      units?: { answerable: string | null }[];
      dispatch?: { orders: number };
    };
    expect(model.dispatch?.orders).toBeGreaterThan(0);
    // The units carry their answerable cadres (县包乡、乡包村组).
    expect(report.stdout).toMatch(/"answerable":"[^"]+（[^"]+）"/);
  });
});
