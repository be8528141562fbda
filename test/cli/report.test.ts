import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, jsonLines } from '../support/cli.js';
import { createFirstDoseCampaign, engineDb, type EngineDb } from './engineDb.js';

describe('gridvax report', () => {
  let db: EngineDb;
  let campaign: number;
  let out: string;
  const id = (n: number): string => db.ids[n - 1] as string;
  const daily = (...more: string[]) =>
    db.run(['report', 'daily', '--campaign', String(campaign), '--date', '2021-08-09', ...more]);

  beforeAll(async () => {
    db = await engineDb();
    campaign = createFirstDoseCampaign(db);
    out = mkdtempSync(join(tmpdir(), 'gridvax-report-'));
    db.json(['task', 'set', '--campaign', String(campaign), '--place', '430321205', '--count', '4']);
    for (const [n, day] of [
      [1, '2021-08-08'],
      [2, '2021-08-09'],
    ] as const) {
      db.json([
        'dose',
        'add',
        '--resident',
        id(n),
        '--product',
        'sinovac',
        '--dose',
        '1',
        '--at',
        `${day}T09:00:00+08:00`,
      ]);
    }
  });
  afterAll(() => {
    db.remove();
    rmSync(out, { recursive: true, force: true });
  });

  it('prints the WeChat text to stdout', () => {
    const r = daily('--format', 'text', '--place', '430321205');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('截至8月9日晚，锦石乡已完成新冠疫苗第一剂次接种2人，完成总任务50.0%');
    expect(r.stdout).toContain('当日新增接种1人。');
  });

  it('prints the model as one line of JSON', () => {
    const r = daily('--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const [report] = jsonLines(r.stdout);
    expect(report).toMatchObject({
      campaign: { id: campaign, target: 'first-dose', start: '2021-07-20', deadline: '2021-08-31' },
      date: '2021-08-09',
      cutoff: '2021-08-09T10:00:00.000Z',
      frozen: false,
      hasData: true,
      unit: { code: '430321', level: 'county', done: 2, increment: 1 },
    });
    const r2 = report as {
      unit: { children: { code: string; task: number | null; done: number }[] };
      trend: unknown[];
    };
    expect(r2.unit.children.find((t) => t.code === '430321205')).toMatchObject({ task: 4, done: 2 });
    expect(r2.trend).toHaveLength(14);
  });

  it('writes the spreadsheet and the PDF under their Chinese names, or to a pipe', async () => {
    const x = daily('--format', 'xlsx', '--out', out);
    expect(x.code, x.stderr).toBe(0);
    const file = join(out, '湘潭县按日调度_2021-08-09.xlsx');
    expect(x.stdout).toContain(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toContain('湘潭县');
    expect(names.some((n) => n.includes('锦石乡'))).toBe(true);

    const named = join(out, 'today.pdf');
    const p = daily('--format', 'pdf', '--out', named);
    expect(p.code, p.stderr).toBe(0);
    expect(readFileSync(named).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Piped (not a terminal), the bytes go to stdout.
    const piped = spawnSync(
      process.execPath,
      [
        CLI,
        'report',
        'daily',
        '--campaign',
        String(campaign),
        '--date',
        '2021-08-09',
        '--format',
        'xlsx',
        '--db',
        db.file,
      ],
      { env: { ...process.env, GRIDVAX_DATABASE_URL: '' } },
    );
    expect(piped.status).toBe(0);
    expect(piped.stdout.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('refuses a day outside the campaign, an unknown campaign or format, with their exit codes', () => {
    const before = db.run([
      'report',
      'daily',
      '--campaign',
      String(campaign),
      '--date',
      '2021-07-19',
      '--format',
      'text',
    ]);
    expect(before.code).toBe(3);
    expect(before.stderr).toContain('早于接种任务');
    const future = db.run([
      'report',
      'daily',
      '--campaign',
      String(campaign),
      '--date',
      '2021-08-10',
      '--format',
      'json',
    ]);
    expect(future.code).toBe(3);
    expect(future.stderr).toContain('after today');
    expect(
      db.run(['report', 'daily', '--campaign', '99', '--date', '2021-08-09', '--format', 'text']).code,
    ).toBe(4);
    expect(daily('--format', 'docx').code).toBe(3);
    expect(daily('--format', 'text', '--place', '430321999').code).toBe(4);
  });

  it('freezes a day once, keeps it, and retakes it only when asked', () => {
    const snap = (...more: string[]) =>
      db.json(['report', 'snapshot', '--campaign', String(campaign), ...more]);
    expect(snap()[0]).toMatchObject({
      result: 'stored',
      place: '430321',
      date: '2021-08-09',
      cutoff: '2021-08-09T10:00:00.000Z',
      done: 2,
      hasData: true,
    });
    expect(snap()[0]).toMatchObject({ result: 'existing', done: 2 });
    expect(snap('--date', '2021-08-08')[0]).toMatchObject({ result: 'stored', date: '2021-08-08', done: 1 });
    expect(snap('--date', '2021-08-08', '--retake')[0]).toMatchObject({
      result: 'retaken',
      replacedTakenAt: '2021-08-09T10:00:00.000Z',
    });
    const [frozen] = jsonLines(daily('--format', 'json').stdout);
    expect(frozen).toMatchObject({ frozen: true });
    const bad = db.run(['report', 'snapshot', '--campaign', String(campaign), '--cutoff', '6pm', '--json']);
    expect(bad.code).toBe(3);
    expect(jsonLines(bad.stdout)[0]).toMatchObject({ error: { code: 'report.cutoff' } });
  });
});
