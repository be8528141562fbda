import { mkdtempSync, rmSync, writeFileSync, existsSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHIPPED_DIVISIONS } from '../../src/app/places/importPlaces.js';
import { gridvax, jsonLines, startGridvax } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gridvax-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stats = (db: string): Record<string, unknown> => {
  const r = gridvax(['stats', '--db', db, '--json']);
  expect(r.code).toBe(0);
  return jsonLines(r.stdout)[0] as Record<string, unknown>;
};

describe('gridvax init, places import, stats', () => {
  const db = join(dir, 'places.db');

  it('creates a database and imports the shipped Xiangtan County places, idempotently', () => {
    expect(gridvax(['init', '--db', db]).code).toBe(0);
    const first = gridvax(['places', 'import', '--county', '430321', '--db', db, '--json']);
    expect(first.code).toBe(0);
    expect(jsonLines(first.stdout)[0]).toMatchObject({
      counties: 1,
      townships: 17,
      villages: 351,
      inserted: 371,
    });
    const again = jsonLines(
      gridvax(['places', 'import', '--county', '430321', '--db', db, '--json']).stdout,
    )[0];
    expect(again).toMatchObject({ inserted: 0, updated: 371 });
    expect(stats(db)).toMatchObject({
      places: { county: 1, township: 17, village: 351, grid: 0 },
      households: 0,
      residents: 0,
    });
  });

  it('refuses an unknown county with a non-zero exit and writes nothing', () => {
    const fresh = join(dir, 'unknown.db');
    const r = gridvax(['places', 'import', '--county', '430399', '--db', fresh]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/430399/);
    expect(stats(fresh)).toMatchObject({ places: { county: 0, township: 0, village: 0 } });
  });

  it('names the file and line of a malformed division row, and writes nothing', () => {
    const bad = join(dir, 'bad-divisions');
    mkdirSync(bad);
    for (const f of ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv'])
      copyFileSync(join(SHIPPED_DIVISIONS, f), join(bad, f));
    writeFileSync(
      join(bad, 'villages.csv'),
      'code,name,streetCode,provinceCode,cityCode,areaCode\n430321205206,"锦石村委会",430321205,43,4303,430321\n43032120520X,"坏行",430321205,43,4303,430321\n',
    );
    const fresh = join(dir, 'bad.db');
    const r = gridvax([
      'places',
      'import',
      '--county',
      '430321',
      '--divisions',
      bad,
      '--db',
      fresh,
      '--json',
    ]);
    expect(r.code).toBe(3);
    expect(jsonLines(r.stdout)[0]).toMatchObject({ error: { file: 'villages.csv', row: 3 } });
    expect(stats(fresh)).toMatchObject({ places: { county: 0, village: 0 } });
  });

  it('gives a one-line error for a database folder that does not exist', () => {
    const r = gridvax(['stats', '--db', join(dir, 'no', 'such', 'folder', 'x.db')]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/数据库目录不存在.*database folder does not exist/);
  });
});

describe('gridvax demo and serve', () => {
  const db = join(dir, 'demo.db');

  it('refuses a bad --residents value before touching the database', () => {
    for (const value of ['-5', 'many', '12.5', '0']) {
      const r = gridvax(['demo', '--no-serve', '--residents', value, '--db', join(dir, 'never.db')]);
      expect(r.code, value).toBe(3);
      expect(r.stderr).toMatch(/--residents/);
    }
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
  });

  it('builds a small demo county and, run again, keeps it as it is', () => {
    const r = gridvax(['demo', '--no-serve', '--residents', '3000', '--seed', '7', '--db', db, '--json']);
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)[0]).toMatchObject({
      built: true,
      summary: { residents: 3000, campaignId: 1 },
    });
    const s = stats(db);
    expect(s).toMatchObject({
      places: { county: 1, township: 17, village: 351 },
      residents: 3000,
      campaigns: 1,
      pinnedNow: '2021-08-09T10:00:00.000Z',
    });
    expect((s['places'] as { grid: number }).grid).toBeGreaterThanOrEqual(351 * 4);
    const again = gridvax(['demo', '--no-serve', '--db', db, '--json']);
    expect(jsonLines(again.stdout)[0]).toMatchObject({ built: false, residents: 3000 });
    expect(stats(db)['residents']).toBe(3000);
  });

  it('serves the demo: /healthz and the county with its townships', async () => {
    const { child, url } = await startGridvax(['serve', '--db', db, '--port', '0']);
    try {
      expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({
        status: 'ok',
        now: '2021-08-09T10:00:00.000Z',
      });
      // Anonymous: 401. The demo's commander signs in with the demo password.
      expect((await fetch(`${url}/api/v1/places/430321`)).status).toBe(401);
      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'commander', password: 'gridvax-demo' }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const county = (await (await fetch(`${url}/api/v1/places/430321`, { headers: { cookie } })).json()) as {
        children: unknown[];
        counts: { residents: number };
      };
      expect(county.children).toHaveLength(17);
      expect(county.counts.residents).toBeGreaterThan(2800);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
