import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.js';
import { openStore } from '../../src/store/openStore.js';
import { gridvax, jsonLines } from '../support/cli.js';
import { signIn } from '../support/signIn.js';

const dir = mkdtempSync(join(tmpdir(), 'gridvax-users-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gridvax init and users', () => {
  const db = join(dir, 'users.db');
  let adminPassword = '';

  it('gives a fresh database an administrator, its password printed once', () => {
    const first = gridvax(['init', '--db', db, '--json']);
    expect(first.code).toBe(0);
    const created = jsonLines(first.stdout)[0] as {
      administrator: { username: string; password: string; places: string[] };
    };
    expect(created.administrator).toMatchObject({ username: 'admin', places: [] });
    adminPassword = created.administrator.password;
    expect(adminPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const again = gridvax(['init', '--db', db, '--json']);
    expect(jsonLines(again.stdout)[0]).toEqual({ ok: true, database: expect.any(String) });
    // Places imported later: the next init attaches the administrator to the county.
    expect(gridvax(['places', 'import', '--county', '430321', '--db', db]).code).toBe(0);
    const attached = jsonLines(gridvax(['init', '--db', db, '--json']).stdout)[0];
    expect(attached).toMatchObject({ administratorAttached: { username: 'admin', places: ['430321'] } });
  });

  it('adds, lists, tokens and disables users; refuses bad roles, places and duplicates', async () => {
    const add = gridvax([
      'users',
      'add',
      '--username',
      'wang',
      '--role',
      'grid-member',
      '--place',
      '430321205206',
      '--display-name',
      '王网格员',
      '--db',
      db,
      '--json',
    ]);
    expect(add.code).toBe(0);
    const added = jsonLines(add.stdout)[0] as { password: string; places: string[]; role: string };
    expect(added).toMatchObject({ username: 'wang', role: 'grid-member', places: ['430321205206'] });
    expect(added.password).toHaveLength(20);
    const piped = gridvax(
      [
        'users',
        'add',
        '--username',
        'li',
        '--role',
        'site-staff',
        '--place',
        '430321205',
        '--password-stdin',
        '--db',
        db,
        '--json',
      ],
      { input: 'a-long-enough-secret\n' },
    );
    expect(piped.code).toBe(0);
    expect(jsonLines(piped.stdout)[0]).not.toHaveProperty('password');
    expect(
      gridvax(['users', 'add', '--username', 'x1', '--role', 'mayor', '--place', '430321', '--db', db]).code,
    ).toBe(3);
    expect(
      gridvax(['users', 'add', '--username', 'x2', '--role', 'driver', '--place', '430399', '--db', db]).code,
    ).toBe(4);
    expect(
      gridvax(['users', 'add', '--username', 'wang', '--role', 'driver', '--place', '430321', '--db', db])
        .code,
    ).toBe(5);

    const list = jsonLines(gridvax(['users', 'list', '--db', db, '--json']).stdout);
    expect(list.map((u) => u['username'])).toEqual(['admin', 'wang', 'li']);
    expect(JSON.stringify(list)).not.toMatch(/argon2|password/i);

    // The administrator, wang and li sign in through the real login.
    const store = await openStore({ dialect: 'sqlite', target: db, isDefault: false });
    const app = await buildServer(store);
    try {
      expect((await signIn(app, 'admin', adminPassword)).token).toBeTruthy();
      const li = await signIn(app, 'li', 'a-long-enough-secret');
      const token = jsonLines(
        gridvax(['users', 'token', '--username', 'wang', '--name', 'phone', '--db', db, '--json']).stdout,
      )[0] as { token: string };
      expect(token.token).toMatch(/^gvx_/);
      const me = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${token.token}` },
      });
      expect(me.json().user).toMatchObject({
        username: 'wang',
        displayName: '王网格员',
        places: ['430321205206'],
      });

      const disabled = gridvax(['users', 'disable', '--username', 'li', '--db', db, '--json']);
      expect(jsonLines(disabled.stdout)[0]).toMatchObject({ disabled: true, sessionsEnded: 1 });
      expect((await li.inject({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
      expect(
        jsonLines(gridvax(['users', 'disable', '--username', 'wang', '--db', db, '--json']).stdout)[0],
      ).toMatchObject({ tokensRevoked: 1 });
      const after = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${token.token}` },
      });
      expect(after.statusCode).toBe(401);
      const log = await (
        await signIn(app, 'admin', adminPassword)
      ).inject({ method: 'GET', url: '/api/v1/audit?action=user.*' });
      expect(log.json().items.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['user.create', 'user.disable', 'user.places']),
      );
    } finally {
      await app.close();
      await store.close();
    }
  });
});
